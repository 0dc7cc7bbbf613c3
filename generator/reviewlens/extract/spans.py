"""The character spans of a report that claims have taken: a claim that overlaps one is not a second claim."""

from __future__ import annotations

import bisect


class Spans:
    """Character spans already claimed, kept sorted: whether a new span
    overlaps one is a question for its neighbours, not for all of them.

    Two spans overlap when each starts before the other ends, so an empty span
    overlaps only a span that strictly holds it; empty spans are kept apart as
    points, the others as a sorted, disjoint list."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._points: list[int] = []

    def take(self, start: int, end: int) -> bool:
        """Claim [start, end) unless it overlaps a span taken before; whether it was free."""
        i = bisect.bisect_left(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return False
        if start == end:
            bisect.insort(self._points, start)
            return True
        if i < len(self._starts) and self._starts[i] < end:
            return False
        k = bisect.bisect_right(self._points, start)
        if k < len(self._points) and self._points[k] < end:
            return False
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True

