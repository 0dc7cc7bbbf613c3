"""line_ref claims: a line or range of lines, with what the report says about it.

    Line 7-9: This code imports ...        (Lines 21-53)        lines 10 and 12        lines 5 through 9
    ~line 132      line 226-294      lines 76-144, 226-294      L21-L53      L786, 1082, 1098      ### Line 30
    app.py:42      `src/cache.py:10–12`      `store.go:565,579,586`      `memo.py:76-144, 226-294`      ./app.py:52:11
    [app.ts](app.ts#L155-L165)      Lines 1462+      line 2-15 area      after line 2384      around line 40
    第 164-173 行      （第 159-161、171-173 行）      行号: 45, 46      20 行目      20행      26번째 줄
    | `Store.get()` | 16-22 |      | lib/route.php | 39, 41, 55 |      (a column headed "Lines", "行号", "Zeile" ...)
    на строке 41      после строки 42      in Zeile 20      à la ligne 20      en la línea 26      na linha 26
    app/simulator.py     120      3    98%   149, 268-269        (a coverage table's Missing column)

The words each human language cites a line with are in lexicon.CITATION_WORDS.
A citation that names its file ("app.py:42", a coverage row, an anchor) carries
that file; the others are attributed to a file by their context (files.py).
Each range of a list is a claim of its own, except numbers a few lines apart in
prose ("lines 22 and 24"), which read as one passage. An approximate citation
("~line 132", "line 2-15 area", "Lines 1462+", "after line 42") is marked so:
its check allows a few lines either way. What the claim says about its lines is
bound to it in describe.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewlens.extract.binding import bind
from reviewlens.extract.citations import NONE, Citations
from reviewlens.extract.document import Document
from reviewlens.extract.patterns import JSON_END_KEY, JSON_LINE_KEY
from reviewlens.lexicon import CITE_BEFORE, CITE_JOIN, CITE_RANGE, DASH, PATH
from reviewlens.model import Claim, Kind, Lines

_NUM = r"\d{1,7}"
_DASH = DASH
_RANGE = rf"{_NUM}(?:{_DASH}{_NUM})?"
_SPEC = rf"{_RANGE}(?:[ \t]*,[ \t]*{_RANGE})*+"

# "app.py:42", "src/cache.py:10-12", "store.go:565,579,586", "memo.py:76-144, 226-294", "./app.py:52:11" (column)
FILE_CITE = re.compile(rf"(?<![\w/.:-])(?P<file>{PATH}):(?P<spec>{_SPEC})(?::{_NUM})?(?![\d])")
# "app.ts#L155-L165", "https://host/o/r/blob/main/src/app.ts#L155": a link to lines
# (never from inside a word: a long run of word characters is crossed once, not tried at each of them)
ANCHOR = re.compile(rf"(?<![\w.-])(?P<file>{PATH})#L(?P<first>{_NUM})(?:-L(?P<last>{_NUM}))?(?![\d])")
# "Line 7-9", "lines 21–53", "line 42", "~line 132", "Lines 5 through 9", "line 226-294", "строке 41", "Zeile 20",
# and as a field: "**Lines**: 45, 46", "Line: 12"
WORDED = re.compile(
    rf"(?<![\w~])(?:~[ \t]*)?(?:{CITE_BEFORE})\.?(?:[ \t]+|(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?[ \t]*)(?:~[ \t]*)?(?:№[ \t]*)?"
    rf"(?P<first>{_NUM})"
    rf"(?:(?:{_DASH}|[ \t]+(?:{CITE_RANGE})[ \t]+)(?:(?:{CITE_BEFORE})[ \t]+)?(?P<last>{_NUM}))?(?![\d])"
)
# "lines 10 and 12", "lines 10, 12 and 14", "lines 76-144, 226-294", "строки 41 и 42": what comes after the first
MORE = re.compile(
    rf"(?:[ \t]*[,、][ \t]*(?:(?:{CITE_JOIN})[ \t]+)?|[ \t]+(?:{CITE_JOIN})[ \t]+)(?:L)?(?P<first>{_NUM})"
    rf"(?:{_DASH}L?(?P<last>{_NUM}))?(?![\d-])"
)
# "L42", "L21-L53"
SHORT = re.compile(r"(?<![\w#/])L(?P<first>\d{1,7})(?:\s*[-–]\s*L?(?P<last>\d{1,7}))?\b")
# "第 164-173 行", "第 554 行", "第 159-161、171-173 行"
CHINESE = re.compile(
    rf"第[ \t]*(?P<spec>{_NUM}(?:[ \t]*[-–—~～至到][ \t]*{_NUM})?(?:[ \t]*[、，,和及与][ \t]*{_NUM}(?:[ \t]*[-–—~～至到][ \t]*{_NUM})?)*+)[ \t]*行"
)
# "行号: 45, 46", "行号：45、46", "行 45-46"
CHINESE_FIELD = re.compile(
    rf"行号?[ \t]*[:：]?[ \t]*(?P<spec>{_NUM}(?:[ \t]*[-–—~～至到][ \t]*{_NUM})?(?:[ \t]*[、，,][ \t]*{_NUM}(?:[ \t]*[-–—~～至到][ \t]*{_NUM})?)*+)(?![\d])"
)
# A number before its word: "20 行目", "20行目", "20-25 行目" (Japanese); "20행", "26번째 줄", "26번 줄" (Korean)
SUFFIXED = re.compile(
    rf"(?<![\w.])(?P<spec>{_NUM}(?:[ \t]*[-–—~～][ \t]*{_NUM})?(?:[ \t]*[、,][ \t]*{_NUM}(?:[ \t]*[-–—~～][ \t]*{_NUM})?)*+)"
    r"[ \t]*(?:行目|행|번째[ \t]*줄|번[ \t]*줄)"
)
# JSON output: "line": 24, "start_line": 5, "end_line": 9
JSON_LINE = re.compile(rf"{JSON_LINE_KEY}\s*+:\s*+(\d{{1,7}})(?:\s*+,\s*+{JSON_END_KEY}\s*+:\s*+(\d{{1,7}}))?")
# A coverage report's row: file, statements, misses, percentage, then the Missing column
#   app/simulator.py     120      3    98%   149, 268-269        | simulator.py | 120 | 3 | 98% | 149, 268-269 |
COVERAGE = re.compile(
    rf"^[ \t|]*+(?P<file>{PATH})[ \t|]++(?:\d+[ \t|]++)*\d+(?:\.\d+)?%[ \t|]++(?P<spec>{_SPEC})", re.M
)

# A table's delimiter row: "|---|:---:|", "--- | ---"
TABLE_DELIMITER = re.compile(r"^[ \t]*+\|?[ \t]*+:?-{3,}:?[ \t]*+(?:\|[ \t]*+:?-{3,}:?[ \t]*+)*+\|?[ \t]*+$", re.M)
# A column of line numbers, by its header: "Lines", "Line #", "Line numbers", "Location", "行号", "Строки", "Zeile"
LINE_COLUMN = re.compile(
    rf"[ \t*_`]*+(?:(?:{CITE_BEFORE})|[Ll]ine[ \t]*(?:numbers?|no\.?|#)|[Ll]ocation|行号?|L#)[ \t*_`]*+(?:\([^)\n]*\))?[ \t]*+")
# A cell of such a column: "16-22", "L12", "39, 41, 55", "115–127"
LINE_CELL = re.compile(rf"[ \t`*]*+L?(?P<spec>{_NUM}(?:{_DASH}L?{_NUM})?(?:[ \t]*[,、][ \t]*L?{_NUM}(?:{_DASH}L?{_NUM})?)*+)[ \t`*]*+")

# What makes a citation approximate: "~line 5", "around line 5", "after line 42", "после строки 42",
# "near line 5" before it; "line 5+", "line 2-15 area", "lines 5 or so", "line 5 region" after it
APPROX_BEFORE = re.compile(
    r"(?:~|\b(?:around|about|approximately|approx\.?|roughly|near|nearly|circa|ca\.|after|below|following|"
    r"после|около|примерно|nach|etwa|ungefähr|après|vers|environ|después|alrededor|depois|cerca)\b)[ \t]*(?:the[ \t]+)?$",
    re.I,
)
APPROX_AFTER = re.compile(r"[ \t]*(?:\+|\b(?:area|region|or so|onwards|onward|and (?:below|after|following))\b)", re.I)
APPROX_READ = 24  # characters read before a citation for an approximating word

NEAR = 5  # prose numbers this close ("lines 22 and 24") are one passage


def find(doc: Document, cited: Citations = NONE) -> Iterator[Claim]:
    text = doc.text
    for m in FILE_CITE.finditer(text):
        yield from _parts(doc, m, m.group("spec"), m.start("spec"), file=m.group("file"), start=m.start())
    for m in ANCHOR.finditer(text):
        first = int(m.group("first"))
        last = int(m.group("last") or first)
        yield _claim(doc, m.start(), m.end(), _lines(first, last), file=_repository_path(m.group("file")))
    for m in COVERAGE.finditer(text):  # lines a test run missed: they exist, nothing is said of them
        yield from _parts(doc, m, m.group("spec"), m.start("spec"), file=m.group("file"), start=m.start("file"), said="")
    for pattern in (CHINESE, CHINESE_FIELD, SUFFIXED):
        for m in pattern.finditer(text):
            doc.budget.check()
            yield from _parts(doc, m, m.group("spec"), m.start("spec"), file=None, start=m.start())
    yield from _line_columns(doc)
    for pattern in (WORDED, SHORT):
        for m in pattern.finditer(text):
            doc.budget.check()
            if pattern is SHORT and doc.in_code_span(m.start(), m.end()):
                continue  # `L42` inside code is code
            yield from _worded(doc, m)
    for m in JSON_LINE.finditer(text):
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        yield _claim(doc, m.start(), m.end(), _lines(first, last))


def _line_columns(doc: Document) -> Iterator[Claim]:
    """The cells of a table column headed "Lines" (or "行号", "Zeile" ...): each row's numbers cite
    lines, bound to the row's other cells ("| `Store.get()` | 16-22 |", "| lib/route.php | 39, 41 |")."""
    text = doc.text
    for d in TABLE_DELIMITER.finditer(text):
        doc.budget.check()
        header_start = text.rfind("\n", 0, max(0, d.start() - 1)) + 1
        header = doc.block_at(header_start, kinds=("table_row",))
        if header is None:
            continue
        columns = [i for i, (a, b) in enumerate(doc.cells(header)) if LINE_COLUMN.fullmatch(text, a, b)]
        pos = d.end() + 1
        while columns and (row := doc.block_at(pos, kinds=("table_row",))) is not None and row.end > pos:
            cells = doc.cells(row)
            for i in columns:
                if i < len(cells) and (m := LINE_CELL.fullmatch(text, *cells[i])) is not None:
                    yield from _parts(doc, m, m.group("spec"), m.start("spec"), file=None, start=m.start("spec"))
            pos = row.end


