"""How reports and reviewers are ordered.

A report is worth reading when it both finds the defects and cites them right:

1. the harmonic mean of F1 (its findings against the case's known defects,
   where there is a ground truth) and the Wilson lower bound of its claim
   accuracy (results.wilson_lower; trivial names left out, results.Metrics).
   Either near zero pulls it down: a report that quotes the file well and finds
   one defect in eleven, or one that finds the defects at lines it never got
   right, does not outrank one that does both. Without a ground truth, the bound
   alone;
2. a report flagged as narration or generic advice that found no defect comes
   after every other;
3. equal keys share a rank ("=2"); nothing to rank by ranks last, unranked ("—").

Raw accuracy would put one lucky claim (1 of 1, 100%) above 18 of 21 (86%);
the bound puts the larger sample first, and says how sure the figure is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from reviewlens.results import Metrics

T = TypeVar("T")

#: What the leaderboard and the case tables say of the order, in one sentence.
ORDER = ("Ordered by how well each both found the known defects and cited its claims right (the harmonic mean of "
         "F1 and the lower bound of claim accuracy; that bound alone where there is no ground truth); a narration "
         "or generic advice that found no defect comes last.")


def worth(m: Metrics) -> float | None:
    """What a report is ranked by (1. above), or None when there is nothing to rank it by."""
    bound, f1 = m.accuracy_bound, m.f1
    if f1 is None:
        return bound
    bound = bound or 0.0
    return 2 * f1 * bound / (f1 + bound) if f1 + bound else 0.0


def order_key(m: Metrics, idle: bool = False) -> tuple[bool, bool, float, float]:
    """idle: flagged as narration or generic advice."""
    value = worth(m)
    return (value is None, idle and not m.tp, -(value or 0.0), -(m.accuracy_bound or 0.0))


def ranked(items: Sequence[T], metrics: Callable[[T], Metrics], name: Callable[[T], str],
           idle: Callable[[T], bool] = lambda item: False) -> list[tuple[str, T]]:
    """items best first, each with its rank label: "1", "=2", or "—" when unranked."""
    keyed = sorted(((order_key(metrics(item), idle(item)), name(item).lower(), item) for item in items),
                   key=lambda k: k[:2])
    ties = Counter(key for key, _, _ in keyed)
    out: list[tuple[str, T]] = []
    rank, previous = 0, None
    for i, (key, _, item) in enumerate(keyed, start=1):
        if key != previous:
            rank, previous = i, key
        label = "—" if key[0] else (f"={rank}" if ties[key] > 1 else str(rank))
        out.append((label, item))
    return out


IDLE_FLAGS = frozenset({"narration", "generic_advice"})
