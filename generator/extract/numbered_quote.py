"""line_quote claims: a line number printed with the code on that line.

    `14 from nova.tests import fixtures as nova_fixtures`
    `4 #
    5 # Unless required by applicable law`      (two numbered lines, two claims)

Only numbers inside a code span count: a list item's own number ("111. ")
is the report's numbering, never a source line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.model import Claim, Kind, Lines

# An inline code span; it may wrap onto following lines but not cross a blank line.
#   `x = 1`    ``a ` b``    `4 #\n5 # Unless`
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\r?\n)[^`]|`(?!\1))+?)\1(?!`)", re.S)

# A numbered code line inside a span: "14 from x import y", "10 " (a blank line).
NUMBERED = re.compile(r"[ \t]*(\d{1,7})(?:[ \t]+|$)(.*)")

# Code that starts with an operator continues an expression ("2 + 2"), so its
# leading number is a value, not a line number.
OPERATOR_START = re.compile(r"[-+*/%=<>&|^!,.)\]}]")


def find(text: str) -> Iterator[Claim]:
    for span in CODE_SPAN.finditer(text):
        yield from _numbered_lines(text, span.start(2), span.end(2))


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
        yield Claim(
            kind=Kind.LINE_QUOTE,
            start=line_start,
            end=max(code_end, line_start + len(str(number))),
            lines=Lines(number, number),
            quote=code,
        )
