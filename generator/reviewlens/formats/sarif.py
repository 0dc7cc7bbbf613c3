"""SARIF 2.1.0, from static analysers (bandit, semgrep, CodeQL).

Each result is a finding on its region's lines; its CWE comes from the rule's
tags (`external/cwe/cwe-78`) or the result's properties; the reviewer is the
tool's driver name. A region's snippet is a quote of the file, checked as one.
"""

from __future__ import annotations

import re

from reviewlens.formats.common import Cursor, Finding, Parsed, Quote, cwe_in, lines_of, path_of, schema_problems

NAME = "sarif"
LANGUAGE = "json"

_TEXT = {"type": "object", "properties": {"text": {"type": "string"}}}
_LINE = {"type": "integer", "minimum": 1}
SCHEMA = {
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


def detect(data) -> bool:
    return isinstance(data, dict) and "runs" in data and "version" in data


def problems(data) -> list[str]:
    found = schema_problems(data, SCHEMA)
    if found:
        return found
    for r, run in enumerate(data["runs"]):
        for i, result in enumerate(run.get("results", [])):
            for j, loc in enumerate(result.get("locations") or []):
                region = loc.get("physicalLocation", {}).get("region", {})
                if region.get("endLine", region.get("startLine", 0)) < region.get("startLine", 0):
                    found.append(f"runs.{r}.results.{i}.locations.{j}.physicalLocation.region: "
                                 f"endLine {region['endLine']} is before startLine {region['startLine']}")
    return found


def meta(data) -> dict[str, str]:
    driver = data["runs"][0]["tool"]["driver"]
    return {"reviewer": driver["name"], "model": f"{driver['name']} {driver.get('version', '')}".strip()}


def parse(text: str, data) -> Parsed:
    cursor, out = Cursor(text), []
    for run in data["runs"]:
        rules = {r["id"]: r for r in run["tool"]["driver"].get("rules", [])}
        for result in run.get("results", []):
            rule_id = result.get("ruleId", "")
            start, end = cursor.key("ruleId", rule_id) if rule_id else cursor.key("message")
            rule = rules.get(rule_id, {})
            cwe = cwe_in(" ".join(rule.get("properties", {}).get("tags", []))) or cwe_in(result.get("properties", {}))
            loc = (result.get("locations") or [{}])[0].get("physicalLocation", {})
            region = loc.get("region", {})
            lines = lines_of(region.get("startLine"), region.get("endLine"))
            title = (rule.get("shortDescription", {}).get("text") or result["message"].get("text") or rule_id).strip()
            snippet = region.get("snippet", {}).get("text", "")
            quote = None
            if snippet.strip():
                a, b = cursor.value("text", within="snippet")
                quote = Quote(a, b, lines, snippet)
            out.append(Finding(start, end, title, cwe, path_of(loc.get("artifactLocation", {}).get("uri")), lines,
                               None, quote))
    m = re.search(r'"results"\s*:', text)
    return Parsed(out, "defects_found" if out else "no_defects", m.span() if m else None)
