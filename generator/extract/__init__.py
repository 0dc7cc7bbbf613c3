"""Stage 2: find the checkable claims in a report's text.

Each claim kind has its own small module with a ``find(text)`` function that
yields Claims with spans relative to the text it was given. RULES lists them in
priority order: where two rules claim overlapping text for the same statement
(``line 42: foo()`` is a numbered quote, not also a bare line reference), the
earlier rule wins. Spans are moved from body to file offsets here, once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.extract import line_ref, numbered_quote, verdict
from generator.model import Claim, Kind, Report

Rule = Callable[[str], Iterable[Claim]]

#: (name, rule), highest priority first.
RULES: list[tuple[str, Rule]] = [
    ("numbered_quote", numbered_quote.find),
    ("line_ref", line_ref.find),
    ("verdict", verdict.find),
]

# Kinds that point at source lines compete for the same text; others
# (a verdict sentence) may contain them.
_LOCATING = {Kind.LINE_QUOTE, Kind.LINE_REF, Kind.CODE_QUOTE, Kind.IDENTIFIER}


def extract(report: Report) -> list[Claim]:
    """All claims in the report body, in span order, with file offsets."""
    body = report.body
    kept: list[Claim] = []
    for _, rule in RULES:
        for claim in rule(body):
            if claim.kind in _LOCATING and any(
                k.kind in _LOCATING and k.start < claim.end and claim.start < k.end for k in kept
            ):
                continue
            kept.append(claim)
    shift = report.body_start
    moved = [_shifted(c, shift) for c in kept]
    return sorted(moved, key=lambda c: (c.start, c.end, c.kind.value))


def _shifted(claim: Claim, by: int) -> Claim:
    if not by:
        return claim
    from dataclasses import replace

    return replace(claim, start=claim.start + by, end=claim.end + by)
