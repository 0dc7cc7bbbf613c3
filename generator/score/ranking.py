"""How reports and reviewers are ordered: by the Wilson lower bound of their
claim accuracy (results.wilson_lower), then by F1; equal keys share a rank
("=2"), and nothing checkable ranks last, unranked ("—").

Raw accuracy would put one lucky claim (1 of 1, 100%) above 18 of 21 (86%);
the bound puts the larger sample first, and says how sure the figure is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from reviewlens.results import Metrics

T = TypeVar("T")


def order_key(m: Metrics) -> tuple[bool, float, float]:
    bound = m.accuracy_bound
    return (bound is None, -(bound or 0.0), -(m.f1 or 0.0))


def ranked(items: Sequence[T], metrics: Callable[[T], Metrics], name: Callable[[T], str]) -> list[tuple[str, T]]:
    """items best first, each with its rank label: "1", "=2", or "—" when unranked."""
    keyed = sorted(((order_key(metrics(item)), name(item).lower(), item) for item in items), key=lambda k: k[:2])
    ties = Counter(key for key, _, _ in keyed)
    out: list[tuple[str, T]] = []
    rank, previous = 0, None
    for i, (key, _, item) in enumerate(keyed, start=1):
        if key != previous:
            rank, previous = i, key
        label = "—" if key[0] else (f"={rank}" if ties[key] > 1 else str(rank))
        out.append((label, item))
    return out
