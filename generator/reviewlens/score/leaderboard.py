"""The reviewer leaderboard: every report of a reviewer, across cases, summed.

Ratios are micro-averaged (summed numerators over summed denominators), so a
reviewer with one lucky report does not outrank one with many. Reviewers are
ranked as score/ranking.py says; equal scores share a rank ("=2"). Coverage
says how many of the corpus's cases the reviewer reported on, so missing
reports are visible.

Only reviewers that can be compared are ranked: those that reviewed the same
cases as each other (the largest group of reviewers linked by shared cases),
and among them those with something to rank them by there. The others are listed unranked ("—"), each with the reason: a rank
earned on another file, or on two claims, says nothing about the others.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from reviewlens.results import Analysis, Metrics, ReportResult
from reviewlens.score.ranking import IDLE_FLAGS, ranked, worth


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
    unranked: str = ""  # why it has no rank, when it has none
    compared: bool = True  # in the group of reviewers that reviewed the same cases (compared())


#: What the leaderboard says of who is ranked, in one sentence.
COMPARED = ("Only reviewers that reviewed the same cases as each other, with something to rank them by on those cases "
            "(a claim that counts, or known defects to find), are ranked; the others follow, unranked, each with the "
            "reason.")


def leaderboard(analysis: Analysis) -> list[ReviewerScore]:
    """Every reviewer: the ranked ones best first, then the unranked ones, each with its reason."""
    # One tool is one reviewer whatever the capitals ("bandit" and "Bandit"): named as first seen.
    by_reviewer: dict[str, list[tuple[str, ReportResult]]] = defaultdict(list)
    named: dict[str, str] = {}
    for case in analysis.cases:
        for r in case.reports:
            key = named.setdefault(r.reviewer.casefold(), r.reviewer)
            by_reviewer[key].append((case.case.id, r))
    scores = {name: _score(name, results) for name, results in by_reviewer.items()}
    # A reviewer whose every report is narration or generic advice is idle.
    idle = {name: all(any(f.id in IDLE_FLAGS for f in r.flags) for _, r in results) for name, results in by_reviewer.items()}
    linked = groups(by_reviewer)
    group = compared(linked, by_reviewer)
    alone = {name for g in linked if len(g) == 1 for name in g}
    why = {name: _why_unranked(name, group, name in alone, by_reviewer) for name in by_reviewer}
    ranked_here = [scores[name] for name in by_reviewer if not why[name]]
    out = [replace(s, rank=label) for label, s in ranked(ranked_here, lambda s: s.counts, lambda s: s.reviewer,
                                                         lambda s: idle[s.reviewer])]
    rest = sorted((name for name in by_reviewer if why[name]), key=lambda name: (bool(group) and name not in group,
                                                                                name.lower()))
    return out + [replace(scores[name], rank="—", unranked=why[name], compared=name in group) for name in rest]


def groups(by_reviewer: dict[str, list[tuple[str, ReportResult]]]) -> list[frozenset[str]]:
    """The reviewers in groups linked by shared cases (a reviewer alone on its files is a group of one)."""
    cases_of = {name: {cid for cid, _ in results} for name, results in by_reviewer.items()}
    found: list[set[str]] = []
    for name in by_reviewer:  # corpus order
        linked = [g for g in found if any(cases_of[name] & cases_of[other] for other in g)]
        found = [g for g in found if g not in linked] + [{name}.union(*linked)]
    return [frozenset(g) for g in found]


def compared(linked: list[frozenset[str]], by_reviewer: dict[str, list[tuple[str, ReportResult]]]) -> frozenset[str]:
    """Of the groups (groups()), the largest of two or more reviewers, or none. A tie goes to the
    group with more reports, then to the one whose first reviewer comes first."""
    order = list(by_reviewer)
    return max((g for g in linked if len(g) > 1), default=frozenset(),
               key=lambda g: (len(g), sum(len(by_reviewer[n]) for n in g), -min(order.index(n) for n in g)))


def _why_unranked(name: str, group: frozenset[str], alone: bool,
                  by_reviewer: dict[str, list[tuple[str, ReportResult]]]) -> str:
    """Why a reviewer is not ranked ("" when it is); alone: no other reviewer reviewed its files."""
    if name not in group:
        if alone:
            return "no other reviewer reviewed its files"
        return "it shares no case with the ranked reviewers"  # its case pages compare it with its files' reviewers
    shared = {cid for other in group - {name} for cid, _ in by_reviewer[other]}
    if worth(sum((r.metrics for cid, r in by_reviewer[name] if cid in shared), Metrics())) is None:
        # (the accuracy's lower bound already ranks a small sample below a large one: one claim is enough)
        return "nothing to rank it by on the cases it shares: no claim that counts, no known defect"
    return ""


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
