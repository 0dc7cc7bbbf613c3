"""Pygments tokens per source line, shared by the structure index (verify)
and the highlighter (render). Lexed once per source: cached by content.

Contract (checked by a test): joining a line's token texts gives the line back.
"""

from __future__ import annotations

from functools import lru_cache

from pygments.lexers import get_lexer_by_name
from pygments.token import _TokenType
from pygments.util import ClassNotFound

from reviewlens.model import Source

LexLine = tuple[tuple[_TokenType, str], ...]


def lex_lines(source: Source) -> tuple[LexLine, ...]:
    return _lex(source.language, source.lines)


@lru_cache(maxsize=32)  # a case's sources are lexed for its analysis and again for its pages
def _lex(language: str, lines: tuple[str, ...]) -> tuple[LexLine, ...]:
    try:
        lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False, tabsize=0)
    except ClassNotFound:
        lexer = get_lexer_by_name("text", stripnl=False, ensurenl=False)
    # Lexers see "\n" only; our lines were split at \r\n, \r and \n alike.
    out: list[list[tuple[_TokenType, str]]] = [[]]
    for ttype, value in lexer.get_tokens("\n".join(lines)):
        for i, piece in enumerate(value.split("\n")):
            if i:
                out.append([])
            if piece:
                line = out[-1]
                if line and line[-1][0] is ttype:
                    line[-1] = (ttype, line[-1][1] + piece)
                else:
                    line.append((ttype, piece))
    result = [tuple(t) for t in out[: len(lines)]]
    result += [()] * (len(lines) - len(result))
    # Some lexers rewrite characters (tabs, stray \r): such a line is plain text.
    from pygments.token import Text

    return tuple(
        toks if "".join(t for _, t in toks) == src else ((Text, src),) for toks, src in zip(result, lines)
    )
