"""Stage 3: check each claim against the source and say why, in one sentence.

One function per claim kind, in CHECKS. Each returns (status, actual_lines,
message). When a claim gives both a line number and quoted code, the quote
decides where the claim points; the number is then right or wrong.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.model import Checked, Claim, Kind, Lines, Status
from generator.sourceindex import Match, SourceIndex, tidy

Outcome = tuple[Status, Lines | None, str]

QUOTE_SHOWN = 60  # characters of a quote shown in a message


def verify(claims: list[Claim], text: str, index: SourceIndex | None) -> tuple[Checked, ...]:
    """Check every claim; ids follow span order, so anchors are stable."""
    checked = []
    for n, claim in enumerate(claims, start=1):
        if index is None:
            outcome: Outcome = (Status.UNVERIFIABLE, None, "The case has no readable source to check against.")
        else:
            outcome = CHECKS[claim.kind](claim, index)
        status, actual, message = outcome
        checked.append(Checked(n, claim, text[claim.start : claim.end], status, actual, message))
    return tuple(checked)


def check_line_quote(claim: Claim, index: SourceIndex) -> Outcome:
    assert claim.lines is not None and claim.quote is not None
    cited = claim.lines
    shown = _shown(claim.quote)
    matches = index.locate(claim.quote)
    if not matches:
        miss = index.near_miss(claim.quote)
        where = "" if index.in_range(cited) else f" ({cited.label()} is beyond the file's {index.n_lines} lines)"
        hint = f"; the closest is line {miss.line}, which {miss.difference}" if miss else ""
        return Status.NOT_IN_SOURCE, None, f"Quotes {shown}, which is not in the source{where}{hint}."
    here = [m for m in matches if m.lines.overlaps(cited)]
    if here:
        m = here[0]
        return Status.CORRECT, None, f"{_cap(cited.label())} is {shown}{_note(m)}."
    best = min(matches, key=lambda m: (m.lines.distance(cited), m.lines.start))
    beyond = "" if index.in_range(cited) else f" (beyond the file's {index.n_lines} lines)"
    more = f" (and {len(matches) - 1} other place{'s' if len(matches) > 2 else ''})" if len(matches) > 1 else ""
    return (
        Status.WRONG_LINE,
        best.lines,
        f"{_cap(cited.label())}{beyond} quotes {shown}; that code is on {best.lines.label()}{more}{_note(best)}.",
    )


def check_line_ref(claim: Claim, index: SourceIndex) -> Outcome:
    assert claim.lines is not None
    if not index.in_range(claim.lines):
        return (
            Status.OUT_OF_RANGE,
            None,
            f"Cites {claim.lines.label()}, but the file has {index.n_lines} line{'s' if index.n_lines != 1 else ''}.",
        )
    return (
        Status.UNVERIFIABLE,
        None,
        f"{_cap(claim.lines.label())} exist{'s' if claim.lines.start == claim.lines.end else ''}; "
        f"what the report says about {'it' if claim.lines.start == claim.lines.end else 'them'} is not checked.",
    )


def check_verdict(claim: Claim, index: SourceIndex) -> Outcome:
    verdict = claim.verdict.value.replace("_", " ") if claim.verdict else "unclear"
    return Status.UNVERIFIABLE, None, f"The report's conclusion: {verdict}; compared with the ground truth in the scores."


def _unsupported(claim: Claim, index: SourceIndex) -> Outcome:
    return Status.UNVERIFIABLE, None, f"{claim.kind.value} claims are not checked yet."


CHECKS: dict[Kind, Callable[[Claim, SourceIndex], Outcome]] = {
    Kind.LINE_QUOTE: check_line_quote,
    Kind.LINE_REF: check_line_ref,
    Kind.VERDICT: check_verdict,
    Kind.CODE_QUOTE: _unsupported,
    Kind.IDENTIFIER: _unsupported,
    Kind.FINDING: _unsupported,
}


def _shown(quote: str) -> str:
    q = tidy(quote)
    if not q:
        return "a blank line"
    if len(q) > QUOTE_SHOWN:
        q = q[: QUOTE_SHOWN - 1] + "…"
    return f"`{q}`"


def _note(m: Match) -> str:
    return f" ({m.note})" if m.note else ""


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]
