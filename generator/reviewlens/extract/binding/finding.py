"""A bare location binds the finding it belongs to.

    **File:** `app.py:60`        File: shell.ts, Line 493.        | **File** | `x.go:60` |        (line 102)

The finding is the heading of its section and what follows the location in
it, up to the fix it recommends (proposed code is not the file's). In a short
report that is one finding (an issue, a pull request), it is the whole report.
The code the finding quotes (its first code block that is not a fix) is bound
as a quote: the location is checked against where that code is.
"""

from __future__ import annotations

from reviewlens.extract.binding.common import heading, names_code
from reviewlens.extract.document import Document
from reviewlens.extract.patterns import ADVICE_OPENS, FIX_LABEL

FINDING_READ = 800  # characters of a finding read after its location
SHORT_REPORT = 3000  # a report this short is one finding: a bare location is described by all of it


def bind(doc: Document, start: int, end: int) -> tuple[str, str | None]:
    text = doc.text
    _, b = doc.section_at(start)
    after = end
    while after < len(text) and text[after] == "`":
        after += 1  # past the citation's own code span: "`app.py:60` ...", or the backticks after it pair wrongly
    section = heading(doc, start) + "\n" + _without_fix(text[after:min(b, after + FINDING_READ)])
    short = len(text) <= SHORT_REPORT
    if not names_code(section) and short:
        section = _without_fix(text)
    return " ".join(section.split()), _quoted_code(doc, start, b, short)


def quotes_code(doc: Document, start: int) -> bool:
    """Whether the finding around start quotes a code block of the file."""
    _, b = doc.section_at(start)
    return _quoted_code(doc, start, b, len(doc.text) <= SHORT_REPORT) is not None


def _quoted_code(doc: Document, start: int, end: int, short: bool) -> str | None:
    """The code the finding quotes: the first code block after the location in its section
    (in a short report, one finding, anywhere in it) that is not the reviewer's own code."""
    for block in doc.blocks_after(start) if not short else doc.blocks_after(0):
        if not short and block.start >= end:
            break
        if block.kind in ("fence", "code_block") and not doc.block_is_advice(block):
            body = doc.block_body(block)[1]
            return body if body.strip() else None
    return None


def _without_fix(text: str) -> str:
    """The text up to its fix: a "Fix:" label, or the first sentence that gives advice
    ("Use parameterized queries instead: ..."), whose code is proposed, not the file's."""
    m = FIX_LABEL.search(text)
    text = text[: m.start()] if m else text
    m = ADVICE_OPENS.search(text)
    return text[: m.start()] if m else text
