"""Outputs for other tools: SARIF for code scanning, a compact table for CI gates.

SARIF 2.1.0: every claim that is not correct becomes a result on the source
lines it cites (or the lines the content really is on), so GitHub code
scanning shows a review's mistakes on the reviewed file. Verdicts and
unverifiable claims are left out: they are not mistakes on a line.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from generator import __version__
from generator.model import Kind, Status
from generator.results import Analysis

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

RULES = {
    Status.WRONG_LINE: ("RL001", "wrong-line", "The review cites the wrong line", "warning"),
    Status.NOT_IN_SOURCE: ("RL002", "not-in-source", "The review quotes or names code that is not in the file", "error"),
    Status.OUT_OF_RANGE: ("RL003", "out-of-range", "The review cites lines the file does not have", "warning"),
}


def sarif(analysis: Analysis, corpus_dir: str) -> dict[str, Any]:
    results = []
    for case in analysis.cases:
        if case.case.source is None:
            continue
        sizes = {s.path: len(s.lines) for s in case.case.sources}
        for r in case.reports:
            for c in r.claims:
                if c.status not in RULES or c.claim.kind is Kind.VERDICT:
                    continue
                rule_id, _, _, level = RULES[c.status]
                path = c.claim.file or case.case.source.path
                lines = c.actual_lines or c.claim.lines
                n = sizes.get(path, 0)
                if lines is None or not n:
                    start, end = 1, 1
                else:
                    start, end = min(max(lines.start, 1), n), min(max(lines.end, 1), n)
                results.append({
                    "ruleId": rule_id,
                    "level": level,
                    "message": {"text": f"{r.reviewer} ({r.report.file}, claim {c.id}): {c.message}"},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": uri_path(f"{case.case.folder}/{path}"), "uriBaseId": "CORPUS"},
                        "region": {"startLine": max(start, 1), "endLine": max(end, start, 1)},
                    }}],
                    "partialFingerprints": {"reviewlens/claim": f"{case.case.id}/{r.report.id}/{c.id}"},
                })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reviewlens", "version": __version__, "informationUri": "https://pypi.org/project/reviewlens/",
                "rules": [{"id": rid, "name": name, "shortDescription": {"text": text},
                           "defaultConfiguration": {"level": level}} for rid, name, text, level in RULES.values()],
            }},
            "originalUriBaseIds": {"CORPUS": {"uri": corpus_dir.rstrip("/") + "/"}},
            "results": results,
        }],
    }


def uri_path(path: str) -> str:
    """A relative path as a URI reference: each segment percent-encoded, so that
    a folder named '%2e%2e', 'a#b' or one with spaces or a newline stays one
    segment of one path (RFC 3986)."""
    return "/".join(quote(segment, safe="") for segment in path.split("/"))


def gate_rows(analysis: Analysis) -> list[tuple[str, str, str, float | None, int]]:
    """(case, report, reviewer, accuracy, not_in_source) per report, for `reviewlens check`."""
    return [(c.case.id, r.report.id, r.reviewer, r.metrics.accuracy, r.metrics.not_in_source)
            for c in analysis.cases for r in c.reports]
