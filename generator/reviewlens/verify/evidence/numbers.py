"""A number of the prose that the code has as a literal.

    divides by 1000          -> `1000`, where the code has `/ 1000.0`
    15+ route handlers       -> nothing, unless the code has a 15
    at 09:30, 3-4 times, 98% -> nothing: times, ranges and shares are not literals
    numbers under 10         -> nothing: too common to place anything
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewlens.verify.evidence.common import Item, Read, rarity
from reviewlens.verify.structure import Structure
from reviewlens.verify.words import number_value

# A number of prose that the code may use: not part of a time, date, range, version or percentage ("09:30", "3-4", "98%")
NUMBER = re.compile(r"(?<![\w.:/-])\d+(?:\.\d+)?(?![\w.:/%-]|\.\d)")


def find(text: Read, s: Structure) -> Iterator[tuple[str, Item]]:
    for m in NUMBER.finditer(text.prose):
        value = number_value(m.group())
        lines = s.numbers.get(value) if value is not None and value >= 10 else None
        if lines and len(lines) <= text.limit and m.group() not in text.found:
            yield m.group(), Item(f"`{m.group()}`", frozenset(lines), True, 2 * rarity(len(lines), s.n_lines))
