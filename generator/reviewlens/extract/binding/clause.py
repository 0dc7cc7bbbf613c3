"""A citation inside a sentence binds the clause it stands in.

    `secure_filename` is applied to the name (line 70), but the `folder` field is joined ...
        (line 70 binds "`secure_filename` is applied to the name")
    every call site was updated (service.py:116-119)      (no code named: read with the item's lead)
"""

from __future__ import annotations

import re

from reviewlens.extract.binding import finding
from reviewlens.extract.binding.common import bare, heading, names_code
from reviewlens.extract.document import Document

CLAUSE_READ = 300  # characters of a clause read on either side of its citation

# Where a clause ends within a sentence: "; ", ", but ", ", while " ... (and a Chinese comma: its
# clauses are shorter than an English sentence's, and a citation is bound to one)
CLAUSE_BREAK = re.compile(
    r";\s|,\s+(?:but|while|whereas|although|though|yet|however|except)\b|,\s+and\s+(?=(?:it|its|the|this|that|these|those|they|there)\b)"
    r"|\s[—–]\s(?![`'\"])|[。；，]"
    # the same in other languages: ", а" ", но" (Russian), ", aber" ", während" (German), ", mais" (French),
    # ", pero" (Spanish), ", mas" (Portuguese)
    r"|,\s+(?:а|но|однако|тогда\s+как|aber|während|jedoch|mais|tandis\s+que|pero|mientras|mas|enquanto)\s"
    # a line that opens with a field label: "**Issue:** ...", "Location: ..." starts a statement of its own
    r"|\n(?=[ \t]*(?:[-*][ \t]+)?(?:\*\*[^*\n]{1,40}\*\*|[A-Z][A-Za-z ]{1,30}:[ \t]))"
)

# A unit's lead: "- **The lead.** text", "1. Lead: text", "| Lead cell | ..."
_LEAD = re.compile(r"[ \t>|]*+(?:[-*+][ \t]+|\d+[.)][ \t]+)?(\*\*[^*\n]{1,300}\*\*|[^\n:|]{1,300}?(?=:|\|))")


def bind(doc: Document, start: int, end: int) -> tuple[str, None] | None:
    clause = _clause(doc, start, end)
    if bare(clause):
        return None  # a bare location: it binds its finding
    if not names_code(clause):
        if doc.block_at(start, kinds=("heading",)) is not None and finding.quotes_code(doc, start):
            return None  # "# SQL injection - app.py:54" over a quoted block: it binds the finding and its quote
        clause = f"{_lead(doc, start)} {clause}"
    return clause, None


def _lead(doc: Document, pos: int) -> str:
    """What the unit around pos is about: a list item's bold lead or text before
    its colon, a table row's first cell, or else the heading of its section."""
    a, b = doc.unit_at(pos)
    m = _LEAD.match(doc.text, a, min(b, a + 400))
    if m and m.end() <= pos:
        return m.group(1)
    return heading(doc, pos)


def _clause(doc: Document, start: int, end: int) -> str:
    """The clause of the citation's sentence that holds it."""
    s_start, s_end = doc.sentence_at(start)
    s_start, s_end = max(s_start, start - CLAUSE_READ), min(max(s_end, end), end + CLAUSE_READ)
    text = doc.text
    a, b = s_start, s_end
    for m in CLAUSE_BREAK.finditer(text, s_start, s_end):
        if m.end() <= start:
            a = m.end()
        elif m.start() >= end:
            b = m.start()
            break
    return " ".join(text[a:b].split())
