"""annotations.json: the analysis as data (schema "reviewlens/annotations@1").

Sorted keys, no timestamps, no absolute paths: the same corpus always gives
the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from reviewlens.messages import say
from reviewlens.model import STATUS_ORDER, Checked, Problem, Source
from reviewlens.results import Analysis, CaseResult, ReportResult

SCHEMA = "reviewlens/annotations@1"


def to_data(analysis: Analysis) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "cases": [case_data(c) for c in analysis.cases],
        "problems": [{"path": p.path, "message": p.message} for p in analysis.corpus.problems],
    }


def case_data(c: CaseResult) -> dict[str, Any]:
    return {
        "id": c.case.id,
        "title": c.case.title,
        "source": _source(c.case.source) if c.case.source else None,
        "sources": [_source(s) for s in c.case.sources],
        "problems": [p.message for p in c.case.problems],
        "truth": None if c.case.truth_verdict is None else {
            "verdict": c.case.truth_verdict.value,
            "defects": [
                {"id": d.id, "title": d.title, "cwe": d.cwe, "lines": d.lines.as_list(), "note": d.note,
                 "file": d.file or c.case.source.path if c.case.source else d.file}
                for d in c.case.defects
            ],
        },
        "reports": [_report(r) for r in c.reports],
    }


def _source(s: Source) -> dict[str, Any]:
    return {"path": s.path, "lines": len(s.lines), "sha256": s.sha256, "language": s.language}


def _report(r: ReportResult) -> dict[str, Any]:
    return {
        "id": r.report.id,
        "file": r.report.file,
        "reviewer": r.reviewer,
        "verdict": r.verdict.value,
        "claims": [_claim(c) for c in r.claims],
        "metrics": _metrics(r),
        "problems": [p.message for p in r.report.problems],
        "detection": None if r.detection is None else {
            "matches": [{"claim": fid, "defect": did} for fid, did in r.detection.matches],
            "false_positives": list(r.detection.false_positives),
            "false_negatives": list(r.detection.false_negatives),
        },
        "flags": [{"id": f.id, "label": f.label, "evidence": f.evidence, "claims": list(f.claims)} for f in r.flags],
    }


def _metrics(r: ReportResult) -> dict[str, Any]:
    """A report's metrics as the schema names them (ratios rounded to 4 places, None for n/a)."""
    m = r.metrics
    judged = m.judged > 0
    return {
        "claims": m.total,
        **{s.value: m.get(s) for s in STATUS_ORDER},
        "trivial": m.trivial,
        "accuracy": m.accuracy,
        "hallucinations": m.hallucinated,
        "hallucination_rate": m.hallucination_rate,
        "findings": m.findings,
        "verdict_contradicted": r.verdict_contradicted,
        "verdict_matches_truth": r.verdict_matches_truth,
        "tp": m.tp if judged else None, "fp": m.fp if judged else None, "fn": m.fn if judged else None,
        "precision": m.precision, "recall": m.recall, "f1": m.f1, "localization": m.localization,
        "words": m.words,
        "words_per_line": m.words_per_line,
        "flags": [f.id for f in r.flags],
    }


def _claim(c: Checked) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.claim.kind.value,
        "span": [c.claim.start, c.claim.end],
        "text": c.text,
        "lines": c.claim.lines.as_list() if c.claim.lines else None,
        "file": c.claim.file,
        "status": c.status.value,
        "actual_lines": c.actual_lines.as_list() if c.actual_lines else None,
        "message": say(c.reason),
        "reason": c.reason.code,
        **_extra(c),
    }


def _extra(c: Checked) -> dict[str, Any]:
    """Fields that only some kinds have."""
    claim = c.claim
    out: dict[str, Any] = {}
    if claim.name is not None:
        out["name"] = claim.name
    if claim.role is not None:
        out["role"] = claim.role
    if claim.verdict is not None:
        out["verdict"] = claim.verdict.value
    if claim.cwe is not None:
        out["cwe"] = claim.cwe
        out["title"] = claim.title
        out["fix"] = claim.fix
    if claim.advice:
        out["advice"] = True
    return out


def dumps(analysis: Analysis) -> str:
    return assemble([case_json(c) for c in analysis.cases], analysis.corpus.problems)


def to_text(data: Any) -> str:
    """JSON as annotations.json writes it: indented, keys sorted, text as it is."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


def case_json(c: CaseResult) -> str:
    """One case's part of the file, made where the case is analysed (and cached with it)."""
    return to_text(case_data(c))


_CASES = "\0cases"  # stands for the case list while the rest is written; "cases" sorts first


def assemble(cases: list[str], problems: tuple[Problem, ...], shard: tuple[int, int] | None = None) -> str:
    """The file from its cases' parts: the same bytes as writing it whole.
    A shard's part says which shard it is."""
    top: dict[str, Any] = {"schema": SCHEMA, "cases": _CASES, "problems": [{"path": p.path, "message": p.message} for p in problems]}
    if shard:
        top["shard"] = {"index": shard[0], "count": shard[1]}
    rest = to_text(top)
    listed = "[\n" + ",\n".join("    " + part.replace("\n", "\n    ") for part in cases) + "\n  ]" if cases else "[]"
    return rest.replace(json.dumps(_CASES), listed, 1) + "\n"
