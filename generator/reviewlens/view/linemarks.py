"""Which claims cite which source lines, without expanding ranges line by line.

A claim that cites "lines 1-200000" is one span, not 200,000 entries: the
marks come from a sweep over the ranges' ends. Each line (or band of lines,
for a chart) gets the worst status of the claims citing it, the first few of
them, and how many there are, so that a tooltip says "claims 1, 2, 3 and 97
more" instead of naming every one. A run of lines cited by the same claims
shares one mark.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from reviewlens.model import SEVERITY, Checked, Status
from reviewlens.view.vocabulary import status_label

SHOWN = 3  # claims a mark names; the rest are counted


@dataclass(frozen=True, slots=True)
class Mark:
    worst: Status
    first: tuple[Checked, ...]  # the citing claims with the lowest ids, at most SHOWN
    count: int  # every claim citing the line
    opens: Checked  # the claim a click on the mark opens: the first of those with the worst status, so its colour is the mark's

    def names(self) -> str:
        """'claim 4 correct. claim 9 wrong line. 97 more claims cite it.'"""
        said = " ".join(f"claim {c.id} {status_label(c.status)}." for c in self.first)
        more = self.count - len(self.first)
        return said + ("" if not more else f" {more} more claim{'s' if more > 1 else ''} cite{'' if more > 1 else 's'} it.")


def marks(claims: Iterable[Checked], n_lines: int, band: int = 1) -> dict[int, Mark]:
    """Marks by unit: unit k holds lines k*band+1 .. (k+1)*band. Claims without
    lines, and the parts of ranges outside 1..n_lines, are left out."""
    events: dict[int, list[tuple[int, Checked]]] = {}
    for c in claims:
        lines = c.claim.lines
        if lines is None:
            continue
        first, last = max(lines.start, 1), min(lines.end, n_lines)
        if first > last:
            continue
        events.setdefault((first - 1) // band, []).append((1, c))
        events.setdefault((last - 1) // band + 1, []).append((-1, c))
    out: dict[int, Mark] = {}
    active: list[tuple[int, int]] = []  # (claim id, index), sorted
    by_status: dict[Status, list[tuple[int, int]]] = {s: [] for s in Status}  # the active keys of each status, sorted
    by_key: dict[tuple[int, int], Checked] = {}
    at = sorted(events)
    for i, unit in enumerate(at):
        for delta, c in events[unit]:
            key = (c.id, id(c))
            if delta > 0:
                bisect.insort(active, key)
                bisect.insort(by_status[c.status], key)
                by_key[key] = c
            else:
                active.pop(bisect.bisect_left(active, key))
                same = by_status[c.status]
                same.pop(bisect.bisect_left(same, key))
                del by_key[key]
        if not active:
            continue
        worst = max((s for s, keys in by_status.items() if keys), key=lambda s: SEVERITY[s])
        opens = by_key[by_status[worst][0]]
        mark = Mark(worst, tuple(by_key[k] for k in active[:SHOWN]), len(active), opens)
        end = at[i + 1] if i + 1 < len(at) else unit + 1
        for u in range(unit, end):
            out[u] = mark
    return out
