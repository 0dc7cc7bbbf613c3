"""Pygments tokens per source line, shared by the structure index (verify)
and the highlighter (render). Lexed once per source: cached by content.

Contract (checked by a test): joining a line's token texts gives the line back.

Lexers are third-party text processors, and some are quadratic or worse on a
run of one character (2 KB of `a` took 57 s in the LilyPond lexer). Lexing a
source has a budget (LEX_SECONDS, REVIEWLENS_LEX_SECONDS sets another): a
source that overruns it is plain text, and lex_overran() says so, for the
analysis to report it as a problem. The deadline is checked between tokens,
and in a main thread an interval timer also interrupts one long regex match.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from functools import lru_cache

from pygments.lexers import get_lexer_by_name
from pygments.token import Text, _TokenType
from pygments.util import ClassNotFound

from reviewlens.model import Source

LexLine = tuple[tuple[_TokenType, str], ...]
LEX_SECONDS = float(os.environ.get("REVIEWLENS_LEX_SECONDS") or 5.0)  # per source; 5 MB of Python lexes in ~3 s


# Lexers a case may not select: measured (Pygments 2.21, every lexer, runs of 2 KB of one character,
# a space, a tab, newlines) at over 0.5 s, or not done in 3 s: hopeless however long the budget. Every
# other lexer runs under LEX_SECONDS; a source in one of these languages is plain text.
UNTRUSTED = frozenset({"autohotkey", "autoit", "easytrieve", "fan", "gherkin", "lilypond", "systemd"})


def trusted(language: str) -> bool:
    """Whether a case may highlight with this lexer (by any of its aliases)."""
    try:
        aliases = get_lexer_by_name(language).aliases
    except ClassNotFound:
        return True  # no lexer: plain text already
    return not UNTRUSTED & {language, *aliases}


class _Overrun(BaseException):  # not an Exception: a lexer's own `except Exception` must not swallow it
    pass


def lex_lines(source: Source) -> tuple[LexLine, ...]:
    return _lex(source.language, source.lines)[0]


def lex_overran(source: Source) -> bool:
    """Whether lexing the source ran over its budget (it is then shown as plain text)."""
    return _lex(source.language, source.lines)[1]


def _plain(lines: tuple[str, ...]) -> tuple[LexLine, ...]:
    return tuple(((Text, line),) if line else () for line in lines)


@lru_cache(maxsize=32)  # a case's sources are lexed for its analysis and again for its pages
def _lex(language: str, lines: tuple[str, ...]) -> tuple[tuple[LexLine, ...], bool]:
    try:
        lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False, tabsize=0)
    except ClassNotFound:
        lexer = get_lexer_by_name("text", stripnl=False, ensurenl=False)
    kept, text = _without_blank_runs(lines)
    try:
        tokens = _tokens(lexer, text, LEX_SECONDS)
    except _Overrun:
        return _plain(lines), True
    lexed = _lines(tokens, tuple(lines[i] if i >= 0 else "" for i in kept))
    out: list[LexLine] = list(_plain(lines))  # blank lines, and the lines of a cut run, as plain text
    for i, toks in zip(kept, lexed):
        if i >= 0:
            out[i] = toks
    return tuple(out), False


BLANK_RUN = 3  # blank lines a lexer sees in a row at most


def _without_blank_runs(lines: tuple[str, ...]) -> tuple[list[int], str]:
    """The text a lexer sees: whitespace-only lines empty, and no more than BLANK_RUN of them in a
    row (every lexer tried, Python's, C's and Java's among them, is quadratic on a long run of them:
    16 KB of newlines took 10 s). Returns, per line given to the lexer, the index of its line in
    `lines` (-1 for none), and the text."""
    kept: list[int] = []
    shown: list[str] = []
    blank = 0
    for i, line in enumerate(lines):
        if line.strip():
            blank = 0
            kept.append(i)
            shown.append(line)
        else:
            blank += 1
            if blank <= BLANK_RUN:
                kept.append(i)
                shown.append("")
    return kept, "\n".join(shown)


RETRY_SECONDS = 0.05  # after an overrun signal, the next one, should the first be swallowed


def _tokens(lexer, text: str, seconds: float) -> list[tuple[_TokenType, str]]:
    """Every token of text, or _Overrun once `seconds` have passed."""
    deadline = time.monotonic() + seconds
    timer = (threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
             and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
    if timer:
        def overrun(signum, frame):
            # Armed again first: raised where it cannot propagate (inside a gc callback, a __del__),
            # the exception is only printed, and a lexer stuck in one regex would run on unbounded.
            signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
            raise _Overrun()

        previous = signal.signal(signal.SIGALRM, overrun)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        out = []
        for i, token in enumerate(lexer.get_tokens(text)):
            out.append(token)
            if not i & 255 and time.monotonic() > deadline:
                raise _Overrun()
        return out
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _lines(tokens: list[tuple[_TokenType, str]], lines: tuple[str, ...]) -> tuple[LexLine, ...]:
    # Lexers see "\n" only; our lines were split at \r\n, \r and \n alike.
    out: list[list[tuple[_TokenType, str]]] = [[]]
    for ttype, value in tokens:
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
    return tuple(
        toks if "".join(t for _, t in toks) == src else ((Text, src),) for toks, src in zip(result, lines)
    )
