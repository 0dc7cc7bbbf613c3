"""Stage 4: turn checked claims into per-report results and metrics.

Every metric is defined on the site's "About the scores" page with its
formula; Metrics (results.py) holds the counts, and its ratios are None
("n/a") where a denominator is zero.
"""

from __future__ import annotations

from reviewlens.model import Case, Checked, Extraction, Kind, Report, Status, Verdict
from reviewlens.results import Metrics, ReportResult
from reviewlens.score.detection import detect
from reviewlens.score.flags import raise_flags


def is_hallucination(c: Checked) -> bool:
    """Invented code: a quote or a name (advice left out) that is nowhere in the
    file. The one definition of the hallucinations every output counts: the
    site's column, annotations.json, `check`, and SARIF's rule RL002."""
    return c.claim.kind.hallucinable and not c.claim.advice and "absent" in c.tags and c.status is Status.NOT_IN_SOURCE


def is_trivial(c: Checked) -> bool:
    """A correct claim not worth a point: a name any reader of the file finds ("common": a keyword,
    an English word, a name on a large share of its lines), a name of the reviewer's own fix, or a
    name the report places in another file that this one happens to have too ("elsewhere")."""
    return c.status is Status.CORRECT and c.claim.kind is Kind.IDENTIFIER and \
        ("common" in c.tags or "elsewhere" in c.tags or c.claim.advice)


def score(report: Report, reviewer: str, extraction: Extraction, checked: tuple[Checked, ...], case: Case) -> ReportResult:
    """A report's result: its claims as checked, its metrics (counts), how its findings
    match the case's known defects, and the quality flags it raises. The
    verdict is the one extraction decided; scoring only counts."""
    verdict = extraction.verdict
    findings = [c for c in checked if c.claim.kind is Kind.FINDING]
    hallucinable = [c for c in checked if c.claim.kind.hallucinable and not c.claim.advice]
    hallucinated = [c for c in hallucinable if is_hallucination(c)]
    n_lines = len(case.source.lines) if case.source else 0
    has_truth = case.truth_verdict is not None
    detection = detect(findings, case.defects, case.source.path if case.source else None) if has_truth else None
    raised = raise_flags(extraction, checked, n_lines, report.text)
    judged_verdict = has_truth and verdict is not Verdict.UNCLEAR
    metrics = Metrics.of(c.status for c in checked if c.claim.kind is not Kind.VERDICT) + Metrics(
        hallucinated=len(hallucinated),
        hallucinable=len(hallucinable),
        findings=len(findings),
        judged=int(detection is not None),
        tp=detection.tp if detection else 0,
        fp=len(detection.false_positives) if detection else 0,
        fn=len(detection.false_negatives) if detection else 0,
        localized=detection.localized if detection else 0,
        verdicts_judged=int(judged_verdict),
        verdicts_right=int(judged_verdict and verdict is case.truth_verdict),
        contradicted=int(verdict is Verdict.NO_DEFECTS and bool(findings)),  # "no defects", then a defect described
        words=extraction.words,
        lines=n_lines,
        reports=1,
        trivial=sum(1 for c in checked if is_trivial(c)),
    )
    return ReportResult(report, reviewer, verdict, checked, metrics, detection, tuple(raised))


def reviewer_of(report: Report, reviewers: dict[str, str]) -> str:
    """Front matter's reviewer, else corpus.yaml's name for the report, else its model, else its file's name."""
    stem = report.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return (
        report.meta.get("reviewer")
        or reviewers.get(report.id)
        or reviewers.get(stem)
        or report.meta.get("model")
        or stem
    )
