"""line_quote claims: a line number printed with the code on that line.

    `14 from nova.tests import fixtures as nova_fixtures`
    `4 #
    5 # Unless required by applicable law`      (two numbered lines, two claims)
    line 42: `foo(bar)`          L42: foo(bar)          Line 42: foo(bar);
    ```                                       | 44 | `res.send(x)` |
    12  def f():
    13      return 1
    ```

A list item's own number ("111. ") is the report's numbering, never a source line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewlens.extract.citations import NONE, Citations
from reviewlens.extract.document import CodeSpan, Document
from reviewlens.extract.patterns import JSON_LINE_KEY
from reviewlens.model import Claim, Kind, Lines

# A numbered code line inside a span: "14 from x import y", "10 " (a blank line).
NUMBERED = re.compile(r"[ \t]*(\d{1,7})(?:[ \t]+|$)(.*)")

# A numbered line in a code block: "12  def f():", "12: x = 1", "12 | x = 1", "  12. x"
NUMBERED_BLOCK_LINE = re.compile(r"[ \t]*(\d{1,7})(?:[ \t]*[:|][ \t]?|\.[ \t]+|[ \t]+|$)(.*)")

# Code that starts with an operator continues an expression ("2 + 2"), so its
# leading number is a value, not a line number.
OPERATOR_START = re.compile(r"[-+*/%=<>&|^!,.)\]}]")

# "line 42: `foo()`", "Line 42 - `foo()`", "L42: `foo()`", "(line 42) `foo()`"
LINE_THEN_SPAN = re.compile(r"\b(?:[Ll]ine|LINE|L)[ \t]*(\d{1,7})[ \t]*(?:[:=\-–—][ \t]*)?(?=`)")

# "line 42: foo(bar);" with the code unquoted, up to the end of the line
LINE_THEN_CODE = re.compile(r"\b(?:[Ll]ine|LINE|L)\s*(\d{1,7})\s*:[ \t]+([^\n`]+)")

# "| 44 | `code` |" or "| Line 44 | `code` |": a table row giving a line and its code.
# The code is one span of one to three backticks with none inside (no backreference
# into an unbounded run: a row of 8,000 backticks is crossed once).
TABLE_ROW = re.compile(r"^\|[ \t]*+(?:[Ll]ines?[ \t]++|L)?(\d{1,7})[ \t]*+\|[ \t]*+(`{1,3}+)([^`\n]++)\2[ \t]*+\|", re.M)

# JSON output: {"line": 24, "code": "sql = ..."} (either order; "line_number", "lineno", "snippet" too).
# Found in two steps, each linear: an innermost {...}, then its two keys inside it.
JSON_OBJECT = re.compile(r"\{[^{}]*+\}")
JSON_LINE = re.compile(rf"{JSON_LINE_KEY}\s*+:\s*+(\d{{1,7}})(?!\d)")
JSON_CODE = re.compile(r'"(?:code|snippet|quote|source|evidence)"\s*+:\s*+("(?:[^"\\\n]|\\.)*+")')

_STOPWORDS = set("the a an this that these is are was be it its of to and or for with by on in as at which code line lines".split())


def looks_like_code(text: str) -> bool:
    """Rather code than English: brackets, assignments, operators; few plain words."""
    s = text.strip().rstrip(".")
    if not s:
        return False
    if re.search(r"[(){}\[\];=]|=>|->|::|\w\.\w", s) is None:
        return False
    words = re.findall(r"[A-Za-z]+", s)
    plain = sum(1 for w in words if w.lower() in _STOPWORDS)
    return plain <= max(1, len(words) // 4)


def find(doc: Document, cited: Citations = NONE) -> Iterator[Claim]:
    for span in doc.code_spans:
        yield from _numbered_lines(doc.text, span.content_start, span.content_end)
    for block in doc.blocks:
        if block.kind in ("fence", "code_block"):
            yield from _numbered_block(doc.text, block.start, block.end, fenced=block.kind == "fence")
    yield from _tab_numbered(doc)
    yield from _line_then_code(doc)
    yield from _json_objects(doc.text)
    for m in TABLE_ROW.finditer(doc.text):
        yield Claim(Kind.LINE_QUOTE, m.start(1), m.end(3) + len(m.group(2)), Lines(int(m.group(1)), int(m.group(1))),
                    quote=m.group(3))


def _numbered_lines(text: str, start: int, end: int) -> Iterator[Claim]:
    quotes: list[list[int]] = []  # [number, code_start, code_end, line_start]
    pos = start
    for raw in text[start:end].splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        m = NUMBERED.fullmatch(line)
        if m:
            quotes.append([int(m.group(1)), pos + m.start(2), pos + m.end(2), pos + m.start(1)])
        elif quotes:
            quotes[-1][2] = pos + len(line)  # a wrapped quote goes on
        else:
            return  # the span does not open with a line number: not a numbered quote
        pos += len(raw)
    several = len(quotes) > 1
    for number, code_start, code_end, line_start in quotes:
        code = text[code_start:code_end]
        if number < 1 or not code.strip():
            continue  # "10 " in a multi-line quote stands for a blank line: nothing to check
        if not several and OPERATOR_START.match(code):
            continue
        yield Claim(Kind.LINE_QUOTE, line_start, code_end, Lines(number, number), quote=code)


def _numbered_block(text: str, start: int, end: int, fenced: bool) -> Iterator[Claim]:
    body_start = text.index("\n", start) + 1 if fenced and "\n" in text[start:end] else start
    rows = []
    pos = body_start
    for raw in text[body_start:end].splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        if re.match(r"\s*(`{3,}|~{3,})", line):
            break
        rows.append((pos, line, NUMBERED_BLOCK_LINE.fullmatch(line)))
        pos += len(raw)
    filled = [r for r in rows if r[1].strip()]
    numbered = [r for r in filled if r[2]]
    if len(numbered) < 2 or len(numbered) < 0.6 * len(filled):
        return  # a plain code block: code_quote's business
    for pos, _, m in numbered:
        code = m.group(2)
        if int(m.group(1)) >= 1 and code.strip():
            yield Claim(Kind.LINE_QUOTE, pos + m.start(1), pos + m.end(2), Lines(int(m.group(1)), int(m.group(1))),
                        quote=code)


# A line as tools print their context: a number, a tab, the code ("52\t    return hashlib.sha1(data)")
TAB_NUMBERED = re.compile(r"^(\d{1,7})\t(?=.*\S)(.*)$", re.M)


def _tab_numbered(doc: Document) -> Iterator[Claim]:
    """Numbered context pasted outside a code block, as bandit and other tools print it."""
    for m in TAB_NUMBERED.finditer(doc.text):
        doc.budget.check()
        if not doc.in_fence(m.start()) and not doc.in_code_span(m.start(), m.end()) and int(m.group(1)) >= 1:
            n = int(m.group(1))
            yield Claim(Kind.LINE_QUOTE, m.start(1), m.end(2), Lines(n, n), quote=m.group(2))


def _line_then_code(doc: Document) -> Iterator[Claim]:
    text = doc.text
    spans = {s.start: s for s in doc.code_spans}
    for m in LINE_THEN_SPAN.finditer(text):
        span: CodeSpan | None = spans.get(m.end())
        if span is None or NUMBERED.fullmatch(span.content.splitlines()[0] if span.content else "") and \
                re.match(r"\s*\d", span.content):
            continue  # "Line 4: `4 x`" is the numbered quote's
        n = int(m.group(1))
        yield Claim(Kind.LINE_QUOTE, m.start(), span.end, Lines(n, n), quote=span.content)
    for m in LINE_THEN_CODE.finditer(text):
        code = m.group(2).rstrip()
        if doc.in_code_span(m.start(), m.end()) or not looks_like_code(code):
            continue
        n = int(m.group(1))
        yield Claim(Kind.LINE_QUOTE, m.start(), m.start(2) + len(code), Lines(n, n), quote=code)


def _json_objects(text: str) -> Iterator[Claim]:
    import json

    for obj in JSON_OBJECT.finditer(text):
        line = JSON_LINE.search(text, obj.start(), obj.end())
        code = JSON_CODE.search(text, obj.start(), obj.end()) if line else None
        if line is None or code is None:
            continue
        try:
            quote = json.loads(code.group(1))
        except ValueError:
            continue
        n = int(line.group(1))
        start, end = min(line.start(1), code.start(1)), max(line.end(1), code.end(1))
        yield Claim(Kind.LINE_QUOTE, start, end, Lines(n, n), quote=quote)
