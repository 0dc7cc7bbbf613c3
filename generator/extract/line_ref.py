"""line_ref claims: a line or range of lines with a description.

    Line 7-9: This code imports the necessary modules
    * Setup Phase (Lines 21-53): The test class is prepared ...
    the check on line 42 is missing
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.model import Claim, Kind, Lines

# "Line 7-9", "lines 21–53", "line 42", "Lines 5 through 9", "lines 5 to 9"
WORDED = re.compile(
    r"\b[Ll](?:ine|INE)[sS]?\s+(\d{1,7})"
    r"(?:\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b)\s*(?:[Ll]ines?\s+)?(\d{1,7}))?(?!\d)"
)
# "L42", "L21-L53"
SHORT = re.compile(r"(?<![\w#/])L(\d{1,7})(?:\s*[-–]\s*L?(\d{1,7}))?\b")

# What follows the reference up to the end of its sentence: ": This code imports ..."
DESCRIPTION = re.compile(r"[\s):.,\-–—]*(.*?)(?:(?<=[.!?])\s|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s|\Z)", re.S)


def find(text: str) -> Iterator[Claim]:
    for pattern in (WORDED, SHORT):
        for m in pattern.finditer(text):
            first = int(m.group(1))
            last = int(m.group(2)) if m.group(2) else first
            if last < first:
                first, last = last, first
            yield Claim(
                kind=Kind.LINE_REF,
                start=m.start(),
                end=m.end(),
                lines=Lines(first, last),  # line 0 stays: verify calls it out of range
                description=_description(text, m.end()),
            )


def _description(text: str, at: int) -> str:
    m = DESCRIPTION.match(text, at)
    found = " ".join(m.group(1).split()) if m else ""
    return found[:400]
