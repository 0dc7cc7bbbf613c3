"""What a citation binds: the text a check weighs against the cited lines.

A citation is correct when what the text binds to it is on the cited lines.
The binding is local, and the first rule that finds one wins (markdown-it's
way: rules in an ordered list, each in its own file, each returning None when
it does not apply):

1. adjacent.py: a code span beside the number: "`open_db` (line 12)",
   "`store.py:40` (`open_db`)", "in `load` at line 80", "`Store.Get()` at L168";
2. comment.py: a citation written as a comment in a code block binds the code
   on its own row ("cache.clear()  // Line 88") or the block it heads
   ("# Lines 12-14: first write");
3. row.py: a table row binds its other cells ("| `Store.Get()` | 115-127 |");
4. label.py: "Line 7-9: This code imports ...", "L46 - the handler ...";
5. clause.py: the clause of its sentence ("`secure_filename` is applied to the
   name (line 70), but the `folder` field is joined ..." binds line 70 to
   `secure_filename`), read with its item's lead when it names no code;
6. finding.py: a bare location ("**File:** `app.py:60`", "(line 102)") binds
   the finding it belongs to.

Besides what it binds, every citation has a context (its list item,
paragraph, table row or finding): names there may confirm the cited lines,
never demand to be on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reviewlens.extract.binding import adjacent, clause, comment, finding, label, row
from reviewlens.extract.document import Document

DESCRIBED = 800  # characters of description kept per citation


@dataclass(frozen=True, slots=True)
class Binding:
    """What a citation binds, and the wider text around it."""

    text: str  # the description that must be on the cited lines
    context: str  # its item, paragraph, row or finding: may confirm, never demands
    quote: str | None = None  # a statement of code bound to the lines, checked there as a quote


# A rule: (document, citation start, citation end) -> (bound text, bound statement or None), or None
Rule = Callable[[Document, int, int], "tuple[str, str | None] | None"]

#: The binding rules, in order: the first that binds wins; a bare location binds its finding.
RULES: list[tuple[str, Rule]] = [
    ("comment", comment.bind),
    ("adjacent", adjacent.bind),
    ("row", row.bind),
    ("label", label.bind),
    ("clause", clause.bind),
    ("finding", finding.bind),
]


def bind(doc: Document, start: int, end: int) -> Binding:
    """What the report says about the lines cited by text[start:end]."""
    context = context_of(doc, start)
    for _, rule in RULES:
        found = rule(doc, start, end)
        if found is not None:
            text, quote = found
            return Binding(" ".join(text.split())[:DESCRIBED], context, quote)
    raise AssertionError("the finding rule binds every citation")


def context_of(doc: Document, pos: int) -> str:
    """The unit around a citation: its list item, table row or paragraph, and the heading of its section."""
    a, b = doc.unit_at(pos)
    h_start, _ = doc.section_at(pos)
    heading = doc.block_at(h_start, kinds=("heading",))
    head = doc.text[heading.start:heading.end] if heading is not None and heading.start < a else ""
    return " ".join(f"{head} {doc.text[a:min(b, a + DESCRIBED)]}".split())[:DESCRIBED]
