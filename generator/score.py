"""Stage 4: turn checked claims into per-report results and metrics."""

from __future__ import annotations

from generator.extract.verdict import conclusion
from generator.model import STATUS_ORDER, Case, Checked, Counts, Kind, Report, ReportResult, Verdict


def score(report: Report, reviewer: str, checked: tuple[Checked, ...], case: Case) -> ReportResult:
    verdict = conclusion([c.claim for c in checked])
    counts = Counts.of(c.status for c in checked if c.claim.kind is not Kind.VERDICT)
    accuracy = counts.accuracy
    findings = [c for c in checked if c.claim.kind is Kind.FINDING]
    metrics = {
        "findings": len(findings),
        # "No defects", then defects described as present in the same report.
        "verdict_contradicted": verdict is Verdict.NO_DEFECTS and bool(findings),
        "claims": counts.total,
        **{s.value: counts.get(s) for s in STATUS_ORDER},
        "accuracy": None if accuracy is None else round(accuracy, 4),
        "verdict_matches_truth": (
            None if case.truth_verdict is None or verdict is Verdict.UNCLEAR else verdict is case.truth_verdict
        ),
    }
    return ReportResult(report, reviewer, verdict, checked, counts, metrics)


def reviewer_of(report: Report, reviewers: dict[str, str]) -> str:
    """Front matter's reviewer, else corpus.yaml's name for the report, else its model, else its id."""
    stem = report.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return (
        report.meta.get("reviewer")
        or reviewers.get(report.id)
        or reviewers.get(stem)
        or report.meta.get("model")
        or report.id
    )
