"""Outputs for other tools: SARIF for code scanning, a compact table for CI gates.

SARIF 2.1.0: every claim that is not correct becomes a result on the source
lines it cites (or the lines the content really is on), so GitHub code
scanning shows a review's mistakes on the reviewed file. Verdicts and
unverifiable claims are left out: they are not mistakes on a line.

Locations are relative to the repository's root (%SRCROOT%, the base GitHub
code scanning resolves), so a result opens the reviewed file where it lives in
the repository; the run gives no base of its own (SARIF §3.14.14: a relative
base URI would need one itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reviewlens import __version__
from reviewlens.messages import say
from reviewlens.model import Checked, Kind, Status
from reviewlens.results import Analysis, ReportResult
from reviewlens.score import is_hallucination

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"

# (id, name, description, level) of each kind of mistake.
WRONG_LINE = ("RL001", "wrong-line", "The review cites the wrong line", "warning")
HALLUCINATION = ("RL002", "hallucination", "The review quotes or names code that is nowhere in the file", "error")
OUT_OF_RANGE = ("RL003", "out-of-range", "The review cites lines the file does not have", "warning")
CONTRADICTED = ("RL004", "contradicted-by-the-file",
                "The review says something of the code that the file contradicts (a name in a role it does not have, "
                "a defect where nothing could cause it)", "warning")
RULES = (WRONG_LINE, HALLUCINATION, OUT_OF_RANGE, CONTRADICTED)


def rule(c: Checked) -> tuple[str, str, str, str] | None:
    """The rule a claim breaks; None for a claim that is not a mistake on a line."""
    if c.claim.kind is Kind.VERDICT:
        return None
    if c.status is Status.WRONG_LINE:
        return WRONG_LINE
    if c.status is Status.OUT_OF_RANGE:
        return OUT_OF_RANGE
    if c.status is Status.NOT_IN_SOURCE:
        return HALLUCINATION if is_hallucination(c) else CONTRADICTED
    return None


def sarif(analysis: Analysis, corpus_in_repo: str) -> dict[str, Any]:
    """corpus_in_repo: the corpus folder relative to the repository's root, in
    POSIX form ("" when the corpus is the root)."""
    base = corpus_in_repo.strip("/")
    results = []
    for case in analysis.cases:
        if case.case.source is None:
            continue
        sizes = {s.path: len(s.lines) for s in case.case.sources}
        for r in case.reports:
            for c in r.claims:
                broken = rule(c)
                if broken is None:
                    continue
                rule_id, _, _, level = broken
                path = c.claim.file or case.case.source.path
                lines = c.actual_lines or c.claim.lines
                n = sizes.get(path, 0)
                if lines is None or not n:
                    start, end = 1, 1
                else:
                    start, end = min(max(lines.start, 1), n), min(max(lines.end, 1), n)
                where = "/".join(part for part in (base, case.case.folder, path) if part)
                results.append({
                    "ruleId": rule_id,
                    "level": level,
                    "message": {"text": f"{r.reviewer} ({r.report.file}, claim {c.id}): {say(c.reason)}"},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": uri_path(where), "uriBaseId": SRCROOT},
                        "region": {"startLine": max(start, 1), "endLine": max(end, start, 1)},
                    }}],
                    "partialFingerprints": {"reviewlens/claim": f"{case.case.id}/{r.report.id}/{c.id}"},
                })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reviewlens", "version": __version__,
                "rules": [{"id": rid, "name": name, "shortDescription": {"text": text},
                           "defaultConfiguration": {"level": level}} for rid, name, text, level in RULES],
            }},
            "results": results,
        }],
    }


def uri_path(path: str) -> str:
    """A relative path as a URI reference: each segment percent-encoded, so that
    a folder named '%2e%2e', 'a#b' or one with spaces or a newline stays one
    segment of one path (RFC 3986)."""
    return "/".join(quote(segment, safe="") for segment in path.split("/"))


@dataclass(frozen=True, slots=True)
class GateRow:
    """One report as `reviewlens check` gates it (the command words its figures)."""

    name: str  # "case/report"
    file: str  # the report's file, relative to the corpus
    result: ReportResult


def gate_rows(analysis: Analysis) -> list[GateRow]:
    return [GateRow(f"{c.case.id}/{r.report.id}", f"{c.case.folder}/{r.report.file}", r)
            for c in analysis.cases for r in c.reports]


def git_root(path: Path) -> Path | None:
    """The root of the git work tree that holds path (SARIF's paths are relative to it); None outside
    one, or without git."""
    import subprocess

    folder = path if path.is_dir() else path.parent
    try:
        done = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None
