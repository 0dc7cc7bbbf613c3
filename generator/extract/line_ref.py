"""line_ref claims: a line or range of lines with a description.

    Line 7-9: This code imports the necessary modules
    * Setup Phase (Lines 21-53): The test class is prepared ...
    the check on line 42 is missing        lines 5 through 9        L21-L53
    lines 10 and 12                        ### Line 30              app.py:42
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.extract.document import Document
from generator.model import Claim, Kind, Lines

# "Line 7-9", "lines 21–53", "line 42", "Lines 5 through 9", "lines 5 to 9"
WORDED = re.compile(
    r"\b[Ll](?:ine|INE)[sS]?\s+(\d{1,7})"
    r"(?:\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b)\s*(?:[Ll]ines?\s+)?(\d{1,7}))?(?!\d)"
)
# "lines 10 and 12", "lines 10, 12 and 14": the numbers after the first
MORE = re.compile(r"(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)(\d{1,7})(?![\d-])")
# "L42", "L21-L53"
SHORT = re.compile(r"(?<![\w#/])L(\d{1,7})(?:\s*[-–]\s*L?(\d{1,7}))?\b")
# JSON output: "line": 24, "start_line": 5, "end_line": 9
JSON_LINE = re.compile(r'"(?:line|line_number|lineno|start_line|line_start)"\s*:\s*(\d{1,7})(?:\s*,\s*"(?:end_line|line_end|end)"\s*:\s*(\d{1,7}))?')
# "app.py:42", "src/cache.py:10-12" (the file is attributed in files.py)
FILE_LINE = re.compile(r"(?<![\w/.-])[\w./-]+\.[A-Za-z]{1,6}:(\d{1,7})(?:-(\d{1,7}))?\b")

DESCRIBED = 400  # characters of description kept per reference

# A reference that labels what follows: "Line 7-9: ...", "(Lines 21-53): ...", "| Line 44 | ...", "L46 - ..."
LABEL = re.compile(r"\)?\**\s*(?::|\||[-–—]\s)")

# What follows the reference up to the end of its sentence: ": This code imports ..."
DESCRIPTION = re.compile(
    r"[ \t):.,|\-–—*]*(.*?)(?:(?<=[.!?])\s|;|\n\s*\n|\n\s*(?:[-*+]|\d+[.)]|\||#)\s|\s\|\s*CWE|\s*\|\s*$|\Z)", re.S | re.M
)


def find(doc: Document) -> Iterator[Claim]:
    text = doc.text
    for pattern in (WORDED, SHORT, FILE_LINE, JSON_LINE):
        for m in pattern.finditer(text):
            if pattern is SHORT and doc.in_code_span(m.start(), m.end()):
                continue  # `L42` inside code is code
            first = int(m.group(1))
            last = int(m.group(2)) if m.group(2) else first
            if last < first:
                first, last = last, first
            end = m.end()
            others: list[tuple[int, int, int]] = []  # "lines 10 and 12": (number, start, end)
            if pattern is WORDED and not m.group(2):
                while more := MORE.match(text, end):
                    others.append((int(more.group(1)), more.start(1), more.end(1)))
                    end = more.end()
            numbers = [first] + [n for n, _, _ in others]
            if others and max(numbers) - min(numbers) <= 5:
                # Close together, the lines are read as one passage: "lines 22 and 24".
                yield Claim(Kind.LINE_REF, m.start(), end, Lines(min(numbers), max(numbers)),
                            description=describe(doc, m.start(), end))
                continue
            yield Claim(Kind.LINE_REF, m.start(), m.end(), Lines(first, last),  # line 0 stays: out of range
                        description=describe(doc, m.start(), end))
            for n, a, b in others:
                yield Claim(Kind.LINE_REF, a, b, Lines(n, n), description=describe(doc, m.start(), end))


def describe(doc: Document, start: int, end: int) -> str:
    """What the report says about the lines: the text a label-style reference
    introduces ("Line 7-9: This code imports ..."), else its whole sentence
    ("`x` is compared on line 86; ...")."""
    # Within a window: the description is cut to DESCRIBED characters anyway, and
    # a scan to the end of a 200 KB run-on "sentence" per reference would be quadratic.
    window = doc.text[end:end + 3 * DESCRIBED]
    m = DESCRIPTION.match(window)
    after = " ".join(m.group(1).split()) if m else ""
    if LABEL.match(doc.text, end) and len(re.findall(r"\w+", after)) >= 2:
        return after[:DESCRIBED]
    s_start, _ = doc.sentence_at(start)
    before = " ".join(doc.text[max(s_start, start - DESCRIBED):start].split()).rstrip(" ([-–—:")
    return (before + " " + after).strip()[:DESCRIBED]
