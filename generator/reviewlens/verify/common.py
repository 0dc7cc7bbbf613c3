"""What every check needs: one file's indexes, and the Outcome a check returns (a status and a
Reason; the sentence is messages.py's)."""

from __future__ import annotations

from dataclasses import dataclass

from reviewlens.messages import because
from reviewlens.model import Lines, Place, Reason, Source, Status
from reviewlens.verify.sourceindex import SourceIndex
from reviewlens.verify.structure import Structure


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a check says of one claim."""

    status: Status
    actual_lines: Lines | None  # where the content really is, for wrong_line
    reason: Reason
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
        return Outcome(Status.OUT_OF_RANGE, None, because("file.out_of_range", cited=lines, n=n))


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


def place_of(lines: Lines, s: Structure) -> Place:
    """What a run of lines is (messages.place says it): the regions and definitions it heads,
    else the definition it is inside, else comments, blank or other code."""
    regions = tuple(r.kind for r in s.regions if r.lines.overlaps(lines) and r.kind != "docstring")
    headed = [d for d in s.definitions if d.header.overlaps(lines)]
    if regions or headed:
        return Place(regions, tuple((d.kind, d.name, d.extent, d.extent.start in lines and d.extent.end in lines)
                                    for d in headed[:3]), max(0, len(headed) - 3))
    inside = [d for d in s.definitions if lines.start in d.extent and lines.end in d.extent]
    if inside:
        d = min(inside, key=lambda d: len(d.extent))
        return Place(inside=(d.name, d.extent))
    if all(n in s.comment_lines or not s.code_text[n - 1].strip() for n in lines):
        return Place(bare="comments" if any(n in s.comment_lines for n in lines) else "blank")
    return Place()
