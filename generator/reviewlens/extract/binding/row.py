"""A citation in a table row binds the row's other cells.

    | `Store.Get()` | 115-127 |          | lib/route.php | 39, 41, 55 |          | Lines 20-22 | query built from input |

A row whose other cells are only a location (a file, a field label) binds
nothing here: its citation is a bare location, which binds its finding.
"""

from __future__ import annotations

from reviewlens.extract.binding.common import bare, names_code
from reviewlens.extract.document import Document


def bind(doc: Document, start: int, end: int) -> tuple[str, None] | None:
    row = doc.block_at(start, kinds=("table_row",))
    if row is None:
        return None
    others = [doc.text[a:b] for a, b in doc.cells(row) if not (a <= start < b)]
    said = " | ".join(c.strip() for c in others if c.strip())
    return None if bare(said) and not names_code(said) else (said, None)
