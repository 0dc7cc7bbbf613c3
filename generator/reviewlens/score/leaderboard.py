"""The reviewer leaderboard: every report of a reviewer, across cases, summed.

Ratios are micro-averaged (summed numerators over summed denominators), so a
reviewer with one lucky report does not outrank one with many. Reviewers are
ranked as score/ranking.py says: by the Wilson lower bound of their claim
accuracy, then F1; equal scores share a rank ("=2"); a reviewer with nothing
checkable is ranked last. Coverage says how many of the
corpus's cases the reviewer reported on, so missing reports are visible.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from reviewlens.results import Analysis, Metrics, ReportResult
from reviewlens.score.ranking import IDLE_FLAGS, ranked


@dataclass(frozen=True, slots=True)
class ReviewerScore:
    reviewer: str
    reports: int
    cases: int  # cases with a report by this reviewer
    counts: Metrics  # every report of the reviewer, summed
    accuracy: float | None
    hallucinations: int
    hallucination_rate: float | None
    verdicts_right: int
    verdicts_judged: int  # reports on cases with ground truth and a stated verdict
    contradicted: int
    tp: int
    fp: int
    fn: int
    precision: float | None
    recall: float | None
    f1: float | None
    localization: float | None
    flags: dict[str, int]
    reports_at: tuple[tuple[str, str], ...] = ()  # (case id, report id) of each report, in corpus order
    rank: str = ""


def leaderboard(analysis: Analysis) -> list[ReviewerScore]:
    # One tool is one reviewer whatever the capitals ("bandit" and "Bandit"): named as first seen.
    by_reviewer: dict[str, list[tuple[str, ReportResult]]] = defaultdict(list)
    named: dict[str, str] = {}
    for case in analysis.cases:
        for r in case.reports:
            key = named.setdefault(r.reviewer.casefold(), r.reviewer)
            by_reviewer[key].append((case.case.id, r))
    scores = [_score(name, results) for name, results in by_reviewer.items()]
    # A reviewer whose every report is narration or generic advice is idle.
    idle = {name: all(any(f.id in IDLE_FLAGS for f in r.flags) for _, r in results) for name, results in by_reviewer.items()}
    return [_with_rank(s, label) for label, s in ranked(scores, lambda s: s.counts, lambda s: s.reviewer,
                                                        lambda s: idle[s.reviewer])]


def _with_rank(s: ReviewerScore, rank: str) -> ReviewerScore:
    from dataclasses import replace

    return replace(s, rank=rank)


def _score(name: str, results: list[tuple[str, ReportResult]]) -> ReviewerScore:
    reports = [r for _, r in results]
    m = sum((r.metrics for r in reports), Metrics())
    flags: dict[str, int] = defaultdict(int)
    for r in reports:
        for f in r.flags:
            flags[f.id] += 1
    return ReviewerScore(
        reviewer=name,
        reports=len(reports),
        cases=len({cid for cid, _ in results}),
        counts=m,
        accuracy=m.accuracy,
        hallucinations=m.hallucinated,
        hallucination_rate=m.hallucination_rate,
        verdicts_right=m.verdicts_right,
        verdicts_judged=m.verdicts_judged,
        contradicted=m.contradicted,
        tp=m.tp, fp=m.fp, fn=m.fn, precision=m.precision, recall=m.recall, f1=m.f1,
        localization=m.localization,
        flags=dict(sorted(flags.items())),
        reports_at=tuple((cid, r.report.id) for cid, r in results),
    )
