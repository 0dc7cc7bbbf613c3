"""semgrep's own JSON output (`semgrep --json`).

Each result is a finding on its start..end lines; its CWE comes from the
rule's metadata; `extra.lines` is semgrep's quote of the matched code, checked
as one (semgrep without a login prints "requires login" there instead).
"""

from __future__ import annotations

import re

from reviewlens.formats.common import Cursor, Finding, Parsed, Quote, cwe_in, lines_of, schema_problems

NAME = "semgrep"
LANGUAGE = "json"

_POSITION = {"type": "object", "required": ["line"], "properties": {"line": {"type": "integer", "minimum": 1}}}
SCHEMA = {
    "type": "object",
    "required": ["results"],
    "properties": {
        "version": {"type": "string"},
        "results": {"type": "array", "items": {
            "type": "object", "required": ["check_id", "path", "start"],
            "properties": {
                "check_id": {"type": "string"}, "path": {"type": "string"}, "start": _POSITION, "end": _POSITION,
                "extra": {"type": "object", "properties": {
                    "message": {"type": "string"}, "lines": {"type": "string"}, "severity": {"type": "string"},
                    "metadata": {"type": "object"}}}}}},
    },
}


def detect(data) -> bool:
    results = data.get("results") if isinstance(data, dict) else None
    return isinstance(results, list) and any(isinstance(r, dict) and "check_id" in r for r in results)


def problems(data) -> list[str]:
    return schema_problems(data, SCHEMA)


def meta(data) -> dict[str, str]:
    return {"reviewer": "semgrep", "model": f"semgrep {data.get('version', '')}".strip()}


def parse(text: str, data) -> Parsed:
    cursor, out = Cursor(text), []
    for r in data["results"]:
        start, end = cursor.key("check_id", r["check_id"])
        extra = r.get("extra", {})
        lines = lines_of(r["start"]["line"], r.get("end", {}).get("line"))
        matched = extra.get("lines", "")
        quote = None
        if matched.strip() and matched.strip() != "requires login":
            a, b = cursor.value("lines")
            quote = Quote(a, b, lines, matched)
        title = (extra.get("message") or r["check_id"]).strip().split("\n")[0]
        out.append(Finding(start, end, title, cwe_in(extra.get("metadata", {}).get("cwe", "")), r.get("path"), lines,
                           extra.get("fix"), quote))
    m = re.search(r'"results"\s*:', text)
    return Parsed(out, "defects_found" if out else "no_defects", m.span() if m else None)
