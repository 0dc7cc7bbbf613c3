"""A source file on a page: which lines show, their marks, and the notes under them.

A report page shows the lines its claims cite, with a little context, and
folds the rest away (the case page has them all); a cited range longer than
LONG_RANGE shows its two ends. Each cited line carries the badge of the worst
claim citing it, and each claim leaves a note under the last line it cites
(where GitHub puts a comment on a range: after the whole statement) and, when
the content is elsewhere, under the last line of where it really is. The
notes of one line make one block.
The case page shows every line with one cell per report.

These records hold data only: the code of each line is turned into HTML by
the renderer, once per case (generator/reviewlens/render/render.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reviewlens.messages import because, say
from reviewlens.model import Checked, Kind, Lines, Source
from reviewlens.results import ReportResult
from reviewlens.view import linemarks
from reviewlens.view.addresses import claim_anchor, file_heading, line_stem, lines_fragment, source_heading
from reviewlens.view.parts import Parts
from reviewlens.view.vocabulary import BADGE, KNOWN_DEFECT, MISSED, Badge

CONTEXT = 3  # uncited lines shown around cited ones on a report page
FOLD_MIN = 6  # shorter runs of uncited lines are shown, not folded
LONG_RANGE = 60  # a cited range longer than this shows its two ends, its middle folded


@dataclass(frozen=True, slots=True)
class Note:
    """A claim's comment under a source line."""

    claim_id: int
    badge: Badge
    role: str  # "cited": the line the report names; "actual": where the content really is
    message: str
    back_href: str  # to the claim in the report text
    report_label: str = ""  # on case pages: which report


@dataclass(frozen=True, slots=True)
class Gap:
    """Lines folded away on a report page (uncited, or the middle of a long
    cited range); the case page shows them."""

    start: int
    end: int
    href: str  # the case page at these lines
    cited: bool = False  # the middle of a long cited range
    gap: bool = True


@dataclass(frozen=True, slots=True)
class Cell:
    """Case page: how one report cites one line."""

    badge: Badge
    href: str
    title: str


@dataclass(frozen=True, slots=True)
class SourceLine:
    n: int
    badge: Badge | None = None  # the worst claim citing it; None when no claim does
    notes: list[Note] = field(default_factory=list)
    cells: list[Cell | None] = field(default_factory=list)  # case pages: one per report, None where it does not cite the line
    gap: bool = False


@dataclass(frozen=True)
class SourceBlock:
    """One annotated file on a page."""

    path: str
    language: str
    prefix: str  # line anchors are prefix + "L12": "" for the main source, "f2-" for the second file
    lines: list  # SourceLine, or Gap where uncited lines are folded away
    outside: list[Note]  # notes for claims whose lines are not in the file
    case_href: str = ""  # where the whole file is shown (report pages), or where its case page is (part pages)
    n_lines: int = 0  # how many lines the file has: a link to a line past them names nothing
    pages: list[tuple[str, str, bool]] = field(default_factory=list)  # a long file's parts: (lines, href, this one)

    @property
    def line_stem(self) -> str:
        return line_stem(self.prefix)

    @property
    def source_id(self) -> str:
        return source_heading(self.prefix)

    @property
    def file_id(self) -> str:
        return file_heading(self.prefix)


def note(checked: Checked, role: str, report_label: str = "") -> Note:
    message = say(checked.reason)
    if role == "actual" and checked.claim.lines is not None:
        # The full reason is in the cited line's note; here, only where that points.
        message = say(because("note.cited_here", cited=checked.claim.lines))
    return Note(checked.id, BADGE[checked.status], role, message, "#" + claim_anchor(checked.id), report_label)


@dataclass(frozen=True, slots=True)
class Missed:
    """A known defect of the file that the report did not find: a note on its lines."""

    anchor: str  # its item's id in the report's detection list: "missed-D1"
    lines: Lines
    what: str  # "SQL injection in list_files (CWE-89), lines 45-46"


def report_block(src: Source, prefix: str, claims: list[Checked], case_href: str,
                 whole: Callable[[Lines], str] | None = None, parts: Parts | None = None,
                 missed: tuple[Missed, ...] = ()) -> SourceBlock:
    """A file on a report page: the lines its claims cite, in context, and the known defects it
    missed, each a note on its lines. whole(lines): the page that shows those lines in full (the
    case page, or for a long file the part page that holds them)."""
    n_lines = len(src.lines)
    notes: dict[int, list[Note]] = {}
    outside: list[Note] = []
    inside: list[Checked] = []
    ranges: list[Lines] = []  # what the page shows, with a little context
    unfound: set[int] = set()  # lines of missed defects
    for d in missed:
        if d.lines.end <= n_lines:
            ranges.append(d.lines)
            unfound.update(d.lines)
            notes.setdefault(d.lines.end, []).append(
                Note(0, MISSED, "missed", f"{d.what}: a known defect that no finding of this report matches.",
                     f"#{d.anchor}"))
    for c in claims:
        lines = c.claim.lines
        if lines is not None and 1 <= lines.start and lines.end <= n_lines:
            inside.append(c)
            ranges.append(lines)
            notes.setdefault(lines.end, []).append(note(c, "cited"))
        elif lines is not None:
            outside.append(note(c, "cited"))
        if c.actual_lines is not None and c.actual_lines.end <= n_lines:
            ranges.append(c.actual_lines)
            notes.setdefault(c.actual_lines.end, []).append(note(c, "actual"))
    marked = linemarks.marks(inside, n_lines)  # ranges swept, never expanded line by line

    def row(n: int) -> SourceLine:
        mark = marked.get(n - 1)  # marks are by 0-based unit
        badge = BADGE[mark.worst] if mark else MISSED if n in unfound else None
        return SourceLine(n, badge, notes.get(n, []))

    rows = folded(n_lines, shown_around(ranges, n_lines), row, whole or (lambda lines: case_href),
                  lambda n: n - 1 in marked, parts if parts is not None and parts.split else None, prefix)
    return SourceBlock(src.path, src.language, prefix, rows, outside, case_href, n_lines)