def _lines(first: int, last: int) -> Lines:
    return Lines(min(first, last), max(first, last))  # line 0 stays: out of range


def _repository_path(url_path: str) -> str:
    """A link's path as the repository has it: "https://host/o/r/blob/main/src/a.ts" is "src/a.ts"."""
    return re.sub(r"^.*?/(?:blob|tree|raw)/[^/]+/", "", url_path)


def _approx(text: str, start: int, end: int) -> bool:
    """Whether the citation text[start:end] says it is approximate: "~line 5", "line 5+", "after line 42"."""
    return bool(APPROX_BEFORE.search(text, max(0, start - APPROX_READ), start + (text[start] == "~"))
                or text.startswith("~", start) or APPROX_AFTER.match(text, end))


def _claim(doc: Document, start: int, end: int, lines: Lines, *, file: str | None = None,
           bound: tuple[int, int] | None = None, together: tuple[Lines, ...] = (), said: str | None = None) -> Claim:
    """A line_ref claim over text[start:end]; what it says is bound over `bound` (its whole citation)."""
    a, b = bound or (start, end)
    binding = bind(doc, a, b) if said is None else None
    return Claim(Kind.LINE_REF, start, end, lines, file=file, together=together, approx=_approx(doc.text, a, b),
                 description=said if binding is None else binding.text, quote=binding.quote if binding else None,
                 context=binding.context if binding else None)


