"""What every report format hands the extract stage, and the helpers they share."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from jsonschema import Draft202012Validator

from reviewlens.model import Lines


@dataclass(frozen=True, slots=True)
class Quote:
    """Code a tool quotes from the file: its snippet of a result."""

    start: int  # span in the file as read
    end: int
    lines: Lines | None  # where the tool says it is
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    start: int  # span in the file as read (its rule id or title)
    end: int
    title: str
    cwe: str | None
    file: str | None
    lines: Lines | None
    fix: str | None = None
    quote: Quote | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    findings: list[Finding]
    verdict: str  # "defects_found" or "no_defects": what the file states or implies
    verdict_span: tuple[int, int] | None  # where it says so


def schema_problems(data, schema: dict) -> list[str]:
    """What breaks the schema, each naming the field ("runs.0.results.3.locations: ...")."""
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: [str(p) for p in e.path])
    return [f"{'.'.join(str(p) for p in e.path) or 'the file'}: {e.message}" for e in errors[:5]]


class Cursor:
    """Finds each result's keys in the file as read, in order: a claim's span is where
    its result says what it says."""

    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0

    def key(self, key: str, value=None) -> tuple[int, int]:
        """The span of `"key": value` (or of `"key"` alone) at or after the cursor; the cursor moves past it."""
        shapes = [f'"{key}"']
        if value is not None:  # as the file writes it: with or without \u escapes
            shapes[:0] = [f'"{key}": {json.dumps(value, ensure_ascii=False)}', f'"{key}": {json.dumps(value)}']
        for shown in shapes:
            m = re.compile(re.escape(shown).replace(r'":\ ', r'"\s*:\s*')).search(self.text, self.pos)
            if m is not None:
                self.pos = m.end()
                return m.start(), m.end()
        return self.pos, self.pos

    def value(self, key: str, within: str | None = None) -> tuple[int, int]:
        """The span of the string value of the next `"key"` (its quotes included), or of the
        next `"within": {... "key": ...}`, without moving the cursor."""
        head = rf'"{re.escape(within)}"\s*:\s*\{{[^{{}}]*?' if within else ""
        m = re.compile(rf'{head}"{re.escape(key)}"\s*:\s*("(?:[^"\\]|\\.)*+")').search(self.text, self.pos)
        return m.span(1) if m else (self.pos, self.pos)


_CWE = re.compile(r"cwe[-/:_ ]?0*(\d{1,4})", re.I)


def cwe_in(text) -> str | None:
    m = _CWE.search(text if isinstance(text, str) else json.dumps(text))
    return f"CWE-{int(m.group(1))}" if m else None


def lines_of(first, last=None) -> Lines | None:
    if not isinstance(first, int) or isinstance(first, bool) or first < 1:
        return None
    last = last if isinstance(last, int) and not isinstance(last, bool) and last >= first else first
    return Lines(first, last)


def path_of(uri: str | None) -> str | None:
    if not uri:
        return None
    return re.sub(r"^file://(?:localhost)?", "", uri)


def numbered_line(code: str, line: int) -> str | None:
    """From a tool's numbered context ("21\\t    with open(p) as f:\\n22\\t    return ..."), the code of one line."""
    for row in code.splitlines():
        m = re.match(r"\s*(\d+)(?:\t| +)(.*)$", row)
        if m and int(m.group(1)) == line:
            return m.group(2)
    return None
