"""A report's text with its structure, parsed once and shared by every rule.

Blocks (headings, paragraphs, list items, table rows, code fences) come from
markdown-it tokens, whose `map` gives 0-based, end-exclusive line numbers; they
are turned into character spans here, once. Inline code spans come from a
regular expression, since markdown-it's inline tokens carry no positions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from markdown_it import MarkdownIt

from generator.textio import line_starts

_MD = MarkdownIt("commonmark", {"html": False}).enable(["table"])

# An inline code span; it may wrap onto following lines but not cross a blank line.
#   `x = 1`    ``a ` b``    `4 #\n5 # Unless`
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\r?\n)[^`]|`(?!\1))+?)\1(?!`)", re.S)

# The end of a sentence: ". ", "! " or "? " before a capital, a quote, markup or
# the end of the block. A single line break does not end one (wrapped text).
# A list item's own number ("1. ", "  12. ") ends nothing.
_SENTENCE_END = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!^\d)(?<!^\d\d)(?<!^\d\d\d)(?<!^ \d)(?<!^  \d)(?<!^   \d)(?<!^ \d\d)(?<!^  \d\d)"
    r"[.!?](?=\s+[A-Z*`(\[\"]|\s*$)|\n[ \t]*\n",
    re.M,
)

# Words that make a sentence advice about what to do, not a statement about
# the code: "use X instead", "consider X", "should", "such as X".
ADVICE = re.compile(
    r"(?:^|[\s*(])(?:use|using\s+a|consider|replace|instead|should|could|would|recommend\w*|prefer|switch\s+to|"
    r"migrate\s+to|adopt|avoid|such\s+as|e\.g\.|for\s+example|fix:|skip|pass\s+the|it\s+is\s+important|"
    r"important\s+to|make\s+sure|ensure|implement|payloads?|malicious|crafted)(?!\w)",
    re.I,
)


# Code the report says was there before a change: "the old `x`", "previously", "removed"
PAST = re.compile(r"\b(?:old|previous(?:ly)?|removed|deleted\s+line|before\s+the\s+change|used\s+to|original(?:ly)?)\b", re.I)


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


class Document:
    def __init__(self, text: str):
        self.text = text
        self._starts = line_starts(text) or [0]
        self.blocks = self._blocks()

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
        fenced = [(b.start, b.end) for b in self.blocks if b.kind in ("fence", "code_block")]
        spans = []
        for m in CODE_SPAN.finditer(self.text):
            if any(a <= m.start() < b for a, b in fenced):
                continue
            spans.append(CodeSpan(m.start(), m.end(), m.start(2), m.end(2), m.group(2)))
        return spans

    @cached_property
    def citations(self) -> list[tuple[int, object]]:
        """(start, Lines) of every line citation (numbered quotes and line references), found once."""
        from generator.extract import line_ref, numbered_quote

        return sorted(
            (c.start, c.lines) for rule in (numbered_quote.find, line_ref.find) for c in rule(self)
            if c.lines is not None and c.lines.start >= 1
        )

    def in_fence(self, pos: int) -> bool:
        """Whether pos is inside a fenced or indented code block."""
        block = self.block_at(pos)
        return block is not None and block.kind in ("fence", "code_block")

    def in_code_span(self, start: int, end: int) -> bool:
        return any(c.start <= start and end <= c.end for c in self.code_spans)

    def block_at(self, pos: int, kinds=("paragraph", "heading", "table_row", "fence", "code_block")) -> Block | None:
        """The innermost block of the given kinds holding pos."""
        found = None
        for b in self.blocks:
            if b.kind in kinds and b.start <= pos < b.end:
                if found is None or (b.end - b.start) <= (found.end - found.start):
                    found = b
        return found

    def unit_at(self, pos: int) -> tuple[int, int]:
        """The list item, table row, heading or paragraph around pos: a finding's scope."""
        best = None
        for b in self.blocks:
            if b.kind in ("list_item", "table_row", "heading", "paragraph") and b.start <= pos < b.end:
                if b.kind == "list_item" and b.level > 1:
                    continue  # a nested item belongs to its parent's unit
                if best is None or b.kind in ("list_item", "table_row") and best.kind not in ("list_item", "table_row"):
                    best = b
        return (best.start, best.end) if best else (0, len(self.text))

    def section_at(self, pos: int) -> tuple[int, int]:
        """From the heading above pos to the next heading of the same or higher level."""
        heads = [b for b in self.blocks if b.kind == "heading"]
        above = [h for h in heads if h.start <= pos]
        if not above:
            return self.unit_at(pos)
        head = above[-1]
        after = [h for h in heads if h.start > head.start and h.level <= head.level]
        return head.start, after[0].start if after else len(self.text)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        block = self.block_at(pos) or Block("paragraph", 0, len(self.text))
        start = block.start
        for m in _SENTENCE_END.finditer(self.text, block.start, pos):
            start = m.end()
        m = _SENTENCE_END.search(self.text, pos, block.end)
        end = m.end() if m else block.end
        return start, end

    def sentences(self) -> list[tuple[int, int]]:
        """Every sentence of the prose (code blocks left out), in order."""
        out = []
        for b in self.blocks:
            if b.kind not in ("paragraph", "heading", "table_row"):
                continue
            pos = b.start
            while pos < b.end and self.text[pos:b.end].strip():
                while pos < b.end and self.text[pos].isspace():
                    pos += 1
                start, end = self.sentence_at(pos)
                start = max(start, pos)
                end = min(max(end, pos + 1), b.end)
                out.append((start, end))
                pos = end
        return sorted(set(out))

    def is_advice(self, pos: int) -> bool:
        """Whether the sentence around pos recommends something (or recalls code
        a change removed) rather than describes the code as it is."""
        start, end = self.sentence_at(pos)
        if PAST.search(self.text[start:pos]):
            return True
        return bool(ADVICE.search(self.text[start:pos])) or bool(
            re.match(r"\s*(?:instead|is\s+recommended|would\s+be)", self.text[pos:end], re.I)
        )

    def line_of(self, pos: int) -> int:
        return bisect.bisect_right(self._starts, pos)
