"""A long file's pages: its lines in parts of about PART_BYTES each.

A case page that showed every line of every file would grow with the file
without bound (a 4 MB file of one-character lines made a 290 MB page). A file
over PART_BYTES is shown in parts instead, each on a page of its own
(addresses.part_uri), and its case page shows the lines some report cites,
with their context, folding the rest into links to the part that holds them.
A part page has at most PART_BYTES of code, so even a part of one-character
lines stays a few megabytes.

How many parts a file has is a function of its size in bytes alone, so the
build knows its pages before it reads a file (mkdocsbuild/stream.py plans by
ingest.source_sizes); which lines each part holds is decided from the text:
the lines whose first byte (in UTF-8) falls in the part's share.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from reviewlens.model import Case, Lines, Source
from reviewlens.view.addresses import part_uris

PART_BYTES = 64 * 1024  # of code per part page: about 1,600 lines of typical code; 32,768 of one-character lines


def count(size: int) -> int:
    """How many pages a file of `size` bytes is shown on: 1 for all but long files."""
    return max(1, -(-size // PART_BYTES))


@dataclass(frozen=True, slots=True)
class Parts:
    """Where each line of one file is shown in full."""

    path: str
    starts: tuple[int, ...]  # the first line of each part (1-based); one part: (1,)
    n_lines: int
    uris: tuple[str, ...]  # each part's page; empty for a file shown whole on its case page

    @property
    def split(self) -> bool:
        return bool(self.uris)

    def index(self, n: int) -> int:
        """The part (0-based) that holds line n."""
        return max(0, bisect.bisect_right(self.starts, n) - 1)

    def lines(self, i: int) -> Lines | None:
        """The lines of part i; None for a part no line starts in (inside one very long line)."""
        end = (self.starts[i + 1] - 1) if i + 1 < len(self.starts) else self.n_lines
        return Lines(self.starts[i], end) if end >= self.starts[i] else None

    def cut(self, a: int, b: int) -> list[Lines]:
        """Lines a-b cut where parts begin: each piece is on one part page."""
        out = []
        while a <= b:
            i = self.index(a)
            end = min(b, self.starts[i + 1] - 1) if i + 1 < len(self.starts) else b
            out.append(Lines(a, end))
            a = end + 1
        return out


def whole(parts: Parts, here: str, link, fallback: str):
    """whole(lines) for a page at `here`: the href of the page showing those lines in full."""
    if not parts.split:
        return lambda lines: fallback
    return lambda lines: link.href(here, parts.uris[parts.index(lines.start)])


def listing(parts: Parts, here: str, link) -> list[tuple[str, str, bool]]:
    """(lines, href, whether it is `here`) for each part of a long file: "lines 1-1650"."""
    out = []
    for i, uri in enumerate(parts.uris):
        lines = parts.lines(i)
        out.append((lines.label() if lines else "(inside a long line)", link.href(here, uri), uri == here))
    return out


def of_case(case: Case) -> dict[str, Parts]:
    """Each file of the case as it is shown: a file of more than one part has part pages."""
    uris = _uris(case.id, case.sizes)
    found = {}
    for src in case.sources:
        pages = uris.get(src.path, ())
        found[src.path] = Parts(src.path, _starts(src, len(pages)) if pages else (1,), len(src.lines), pages)
    return found


def planned_pages(case_id: str, sizes: tuple[tuple[str, int], ...]) -> list[tuple[str, str]]:
    """(path, uri) of every part page of a case's long files, in the order they are made, from the files'
    sizes alone: the build plans them before reading a file (a long file read but not shown, not being
    text, keeps its pages: they say so)."""
    return [(path, uri) for path, pages in _uris(case_id, sizes).items() for uri in pages]


def _uris(case_id: str, sizes: tuple[tuple[str, int], ...]) -> dict[str, tuple[str, ...]]:
    taken: set[str] = set()
    return {path: part_uris(case_id, path, count(size), taken) for path, size in sizes if count(size) > 1}


def _starts(src: Source, n: int) -> tuple[int, ...]:
    """The first line of each of n parts: line k goes to the part its first byte falls in."""
    sizes = [len(line.encode("utf-8", "surrogatepass")) + 1 for line in src.lines]  # each line's bytes, once
    share = -(-sum(sizes) // n)
    starts = [1] + [0] * (n - 1)
    offset = 0
    for number, size in enumerate(sizes, start=1):
        part = min(n - 1, offset // share)
        if part and not starts[part]:
            starts[part] = number
        offset += size
    # A part no line starts in (all of it inside one long line) begins where the next one does.
    for i in range(n - 1, 0, -1):
        if not starts[i]:
            starts[i] = starts[i + 1] if i + 1 < n else len(src.lines) + 1
    return tuple(starts)
