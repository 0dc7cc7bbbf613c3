"""The code a defect class named in the prose needs (generator/reviewlens/defects.py).

    SQL injection            -> the lines that build or run SQL
    runs a shell command     -> the lines that start a process
    hard-coded secret        -> the lines that assign a literal secret

Such code is where the defect could be, not where the reviewer points: it
confirms a citation, never places one (judge.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewlens import defects
from reviewlens.verify.evidence.common import Item, Read, rarity
from reviewlens.verify.structure import Structure


def find(text: Read, s: Structure) -> Iterator[tuple[str, Item]]:
    for cls in defects.named_in(text.prose):
        lines = s.hallmark_lines(cls)
        if lines and len(lines) <= text.limit:
            yield f"hallmark {cls.cwe}", Item(f"code that {cls.evidence}", frozenset(lines), True,
                                              rarity(len(lines), s.n_lines), True)
