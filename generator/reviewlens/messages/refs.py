"""Line references: what the cited lines are, and what the text around them names."""

from __future__ import annotations

from reviewlens.messages import be, be_n, cap, joined, labels, match_note, place, sentence, shown, stand, they
from reviewlens.model import Lines, Place

# --- line references ---------------------------------------------------------------------------

REGIONS = {"licence": "the licence header", "imports": "the imports", "docstring": "the docstring"}


@sentence("ref.in_region")
def _(cited: Lines, region: str, found: Lines) -> str:
    return f"{cap(cited.label())} {be(cited)} in {REGIONS[region]} ({found.label()})."


@sentence("ref.no_region")
def _(region: str) -> str:
    return f"The report describes {REGIONS[region]}; the file has none."


@sentence("ref.region_elsewhere")
def _(cited: Lines, region: str, found: Lines) -> str:
    return f"The report describes {REGIONS[region]}, which {be(found)} on {found.label()}, not {cited.label()}."


@sentence("ref.comments")
def _(cited: Lines) -> str:
    return f"{cap(cited.label())} {be(cited)} comments, as described."


@sentence("ref.no_definition")
def _(kind: str, name: str) -> str:
    return f"The report describes the definition of {kind} `{name}`; the file defines no such {kind}."


@sentence("ref.definition")
def _(kind: str, name: str, header: Lines) -> str:
    return f"The {kind} `{name}` is defined on {header.label()}, within the cited lines."


@sentence("ref.definition_elsewhere")
def _(kind: str, name: str, header: Lines, cited: Lines) -> str:
    return f"The {kind} `{name}` is defined on {header.label()}, not on {cited.label()}."


@sentence("ref.quoted")
def _(cited: Lines, quote: str, note: tuple) -> str:
    return f"{cap(cited.label())} {be(cited)} {shown(quote)}, as quoted{match_note(note)}."


@sentence("ref.quoted_elsewhere")
def _(cited: Lines, quote: str, found: Lines) -> str:
    return f"{cap(cited.label())} {be(cited)} not {shown(quote)}; that code is on {found.label()}."


@sentence("ref.held")
def _(cited: Lines, where: Place, held: tuple[str, ...], rest: tuple[str, ...]) -> str:
    elsewhere = f"; {labels(rest)} {be_n(rest)} elsewhere" if rest else ""
    return f"{cap(cited.label())} {be(cited)} {place(where)}{_with(held, where)}, as described{elsewhere}."


@sentence("ref.partly_held")
def _(cited: Lines, where: Place, held: tuple[str, ...], rest: tuple[str, ...]) -> str:
    return (f"{cap(cited.label())} {be(cited)} {place(where)}, with {labels(held)}; "
            f"the rest of what is named ({labels(rest)}) is elsewhere.")


@sentence("ref.hallmark_only")
def _(cited: Lines, named: tuple[str, ...]) -> str:
    return (f"{cap(labels(named))} {be_n(named)} not on {cited.label()}; the kind of code a defect needs "
            "confirms a citation but cannot place one.")


@sentence("ref.unplaced")
def _(cited: Lines, named: tuple[str, ...]) -> str:
    return (f"{labels(named)} {be_n(named)} not on {cited.label()}, and {they(named)} {stand(named)} "
            "together nowhere else; the reference cannot be placed.")


@sentence("ref.elsewhere")
def _(cited: Lines, named: tuple[str, ...], found: Lines, there: Place) -> str:
    return (f"{labels(named)} {be_n(named)} not on {cited.label()}; "
            f"{they(named)} {stand(named)} on {found.label()}, {place(there)}.")


@sentence("ref.list_held")
def _(cited: Lines, where: Place, held: tuple[str, ...]) -> str:
    return f"{cap(cited.label())} {be(cited)} {place(where)}{_with(held, where)}, as described (with the other lines cited with it)."


@sentence("ref.list_elsewhere")
def _(cited: Lines, where: Place, named: tuple[str, ...]) -> str:
    return (f"{cap(cited.label())} {be(cited)} {place(where)}; what the list describes "
            f"({labels(named)}) is on the other lines cited with it.")


@sentence("ref.words_held")
def _(cited: Lines, where: Place) -> str:
    return f"{cap(cited.label())} {be(cited)} {place(where)}, as described."


@sentence("ref.only_words")
def _(cited: Lines, where: Place, words: tuple[str, ...]) -> str:
    return (f"{cap(cited.label())} {be(cited)} {place(where)}; the description names no code of the file, "
            f"only words of prose ({labels(words)}), which cannot place it.")


@sentence("ref.names_nothing")
def _(cited: Lines, where: Place) -> str:
    return f"{cap(cited.label())} {be(cited)} {place(where)}; the description names nothing the file has."


@sentence("ref.context")
def _(cited: Lines, where: Place, held: tuple[str, ...]) -> str:
    return f"{cap(cited.label())} {be(cited)} {place(where)}, with {labels(held)}, which the text around the citation names."


@sentence("ref.subject")
def _(cited: Lines, where: Place, names: tuple[str, ...], subject: Lines) -> str:
    return (f"{cap(cited.label())} {be(cited)} {place(where)}, using {joined([f'`{n}`' for n in names])}, "
            f"which the finding's own {subject.label()} {be(subject)} about.")


def _with(held: tuple[str, ...], where: Place) -> str:
    """", with `x`": the names held that saying where the lines are does not name already."""
    said = place(where)
    unsaid = [label for label in held if label not in said]
    return f", with {labels(unsaid)}" if unsaid else ""
