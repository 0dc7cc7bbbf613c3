"""Which file a claim is about, when the report names one.

    `src/cache.py` line 12        app.py:42        In `agents/x.py`, the call on line 5 ...
    ### simulator.py ... line 147          **File:** `routes.py` ... (line 66)

A citation that names its file ("app.py:42") carries it already. Any other
claim belongs to the file its context names, nearest first: its own sentence
(before it, or "line 5 of x.py" after it), its list item, table row or
paragraph, and its section (the heading, or a "File:" / "Location:" field
line of the section). Only a claim with no file anywhere in its context is
about the case's main source; the verify stage matches names to the case's
files by path.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from reviewlens.extract.document import Document
from reviewlens.lexicon import FILE_NAME, is_code_file
from reviewlens.model import Claim, Kind

# "line 5 of cache.py", "lines 3-4 in `x.go`": a file named right after the claim
_OF = re.compile(r"[ \t]+(?:of|in)[ \t]+`?$")
# A field line that names a section's file: "**File:** `x.py`", "File: x.py, Line 4", "Location: x.go:3"
_FIELD = re.compile(r"^[ \t>*|-]*+(?:\*\*)?[ \t]*(?:file|path|location|source)\b", re.I)


def attribute(doc: Document, claims: list[Claim]) -> list[Claim]:
    mentions = [(m.start(), m.group(1)) for m in FILE_NAME.finditer(doc.text)]
    if not mentions:
        return claims
    code = [(pos, name) for pos, name in mentions if is_code_file(name)]
    out = []
    for claim in claims:
        if claim.kind is Kind.VERDICT or claim.file:
            out.append(claim)
            continue
        # A name belongs to code: a design document the sentence names ("per PLAN.md") does not hold it.
        out.append(replace(claim, file=_named_for(doc, claim, code if claim.kind is Kind.IDENTIFIER else mentions)))
    return out


def code_files(doc: Document) -> tuple[str, ...]:
    """The code files a report names, each once, in order."""
    return tuple(dict.fromkeys(m.group(1) for m in FILE_NAME.finditer(doc.text) if is_code_file(m.group(1))))


def _named_for(doc: Document, claim: Claim, mentions: list[tuple[int, str]]) -> str | None:
    text = doc.text
    s_start, s_end = doc.sentence_at(claim.start)
    here = _between(mentions, max(s_start, claim.start - 400), claim.start)
    if here:
        return here[-1]
    after = _mentions_between(mentions, claim.end, min(s_end, claim.end + 40))
    if after and _OF.search(text, claim.end, after[0][0]):
        return after[0][1]
    u_start, _ = doc.unit_at(claim.start)
    here = _between(mentions, max(u_start, claim.start - 2000), claim.start)
    if here:
        return here[-1]
    h_start, _ = doc.section_at(claim.start)
    heading = doc.block_at(h_start, kinds=("heading",))
    if heading is not None:
        named = _between(mentions, heading.start, heading.end)
        if named:
            return named[-1]
    for pos, name in reversed(_mentions_between(mentions, max(h_start, claim.start - 5000), claim.start)):
        line_start = text.rfind("\n", 0, pos) + 1
        if _FIELD.match(text, line_start, pos):
            return name
    return None


def _mentions_between(mentions: list[tuple[int, str]], start: int, end: int) -> list[tuple[int, str]]:
    """The (position, file) mentions in [start, end), in order (mentions are sorted by position)."""
    return mentions[bisect.bisect_left(mentions, (start,)):bisect.bisect_left(mentions, (end,))]


def _between(mentions: list[tuple[int, str]], start: int, end: int) -> list[str]:
    return [name for _, name in _mentions_between(mentions, start, end)]
