"""Every sentence reviewlens says about a claim, in one place.

A check decides a status and a reason: a code and the facts behind it
(model.Reason: "quote.elsewhere" with the cited lines, the quote and where it
is). This module turns a reason into the English a reader sees; the site,
annotations.json and SARIF all read their sentences from say(), so one
reason reads the same everywhere, and a translation or a rewording is one
file. The codes are part of annotations.json (`reason`): keep them stable.

    say(Reason("name.absent", (("name", "run_query"),)))  ->  "`run_query` is not in the source."
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reviewlens.model import Lines, Place, Reason

QUOTE_SHOWN = 60  # characters of a quote shown in a message

SENTENCES: dict[str, Callable[..., str]] = {}


def sentence(code: str):
    """Register the English of one reason code."""
    def register(fn: Callable[..., str]) -> Callable[..., str]:
        assert code not in SENTENCES, code
        SENTENCES[code] = fn
        return fn
    return register


def say(reason: Reason) -> str:
    return SENTENCES[reason.code](**dict(reason.facts))


def because(code: str, /, **facts: Any) -> Reason:
    """A reason: its code and facts (lists are kept as tuples, so a reason is hashable and cacheable)."""
    assert code in SENTENCES, f"no sentence for reason {code!r}"
    return Reason(code, tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in facts.items()))


# --- how things are shown --------------------------------------------------------------------

def tidy(text: str) -> str:
    return " ".join(text.split())


def shown(quote: str) -> str:
    q = tidy(quote)
    if not q:
        return "a blank line"
    if len(q) > QUOTE_SHOWN:
        q = q[: QUOTE_SHOWN - 1] + "…"
    return f"`{q}`"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def lines_list(lines: Sequence[int], most: int = 4) -> str:
    """'line 5', 'lines 5 and 9', 'lines 5, 9, 12 and 3 more'."""
    lines = sorted(set(lines))
    if len(lines) == 1:
        return f"line {lines[0]}"
    head = [str(n) for n in lines[:most]]
    if len(lines) > most:
        return f"lines {', '.join(head)} and {len(lines) - most} more"
    return f"lines {', '.join(head[:-1])} and {head[-1]}"


def labels(items: Sequence[str], most: int = 5) -> str:
    """'`a`', '`a` and `b`', '`a`, `b`, `c`, `d` and `e` and 2 more'."""
    names = list(items[:most])
    more = f" and {len(items) - most} more" if len(items) > most else ""
    if len(names) == 1:
        return names[0] + more
    return ", ".join(names[:-1]) + " and " + names[-1] + more


def joined(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def be(lines: Lines) -> str:
    return "is" if len(lines) == 1 else "are"


def be_n(items: Sequence) -> str:
    return "is" if len(items) == 1 else "are"


def they(items: Sequence) -> str:
    return "it" if len(items) == 1 else "they"


def stand(items: Sequence) -> str:
    return "stands" if len(items) == 1 else "stand"


def place(p: Place) -> str:
    """What a run of lines is, as a reviewer says it: "the class `Store` header and `get`",
    "in `add_ticker` (lines 122-146)", "the imports", "comments"."""
    parts = ["the licence header" if kind == "licence" else "the imports" for kind in p.regions]
    for kind, name, extent, whole in p.headed:
        if kind == "class":
            parts.append(f"the class `{name}` header")
        else:  # "`run` (lines 59-102)" where the definition runs past the cited lines
            parts.append(f"`{name}`" + ("" if whole else f" ({extent.label()})"))
    if p.more:
        parts.append(f"{p.more} more definitions")
    if parts:
        return joined(parts)
    if p.inside is not None:
        name, extent = p.inside
        return f"in `{name}` ({extent.label()})"
    return {"comments": "comments", "blank": "blank"}.get(p.bare, "code outside any definition")


def _others(others: int) -> str:
    return f" (and {others} other place{'s' if others > 1 else ''})" if others else ""


def match_note(note: tuple) -> str:
    """What a match of a quote leaves out or adds (sourceindex.Note), in parentheses."""
    said = []
    for what, texts in note or ():
        if what == "adds":
            said.append(f"the quote adds `{texts[0]}`")
        elif what == "elides":
            said.append("the quote elides part of the code with `...`")
        elif what == "omits":
            said.append(f"the quote omits {' and '.join(f'`{x}`' for x in texts)}")
        elif what == "also_has":
            said.append(f"the source line also has {' … '.join(f'`{x}`' for x in texts)}")
    return f" ({'; '.join(said)})" if said else ""


def closest(hint: tuple | None) -> str:
    """The line most like a quote found nowhere: (line, [(op, the quote's, the line's), ...])."""
    if not hint:
        return ""
    line, difference = hint
    parts = []
    for op, old, new in difference:
        if op == "replace":
            parts.append(f"`{new}` where the quote has `{old}`")
        elif op == "delete":
            parts.append(f"no `{old}`")
        elif op == "insert":
            parts.append(f"`{new}` that the quote lacks")
    how = ("has " + "; ".join(parts[:2]) + (" (and more)" if len(parts) > 2 else "")) if parts else "differs only in spacing"
    return f"; the closest is line {line}, which {how}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


# --- which file ----------------------------------------------------------------------------------

@sentence("file.none")
def _() -> str:
    return "The case has no readable source to check against."


@sentence("file.not_held")
def _(name: str) -> str:
    return f"The claim is about `{name}`, a file this case does not hold."


@sentence("file.several")
def _(name: str) -> str:
    return f"The claim names `{name}`, which matches several files of this case."


@sentence("file.alike")
def _(name: str, files: tuple[str, ...], count: int) -> str:
    return (f"The report names {count} files called `{name}` ({', '.join(f'`{f}`' for f in files[:3])}); which one "
            "this case holds is not known (case.yaml `upstream.path` would say).")


@sentence("file.placed_elsewhere")
def _(here: Reason, file: str) -> str:
    return f"{say(here)} (The report places it in `{file}`, which this case does not hold.)"


@sentence("file.maybe_theirs")
def _(name: str | None, quote: str | None, others: tuple[str, ...]) -> str:
    subject = f"`{name}`" if name is not None else shown(quote or "")
    named = ", ".join(f"`{f}`" for f in others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    return (f"{subject} is not in this file; the report also reviews {named}, which this case does not hold, "
            "and it may be from there.")


@sentence("file.out_of_range")
def _(cited: Lines, n: int) -> str:
    return f"Cites {cited.label()}, but the file has {_plural(n, 'line')}."


@sentence("version.moved")
def _(here: Reason, shift: int) -> str:
    return f"{say(here)} {_moved(shift)}"


@sentence("version.ref_moved")
def _(cited: Lines, moved: Lines, shift: int) -> str:
    return f"What {cited.label()} {'describes' if len(cited) == 1 else 'describe'} is on {moved.label()}. {_moved(shift)}"


def _moved(shift: int) -> str:
    return (f"(Moved {'down' if shift > 0 else 'up'} {_plural(abs(shift), 'line')}, "
            "as throughout this report: it read another version of the file.)")


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
            f"{_others(others)}{match_note(note)}.")


@sentence("quote.elsewhere")
def _(cited: Lines, quote: str, found: Lines, others: int, note: tuple) -> str:
    return f"{cap(cited.label())} quotes {shown(quote)}; that code is on {found.label()}{_others(others)}{match_note(note)}."


@sentence("code.found")
def _(quote: str, found: Lines, others: int, note: tuple) -> str:
    return f"{cap(shown(quote))} is on {found.label()}{_others(others)}{match_note(note)}."


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


# --- line references ---------------------------------------------------------------------------

REGIONS = {"licence": "the licence header", "imports": "the imports", "docstring": "the docstring"}
DEFINED = {"class": "class", "method": "method", "function": "function", "helper": "helper"}


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


# --- names ---------------------------------------------------------------------------------------

CODE_ROLES = {"function": "a function or method", "class": "a class", "parameter": "a parameter",
              "attribute": "an attribute", "variable": "a variable", "module": "a module"}


@sentence("name.defined")
def _(name: str, kind: str, header: Lines) -> str:
    return f"`{name}` is the {kind} defined on {header.label()}."


@sentence("name.occurs")
def _(name: str, lines: tuple[int, ...]) -> str:
    return f"`{name}` occurs in the code on {lines_list(lines)}."


@sentence("name.called_on_object")
def _(name: str, method: str, kind: str, header: Lines) -> str:
    return f"`{method}` is the {kind} defined on {header.label()}; `{name}` calls it on an object."


@sentence("name.member")
def _(name: str, kind: str, member: str, owner: str, header: Lines) -> str:
    return f"`{name}` is the {kind} `{member}` of class `{owner}` ({header.label()})."


@sentence("name.attribute_of")
def _(name: str, owner: str, line: int) -> str:
    return f"`{name}` is an attribute of class `{owner}`, set on line {line}."


@sentence("name.request")
def _(name: str, what: str, lines: tuple[int, ...]) -> str:
    return f"`{name}` is a request {what}, read on {lines_list(lines)}."


@sentence("name.only_in_text")
def _(name: str, where: str, line: int, role: str) -> str:
    return f"`{name}` is in the file only in a {where} (line {line}), not as {CODE_ROLES[role]}."


@sentence("name.in_text")
def _(name: str, where: str, line: int) -> str:
    return f"`{name}` is in the file, in a {where} on line {line}."


@sentence("name.data")
def _(name: str) -> str:
    return f"`{name}` is named as data (a key or value), not as code; it does not appear in the file."


@sentence("name.term")
def _(name: str) -> str:
    return f"`{name}` is not in the file; written in prose without code marks, it may be a term rather than a name of the code."


@sentence("name.advice")
def _(name: str) -> str:
    return f"`{name}` is named in a recommendation, not said to be in the file; it is not in it."


@sentence("name.absent_qualified")
def _(name: str, last: str, last_occurs: bool) -> str:
    if last_occurs:
        return f"`{name}` is not in the source; `{last}` occurs, but not as `{name}`."
    return f"`{name}` is not in the source, nor is `{last}`."


@sentence("name.absent")
def _(name: str) -> str:
    return f"`{name}` is not in the source."


@sentence("name.parameter_of")
def _(name: str, taker: str, header: Lines) -> str:
    return f"`{name}` is a parameter of `{taker}` ({header.label()})."


@sentence("name.not_a_parameter")
def _(name: str, is_: tuple | None) -> str:
    return f"`{name}` is in the file{_what_it_is(is_)}, but no function takes a parameter `{name}`."


@sentence("name.class_not_function")
def _(name: str, header: Lines) -> str:
    return f"`{name}` is in the file, but as a class ({header.label()}), not a function or method."


@sentence("name.not_a_class")
def _(name: str, kind: str, header: Lines) -> str:
    return f"`{name}` is in the file, but as a {kind} ({header.label()}), not a class."


@sentence("name.not_an_attribute")
def _(name: str, is_: tuple | None) -> str:
    return f"`{name}` is in the file{_what_it_is(is_)}, but never used as an attribute."


def _what_it_is(is_: tuple | None) -> str:
    """is_: ("attribute", lines), ("local", lines), ("definition", kind, header) or None."""
    if is_ is None:
        return ""
    if is_[0] == "attribute":
        return f" as an attribute (set on {lines_list(is_[1])})"
    if is_[0] == "local":
        return f" as a local variable ({lines_list(is_[1])})"
    return f" as a {is_[1]} ({is_[2].label()})"


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
