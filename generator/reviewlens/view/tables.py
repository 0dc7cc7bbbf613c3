"""The comparison tables: one row per report (case and home pages), per reviewer
(leaderboard), and a totals row; every figure comes from Metrics, summed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewlens.results import Metrics, ReportResult
from reviewlens.score.leaderboard import ReviewerScore
from reviewlens.score.ranking import IDLE_FLAGS, ranked
from reviewlens.view.vocabulary import (
    BADGES,
    FLAG_LABEL,
    VERDICT_CONTRADICTS,
    VERDICT_LABEL,
    VERDICT_MATCHES,
    Badge,
    pct,
)


@dataclass(frozen=True, slots=True)
class Count:
    """How many claims have one status."""

    badge: Badge
    n: int


def counts(m: Metrics) -> list[Count]:
    return [Count(b, getattr(m, b.status)) for b in BADGES]


# The additive figures a row carries for the page script, which sums the rows a
# filter leaves and recomputes the totals row from them (reviewlens.js); the
# totals row names them (data-summed-keys), so the script holds no copy.
SUMMED = ("correct", "wrong_line", "not_in_source", "out_of_range", "unverifiable", "hallucinated",
          "judged", "tp", "fp", "fn", "reports", "trivial")


def summed(m: Metrics) -> str:
    return " ".join(str(getattr(m, name)) for name in SUMMED)


def of_n(k: int, n: int) -> str:
    """The sample beside a percentage: "18/21"; empty when there is none."""
    return f"{k}/{n}" if n else ""


@dataclass(frozen=True)
class SummaryRow:
    """One report in a comparison table."""

    rank: str  # "1", "=2", "—" (score/ranking.py)
    reviewer: str
    report_id: str
    href: str
    reason: str  # the one line that explains the rank
    verdict: str  # Verdict value, for the CSS class
    verdict_label: str
    verdict_vs_truth: str  # "matches truth", "contradicts truth" or ""
    claims: int
    counts: list[Count]
    accuracy: str  # "62%" or "n/a"
    accuracy_of: str  # "18/21": correct of checkable
    problems: int
    accuracy_sort: float  # the Wilson bound; -1 for n/a, so it sorts last
    hallucinations: int
    precision: str
    precision_of: str
    recall: str
    recall_of: str
    f1: str
    f1_sort: float
    contradicted: bool
    flags: list[str]  # flag labels
    summed: str  # SUMMED, space-separated


@dataclass(frozen=True)
class TotalsRow:
    """The bottom row of a comparison table: sums of counts, micro-averaged ratios."""

    reports: int
    claims: int
    counts: list[Count]
    accuracy: str
    accuracy_of: str
    hallucinations: int
    precision: str
    recall: str
    f1: str
    summed_keys: str = " ".join(SUMMED)


def verdict_vs_truth(result: ReportResult) -> str:
    matches = result.verdict_matches_truth
    return "" if matches is None else (VERDICT_MATCHES if matches else VERDICT_CONTRADICTS).label


def _sort_key(value: float | None) -> float:
    return -1.0 if value is None else value  # n/a sorts last


# What each way of being wrong says in a report's one-line reason.
_WRONG = (
    ("wrong_line", "cite the wrong line", "cites the wrong line"),
    ("not_in_source", "quote code or names not in the file", "quotes code or names not in the file"),
    ("out_of_range", "cite lines past the end of the file", "cites lines past the end of the file"),
)


def reason(result: ReportResult) -> str:
    """One line on why a report ranks where it does: its verdict when that is
    wrong, then how its checkable claims fared, worst failing first."""
    if not result.report.readable:
        return "could not be read"
    m = result.metrics
    parts: list[str] = []
    if result.verdict_contradicted:
        parts.append("verdict contradicted by its own findings")
    elif result.verdict_matches_truth is False:
        parts.append("verdict contradicts the ground truth")
    if not m.checkable:
        parts.append("no checkable claims" if not m.total else "its one claim cannot be checked" if m.total == 1
                     else f"none of its {m.total} claims can be checked")
    elif not m.counted:
        parts.append(f"only names any reader of the file finds ({m.trivial}), which are not counted")
    elif m.counted_correct == m.counted:
        parts.append(f"all {m.counted} counted claims hold" if m.counted > 1 else "its one counted claim holds")
    else:
        wrong = sorted(((getattr(m, key), plural, single) for key, plural, single in _WRONG if getattr(m, key)),
                       key=lambda w: -w[0])
        n, plural, single = wrong[0]
        parts.append(f"{n} of {m.counted} counted claims {single if n == 1 else plural}")
        if len(wrong) > 1 and len(parts) < 2:
            n, plural, single = wrong[1]
            parts.append(f"{n} {single if n == 1 else plural}")
    if len(parts) < 2 and result.flags:
        parts.append(result.flags[0].label.lower())
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def summary_rows(results, hrefs: list[str]) -> list[SummaryRow]:
    """A table's rows, best first (score/ranking.py)."""
    pairs = list(zip(results, hrefs))
    return [summary_row(r, href, label)
            for label, (r, href) in ranked(pairs, lambda pair: pair[0].metrics, lambda pair: pair[0].report.id,
                                           lambda pair: any(f.id in IDLE_FLAGS for f in pair[0].flags))]


