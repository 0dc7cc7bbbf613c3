"""The records the score stage makes, and every stage after it reads.

score -> Metrics, Detection, Flag, ReportResult, CaseResult, Analysis

Metrics are counts, and counts add up: a totals row, a reviewer's row on the
leaderboard and a case's row are sum(...) of reports' metrics, and every
ratio is a property of the sums (micro-averaged: a reviewer with one lucky
report does not outrank one with many). A ratio whose denominator is zero is
None ("n/a"); ratios are rounded to 4 places, as annotations.json writes them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from reviewlens.model import STATUS_ORDER, Case, Checked, Corpus, Problem, Report, Status, Verdict


def ratio(numerator: int, denominator: int) -> float | None:
    return None if not denominator else round(numerator / denominator, 4)


Z95 = 1.959964  # the normal quantile of a two-sided 95% interval


def wilson_lower(successes: int, n: int, z: float = Z95) -> float | None:
    """The lower end of the Wilson score interval for successes / n: the rate
    we are 97.5% sure the reviewer's claims reach. It ranks by the rate and the
    sample together: 1 of 1 (0.21) ranks below 18 of 21 (0.65), where raw
    accuracy would put 100% above 86%. None when there is nothing to count."""
    if n <= 0:
        return None
    p = successes / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return round(max(0.0, (centre - margin) / (1 + z2 / n)), 4)


@dataclass(frozen=True, slots=True)
class Metrics:
    """What can be counted of one report, or summed over many."""

    correct: int = 0  # claims per status, verdicts left out
    wrong_line: int = 0
    not_in_source: int = 0
    out_of_range: int = 0
    unverifiable: int = 0
    hallucinated: int = 0  # quoted code or names that are absent from the file
    hallucinable: int = 0  # quotes and names, advice left out
    findings: int = 0
    judged: int = 0  # reports compared with a ground truth (their tp, fp, fn count)
    tp: int = 0
    fp: int = 0
    fn: int = 0
    localized: int = 0  # true positives whose lines overlap the defect's
    verdicts_judged: int = 0  # reports with a ground truth that state a verdict
    verdicts_right: int = 0
    contradicted: int = 0  # reports that say "no defects", then describe one as present
    words: int = 0
    lines: int = 0  # source lines the reports reviewed
    reports: int = 0
    trivial: int = 0  # correct claims not worth a point: names any reader finds (a keyword, an English word,
    #                   a name on a large share of the file), names of the reviewer's own fix

    @classmethod
    def of(cls, statuses) -> Metrics:
        """Claims per status, from their statuses."""
        tally = {s.value: 0 for s in Status}
        for s in statuses:
            tally[Status(s).value] += 1
        return cls(**tally)

    def __add__(self, other: Metrics) -> Metrics:
        return Metrics(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Metrics)))

    def __radd__(self, other: int) -> Metrics:  # lets sum() start from 0
        if other == 0:
            return self
        return NotImplemented

    def get(self, status: Status) -> int:
        return getattr(self, status.value)

    @property
    def total(self) -> int:
        return sum(self.get(s) for s in STATUS_ORDER)

    @property
    def checkable(self) -> int:
        """Claims whose truth could be decided: all but the unverifiable."""
        return self.total - self.unverifiable

    @property
    def counted(self) -> int:
        """The checkable claims that count: all but the trivial ones."""
        return self.checkable - self.trivial

    @property
    def counted_correct(self) -> int:
        return self.correct - self.trivial

    @property
    def accuracy(self) -> float | None:
        """correct / checkable, trivial names left out of both."""
        return ratio(self.counted_correct, self.counted)

    @property
    def accuracy_bound(self) -> float | None:
        """The Wilson lower bound of the accuracy: what the tables rank by."""
        return wilson_lower(self.counted_correct, self.counted)

    @property
    def hallucination_rate(self) -> float | None:
        return ratio(self.hallucinated, self.hallucinable)

    @property
    def precision(self) -> float | None:
        return ratio(self.tp, self.tp + self.fp) if self.judged else None

    @property
    def recall(self) -> float | None:
        return ratio(self.tp, self.tp + self.fn) if self.judged else None

    @property
    def f1(self) -> float | None:
        """2PR / (P + R) = 2TP / (2TP + FP + FN): defined whenever there is anything to find
        or anything found, so a report that finds nothing of a file's defects scores 0, not n/a."""
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn) if self.judged else None

    @property
    def localization(self) -> float | None:
        return ratio(self.localized, self.tp) if self.judged else None

    @property
    def words_per_line(self) -> float | None:
        return ratio(self.words, self.lines)


@dataclass(frozen=True, slots=True)
class Detection:
    """A report's findings matched against the case's known defects (score/detection.py)."""

    matches: tuple[tuple[int, str], ...]  # (finding claim id, defect id)
    false_positives: tuple[int, ...]  # finding claim ids
    false_negatives: tuple[str, ...]  # defect ids
    localized: int  # matches whose lines overlap the defect's without the tolerance

    @property
    def tp(self) -> int:
        return len(self.matches)


@dataclass(frozen=True, slots=True)
class Flag:
    """A quality flag raised on a report, with its evidence (score/flags.py)."""

    id: str  # "narration", "generic_advice", "ungrounded_recommendations", "verbose", "another_version"
    label: str
    evidence: str  # one sentence a reader can check
    claims: tuple[int, ...] = ()  # claim ids that show it


@dataclass(frozen=True, slots=True)
class ReportResult:
    report: Report
    reviewer: str
    verdict: Verdict
    claims: tuple[Checked, ...]
    metrics: Metrics  # of this report: reports=1
    detection: Detection | None = None  # when the case has ground truth
    flags: tuple[Flag, ...] = ()  # each with its evidence

    @property
    def verdict_matches_truth(self) -> bool | None:
        """None when the case has no ground truth or the report states no verdict."""
        return None if not self.metrics.verdicts_judged else bool(self.metrics.verdicts_right)

    @property
    def verdict_contradicted(self) -> bool:
        """"No defects", then defects described as present in the same report."""
        return bool(self.metrics.contradicted)


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: Case
    reports: tuple[ReportResult, ...]
    overran: tuple[str, ...] = ()  # reports (ids) and sources (paths) that ran over their time budget: a result
    #                                of this run's machine, not of the input, so the build cache never keeps it

    @property
    def metrics(self) -> Metrics:
        return sum((r.metrics for r in self.reports), Metrics())


@dataclass(frozen=True, slots=True)
class Analysis:
    corpus: Corpus
    cases: tuple[CaseResult, ...]

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem met, sorted by path: the corpus's, cases' and reports'."""
        found = list(self.corpus.problems)
        for case in self.corpus.cases:
            found += case.problems
            for report in case.reports:
                found += report.problems
        return tuple(sorted(set(found), key=lambda p: (p.path, p.message)))
