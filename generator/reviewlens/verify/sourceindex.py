"""Where does a piece of quoted code occur in a source file?

A source is indexed once per case and then asked by every report. Quotes are
compared with all white space removed ("squashed"), so a quote that joins a
wrapped call onto one line, re-indents it or retypes its spacing still matches,
while a quote that changes a single identifier does not. Fuzzy similarity is
only used to name the closest line in a message, never to call a quote right.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from reviewlens.model import Lines, Source

# Typographic characters that reports put in place of ASCII code characters.
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"',
                             "„": '"', "‟": '"', "–": "-", "—": "-", "−": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")
_ALNUM = re.compile(r"[^\W_]|_", re.UNICODE)
# An elided middle in a quote: "foo(...) bar", "foo(…)"
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")
# Quotes shorter than this (squashed) match whole lines only: "#", "}", "else:".
SHORT = 12
# A quote that is part of a line must cover at least this share of it.
MIN_PART = 0.4


# White space between two word characters ("return db") is kept as one space;
# elsewhere ("a = 1", "f( x )") it is dropped.
_WORD_GAP = re.compile(r"(?<=\w)\s+(?=\w)")


def squash(text: str) -> str:
    """The form quotes are compared in: typographic stand-ins replaced, white
    space dropped except one space between two words."""
    return _SPACE.sub("", _WORD_GAP.sub("\x00", text.translate(_TYPOGRAPHY))).replace("\x00", " ")


def tidy(text: str) -> str:
    """Collapse white space: the form code is shown in messages."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


# What a match of a quote leaves out or adds, each (what, the text concerned): ("adds", (".",)),
# ("elides", ()), ("omits", ("#",)), ("also_has", ("x = ", "  # note")); empty when the quote is exact.
Note = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Match:
    """One place a quote occurs."""

    lines: Lines
    whole: bool  # the quote covers the lines' code, give or take punctuation
    note: Note  # what differed, for the message (messages.py says it: "the quote omits `#`")


@dataclass(frozen=True, slots=True)
class NearMiss:
    """The most similar line to a quote that occurs nowhere."""

    line: int
    text: str
    difference: tuple[tuple[str, str, str], ...]  # (op, the quote's, the line's): "has `functional` where the quote has `unit`"


