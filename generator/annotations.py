"""annotations.json: the analysis as data (schema "reviewlens/annotations@1").

Sorted keys, no timestamps, no absolute paths: the same corpus always gives
the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from generator.model import Analysis, Checked, ReportResult

SCHEMA = "reviewlens/annotations@1"


def to_data(analysis: Analysis) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "cases": [
            {
                "id": c.case.id,
                "title": c.case.title,
                "source": None
                if c.case.source is None
                else {
                    "path": c.case.source.path,
                    "lines": len(c.case.source.lines),
                    "sha256": c.case.source.sha256,
                    "language": c.case.source.language,
                },
                "problems": list(c.case.problems),
                "reports": [_report(r) for r in c.reports],
            }
            for c in analysis.cases
        ],
        "problems": [{"path": p.path, "message": p.message} for p in analysis.corpus.problems],
    }


def _report(r: ReportResult) -> dict[str, Any]:
    return {
        "id": r.report.id,
        "file": r.report.file,
        "reviewer": r.reviewer,
        "verdict": r.verdict.value,
        "claims": [_claim(c) for c in r.claims],
        "metrics": r.metrics,
        "problems": list(r.report.problems),
    }


def _claim(c: Checked) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.claim.kind.value,
        "span": [c.claim.start, c.claim.end],
        "text": c.text,
        "lines": c.claim.lines.as_list() if c.claim.lines else None,
        "status": c.status.value,
        "actual_lines": c.actual_lines.as_list() if c.actual_lines else None,
        "message": c.message,
    }


def dumps(analysis: Analysis) -> str:
    return json.dumps(to_data(analysis), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
