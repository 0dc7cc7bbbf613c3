"""Pygments tokens, one list per source line.

Contract (checked by a test): for every line, joining the texts of its tokens
gives the line back exactly, so the page shows the code as it is.
CSS classes are Pygments' short names ("k", "nf", "s1"), which the Material
theme already colours in both palettes.
"""

from __future__ import annotations

from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES, _TokenType
from pygments.util import ClassNotFound

from generator.model import Source

TokenLine = tuple[tuple[str, str], ...]  # ((css_class, text), ...)


def css_class(ttype: _TokenType) -> str:
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return STANDARD_TYPES[ttype]


def token_lines(source: Source) -> list[TokenLine]:
    """Highlight the source once; one tuple of (class, text) per line."""
    try:
        lexer = get_lexer_by_name(source.language, stripnl=False, ensurenl=False, tabsize=0)
    except ClassNotFound:
        lexer = get_lexer_by_name("text", stripnl=False, ensurenl=False)
    # Lexers see "\n" only; our lines were split at \r\n, \r and \n alike.
    text = "\n".join(source.lines)
    out: list[list[tuple[str, str]]] = [[]]
    for ttype, value in lexer.get_tokens(text):
        cls = css_class(ttype)
        pieces = value.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                out.append([])
            if piece:
                line = out[-1]
                if line and line[-1][0] == cls:
                    line[-1] = (cls, line[-1][1] + piece)
                else:
                    line.append((cls, piece))
    lines = [tuple(t) for t in out[: len(source.lines)]]
    lines += [()] * (len(source.lines) - len(lines))
    # Some lexers rewrite characters (tabs, stray \r); fall back to plain text
    # for any line whose tokens no longer give the line back.
    return [
        toks if "".join(t for _, t in toks) == src else (("", src),)
        for toks, src in zip(lines, source.lines)
    ]
