"""A citation written as a comment in a code block binds the code it annotates.

    cache.clear()  // Line 88                      (the code on its own row)
    # Lines 12-14: first write                     (the rows it heads, up to a blank line
    conn = open_db()                                 or the next comment line)
    conn.write(x)
    // Before (line 22, 525)

The code bound is checked as a quote of the cited lines.
"""

from __future__ import annotations

import re

from reviewlens.extract.document import Document

# A comment marker: "#", "//", "--", "/*", ";", "<!--"
_MARKER = re.compile(r"(?:#|//|--|/\*|;|<!--)[ \t]*")
HEADED = 12  # rows a comment line can head


def bind(doc: Document, start: int, end: int) -> tuple[str, str] | None:
    if not doc.in_fence(start):
        return None
    text = doc.text
    row_start = text.rfind("\n", 0, start) + 1
    row_end = text.find("\n", end)
    row_end = len(text) if row_end == -1 else row_end
    marker = None
    for m in _MARKER.finditer(text, row_start, start):
        marker = m
        break
    if marker is None:
        return None  # a number in code, not a comment that cites
    said = " ".join(text[end:row_end].strip(" \t:-–—*/>)").split())
    code = text[row_start:marker.start()]
    if code.strip():
        return f"{code.strip()} {said}".strip(), code
    rows = []
    block = doc.block_at(start, kinds=("fence", "code_block"))
    limit = block.end if block is not None else len(text)
    pos = row_end + 1
    while pos < limit and len(rows) < HEADED:
        nl = text.find("\n", pos, limit)
        row = text[pos:nl if nl != -1 else limit]
        if not row.strip() or _MARKER.match(row.lstrip()) or re.match(r"\s*(`{3,}|~{3,})", row):
            break
        rows.append(row)
        if nl == -1:
            break
        pos = nl + 1
    if not rows:
        return None
    code = "\n".join(rows)
    return f"{said} {code}".strip(), code
