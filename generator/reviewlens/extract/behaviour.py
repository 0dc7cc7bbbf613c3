"""behaviour claims: what the report says the code does to something.

    The compute service that manages the server is disabled.       ... and re-enables the compute service
    Passwords are hashed with bcrypt.        the session token is encrypted

Only verbs whose meaning in code is definite (VERBS): a file that does this
usually says so somewhere, in a call, a flag or a comment. The thing it is
said of is the noun phrase before a passive verb ("the compute service ...
is disabled") or after an active one ("disabling the compute service").
Negated and advised behaviour ("is not encrypted", "should be hashed") is
not claimed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewlens.extract.citations import NONE, Citations
from reviewlens.extract.document import Document
from reviewlens.model import Claim, Kind

VERBS = ("disable", "enable", "lock", "unlock", "encrypt", "decrypt", "revoke", "throttle", "escape", "sanitize",
         "sanitise", "hash")
_STEMS = "|".join(sorted((v[:-1] if v.endswith("e") else v) for v in VERBS))
# "is disabled", "are re-enabled", "gets hashed", "was properly escaped"
PASSIVE = re.compile(rf"\b(?:is|are|was|were|gets?|got|been|being)\s+(?:\w+ly\s+)?(?P<verb>(?:re-?)?(?:{_STEMS})e?d)\b", re.I)
# "disables the compute service", "re-enabling the service", "disabling/enabling the compute service"
ACTIVE = re.compile(
    rf"\b(?P<verb>(?:re-?)?(?:{_STEMS})(?:e?s|ing|e))(?:/(?:re-?)?(?:{_STEMS})(?:e?s|ing|e))?\s+(?:the\s+|a\s+|an\s+|its\s+)?"
    rf"(?P<object>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){{0,2}})", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no|n't|without|should|must|could|would|needs?\s+to|recommend\w*|consider)\b[^.]{0,30}$", re.I)
_SUBJECT = re.compile(r"(?:^|[.;:,]\s+|\b(?:and|but|when|if|then|where)\s+)(?:the\s+|a\s+|an\s+|its\s+)?"
                      r"(?P<object>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?)"
                      r"(?:\s+(?:that|which|who)\s+[^.;]*?)?\s*$", re.I)
_TRAILING = {"to", "using", "again", "with", "for", "by", "in", "on", "at", "from", "and", "then", "before", "after",
             "so", "as", "via", "when", "while", "once", "first", "later", "too", "also"}
_STOP = {"it", "this", "that", "they", "which", "code", "data", "value", "values", "input", "output", "everything",
         "something", "nothing", "all", "them", "those", "these", "each", "every", "any", "some", "both"}


def find(doc: Document, cited: Citations = NONE) -> Iterator[Claim]:
    text = doc.text
    for pattern in (PASSIVE, ACTIVE):
        for m in pattern.finditer(text):
            doc.budget.check()
            if doc.in_code_span(m.start(), m.end()) or doc.in_fence(m.start()):
                continue
            s_start, _ = doc.sentence_at(m.start())
            before = text[max(s_start, m.start() - 200):m.start()]
            if _NEGATED.search(before) or doc.opens_with_advice(s_start):
                continue
            if pattern is PASSIVE:  # what the sentence says it of: the noun phrase before "is"
                subject = _SUBJECT.search(before)
                what = subject.group("object") if subject else ""
            else:
                what = m.group("object")
            words = what.split()
            if words and words[0].lower() in _TRAILING:
                continue  # "hashes with SHA-1": no object named
            while words and words[-1].lower() in _TRAILING:
                words.pop()  # "the compute service to trigger ...": the object ends before its preposition
            words = [w for w in words if w.lower() not in _STOP]
            if not words:
                continue
            verb = _base(m.group("verb"))
            yield Claim(Kind.BEHAVIOUR, m.start("verb"), m.end("verb"), None, name=verb, description=" ".join(words))


def _base(word: str) -> str:
    """'re-enabled' -> 'enable', 'disabling' -> 'disable', 'hashed' -> 'hash'."""
    w = re.sub(r"^re-?", "", word.lower())
    for verb in VERBS:
        stem = verb[:-1] if verb.endswith("e") else verb
        if w.startswith(stem):
            return verb
    return w
