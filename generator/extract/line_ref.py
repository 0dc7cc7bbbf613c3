"""line_ref claims: a line or range of lines, with what the report says about it.

    Line 7-9: This code imports ...        (Lines 21-53)        lines 10 and 12        lines 5 through 9
    ~line 132      line 226-294      lines 76-144, 226-294      L21-L53      ### Line 30
    app.py:42      `src/cache.py:10–12`      `store.go:565,579,586`      `memo.py:76-144, 226-294`      ./app.py:52:11
    第 164-173 行      （第 159-161、171-173 行）
    app/simulator.py     120      3    98%   149, 268-269        (a coverage table's Missing column)

A citation that names its file ("app.py:42", a coverage row) carries that
file; the others are attributed to a file by their context (files.py). Each
range of a list is a claim of its own, except numbers a few lines apart in
prose ("lines 22 and 24"), which read as one passage. What the claim says
about its lines is decided in describe.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewlens.extract.citations import NONE, Citations
from reviewlens.extract.describe import describe
from reviewlens.extract.document import Document
from reviewlens.extract.patterns import JSON_END_KEY, JSON_LINE_KEY, LINE_WORD
from reviewlens.model import Claim, Kind, Lines

_NUM = r"\d{1,7}"
_DASH = r"[ \t]*[-–—~～][ \t]*"
_RANGE = rf"{_NUM}(?:{_DASH}{_NUM})?"
_SPEC = rf"{_RANGE}(?:[ \t]*,[ \t]*{_RANGE})*+"
# A file path with an extension: "app.py", "./src/cache.py", "backend/app/market/routes.py", "package.json"
PATH = r"(?:\.{1,2}/)?(?:[\w.-]+/)*[\w-][\w.-]*\.[A-Za-z][A-Za-z0-9]{0,5}"

# "app.py:42", "src/cache.py:10-12", "store.go:565,579,586", "memo.py:76-144, 226-294", "./app.py:52:11" (column)
FILE_CITE = re.compile(rf"(?<![\w/.:-])(?P<file>{PATH}):(?P<spec>{_SPEC})(?::{_NUM})?(?![\d])")
# "Line 7-9", "lines 21–53", "line 42", "~line 132", "Lines 5 through 9", "line 226-294"
WORDED = re.compile(
    rf"(?<![\w~])(?:~[ \t]*)?{LINE_WORD}\.?[ \t]+(?:~[ \t]*)?(?P<first>{_NUM})"
    rf"(?:(?:{_DASH}|[ \t]+(?:to|through|thru|until)[ \t]+)(?:[Ll]ines?[ \t]+)?(?P<last>{_NUM}))?(?![\d])"
)
# "lines 10 and 12", "lines 10, 12 and 14", "lines 76-144, 226-294": what comes after the first
MORE = re.compile(rf"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)(?P<first>{_NUM})(?:{_DASH}(?P<last>{_NUM}))?(?![\d-])")
# "L42", "L21-L53"
SHORT = re.compile(r"(?<![\w#/])L(\d{1,7})(?:\s*[-–]\s*L?(\d{1,7}))?\b")
# "第 164-173 行", "第 554 行", "第 159-161、171-173 行"
CHINESE = re.compile(
    rf"第[ \t]*(?P<spec>{_NUM}(?:[ \t]*[-–—~～至到][ \t]*{_NUM})?(?:[ \t]*[、，,和及与][ \t]*{_NUM}(?:[ \t]*[-–—~～至到][ \t]*{_NUM})?)*+)[ \t]*行"
)
# JSON output: "line": 24, "start_line": 5, "end_line": 9
JSON_LINE = re.compile(rf"{JSON_LINE_KEY}\s*+:\s*+(\d{{1,7}})(?:\s*+,\s*+{JSON_END_KEY}\s*+:\s*+(\d{{1,7}}))?")
# A coverage report's row: file, statements, misses, percentage, then the Missing column
#   app/simulator.py     120      3    98%   149, 268-269        | simulator.py | 120 | 3 | 98% | 149, 268-269 |
COVERAGE = re.compile(
    rf"^[ \t|]*+(?P<file>{PATH})[ \t|]++(?:\d+[ \t|]++)*\d+(?:\.\d+)?%[ \t|]++(?P<spec>{_SPEC})", re.M
)

NEAR = 5  # prose numbers this close ("lines 22 and 24") are one passage


def find(doc: Document, cited: Citations = NONE) -> Iterator[Claim]:
    text = doc.text
    for m in FILE_CITE.finditer(text):
        yield from _parts(doc, m, m.group("spec"), m.start("spec"), file=m.group("file"), start=m.start())
    for m in COVERAGE.finditer(text):  # lines a test run missed: they exist, nothing is said of them
        yield from _parts(doc, m, m.group("spec"), m.start("spec"), file=m.group("file"), start=m.start("file"), said="")
    for m in CHINESE.finditer(text):
        yield from _parts(doc, m, m.group("spec"), m.start("spec"), file=None, start=m.start())
    for m in WORDED.finditer(text):
        doc.budget.check()
        yield from _worded(doc, m)
    for pattern in (SHORT, JSON_LINE):
        for m in pattern.finditer(text):
            if pattern is SHORT and doc.in_code_span(m.start(), m.end()):
                continue  # `L42` inside code is code
            first = int(m.group(1))
            last = int(m.group(2)) if m.group(2) else first
            yield Claim(Kind.LINE_REF, m.start(), m.end(), _lines(first, last),
                        description=describe(doc, m.start(), m.end()))


def _lines(first: int, last: int) -> Lines:
    return Lines(min(first, last), max(first, last))  # line 0 stays: out of range


_PART = re.compile(rf"({_NUM})(?:[ \t]*[-–—~～至到][ \t]*({_NUM}))?")


def _parts(doc: Document, m: re.Match, spec: str, at: int, *, file: str | None, start: int,
           said: str | None = None) -> Iterator[Claim]:
    """One claim per line or range of a citation's list, each spanning its own
    numbers (the first also its file name); all share one description, and
    each knows the others (what the list describes may be spread over them)."""
    described = describe(doc, m.start(), m.end()) if said is None else said
    found = [(part, _lines(int(part.group(1)), int(part.group(2) or part.group(1)))) for part in _PART.finditer(spec)]
    together = tuple(lines for _, lines in found) if len(found) > 1 else ()
    for i, (part, lines) in enumerate(found):
        doc.budget.check()
        begin = start if i == 0 else at + part.start()
        yield Claim(Kind.LINE_REF, begin, at + part.end(), lines, description=described, file=file, together=together)


def _worded(doc: Document, m: re.Match) -> Iterator[Claim]:
    text = doc.text
    first = int(m.group("first"))
    last = int(m.group("last")) if m.group("last") else first
    end = m.end()
    others: list[tuple[int, int, int, int]] = []  # "lines 10 and 12": (first, last, start, end)
    while more := MORE.match(text, end):
        a = int(more.group("first"))
        b = int(more.group("last")) if more.group("last") else a
        others.append((a, b, more.start("first"), more.end()))
        end = more.end()
    described = describe(doc, m.start(), end)
    numbers = [first, last] + [n for a, b, _, _ in others for n in (a, b)]
    if others and m.group("last") is None and all(a == b for a, b, _, _ in others) and max(numbers) - min(numbers) <= NEAR:
        # Close together, single lines read as one passage: "lines 22 and 24".
        yield Claim(Kind.LINE_REF, m.start(), end, Lines(min(numbers), max(numbers)), description=described)
        return
    yield Claim(Kind.LINE_REF, m.start(), m.end(), _lines(first, last), description=described)
    for a, b, s, e in others:
        yield Claim(Kind.LINE_REF, s, e, _lines(a, b), description=described)
