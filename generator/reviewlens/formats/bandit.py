"""bandit's own output: its JSON (`bandit -f json`) and its text report.

    >> Issue: [B324:hashlib] Use of weak SHA1 hash for security. Consider usedforsecurity=False
       Severity: High   Confidence: High
       CWE: CWE-327 (https://cwe.mitre.org/data/definitions/327.html)
       Location: ./ledger.py:22:15
    21	    with open(path, "rb") as f:
    22	        return hashlib.sha1(f.read()).hexdigest()

Each issue is a finding on its line; its numbered context is bandit's quote of
the file, and the flagged line's code is checked as a numbered quote.
"""

from __future__ import annotations

import re

from reviewlens.formats.common import Cursor, Finding, Parsed, Quote, cwe_in, lines_of, numbered_line, schema_problems

NAME = "bandit"
LANGUAGE = "json"

SCHEMA = {
    "type": "object",
    "required": ["results"],
    "properties": {"results": {"type": "array", "items": {
        "type": "object", "required": ["test_id", "issue_text", "line_number"],
        "properties": {
            "test_id": {"type": "string"}, "test_name": {"type": "string"}, "issue_text": {"type": "string"},
            "filename": {"type": "string"}, "line_number": {"type": "integer", "minimum": 1},
            "line_range": {"type": "array", "items": {"type": "integer", "minimum": 1}},
            "code": {"type": "string"}, "issue_severity": {"type": "string"},
            "issue_cwe": {"type": "object", "properties": {"id": {"type": "integer"}}}}}}},
}


def detect(data) -> bool:
    results = data.get("results") if isinstance(data, dict) else None
    return isinstance(results, list) and ("metrics" in data or any(isinstance(r, dict) and "test_id" in r for r in results))


def problems(data) -> list[str]:
    return schema_problems(data, SCHEMA)


def meta(data) -> dict[str, str]:
    return {"reviewer": "bandit", "model": "bandit"}


def parse(text: str, data) -> Parsed:
    cursor, out = Cursor(text), []
    for r in data["results"]:
        start, end = cursor.key("test_id", r["test_id"])
        line = r["line_number"]
        span = r.get("line_range") or [line]
        lines = lines_of(min(span), max(span))
        code = numbered_line(r.get("code", ""), line)
        quote = None
        if code is not None and code.strip():
            a, b = cursor.value("code")
            quote = Quote(a, b, lines_of(line), code)
        cwe = f"CWE-{r['issue_cwe']['id']}" if isinstance(r.get("issue_cwe", {}).get("id"), int) else None
        out.append(Finding(start, end, r["issue_text"].strip(), cwe, r.get("filename"), lines, None, quote))
    m = re.search(r'"results"\s*:', text)
    return Parsed(out, "defects_found" if out else "no_defects", m.span() if m else None)


# --- the text report ------------------------------------------------------------------

TEXT_NAME = "bandit-text"
_RUN = re.compile(r"\A\s*Run started:.*\n(?:.*\n){0,3}?\s*Test results:\s*\n", re.M)
_ISSUE = re.compile(r"^>> Issue: \[(?P<id>[^\]:]+)(?::[^\]]*)?\] (?P<title>.+)$", re.M)
_LOCATION = re.compile(r"^\s+Location:\s*(?P<file>\S+?):(?P<line>\d+)(?::\d+)?\s*$", re.M)
_CWE_LINE = re.compile(r"^\s+CWE:\s*(?P<cwe>CWE-\d+)", re.M)
_CODE_LINE = re.compile(r"^(?P<n>\d+)\t(?P<code>.*)$", re.M)


def detect_text(text: str) -> bool:
    return _RUN.match(text) is not None


def parse_text(text: str) -> Parsed:
    out = []
    issues = list(_ISSUE.finditer(text))
    for i, m in enumerate(issues):
        end = issues[i + 1].start() if i + 1 < len(issues) else len(text)
        block = text[m.end():end]
        where = _LOCATION.search(block)
        line = int(where.group("line")) if where else None
        quote = None
        for row in _CODE_LINE.finditer(block):
            if line is not None and int(row.group("n")) == line and row.group("code").strip():
                a = m.end() + row.start()
                quote = Quote(a, m.end() + row.end(), lines_of(line), row.group("code"))
        cwe = _CWE_LINE.search(block)
        out.append(Finding(m.start("id") - 1, m.end(), m.group("title").strip(), cwe_in(cwe.group("cwe")) if cwe else None,
                           where.group("file") if where else None, lines_of(line), None, quote))
    return Parsed(out, "defects_found" if out else "no_defects", None)