class SourceIndex:
    """A source file prepared for repeated look-ups."""

    def __init__(self, source: Source):
        self.source = source
        self.lines = source.lines
        self.n_lines = len(source.lines)
        squashed = [squash(line) for line in source.lines]
        self._squashed_lines = squashed
        # Lines joined as squash() joins a quote's lines: a space only between two words.
        parts: list[str] = []
        # _starts[i] = offset in _flat where line i+1's code starts
        self._starts: list[int] = []
        pos, last = 0, ""
        for s in squashed:
            if s and last and (last[-1].isalnum() or last[-1] == "_") and (s[0].isalnum() or s[0] == "_"):
                parts.append(" ")
                pos += 1
            self._starts.append(pos)
            parts.append(s)
            pos += len(s)
            last = s or last
        self._flat = "".join(parts)
        self._tidy_lines = [tidy(line) for line in source.lines]
        self._short = SHORT

    # -- looking up code -----------------------------------------------------

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= self.n_lines else ""

    def in_range(self, lines: Lines) -> bool:
        return 1 <= lines.start and lines.end <= self.n_lines

    def locate(self, quote: str, short: int = SHORT) -> list[Match]:
        """Every place the quoted code occurs, in line order.

        A quote that is only part of a line counts when it is at least `short`
        characters (squashed) and starts and ends at token boundaries."""
        self._short = short
        q = squash(quote)
        if not q:
            return [Match(Lines(i + 1, i + 1), True, ())
                    for i, s in enumerate(self._squashed_lines) if not s]
        found = self._find(q, note=())
        if not found and q[-1] in ".,;:" and len(q) > 1:
            # A sentence's full stop or comma after the code: "`foo()`."
            found = self._find(q.rstrip(".,;:"), note=(("adds", (q[-1],)),))
        if not found and _ELLIPSIS.search(quote):
            found = self._find_elided(quote)
        return found

    def _find(self, q: str, note: Note) -> list[Match]:
        matches = []
        start = self._flat.find(q)
        while start != -1 and q:
            m = self._classify(start, start + len(q), note)
            if m is not None:
                matches.append(m)
            start = self._flat.find(q, start + 1)
        return _dedupe(matches)

    def _find_elided(self, quote: str) -> list[Match]:
        parts = [squash(p) for p in _ELLIPSIS.split(quote)]
        parts = [p for p in parts if p]
        if not parts:
            return []
        matches = []
        first = self._flat.find(parts[0])
        while first != -1:
            end = first + len(parts[0])
            # The elided quote must stay within a few lines of where it starts.
            limit_line = min(self._line_at(first) + 20, self.n_lines)
            limit = self._starts[limit_line - 1] + len(self._squashed_lines[limit_line - 1])
            ok = True
            for part in parts[1:]:
                at = self._flat.find(part, end, limit)
                if at == -1:
                    ok = False
                    break
                end = at + len(part)
            if ok:
                m = self._classify(first, end, (("elides", ()),))
                if m is not None:
                    matches.append(m)
            first = self._flat.find(parts[0], first + 1)
        return _dedupe(matches)

    def _line_at(self, offset: int) -> int:
        """1-based line holding _flat[offset] (skipping lines that squash to nothing)."""
        return bisect.bisect_right(self._starts, offset) if offset < len(self._flat) else self.n_lines

    def _classify(self, a: int, b: int, note: Note) -> Match | None:
        first = bisect.bisect_right(self._starts, a)
        last = bisect.bisect_right(self._starts, b - 1)
        # Squashed-empty lines share an offset with the next line; step past them.
        while first < last and not self._squashed_lines[first - 1]:
            first += 1
        before = self._flat[self._starts[first - 1] : a]
        after = self._flat[b : self._starts[last - 1] + len(self._squashed_lines[last - 1])]
        covered = self._starts[last - 1] + len(self._squashed_lines[last - 1]) - self._starts[first - 1]
        lines = Lines(first, last)
        leftover = before + after
        if not _ALNUM.search(leftover):
            if leftover and not note:
                note = (("omits", tuple(x for x in (before, after) if x)),)
            return Match(lines, True, note)
        if b - a < self._short or (self._short >= SHORT and (b - a) < MIN_PART * covered):
            return None
        if not _token_aligned(self._flat, a, b):
            return None
        return Match(lines, False, (("also_has", tuple(x for x in (before, after) if x)),) + note)

    # -- explaining a miss ---------------------------------------------------

    def near_miss(self, quote: str) -> NearMiss | None:
        """The line most like the quote, when one is clearly similar."""
        q = tidy(quote)
        if len(q) < 6 or not self.n_lines:
            return None
        best = process.extractOne(q, self._tidy_lines, scorer=fuzz.ratio, score_cutoff=70)
        if best is None:
            return None
        _, _, index = best
        return NearMiss(index + 1, self._tidy_lines[index], _difference(q, self._tidy_lines[index]))


def _token_aligned(flat: str, a: int, b: int) -> bool:
    """A part-of-line match must not cut a name in two: `eval(x)` is in `y=eval(x)`, `val(x)` is not."""
    def word(ch: str) -> bool:
        return ch.isalnum() or ch == "_"

    starts_ok = a == 0 or not (word(flat[a]) and word(flat[a - 1]))
    ends_ok = b >= len(flat) or not (word(flat[b - 1]) and word(flat[b]))
    return starts_ok and ends_ok


def _dedupe(matches: list[Match]) -> list[Match]:
    seen: dict[Lines, Match] = {}
    for m in matches:
        if m.lines not in seen or (m.whole and not seen[m.lines].whole):
            seen[m.lines] = m
    return [seen[k] for k in sorted(seen)]


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _difference(quote: str, line: str) -> tuple[tuple[str, str, str], ...]:
    """How the line differs from the quote, token run by token run: (op, the quote's text, the line's)."""
    ta, tb = list(_TOKEN.finditer(quote)), list(_TOKEN.finditer(line))
    a, b = [t.group() for t in ta], [t.group() for t in tb]

    def text(tokens, i, j, source):  # the source text that tokens i..j cover
        return source[tokens[i].start() : tokens[j - 1].end()] if i < j else ""

    return tuple((op, text(ta, i1, i2, quote), text(tb, j1, j2, line))
                 for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
                 if op != "equal")
