"""What a citation says about its lines: the text a check weighs against them.

In order:

1. a label: "Line 7-9: This code imports ..." or "| L44 | the handler ... |"
   describes its lines with the text it introduces;
2. inside a sentence, only the clause bound to the number describes it: in
   "`secure_filename` is applied to the name (line 70), but the `folder` field
   is joined ...", line 70 is about `secure_filename`;
3. a bare location ("**File:** `app.py:60`", "File: shell.ts, Line 493.", a
   table field, "(line 102)") says nothing itself: its description is the
   finding it belongs to, the heading above it and the text and quoted code
   after it, up to the fix it recommends (proposed code is not the file's).
   In a short report that is one finding (an issue, a pull request), that is
   the whole report.

Every read is bounded: a description is at most DESCRIBED characters.
"""

from __future__ import annotations

import re

from reviewlens.extract.document import Document
from reviewlens.extract.patterns import ADVICE_OPENS, FIX_LABEL

DESCRIBED = 800  # characters of description kept per citation
CLAUSE_READ = 300  # characters of a clause read on either side of its citation
SHORT_REPORT = 3000  # a report this short is one finding: a bare location is described by all of it

# A reference that labels what follows: "Line 7-9: ...", "(Lines 21-53): ...", "| Line 44 | ...", "L46 - ..."
LABEL = re.compile(r"[`)\]]*\**[ \t]*(?::|\||[-–—][ \t])")
# The text a label introduces, up to the end of its sentence or cell (over wrapped lines, not past a
# blank line or the next list item):  ": This code imports the modules."
LABELLED = re.compile(r"[ \t`):.,|\-–—*]*+([^|;]*?)(?:(?<=[.!?])\s|;|\||\n[ \t]*\n|\n[ \t]*(?:[-*+]|\d+[.)]|#)[ \t]|\Z)")

# Where a clause ends within a sentence: "; ", ", but ", ", while " ... (and a Chinese comma: its
# clauses are shorter than an English sentence's, and a citation is bound to one)
CLAUSE_BREAK = re.compile(
    r";\s|,\s+(?:but|while|whereas|although|though|yet|however|except)\b|,\s+and\s+(?=(?:it|its|the|this|that|these|those|they|there)\b)"
    r"|\s[—–]\s(?![`'\"])|[。；，]"
    # a line that opens with a field label: "**Issue:** ...", "Location: ..." starts a statement of its own
    r"|\n(?=[ \t]*(?:[-*][ \t]+)?(?:\*\*[^*\n]{1,40}\*\*|[A-Z][A-Za-z ]{1,30}:[ \t]))"
)

# What a bare location consists of: file names, citations, field labels and markup.
_LOCATION = re.compile(
    r"(?:[\w./-]+\.[A-Za-z]\w{0,5}(?::[\d,\s–—-]+)?)|\b(?:file|files|location|path|lines?|at|in|see|ln)\b|第|行|"
    r"[\d,\s–—~:()（）、.*|_#>`\[\]-]+",
    re.I,
)
_WORD = re.compile(r"[\u3400-\u9fff]|[^\W\d_\u3400-\u9fff]{2,}")  # a CJK character is a word of its own
_HEADING_LINE = re.compile(r"^#{1,6}[ \t]", re.M)


def describe(doc: Document, start: int, end: int) -> str:
    """What the report says about the lines cited by text[start:end]."""
    text = doc.text
    after = LABELLED.match(text, end, min(len(text), end + DESCRIBED))
    said = " ".join(after.group(1).split()) if after else ""
    if LABEL.match(text, end) and len(_WORD.findall(said)) >= 2:
        return said[:DESCRIBED]
    clause = _clause(doc, start, end)
    if len(_WORD.findall(_LOCATION.sub(" ", clause))) >= 2:
        if not _names_code(clause):
            # "every call site was updated (service.py:116-119)": the subject is in the item's title
            clause = f"{_title(doc, start)} {clause}"
        return clause[:DESCRIBED]
    return _finding(doc, start)


# A unit's lead: "- **The lead.** text", "1. Lead: text", "| Lead cell | ..."
_LEAD = re.compile(r"[ \t>|]*+(?:[-*+][ \t]+|\d+[.)][ \t]+)?(\*\*[^*\n]{1,300}\*\*|[^\n:|]{1,300}?(?=:|\|))")


def _title(doc: Document, pos: int) -> str:
    """What the unit around pos is about: a list item's bold lead or text before
    its colon, a table row's first cell, or else the heading of its section."""
    a, b = doc.unit_at(pos)
    m = _LEAD.match(doc.text, a, min(b, a + 400))
    if m and m.end() <= pos:
        return m.group(1)
    h_start, _ = doc.section_at(pos)
    nl = doc.text.find("\n", h_start, h_start + 300)
    return doc.text[h_start:nl if nl != -1 else h_start + 300] if _HEADING_LINE.match(doc.text, h_start) else ""


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


def _finding(doc: Document, pos: int) -> str:
    """The finding a bare location belongs to: the heading of its section and
    what follows the location in it, up to a fix; the whole report when that is
    short enough to be one finding and the section alone names no code."""
    text = doc.text
    a, b = doc.section_at(pos)
    nl = text.find("\n", a, a + 300)
    heading = text[a:nl if nl != -1 else a + 300] if _HEADING_LINE.match(text, a) else ""
    section = heading + "\n" + _without_fix(text[pos:min(b, pos + DESCRIBED)])
    if not _names_code(section) and len(text) <= SHORT_REPORT:
        section = _without_fix(text)
    return " ".join(section.split())[:DESCRIBED]


def _without_fix(text: str) -> str:
    """The text up to its fix: a "Fix:" label, or the first sentence that gives advice
    ("Use parameterized queries instead: ..."), whose code is proposed, not the file's."""
    m = FIX_LABEL.search(text)
    text = text[: m.start()] if m else text
    m = ADVICE_OPENS.search(text)
    return text[: m.start()] if m else text


_CODE_NAME = re.compile(r"`[^`\n]+`|'[\w.]+(?:\(\))?'|\b[a-z]+_[a-z0-9_]+\b|\b[A-Z][a-z0-9]+[A-Z]\w*\b|\b[a-z]+[A-Z]\w*\b|\w\.\w+\(")
_A_PATH = re.compile(r"`?[\w./-]*(?:/[\w.-]+|\.[A-Za-z]\w{0,5})(?::[\d,\s–—-]*)?`?")


def _names_code(text: str) -> bool:
    """Whether text names code: a quoted or code-shaped name that is not a file path."""
    return any(not _A_PATH.fullmatch(m.group()) for m in _CODE_NAME.finditer(text))
