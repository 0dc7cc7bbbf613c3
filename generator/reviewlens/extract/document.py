"""A report's text with its structure, parsed once and shared by every rule.

Blocks (headings, paragraphs, list items, table rows, code fences) come from
markdown-it tokens, whose `map` gives 0-based, end-exclusive line numbers; they
are turned into character spans here, once. Inline code spans are paired from
the text's backtick runs, since markdown-it's inline tokens carry no positions.

Reports are untrusted text of any size, so reading one costs time linear in
its length: every question a rule asks (which block, sentence, section or code
span holds a position) is answered from indexes built once, by bisection,
never by rescanning the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from markdown_it import MarkdownIt

from reviewlens.budget import UNLIMITED, Budget
from reviewlens.extract.patterns import ADVICE, ADVICE_START, FIX_LABEL, OWN_CODE, PAST
from reviewlens.textio import line_starts

_MD = MarkdownIt("commonmark", {"html": False}).enable(["table"])

# A run of backticks: code spans open and close with runs of equal length.
_TICKS = re.compile(r"`+")
# A blank line: no code span crosses one.
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_NON_SPACE = re.compile(r"\S")

# The end of a sentence: ". ", "! " or "? " before a capital, a quote, markup or
# the end of the block. A single line break does not end one (wrapped text).
# A list item's own number ("1. ", "  12. ") ends nothing. Chinese and Japanese
# full stops end a sentence wherever they stand.
_SENTENCE_END = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!^\d)(?<!^\d\d)(?<!^\d\d\d)(?<!^ \d)(?<!^  \d)(?<!^   \d)(?<!^ \d\d)(?<!^  \d\d)"
    r"[.!?](?=\s+[A-Z*`(\[\"]|\s*$)|[。！？]|\n[ \t]*\n",
    re.M,
)

_FENCE_LINE = re.compile(r"\s*(`{3,}|~{3,})\s*$")
# Fences of shell sessions and program output: not the reviewed file's code
_OWN_LANGUAGES = [["bash"], ["sh"], ["shell"], ["console"], ["shell-session"], ["text"], ["output"], ["log"], ["terminal"]]

LOOKBACK = 400  # characters of a sentence before a position that say how it is meant ("use ...", "the old ...")


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "heading", "paragraph", "list_item", "table_row", "fence", "code_block"
    start: int  # character span in the text
    end: int
    level: int = 0  # heading level; list nesting depth
    info: str = ""  # a fence's info string


@dataclass(frozen=True, slots=True)
class CodeSpan:
    start: int  # of the opening backticks
    end: int  # after the closing backticks
    content_start: int
    content_end: int
    content: str


class _Spans:
    """Non-overlapping [start, end) spans, sorted: which one holds a position, by bisection."""

    def __init__(self, spans: list) -> None:
        kept: list = []
        for span in sorted(spans, key=lambda b: (b.start, -b.end)):
            if kept and span.start < kept[-1].end:  # nested: the inner one holds its positions
                if span.end - span.start <= kept[-1].end - kept[-1].start:
                    kept[-1] = span
                continue
            kept.append(span)
        self.items = kept
        self._starts = [b.start for b in kept]

    def at(self, pos: int):
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.items[i].end:
            return self.items[i]
        return None

    def after(self, pos: int) -> list:
        """The spans that start at or after pos, in order."""
        return self.items[bisect.bisect_left(self._starts, pos):]


_LEAVES = ("paragraph", "heading", "table_row", "fence", "code_block")


class Document:
    def __init__(self, text: str, budget: Budget = UNLIMITED):
        self.text = text
        self.budget = budget
        self._starts = line_starts(text) or [0]
        self.blocks = self._blocks()
        self._leaves = _Spans([b for b in self.blocks if b.kind in _LEAVES])
        self._items = _Spans([b for b in self.blocks if b.kind == "list_item" and b.level <= 1])
        self._rows = _Spans([b for b in self.blocks if b.kind == "table_row"])
        self._headings = [b for b in self.blocks if b.kind == "heading"]
        self._heading_starts = [h.start for h in self._headings]
        self._sentence_ends: dict[tuple[int, int], tuple[list[int], list[int]]] = {}

    def _offset(self, line: int) -> int:
        if line >= len(self._starts):
            return len(self.text)
        return self._starts[line]

    def _blocks(self) -> list[Block]:
        blocks = []
        depth = 0
        try:
            tokens = _MD.parse(self.text)
        except Exception:  # markdown-it does not fail on text, but a report must never stop the build
            return [Block("paragraph", 0, len(self.text))]
        for tok in tokens:
            if tok.type == "bullet_list_open" or tok.type == "ordered_list_open":
                depth += 1
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
            if tok.map is None:
                continue
            start, end = self._offset(tok.map[0]), self._offset(tok.map[1])
            kind = {
                "heading_open": "heading",
                "paragraph_open": "paragraph",
                "list_item_open": "list_item",
                "tr_open": "table_row",
                "fence": "fence",
                "code_block": "code_block",
            }.get(tok.type)
            if kind:
                level = int(tok.tag[1]) if kind == "heading" else depth
                blocks.append(Block(kind, start, end, level, tok.info.strip() if kind == "fence" else ""))
        return blocks

    @cached_property
    def code_spans(self) -> list[CodeSpan]:
        """Inline code spans, outside code blocks: a run of backticks opens one
        and the next run of the same length closes it, within a paragraph (no
        blank line between); an unmatched run is literal text. One pass over
        the runs, each closer found by bisection in the list of its length."""
        text = self.text
        runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
        by_length: dict[int, list[int]] = {}
        for i, (a, b) in enumerate(runs):
            by_length.setdefault(b - a, []).append(i)
        blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
        spans = []
        i = 0
        while i < len(runs):
            a, b = runs[i]
            same = by_length[b - a]
            k = bisect.bisect_right(same, i)
            if k == len(same):
                i += 1
                continue
            j = same[k]
            c, d = runs[j]
            blank = bisect.bisect_left(blanks, b)
            if (blank < len(blanks) and blanks[blank] < c) or c == b or self.in_fence(a):
                i += 1  # crosses a paragraph, is empty, or is code already: a literal run
                continue
            spans.append(CodeSpan(a, d, b, c, text[b:c]))
            i = j + 1
        return spans

    @cached_property
    def _code_span_starts(self) -> list[int]:
        return [c.start for c in self.code_spans]

    @cached_property
    def _code_span_ends(self) -> list[int]:
        return [c.end for c in self.code_spans]

    def span_starting(self, pos: int) -> CodeSpan | None:
        """The inline code span whose opening backticks start at pos."""
        i = bisect.bisect_left(self._code_span_starts, pos)
        return self.code_spans[i] if i < len(self.code_spans) and self.code_spans[i].start == pos else None

    def span_before(self, pos: int) -> CodeSpan | None:
        """The last inline code span that ends at or before pos."""
        i = bisect.bisect_right(self._code_span_ends, pos) - 1
        return self.code_spans[i] if i >= 0 else None

    def cells(self, row: Block) -> list[tuple[int, int]]:
        """A table row's cells as (start, end) spans, split at pipes outside code spans."""
        text = self.text
        a, b = row.start, row.end
        while b > a and text[b - 1] in " \t\r\n":
            b -= 1
        cells, pos = [], a
        i = a
        while i < b:
            ch = text[i]
            if ch == "`":
                span = self.span_starting(i)
                if span is not None and span.end <= b:
                    i = span.end
                    continue
            if ch == "\\":
                i += 2
                continue
            if ch == "|":
                cells.append((pos, i))
                pos = i + 1
            i += 1
        cells.append((pos, b))
        if cells and not text[cells[0][0]:cells[0][1]].strip():
            cells = cells[1:]  # before the opening pipe
        if cells and not text[cells[-1][0]:cells[-1][1]].strip():
            cells = cells[:-1]  # after the closing pipe
        return cells

    def in_fence(self, pos: int) -> bool:
        """Whether pos is inside a fenced or indented code block."""
        block = self._leaves.at(pos)
        return block is not None and block.kind in ("fence", "code_block")

    def in_code_span(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._code_span_starts, start) - 1
        return i >= 0 and end <= self.code_spans[i].end

    def block_at(self, pos: int, kinds=_LEAVES) -> Block | None:
        """The innermost block of the given kinds (leaf kinds) holding pos."""
        block = self._leaves.at(pos)
        return block if block is not None and block.kind in kinds else None

    def blocks_after(self, pos: int) -> list[Block]:
        """The leaf blocks (paragraphs, headings, rows, code) that start at or after pos."""
        return self._leaves.after(pos)

    def unit_at(self, pos: int) -> tuple[int, int]:
        """The list item, table row, heading or paragraph around pos: a finding's scope."""
        best = self._items.at(pos) or self._rows.at(pos)
        if best is None:
            leaf = self._leaves.at(pos)
            best = leaf if leaf is not None and leaf.kind in ("heading", "paragraph") else None
        return (best.start, best.end) if best else (0, len(self.text))

    @cached_property
    def _section_ends(self) -> list[int]:
        """Per heading: where its section ends (the next heading of its level or higher)."""
        ends = [len(self.text)] * len(self._headings)
        open_: list[int] = []  # headings whose section is still open, levels increasing
        for i, h in enumerate(self._headings):
            while open_ and self._headings[open_[-1]].level >= h.level:
                ends[open_.pop()] = h.start
            open_.append(i)
        return ends

    def section_at(self, pos: int) -> tuple[int, int]:
        """From the heading above pos to the next heading of the same or higher level."""
        i = bisect.bisect_right(self._heading_starts, pos) - 1
        if i < 0:
            return self.unit_at(pos)
        return self._headings[i].start, self._section_ends[i]

    def _ends_in(self, start: int, end: int) -> tuple[list[int], list[int]]:
        """Where the sentences of the block [start, end) end: the (start, end) of
        each sentence-ending match, found once per block."""
        key = (start, end)
        found = self._sentence_ends.get(key)
        if found is None:
            self.budget.check()
            matches = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(self.text, start, end)]
            found = self._sentence_ends[key] = ([a for a, _ in matches], [b for _, b in matches])
        return found

    def sentence_at(self, pos: int) -> tuple[int, int]:
        block = self._leaves.at(pos) or Block("paragraph", 0, len(self.text))
        starts, ends = self._ends_in(block.start, block.end)
        i = bisect.bisect_right(ends, pos) - 1
        start = ends[i] if i >= 0 else block.start
        j = bisect.bisect_left(starts, pos)
        end = ends[j] if j < len(starts) else block.end
        return start, end

    def sentences(self) -> list[tuple[int, int]]:
        """Every sentence of the prose (code blocks left out), in order."""
        out = []
        text = self.text
        for b in self._leaves.items:
            if b.kind not in ("paragraph", "heading", "table_row"):
                continue
            pos = b.start
            while (m := _NON_SPACE.search(text, pos, b.end)) is not None:
                pos = m.start()
                start, end = self.sentence_at(pos)
                start = max(start, pos)
                end = min(max(end, pos + 1), b.end)
                out.append((start, end))
                pos = end
        return sorted(set(out))

    def block_body(self, block: Block) -> tuple[int, str]:
        """A code block's content and where it starts: a fence without its fence lines."""
        text = self.text[block.start:block.end]
        lines = text.splitlines(keepends=True)
        if block.kind == "fence":
            lines = lines[1:]
            if lines and _FENCE_LINE.match(lines[-1]):
                lines = lines[:-1]
        body = "".join(lines)
        at = text.find(body) if body else -1
        return (block.start + at if at != -1 else block.start), body

    def block_is_advice(self, block: Block) -> bool:
        """A code block that is the reviewer's own, not a quote of the file: after
        "Fix:", "instead:", "should be:" (new code), "Reproduction:", "Example:",
        "Output:", "Run:" (their code, a program's output, a command)."""
        before = self.text[max(0, block.start - 200):block.start]
        last = before.rstrip().splitlines()[-1] if before.strip() else ""
        if OWN_CODE.search(last) or block.info.split()[:1] in _OWN_LANGUAGES:
            return True
        # a block in a section headed as a fix: "## Fix", "## Recommendation", "## 修复建议", "### Исправление"
        h_start, _ = self.section_at(block.start)
        heading = self.block_at(h_start, kinds=("heading",))
        return heading is not None and heading.end <= block.start and (
            bool(OWN_CODE.search(self.text[heading.start:heading.end])) or bool(FIX_LABEL.match(self.text, heading.start)))

    def is_advice(self, pos: int) -> bool:
        """Whether the sentence around pos recommends something (or recalls code
        a change removed) rather than describes the code as it is."""
        start, end = self.sentence_at(pos)
        before = self.text[max(start, pos - LOOKBACK):pos]
        if PAST.search(before):
            return True
        return bool(ADVICE.search(before)) or bool(
            re.match(r"\s*(?:instead|is\s+recommended|would\s+be)", self.text[pos:min(end, pos + 40)], re.I)
        )

    def opens_with_advice(self, pos: int) -> bool:
        """Whether the sentence that starts at pos opens with advice: "Consider ...", "Use ...", "Ensure ..."."""
        return ADVICE_START.match(self.text, pos) is not None

    def line_of(self, pos: int) -> int:
        return bisect.bisect_right(self._starts, pos)
