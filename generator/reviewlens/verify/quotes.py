"""Quoted code, with or without a line number.

When a claim gives both a number and code, the quote decides where the claim
points: the code is looked up, and the number is then right or wrong.
"""

from __future__ import annotations

import re

from reviewlens.lexicon import ANY_KEYWORD, PROSE
from reviewlens.messages import because
from reviewlens.model import Claim, Lines, Status
from reviewlens.verify.common import IndexedSource, Outcome
from reviewlens.verify.sourceindex import squash


def check_line_quote(claim: Claim, src: IndexedSource) -> Outcome:
    assert claim.lines is not None and claim.quote is not None
    cited = claim.lines
    index = src.index
    matches = index.locate(claim.quote)
    if not matches:
        return Outcome(Status.NOT_IN_SOURCE, None,
                       because("quote.absent", quote=claim.quote, cited=cited, n=index.n_lines,
                               beyond=not index.in_range(cited), hint=_hint(claim.quote, src)), tags=("absent",))
    here = [m for m in matches if m.lines.overlaps(cited)]
    if here:
        return Outcome(Status.CORRECT, None, because("quote.here", cited=cited, quote=claim.quote, note=here[0].note))
    best = min(matches, key=lambda m: (m.lines.distance(cited), m.lines.start))
    if not index.in_range(cited):
        # A line past the end cites nothing, whatever the quote: out of range, with where the code is.
        return Outcome(Status.OUT_OF_RANGE, best.lines,
                       because("quote.beyond", cited=cited, n=index.n_lines, quote=claim.quote, found=best.lines,
                               others=len(matches) - 1, note=best.note))
    return Outcome(Status.WRONG_LINE, best.lines,
                   because("quote.elsewhere", cited=cited, quote=claim.quote, found=best.lines, others=len(matches) - 1,
                           note=best.note))


# Quoted code without a line number may be a fragment of a line (`eval(text)`);
# with a line number the quote must be most of the line it names.
CODE_QUOTE_SHORT = 6


def check_code_quote(claim: Claim, src: IndexedSource) -> Outcome:
    assert claim.quote is not None
    matches = src.index.locate(claim.quote, short=CODE_QUOTE_SHORT)
    if matches:
        first = matches[0]
        return Outcome(Status.CORRECT, None, because("code.found", quote=claim.quote, found=first.lines,
                                                     others=len(matches) - 1, note=first.note), located=first.lines)
    if claim.advice:
        # Marked as the reviewer's own (a fix, a ```bash block of commands): unless every line of its code
        # is the file's after all (a shell script quoted in a bash fence, with the reviewer's comments).
        if "\n" in claim.quote.strip() and (whole := _line_by_line(claim.quote, src, whole=True)) is not None:
            return whole
        return Outcome(Status.UNVERIFIABLE, None, because("code.proposed", quote=claim.quote), tags=("absent",))
    if (changed := _changed_strings(claim.quote, src)) is not None:
        return changed
    if "\n" in claim.quote.strip():
        partial = _line_by_line(claim.quote, src)
        if partial is not None:
            return partial
    names = {n for n in _NAMES.findall(claim.quote) if n not in ANY_KEYWORD and n.lower() not in PROSE}
    if len(names) >= 4 and sum(1 for n in names if src.structure.code_occurrences(n)) < len(names) / 3:
        return Outcome(Status.UNVERIFIABLE, None, because("code.not_a_quote", quote=claim.quote))
    return Outcome(Status.NOT_IN_SOURCE, None, because("code.absent", quote=claim.quote, hint=_hint(claim.quote, src)),
                   tags=("absent",))


_NAMES = re.compile(r"[A-Za-z_]\w{2,}")


# A comment line, or a comment after code: "// runs on every frame", "# the bug", "-- here"
_COMMENT_LINE = re.compile(r"^\s*(?:#|//|--|/\*|\*|;)")
_TRAILING_COMMENT = re.compile(r"\s+(?:#|//|--|/\*)(?!.*[\"']).*$")


def _line_by_line(quote: str, src: IndexedSource, whole: bool = False) -> Outcome | None:
    """A quoted block judged line by line: its lines are in the file but not as one run (lines
    elided without `...`), or the reviewer annotated it (comment lines and comments after code
    the file does not have are the reviewer's, not a fabricated quote), or changed a line.
    Correct, "quoted with changes", where at least 80% of the lines of code are found in order
    (with `whole`, only where every line of code is)."""
    wanted = [l for l in quote.splitlines() if len(squash(l)) >= 4]
    if len(wanted) < 2:
        return None
    found: list[Lines] = []
    missing, annotations = [], 0
    last = 0
    for line in wanted:
        after = _after(line, last, src)
        if after is None and (bare := _TRAILING_COMMENT.sub("", line)) != line and len(squash(bare)) >= 4:
            after = _after(bare, last, src)  # "x = load()  // runs on every frame": the code is the file's
            annotations += after is not None
        if after is not None:
            found.append(after)
            last = after.end
        elif _COMMENT_LINE.match(line):
            annotations += 1  # a comment the file does not have: the reviewer's note
        else:
            missing.append(line)
    code = len(wanted) - sum(1 for line in wanted if _COMMENT_LINE.match(line) and line not in missing)
    if whole and (missing or not found):
        return None
    if found and len(found) >= 0.8 * max(1, len(found) + len(missing)):
        span = Lines(found[0].start, found[-1].end)
        return Outcome(Status.CORRECT, None, because("block.found", span=span, annotations=annotations, changed=len(missing),
                                                     first_changed=missing[0] if missing else None), located=span)
    if found:
        return Outcome(Status.NOT_IN_SOURCE, None,
                       because("block.absent", missing=len(missing), code=max(code, len(missing)), first=missing[0]),
                       tags=("absent",))
    return None


def _after(line: str, last: int, src: IndexedSource) -> Lines | None:
    """Where a whole line of the file holds this line of a quote, after line `last`."""
    after = [m for m in src.index.locate(line) if m.whole and m.lines.start > last]
    return after[0].lines if after else None


# A string literal: "x", 'x'
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
MIN_STRUCTURE = 12  # characters of code besides its strings that a quote must have to be placed by them


def _changed_strings(quote: str, src: IndexedSource) -> Outcome | None:
    """A one-line quote that is a line of the file except inside its string literals (a secret
    retyped, a message shortened): the statement is there; the message names what differs."""
    if "\n" in quote.strip() or not _STRING.search(quote):
        return None
    shape = squash(_STRING.sub('""', quote))
    if len(shape.replace('""', "")) < MIN_STRUCTURE:
        return None
    shapes = src.derived("string shapes", lambda lines: [squash(_STRING.sub('""', line)) for line in lines])
    for n, (line, line_shape) in enumerate(zip(src.structure.lines, shapes), start=1):
        if shape in line_shape:
            theirs, ours = _STRING.findall(quote), _STRING.findall(line)
            differ = next(((a, b) for a, b in zip(theirs, ours) if a != b), (None, None))
            return Outcome(Status.CORRECT, None, because("string.changed", quote=quote, line=n, theirs=differ[0],
                                                         ours=differ[1]), located=Lines(n, n))
    return None


def check_verdict(claim: Claim, src: IndexedSource) -> Outcome:
    verdict = claim.verdict.value.replace("_", " ") if claim.verdict else "unclear"
    return Outcome(Status.UNVERIFIABLE, None, because("verdict.scored", verdict=verdict))


def _hint(quote: str, src: IndexedSource) -> tuple[int, str] | None:
    """The line most like a quote found nowhere, and how it differs."""
    miss = src.index.near_miss(quote)
    return (miss.line, miss.difference) if miss else None
