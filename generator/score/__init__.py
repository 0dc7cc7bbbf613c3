"""Stage 4: turn checked claims into per-report results and metrics.

Every metric is defined on the site's "About the scores" page (about_scores.html)
with its formula; a ratio whose denominator is zero is None ("n/a").
"""

from __future__ import annotations

from generator.score.detection import detect
from generator.extract.verdict import conclusion
from generator.score.flags import raise_flags
from generator.model import STATUS_ORDER, Case, Checked, Counts, Detection, Extraction, Kind, Report, ReportResult, Verdict



def ratio(numerator: int, denominator: int) -> float | None:
    return None if not denominator else round(numerator / denominator, 4)


def score(report: Report, reviewer: str, checked: tuple[Checked, ...], case: Case,
          extraction: Extraction | None = None) -> ReportResult:
    extraction = extraction or Extraction(tuple(c.claim for c in checked), len(report.body.split()), (),
                                          conclusion([c.claim for c in checked]))
    verdict = extraction.verdict
    counts = Counts.of(c.status for c in checked if c.claim.kind is not Kind.VERDICT)
    findings = [c for c in checked if c.claim.kind is Kind.FINDING]
    hallucinable = [c for c in checked if c.claim.kind.hallucinable and not c.claim.advice]
    hallucinated = [c for c in hallucinable if "absent" in c.tags and c.status.value == "not_in_source"]
    n_lines = len(case.source.lines) if case.source else 0
    has_truth = case.truth_verdict is not None
    detection = detect(findings, case.defects, case.source.path if case.source else None) if has_truth else None
    raised = raise_flags(extraction, checked, n_lines, report.text)
    metrics = {
        "claims": counts.total,
        **{s.value: counts.get(s) for s in STATUS_ORDER},
        "accuracy": None if counts.accuracy is None else round(counts.accuracy, 4),
        "hallucinations": len(hallucinated),
        "hallucination_rate": ratio(len(hallucinated), len(hallucinable)),
        "findings": len(findings),
        # "No defects", then defects described as present in the same report.
        "verdict_contradicted": verdict is Verdict.NO_DEFECTS and bool(findings),
        "verdict_matches_truth": (
            None if not has_truth or verdict is Verdict.UNCLEAR else verdict is case.truth_verdict
        ),
        **_detection_metrics(detection),
        "words": extraction.words,
        "words_per_line": ratio(extraction.words, n_lines),
        "flags": [f.id for f in raised],
    }
    return ReportResult(report, reviewer, verdict, checked, counts, metrics, detection, tuple(raised))


def detection_ratios(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1 from counts (summed first when many reports are pooled).

    F1 = 2PR / (P + R) = 2TP / (2TP + FP + FN): defined whenever there is
    anything to find or anything found, so a report that finds nothing of a
    file's defects scores 0, not n/a."""
    return ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(2 * tp, 2 * tp + fp + fn)


def _detection_metrics(d: Detection | None) -> dict:
    if d is None:
        return {"tp": None, "fp": None, "fn": None, "precision": None, "recall": None, "f1": None, "localization": None}
    tp, fp, fn = d.tp, len(d.false_positives), len(d.false_negatives)
    precision, recall, f1 = detection_ratios(tp, fp, fn)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
            "localization": ratio(d.localized, tp)}


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
