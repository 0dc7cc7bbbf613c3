"""The comparison tables: one row per report (case and home pages), per reviewer
(leaderboard), and a totals row; every figure comes from Metrics, summed.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.results import Metrics, ReportResult
from generator.score.leaderboard import ReviewerScore
from generator.site.vocabulary import BADGES, FLAG_LABEL, VERDICT_LABEL, Badge, pct


@dataclass(frozen=True, slots=True)
class Count:
    """How many claims have one status."""

    badge: Badge
    n: int


def counts(m: Metrics) -> list[Count]:
    return [Count(b, getattr(m, b.status)) for b in BADGES]


@dataclass(frozen=True)
class SummaryRow:
    """One report in a comparison table."""

    reviewer: str
    report_id: str
    href: str
    verdict: str  # Verdict value, for the CSS class
    verdict_label: str
    verdict_vs_truth: str  # "matches truth", "contradicts truth" or ""
    claims: int
    counts: list[Count]
    accuracy: str  # "62%" or "n/a"
    problems: int
    accuracy_sort: float  # -1 for n/a, so it sorts last
    hallucinations: int
    precision: str
    recall: str
    f1: str
    f1_sort: float
    contradicted: bool
    flags: list[str]  # flag labels


@dataclass(frozen=True)
class TotalsRow:
    """The bottom row of a comparison table: sums of counts, micro-averaged ratios."""

    reports: int
    claims: int
    counts: list[Count]
    accuracy: str
    hallucinations: int
    precision: str
    recall: str
    f1: str


def verdict_vs_truth(result: ReportResult) -> str:
    matches = result.verdict_matches_truth
    return "" if matches is None else ("matches truth" if matches else "contradicts truth")


def _sort_key(value: float | None) -> float:
    return -1.0 if value is None else value  # n/a sorts last


def summary_row(result: ReportResult, href: str) -> SummaryRow:
    m = result.metrics
    return SummaryRow(
        reviewer=result.reviewer,
        report_id=result.report.id,
        href=href,
        verdict=result.verdict.value,
        verdict_label=VERDICT_LABEL[result.verdict],
        verdict_vs_truth=verdict_vs_truth(result),
        claims=m.total,
        counts=counts(m),
        accuracy=pct(m.accuracy),
        problems=len(result.report.problems),
        accuracy_sort=_sort_key(m.accuracy),
        hallucinations=m.hallucinated,
        precision=pct(m.precision),
        recall=pct(m.recall),
        f1=pct(m.f1),
        f1_sort=_sort_key(m.f1),
        contradicted=result.verdict_contradicted,
        flags=[f.label for f in result.flags],
    )


def totals_row(results: list[ReportResult]) -> TotalsRow:
    total = sum((r.metrics for r in results), Metrics())  # pooled: ratios of the sums
    return TotalsRow(total.reports, total.total, counts(total), pct(total.accuracy), total.hallucinated,
                     pct(total.precision), pct(total.recall), pct(total.f1))


@dataclass(frozen=True)
class LeaderRow:
    rank: str
    reviewer: str
    reports: int
    coverage: str  # "2 of 3 cases"
    counts: list[Count]
    claims: int
    accuracy: str
    accuracy_sort: float
    hallucinations: int
    hallucination_rate: str
    verdicts: str  # "2 of 3 right"
    contradicted: int
    precision: str
    recall: str
    f1: str
    f1_sort: float
    localization: str
    flags: str


def leader_row(s: ReviewerScore, n_cases: int) -> LeaderRow:
    return LeaderRow(
        rank=s.rank, reviewer=s.reviewer, reports=s.reports, coverage=f"{s.cases} of {n_cases}",
        counts=counts(s.counts), claims=s.counts.total, accuracy=pct(s.accuracy),
        accuracy_sort=_sort_key(s.accuracy),
        hallucinations=s.hallucinations, hallucination_rate=pct(s.hallucination_rate),
        verdicts=f"{s.verdicts_right} of {s.verdicts_judged}" if s.verdicts_judged else "n/a",
        contradicted=s.contradicted, precision=pct(s.precision), recall=pct(s.recall), f1=pct(s.f1),
        f1_sort=_sort_key(s.f1), localization=pct(s.localization),
        flags=", ".join(f"{FLAG_LABEL.get(k, k)} ×{v}" for k, v in s.flags.items()),
    )
