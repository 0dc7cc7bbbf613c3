"""Every sentence reviewlens says about a claim, in one place: this package.

A check decides a status and a reason: a code and the facts behind it
(model.Reason: "quote.elsewhere" with the cited lines, the quote and where it
is). This module turns a reason into the English a reader sees; the site,
annotations.json and SARIF all read their sentences from say(), so one
reason reads the same everywhere, and a translation or a rewording is one
package, one file per concern (files.py, quotes.py, refs.py, names.py, findings.py), each
registering its sentences here. The codes are part of annotations.json (`reason`): keep them stable.

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
    if not names:
        return "nothing"
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


def also_at(others: int) -> str:
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


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"




# The sentences, registered as their modules load (after the helpers above, which they use).
from reviewlens.messages import files, findings, names, quotes, refs  # noqa: E402,F401
