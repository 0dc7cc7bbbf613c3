"""Reports that are data, not prose: SARIF 2.1.0 from static analysers, and a
small JSON format for models asked to answer in JSON.

    {"reviewer": "model-x", "verdict": "defects_found",
     "findings": [{"title": "SQL injection", "cwe": "CWE-89", "file": "app.py",
                   "lines": [45, 46], "code": "query = ...", "fix": "use parameters"}]}

Both are read through a JSON Schema of the fields reviewlens uses, so a
malformed file gets a message naming the field. Each result or finding
becomes a finding claim whose span is its "ruleId" (SARIF) or "title" (JSON)
in the file as read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from jsonschema import Draft202012Validator

from generator.corpusfiles import DataError, load_json
from generator.model import Lines

_TEXT = {"type": "object", "properties": {"text": {"type": "string"}}}
_LINE = {"type": "integer", "minimum": 1}
SARIF_SCHEMA = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name"], "properties": {
                        "name": {"type": "string"}, "version": {"type": "string"},
                        "rules": {"type": "array", "items": {
                            "type": "object", "required": ["id"], "properties": {
                                "id": {"type": "string"}, "shortDescription": _TEXT,
                                "properties": {"type": "object", "properties": {
                                    "tags": {"type": "array", "items": {"type": "string"}}}}}}}}}}},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["message"],
                    "properties": {
                        "ruleId": {"type": "string"},
                        "message": _TEXT,
                        "properties": {"type": "object"},
                        "locations": {"type": "array", "items": {"type": "object", "properties": {
                            "physicalLocation": {"type": "object", "properties": {
                                "artifactLocation": {"type": "object", "properties": {"uri": {"type": "string"}}},
                                "region": {"type": "object", "properties": {
                                    "startLine": _LINE, "endLine": _LINE,
                                    "snippet": _TEXT}}}}}}}}}},
            }}},
    },
}

JSON_SCHEMA = {
    "type": "object",
    "required": ["findings"],
    "properties": {
        "reviewer": {"type": "string"}, "model": {"type": "string"},
        "verdict": {"enum": ["no_defects", "defects_found"]},
        "findings": {"type": "array", "items": {
            "type": "object", "required": ["title"],
            "properties": {
                "title": {"type": "string"}, "cwe": {"type": "string"}, "file": {"type": "string"},
                "lines": {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 1, "maxItems": 2},
                "code": {"type": "string"}, "fix": {"type": "string"}, "description": {"type": "string"}}}},
    },
}


@dataclass(frozen=True, slots=True)
class Finding:
    start: int  # span in the file as read
    end: int
    title: str
    cwe: str | None
    file: str | None
    lines: Lines | None
    code: str | None
    fix: str | None


def problems(text: str, fmt: str) -> list[str]:
    """What is wrong with a structured report, each naming the field."""
    try:
        data = load_json(text)
    except DataError as err:
        return [str(err)]
    schema = SARIF_SCHEMA if fmt == "sarif" else JSON_SCHEMA
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: [str(p) for p in e.path])
    found = [f"{'.'.join(str(p) for p in e.path) or 'the file'}: {e.message}" for e in errors[:5]]
    if not found:
        found = _backwards(data, fmt)
    return found


def _backwards(data: dict, fmt: str) -> list[str]:
    """Line ranges that end before they start, each named by its field."""
    found = []
    if fmt == "json":
        for i, item in enumerate(data["findings"]):
            lines = item.get("lines")
            if lines and lines[-1] < lines[0]:
                found.append(f"findings.{i}.lines: {lines} ends before it starts")
        return found
    for r, run in enumerate(data["runs"]):
        for i, result in enumerate(run.get("results", [])):
            for j, loc in enumerate(result.get("locations") or []):
                region = loc.get("physicalLocation", {}).get("region", {})
                if region.get("endLine", region.get("startLine", 0)) < region.get("startLine", 0):
                    found.append(f"runs.{r}.results.{i}.locations.{j}.physicalLocation.region: "
                                 f"endLine {region['endLine']} is before startLine {region['startLine']}")
    return found


def meta(text: str, fmt: str) -> dict[str, str]:
    data = load_json(text)
    if fmt == "sarif":
        driver = data["runs"][0]["tool"]["driver"]
        return {"reviewer": driver["name"], "model": f"{driver['name']} {driver.get('version', '')}".strip()}
    return {k: str(data[k]) for k in ("reviewer", "model") if data.get(k)}


_CWE_TAG = re.compile(r"cwe[-/:_ ]?0*(\d{1,4})", re.I)


def findings(text: str, fmt: str) -> tuple[list[Finding], str | None]:
    """The findings, and the verdict the file states (JSON) or implies (SARIF)."""
    data = load_json(text)
    out: list[Finding] = []
    pos = 0
    if fmt == "sarif":
        for run in data["runs"]:
            rules = {r["id"]: r for r in run["tool"]["driver"].get("rules", [])}
            for result in run.get("results", []):
                rule_id = result.get("ruleId", "")
                key = f'"ruleId": {json.dumps(rule_id)}' if rule_id else '"message"'
                start, end = _find(text, key, pos)
                pos = end
                rule = rules.get(rule_id, {})
                tags = " ".join(rule.get("properties", {}).get("tags", []))
                cwe = _cwe(tags) or _cwe(json.dumps(result.get("properties", {})))
                loc = (result.get("locations") or [{}])[0].get("physicalLocation", {})
                region = loc.get("region", {})
                first = region.get("startLine")
                lines = Lines(first, max(first, region.get("endLine", first))) if isinstance(first, int) and first >= 1 else None
                uri = loc.get("artifactLocation", {}).get("uri")
                title = (rule.get("shortDescription", {}).get("text") or result["message"].get("text") or rule_id)
                out.append(Finding(start, end, title.strip(), cwe, _path(uri), lines, None, None))
        return out, "defects_found" if out else "no_defects"
    for item in data["findings"]:
        key = f'"title": {json.dumps(item["title"])}'
        start, end = _find(text, key, pos)
        pos = end
        raw = item.get("lines")
        lines = Lines(raw[0], raw[-1]) if raw and raw[0] >= 1 and raw[-1] >= raw[0] else None
        out.append(Finding(start, end, item["title"], _cwe(item.get("cwe", "")), item.get("file"),
                           lines, item.get("code"), item.get("fix")))
    return out, data.get("verdict") or ("defects_found" if out else "no_defects")


def verdict_span(text: str, fmt: str) -> tuple[int, int] | None:
    """Where the file states its verdict: JSON's "verdict", SARIF's "results"."""
    m = re.search(r'"verdict"\s*:\s*"[^"]*"' if fmt == "json" else r'"results"\s*:', text)
    return m.span() if m else None


def _find(text: str, key: str, pos: int) -> tuple[int, int]:
    """The span where key occurs next, spaced around ':' as the file has it."""
    pattern = re.compile(re.escape(key).replace(r'":\ ', r'"\s*:\s*'))
    m = pattern.search(text, pos)
    if m is None:
        return pos, pos
    return m.start(), m.end()


def _cwe(text: str) -> str | None:
    m = _CWE_TAG.search(text or "")
    return f"CWE-{int(m.group(1))}" if m else None


def _path(uri: str | None) -> str | None:
    if not uri:
        return None
    return re.sub(r"^file://(?:localhost)?", "", uri)
