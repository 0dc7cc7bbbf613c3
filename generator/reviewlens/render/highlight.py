"""Highlighted source for the pages: (css_class, text) pairs per line.

CSS classes are Pygments' short names ("k", "nf", "s1"), which the Material
theme already colours in both palettes.
"""

from __future__ import annotations

import re

from markupsafe import Markup
from pygments.token import STANDARD_TYPES, _TokenType

from reviewlens.lexing import lex_lines
from reviewlens.model import Source

TokenLine = tuple[tuple[str, str], ...]  # ((css_class, text), ...)


def css_class(ttype: _TokenType) -> str:
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return STANDARD_TYPES[ttype]


def token_lines(source: Source) -> list[TokenLine]:
    """One tuple of (class, text) per line; joining the texts gives the line."""
    out = []
    for toks in lex_lines(source):
        line: list[tuple[str, str]] = []
        for ttype, text in toks:
            cls = css_class(ttype)
            if line and line[-1][0] == cls:
                line[-1] = (cls, line[-1][1] + text)
            else:
                line.append((cls, text))
        out.append(tuple(line))
    return out


LINE_SHOWN = 10_000  # characters of one line a page shows: a 5 MB minified line would make a 5 MB row


def code_html(line: TokenLine) -> Markup:
    """A line's code as HTML: one <span> per highlighted token. Made here, not
    in a template: it runs for every line of every source, and this is the
    markup Pygments itself writes. A line longer than LINE_SHOWN is cut there,
    saying how much is not shown (claims are checked against all of it)."""
    out, length = [], 0
    for cls, text in line:
        cut = length + len(text) > LINE_SHOWN
        if cut:
            text = text[: LINE_SHOWN - length]
        out.append(f'<span class="{cls.translate(_ESCAPE)}">{text.translate(_MARKED)}</span>' if cls else text.translate(_MARKED))
        length += len(text)
        if cut:
            out.append(f'<span class="rl-cut">… {sum(len(t) for _, t in line) - LINE_SHOWN:,} more characters not shown</span>')
            break
    return Markup('<code class="rl-code">' + "".join(out) + "</code>")


def _bidi_mark(ch: str) -> str:
    """What a reader sees for a bidirectional control: its code point, marked (Trojan Source)."""
    return (f'<span class="rl-bidi" title="U+{ord(ch):04X}, a bidirectional control character: it can make text '
            f'read in another order than it runs">U+{ord(ch):04X}</span>')


_BIDI_CHARS = [chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))]
_OUTSIDE_TAGS = re.compile(r"(<[^>]*>)|([" + "".join(_BIDI_CHARS) + "])")


def bidi_marked(html: str) -> str:
    """HTML with every bidirectional control outside its tags shown as a marked code point."""
    return _OUTSIDE_TAGS.sub(lambda m: m.group(1) or _bidi_mark(m.group(2)), html)


# markupsafe.escape's replacements, as a table for str.translate (no Markup object per token);
# in code, bidirectional controls are shown as marked code points too.
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})
_MARKED = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;",
                         **{ch: _bidi_mark(ch) for ch in _BIDI_CHARS}})
