"""Findings against their class's hallmark, and what the code is said to do."""

from __future__ import annotations

from reviewlens.messages import cap, lines_list, sentence
from reviewlens.model import Lines

# --- findings ------------------------------------------------------------------------------------

@sentence("finding.untested")
def _(title: str, cwe: str | None) -> str:
    return f"{cap(title)} ({cwe}): a class reviewlens has no evidence test for."


@sentence("finding.held")
def _(title: str, lines: tuple[int, ...], needs: str) -> str:
    return f"{cap(title)}: the code on {lines_list(lines)} {needs}, as this defect needs."


@sentence("finding.nearest")
def _(title: str, cited: Lines, needs: str, near: Lines) -> str:
    return f"{cap(title)}: nothing on {cited.label()} {needs}; the nearest code that does is on {near.label()}."


@sentence("finding.impossible")
def _(title: str, needs: str) -> str:
    return f"{cap(title)}: nothing in the file {needs}, so the defect cannot be there."


@sentence("finding.uncited")
def _(title: str, needs: str, lines: tuple[int, ...]) -> str:
    return f"{cap(title)}: the report cites no lines; code that {needs} is on {lines_list(lines)}."


# --- what the code does --------------------------------------------------------------------------

@sentence("does.near")
def _(verb: str, thing: str, lines: tuple[int, ...]) -> str:
    return f"The file says `{verb}` near the {thing} on {lines_list(lines)}, as described."


@sentence("does.not_near")
def _(verb: str, thing: str, lines: tuple[int, ...]) -> str:
    return f"The file says `{verb}` on {lines_list(lines)}, but not near the {thing}."


@sentence("does.unsaid")
def _(verb: str, thing: str, lines: tuple[int, ...]) -> str:
    where = f"; the file mentions the {thing} on {lines_list(lines)}" if lines else ""
    return (f"No name, string or comment of the file says `{verb}`{where}: whether it does this another way "
            "is for the reader to judge.")