def shown_around(ranges: list[Lines], n_lines: int) -> set[int]:
    """The lines a page shows for these ranges: each with CONTEXT lines around it; a range longer
    than LONG_RANGE by its two ends."""
    shown: set[int] = set()
    for lines in ranges:
        ends = [lines] if len(lines) <= LONG_RANGE else [Lines(lines.start, lines.start), Lines(lines.end, lines.end)]
        for part in ends:
            shown.update(range(max(1, part.start - CONTEXT), min(n_lines, part.end + CONTEXT) + 1))
    return shown


def folded(n_lines: int, shown: set[int], row: Callable[[int], SourceLine], whole: Callable[[Lines], str],
           cited: Callable[[int], bool], parts: Parts | None, prefix: str) -> list:
    """The rows of a file: row(n) for each line shown, a Gap for each run of at least FOLD_MIN others,
    cut where a long file's parts begin (each gap's lines are on one page, whole(lines))."""
    rows: list = []
    n = 1
    while n <= n_lines:
        if n not in shown:
            end = n
            while end + 1 <= n_lines and end + 1 not in shown:
                end += 1
            if end - n + 1 >= FOLD_MIN:
                for piece in parts.cut(n, end) if parts is not None else [Lines(n, end)]:
                    rows.append(Gap(piece.start, piece.end, f"{whole(piece)}#{lines_fragment(prefix, piece)}",
                                    cited=cited(piece.start)))
                n = end + 1
                continue
        rows.append(row(n))
        n += 1
    return rows


def case_block(src: Source, prefix: str, reports: tuple[ReportResult, ...], columns: list[str],
               report_hrefs: list[str], parts: Parts | None = None, whole: Callable[[Lines], str] | None = None,
               known: tuple[tuple[Lines, str, str], ...] | None = None, window: Lines | None = None) -> SourceBlock:
    """A file on a case page, with one cell per report (columns: "R1", "R2", ...), after a truth column
    where the case knows its defects (known: (lines, title, href) of this file's; None: no such column):
    every line; or, for a long file (parts.split), the lines the reports cite and the known defects, in
    context, the others folded into links to the part pages (whole(lines)); or, on a part page, its `window`."""
    n_lines = len(src.lines)
    first = 0 if known is None else 1  # the reports' first column
    width = len(reports) + first
    # Cells only on lines some report cites (most lines: none, and all alike).
    per_line: list[list[Cell | None]] = [[] for _ in range(n_lines)]
    ranges: list[Lines] = []
    for lines, title, href in known or ():
        cell = Cell(KNOWN_DEFECT, href, f"truth: {title} ({lines.label()})")
        ranges.append(lines)
        for n in range(lines.start, min(lines.end, n_lines) + 1):
            per_line[n - 1] = per_line[n - 1] or [None] * width
            per_line[n - 1][0] = cell
    for col, result in enumerate(reports):
        cited = [c for c in result.claims if c.claim.kind is not Kind.VERDICT and c.claim.file == src.path]
        ranges += [c.claim.lines for c in cited if c.claim.lines is not None and c.claim.lines.end <= n_lines
                   and c.claim.lines.start >= 1]
        made: dict[int, Cell] = {}  # one cell per distinct mark: a long range's lines share it
        for unit, mark in linemarks.marks(cited, n_lines).items():
            cell = made.get(id(mark))
            if cell is None:
                cell = made[id(mark)] = Cell(BADGE[mark.worst], f"{report_hrefs[col]}#{claim_anchor(mark.opens.id)}",
                                             f"{columns[col]} {result.reviewer}: {mark.names()}")
            cells = per_line[unit] or [None] * width
            cells[col + first] = cell
            per_line[unit] = cells

    def row(n: int) -> SourceLine:
        return SourceLine(n, cells=per_line[n - 1])

    if window is not None:
        lines = [row(n) for n in window]
    elif parts is None or not parts.split or whole is None:
        lines = [row(n) for n in range(1, n_lines + 1)]
    else:
        lines = folded(n_lines, shown_around(ranges, n_lines), row, whole, lambda n: bool(per_line[n - 1]), parts, prefix)
    return SourceBlock(src.path, src.language, prefix, lines, [], n_lines=n_lines)
