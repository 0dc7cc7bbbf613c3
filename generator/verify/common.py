"""What every check needs: one file's indexes and a way to say things."""

from __future__ import annotations

from dataclasses import dataclass

from reviewlens.model import Lines, Source, Status
from reviewlens.verify.sourceindex import SourceIndex, tidy
from reviewlens.verify.structure import Structure

QUOTE_SHOWN = 60  # characters of a quote shown in a message


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a check says of one claim."""

    status: Status
    actual_lines: Lines | None  # where the content really is, for wrong_line
    message: str
    located: Lines | None = None  # for claims that cite no lines: where the content was found
    tags: tuple[str, ...] = ()  # "absent": the quoted code or name is nowhere in the file


class IndexedSource:
    """One source file, indexed once for every report of the case."""

    def __init__(self, source: Source):
        self.source = source
        self.path = source.path
        self.index = SourceIndex(source)
        self.structure = Structure(source)
        self._evidence: dict = {}
        self._derived: dict = {}

    def hallmark_lines(self, cls) -> list[int]:
        return self.structure.hallmark_lines(cls)

    def evidence(self, description: str, read, *args):
        """read(description, structure, *args), once per description: the parts of a
        citation list, and the bare locations of one finding, share theirs."""
        key = (description, args)
        found = self._evidence.get(key)
        if found is None:
            if len(self._evidence) > 4096:
                self._evidence.clear()
            found = self._evidence[key] = read(description, self.structure, *args)
        return found

    def derived(self, what: str, make):
        """make(lines), once per file: an index one check needs (`what` names it)."""
        found = self._derived.get(what)
        if found is None:
            found = self._derived[what] = make(self.structure.lines)
        return found

    @property
    def n_lines(self) -> int:
        return self.index.n_lines

    def out_of_range(self, lines: Lines) -> Outcome | None:
        if self.index.in_range(lines):
            return None
        n = self.n_lines
        return Outcome(Status.OUT_OF_RANGE, None, f"Cites {lines.label()}, but the file has {n} line{'s' if n != 1 else ''}.")


def shown(quote: str) -> str:
    q = tidy(quote)
    if not q:
        return "a blank line"
    if len(q) > QUOTE_SHOWN:
        q = q[: QUOTE_SHOWN - 1] + "…"
    return f"`{q}`"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def lines_list(lines: list[int], most: int = 4) -> str:
    """'line 5', 'lines 5 and 9', 'lines 5, 9, 12 and 3 more'."""
    lines = sorted(set(lines))
    if len(lines) == 1:
        return f"line {lines[0]}"
    head = [str(n) for n in lines[:most]]
    if len(lines) > most:
        return f"lines {', '.join(head)} and {len(lines) - most} more"
    return f"lines {', '.join(head[:-1])} and {head[-1]}"


def group(lines: list[int], near: Lines | None = None) -> Lines:
    """The run of consecutive lines (gaps of one allowed) nearest to `near`."""
    lines = sorted(set(lines))
    runs: list[Lines] = []
    for n in lines:
        if runs and n <= runs[-1].end + 2:
            runs[-1] = Lines(runs[-1].start, n)
        else:
            runs.append(Lines(n, n))
    if near is None:
        return runs[0]
    return min(runs, key=lambda r: (r.distance(near), r.start))