_PART = re.compile(rf"({_NUM})(?:[ \t]*[-–—~～至到][ \t]*({_NUM}))?")


def _parts(doc: Document, m: re.Match, spec: str, at: int, *, file: str | None, start: int,
           said: str | None = None) -> Iterator[Claim]:
    """One claim per line or range of a citation's list, each spanning its own
    numbers (the first also its file name); all share one description, and
    each knows the others (what the list describes may be spread over them)."""
    found = [(part, _lines(int(part.group(1)), int(part.group(2) or part.group(1)))) for part in _PART.finditer(spec)]
    together = tuple(lines for _, lines in found) if len(found) > 1 else ()
    first = None
    for i, (part, lines) in enumerate(found):
        doc.budget.check()
        begin = start if i == 0 else at + part.start()
        claim = _claim(doc, begin, at + part.end(), lines, file=file, bound=(m.start(), m.end()), together=together,
                       said=said) if first is None else _like(first, begin, at + part.end(), lines)
        first = first or claim
        yield claim


def _like(first: Claim, start: int, end: int, lines: Lines) -> Claim:
    """Another range of the same citation list: the same binding, its own span and lines."""
    return Claim(Kind.LINE_REF, start, end, lines, description=first.description, file=first.file,
                 together=first.together, approx=first.approx, quote=first.quote, context=first.context)


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
    numbers = [first, last] + [n for a, b, _, _ in others for n in (a, b)]
    if others and m.group("last") is None and all(a == b for a, b, _, _ in others) and max(numbers) - min(numbers) <= NEAR:
        # Close together, single lines read as one passage: "lines 22 and 24".
        yield _claim(doc, m.start(), end, Lines(min(numbers), max(numbers)))
        return
    together = (_lines(first, last), *(_lines(a, b) for a, b, _, _ in others)) if others else ()
    head = _claim(doc, m.start(), m.end(), _lines(first, last), bound=(m.start(), end), together=together)
    yield head
    for a, b, s, e in others:
        yield _like(head, s, e, _lines(a, b))
