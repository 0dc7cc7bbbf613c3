"""The line citations a report makes, found by the citing rules (numbered
quotes, line references) and handed to the rules after them: a finding takes
its lines from the citations of its scope, a name is placed near the lines its
sentence cites."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from reviewlens.model import Claim, Lines


class Citations:
    def __init__(self, claims: Iterable[Claim] = ()) -> None:
        self._found = sorted((c.start, c.lines) for c in claims if c.lines is not None and c.lines.start >= 1)

    def within(self, start: int, end: int) -> list[tuple[int, Lines]]:
        """(position, lines) of the citations that start in [start, end), in text order."""
        found = self._found
        return found[bisect.bisect_left(found, (start,)):bisect.bisect_left(found, (end,))]

    def nearest(self, pos: int, start: int, end: int) -> Lines | None:
        """The lines of the citation in [start, end) nearest pos."""
        cited = self.within(start, end)
        return min(cited, key=lambda c: abs(c[0] - pos))[1] if cited else None


NONE = Citations()
