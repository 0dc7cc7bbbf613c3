"""A code span beside the number binds the citation.

    `open_db` (line 12)          `store.py:40` (`open_db`)          in `load` at line 80
    the `parse()` method (line 15)          `Store.Get()` at L168          `x.py:161` — `for t, p in items:`
    `if key in self.cache: return` (line 122)          (a statement: checked on the line as a quote)

In "`store.py:40` (`open_db`) and `store.py:77` (`run_query`)" line 40 binds
`open_db` alone and line 77 `run_query` alone. A span after the number wins
over one before it.
"""

from __future__ import annotations

import re

from reviewlens.extract.document import CodeSpan, Document
from reviewlens.lexicon import IDENTIFIER, PATH_OR_CITATION

# Between the citation and a span after it: "` (`", " — `", ": `", ") `"
_AFTER = re.compile(r"`?[ \t]*+[)\]）]?(?:\*\*)?[ \t]*+(?:[(（]|[—–-]{1,2}|[:：])?[ \t]*+(?=`)")
# Between a span and the citation after it: " (", " at ", " method (", " is called on ", ", ", "（", " 在"
_BEFORE = re.compile(
    r"(?:\(\))?[ \t]*+(?:[A-Za-z]+[ \t]+){0,2}?(?:[(（,，]|at|on|in|near|[—–-]|在|于|位于)?[ \t]*+(?:the[ \t]+)?(?:第)?$"
)
GAP = 40  # characters between a span and its citation, at most


def bind(doc: Document, start: int, end: int) -> tuple[str, str | None] | None:
    span = _after(doc, end) or _before(doc, start)
    if span is None:
        return None
    code = span.content.strip()
    return f"`{code}`", (None if IDENTIFIER.fullmatch(code) else code)


def _after(doc: Document, end: int) -> CodeSpan | None:
    m = _AFTER.match(doc.text, end, min(len(doc.text), end + GAP))
    if m is None:
        return None
    span = doc.span_starting(m.end())
    return span if span is not None and _code(span) else None


def _before(doc: Document, start: int) -> CodeSpan | None:
    span = doc.span_before(start)
    if span is None or start - span.end > GAP:
        return None
    return span if _BEFORE.fullmatch(doc.text, span.end, start) and _code(span) else None


def _code(span: CodeSpan) -> bool:
    """Code, not a path or another citation: `open_db`, `if x: return`, not `store.py:77`."""
    content = span.content.strip()
    return bool(content) and PATH_OR_CITATION.fullmatch(content) is None and re.search(r"[A-Za-z_]", content) is not None
