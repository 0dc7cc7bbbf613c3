"""Which file a claim is about, when the report names one.

    `src/cache.py` line 12        app.py:42        In `agents/x.py`, the call on line 5 ...

A claim takes the file named in its own sentence before it, or else in the
heading of its section. Claims that name no file are about the case's main
source; the verify stage matches names to the case's files by path suffix.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from generator.extract.document import Document
from generator.model import Claim, Kind

# A file name with a code extension: "cache.py", "src/agents/x.py", "lib/util.c"
FILE_NAME = re.compile(
    r"(?<![\w/.-])((?:[\w.-]+/)*[\w-]+(?:\.[\w-]+)*\.(?:py|pyi|js|jsx|mjs|cjs|ts|tsx|go|rs|c|h|cc|cpp|cxx|hpp|java|kt|"
    r"rb|php|cs|swift|scala|sh|bash|pl|lua|sql|m|mm|r|dart|ex|exs|erl|hs|ml|clj|vue|svelte))(?![\w])"
)


def attribute(doc: Document, claims: list[Claim]) -> list[Claim]:
    mentions = [(m.start(), m.group(1)) for m in FILE_NAME.finditer(doc.text)]
    if not mentions:
        return claims
    out = []
    for claim in claims:
        if claim.kind is Kind.VERDICT or claim.file:
            out.append(claim)
            continue
        out.append(replace(claim, file=_named_for(doc, claim, mentions, sentence_only=claim.kind is Kind.IDENTIFIER)))
    return out


def _named_for(doc: Document, claim: Claim, mentions: list[tuple[int, str]], sentence_only: bool = False) -> str | None:
    text = doc.text
    # "app.py:42": the name right before the number
    m = re.search(r"([\w./-]+):\d+$", text[max(0, claim.start - 200) : min(claim.end, claim.start + 200)].split()[-1]
                  if text[claim.start:claim.end].strip() else "")
    if m and FILE_NAME.fullmatch(m.group(1)):
        return m.group(1)
    s_start, _ = doc.sentence_at(claim.start)
    here = _between(mentions, s_start, claim.start)
    if here:
        return here[-1]
    if sentence_only:
        return None
    h_start, _ = doc.section_at(claim.start)
    heading = doc.block_at(h_start, kinds=("heading",))
    if heading is not None:
        named = _between(mentions, heading.start, heading.end)
        if named:
            return named[-1]
    return None


def _between(mentions: list[tuple[int, str]], start: int, end: int) -> list[str]:
    """The file names mentioned in [start, end), in order (mentions are sorted by position)."""
    return [name for _, name in mentions[bisect.bisect_left(mentions, (start,)):bisect.bisect_left(mentions, (end,))]]