def summary_row(result: ReportResult, href: str, rank: str = "") -> SummaryRow:
    m = result.metrics
    return SummaryRow(
        rank=rank,
        reviewer=result.reviewer,
        report_id=result.report.id,
        href=href,
        reason=reason(result),
        verdict=result.verdict.value,
        verdict_label=VERDICT_LABEL[result.verdict],
        verdict_vs_truth=verdict_vs_truth(result),
        claims=m.total,
        counts=counts(m),
        accuracy=pct(m.accuracy),
        accuracy_of=of_n(m.counted_correct, m.counted),
        problems=len(result.report.problems),
        accuracy_sort=_sort_key(m.accuracy_bound),
        hallucinations=m.hallucinated,
        precision=pct(m.precision),
        precision_of=of_n(m.tp, m.tp + m.fp) if m.judged else "",
        recall=pct(m.recall),
        recall_of=of_n(m.tp, m.tp + m.fn) if m.judged else "",
        f1=pct(m.f1),
        f1_sort=_sort_key(m.f1),
        contradicted=result.verdict_contradicted,
        flags=[f.label for f in result.flags],
        summed=summed(m),
    )


def totals_row(results: list[ReportResult]) -> TotalsRow:
    total = sum((r.metrics for r in results), Metrics())  # pooled: ratios of the sums
    return TotalsRow(total.reports, total.total, counts(total), pct(total.accuracy), of_n(total.counted_correct, total.counted),
                     total.hallucinated, pct(total.precision), pct(total.recall), pct(total.f1))


@dataclass(frozen=True)
class LeaderRow:
    rank: str
    reviewer: str
    reports: int
    coverage: str  # "2 of 3 cases"
    counts: list[Count]
    claims: int
    accuracy: str
    accuracy_of: str
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
    href: str = ""  # the reviewer's first report
    others: list[tuple[str, str]] = field(default_factory=list)  # (case, href) of its other reports, the first few
    more: int = 0  # its reports past those
    unranked: str = ""  # why it has no rank (score/leaderboard.py)


LEADER_LINKS = 4  # a reviewer's reports linked from its row, beside its first


def leader_row(s: ReviewerScore, n_cases: int, href=lambda case_id, report_id: "") -> LeaderRow:
    """href(case id, report id): where a report's page is, from the leaderboard."""
    links = [(case_id, href(case_id, report_id)) for case_id, report_id in s.reports_at]
    return LeaderRow(
        href=links[0][1] if links else "", others=links[1:1 + LEADER_LINKS], more=max(0, len(links) - 1 - LEADER_LINKS),
        rank=s.rank, reviewer=s.reviewer, reports=s.reports, coverage=f"{s.cases} of {n_cases}",
        counts=counts(s.counts), claims=s.counts.total, accuracy=pct(s.accuracy),
        accuracy_of=of_n(s.counts.counted_correct, s.counts.counted), accuracy_sort=_sort_key(s.counts.accuracy_bound),
        hallucinations=s.hallucinations, hallucination_rate=pct(s.hallucination_rate),
        verdicts=f"{s.verdicts_right} of {s.verdicts_judged}" if s.verdicts_judged else "n/a",
        contradicted=s.contradicted, precision=pct(s.precision), recall=pct(s.recall), f1=pct(s.f1),
        f1_sort=_sort_key(s.f1), localization=pct(s.localization),
        flags=", ".join(f"{FLAG_LABEL.get(k, k)} ×{v}" for k, v in s.flags.items()), unranked=s.unranked,
    )
