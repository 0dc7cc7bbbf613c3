"""The JSON findings format, for models asked to answer in JSON (see README).

    {"reviewer": "model-x", "model": "model-x-2026-10", "verdict": "defects_found",
     "findings": [{"title": "SQL injection", "cwe": "CWE-89", "file": "app.py",
                   "lines": [45, 46], "code": "query = ...", "fix": "use parameters"}]}

A finding's `code` is a quote of the file, checked as one.
"""

from __future__ import annotations

import re

from reviewlens.formats.common import Cursor, Finding, Parsed, Quote, cwe_in, lines_of, schema_problems

NAME = "json"
LANGUAGE = "json"  # how its text is shown on the report page

SCHEMA = {
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


def detect(data) -> bool:
    return isinstance(data, dict) and "findings" in data


def problems(data) -> list[str]:
    found = schema_problems(data, SCHEMA)
    if not found:
        for i, item in enumerate(data["findings"]):
            lines = item.get("lines")
            if lines and lines[-1] < lines[0]:
                found.append(f"findings.{i}.lines: {lines} ends before it starts")
    return found


def meta(data) -> dict[str, str]:
    return {k: str(data[k]) for k in ("reviewer", "model") if data.get(k)}


def parse(text: str, data) -> Parsed:
    cursor, out = Cursor(text), []
    for item in data["findings"]:
        start, end = cursor.key("title", item["title"])
        raw = item.get("lines") or []
        lines = lines_of(raw[0], raw[-1]) if raw else None
        quote = None
        if item.get("code", "").strip():
            a, b = cursor.value("code")
            quote = Quote(a, b, lines, item["code"])
        out.append(Finding(start, end, item["title"], cwe_in(item.get("cwe", "")), item.get("file"), lines,
                           item.get("fix"), quote))
    m = re.search(r'"verdict"\s*:\s*"[^"]*"', text)
    return Parsed(out, data.get("verdict") or ("defects_found" if out else "no_defects"), m.span() if m else None)
