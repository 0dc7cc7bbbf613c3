"""Stage 2: find the checkable claims in a report's text.

Each claim kind has its own small module with a ``find(doc)`` function that
yields Claims with spans relative to the report body (the Document's text).
RULES lists them in priority order: where two rules claim overlapping text for
the same statement (``line 42: foo()`` is a numbered quote, not also a bare
line reference and a code quote), the earlier rule wins. Spans are moved from
body to file offsets here, once, and file names are attributed here, once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from generator.extract import code_quote, files, finding, identifier, line_ref, numbered_quote, verdict
from generator.extract.document import Document
from generator.model import Claim, Kind, Report

Rule = Callable[[Document], Iterable[Claim]]

#: (name, rule), highest priority first.
RULES: list[tuple[str, Rule]] = [
    ("numbered_quote", numbered_quote.find),
    ("line_ref", line_ref.find),
    ("code_quote", code_quote.find),
    ("identifier", identifier.find),
    ("verdict", verdict.find),
    ("finding", finding.find),
]

# Kinds that point at source text compete for the same characters; verdicts
# and findings are statements about the whole and may contain them.
_LOCATING = {Kind.LINE_QUOTE, Kind.LINE_REF, Kind.CODE_QUOTE, Kind.IDENTIFIER}


def extract(report: Report) -> list[Claim]:
    """All claims in the report body, in span order, with file offsets."""
    doc = Document(report.body)
    kept: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for _, rule in RULES:
        for claim in rule(doc):
            if claim.kind in _LOCATING:
                if any(a < claim.end and claim.start < b for a, b in taken):
                    continue
                taken.append((claim.start, claim.end))
            kept.append(claim)
    kept = files.attribute(doc, kept)
    shift = report.body_start
    moved = [replace(c, start=c.start + shift, end=c.end + shift) if shift else c for c in kept]
    return sorted(moved, key=lambda c: (c.start, c.end, c.kind.value))
