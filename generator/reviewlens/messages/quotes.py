"""Quoted code, with or without a line number, and the report's verdict."""

from __future__ import annotations

from reviewlens.messages import also_at, cap, closest, match_note, sentence, shown
from reviewlens.model import Lines

# --- quotes ------------------------------------------------------------------------------------

@sentence("quote.absent")
def _(quote: str, cited: Lines, n: int, beyond: bool, hint: tuple | None) -> str:
    where = f" ({cited.label()} is beyond the file's {n} lines)" if beyond else ""
    return f"Quotes {shown(quote)}, which is not in the source{where}{closest(hint)}."


@sentence("quote.here")
def _(cited: Lines, quote: str, note: tuple) -> str:
    return f"{cap(cited.label())} is {shown(quote)}{match_note(note)}."


@sentence("quote.beyond")
def _(cited: Lines, n: int, quote: str, found: Lines, others: int, note: tuple) -> str:
    return (f"Cites {cited.label()}, but the file has {n} lines; the quoted {shown(quote)} is on {found.label()}"
            f"{also_at(others)}{match_note(note)}.")


@sentence("quote.elsewhere")
def _(cited: Lines, quote: str, found: Lines, others: int, note: tuple) -> str:
    return f"{cap(cited.label())} quotes {shown(quote)}; that code is on {found.label()}{also_at(others)}{match_note(note)}."


@sentence("code.found")
def _(quote: str, found: Lines, others: int, note: tuple) -> str:
    return f"{cap(shown(quote))} is on {found.label()}{also_at(others)}{match_note(note)}."


@sentence("code.proposed")
def _(quote: str) -> str:
    return f"Proposed code, not said to be in the file (and it is not, as written): {shown(quote)}."


@sentence("code.not_a_quote")
def _(quote: str) -> str:
    return (f"Most of the names in {shown(quote)} are not in the file: it reads as the reviewer's own "
            "code or a program's output, not as a quote of the file.")


@sentence("code.absent")
def _(quote: str, hint: tuple | None) -> str:
    return f"{cap(shown(quote))} is not in the source{closest(hint)}."


@sentence("block.found")
def _(span: Lines, annotations: int, changed: int, first_changed: str | None) -> str:
    said = []
    if annotations:
        said.append(f"{annotations} of the reviewer's comments are not the file's")
    if changed:
        said.append(f"{changed} of its lines {'is' if changed == 1 else 'are'} changed ({shown(first_changed or '')})")
    how = f", quoted with changes: {'; '.join(said)}" if said else ", not as one run"
    return f"The quoted block's lines are on {span.label()}{how}."


@sentence("block.absent")
def _(missing: int, code: int, first: str) -> str:
    return f"{missing} of the block's {code} lines of code are not in the source, such as {shown(first)}."


@sentence("string.changed")
def _(quote: str, line: int, theirs: str | None, ours: str | None) -> str:
    said = f": the report has {shown(theirs)} where the file has {shown(ours)}" if theirs is not None else ""
    return f"{cap(shown(quote))} is line {line} with a string changed{said}."


@sentence("verdict.scored")
def _(verdict: str) -> str:
    return f"The report's conclusion: {verdict}; compared with the ground truth in the scores."


# A verdict as the report page shows it, scored against the case's ground truth (score/)

@sentence("verdict.self_contradicted")
def _(said: str) -> str:
    return f"The report concludes {said}, then describes a defect as present."


@sentence("verdict.unclear")
def _() -> str:
    return "The report states no clear verdict; not judged."


@sentence("verdict.no_truth")
def _(said: str) -> str:
    return f"The report concludes {said}; not judged: the case has no ground truth."


@sentence("verdict.compared")
def _(said: str, truth: str) -> str:
    return f"The report concludes {said}; the ground truth is {truth}."


@sentence("note.cited_here")
def _(cited: Lines) -> str:
    return f"The report cites {cited.label()}."
