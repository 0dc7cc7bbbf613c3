"""What the site search holds for reviewlens' pages, made at render time.

Material's search plugin would parse every page's HTML in MkDocs' single
build process, and again on every rebuild. reviewlens pages are kept out of
it (their front matter says `search: exclude`); their entries are made here,
with the theme's own section parser, in the render workers, cached with the
page, and written into the index after the search plugin has written it.

What a reader searches for, and finds:
- a report's words: one entry per report page, boosted above the site's own
  pages (a phrase from a report finds that report before the About page);
- code: each line that defines a function, method or class, by its name,
  linked to that line (`#L123`) of the page that shows the whole file;
- Chinese: words are cut apart with jieba, as the theme's plugin does for
  the pages it indexes, and the site's search separator splits on U+200B.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from html import escape
from pathlib import Path

from material.plugins.search.plugin import Parser

Entry = dict[str, str | float]  # {"location", "title", "text"[, "boost"]}, as the theme's search reads them

REPORT_BOOST = 4.0  # a report's text, against the site's own pages (1)
CODE_BOOST = 2.0  # a line that defines a name
# Pygments' short names of a name being defined: a function, a magic method, a class, an exception class.
DEFINES = frozenset({"nf", "fm", "nc", "ne"})
# Where a lexer does not mark the name (JavaScript's `function merge`, Go's `func (s *S) Get`), the keyword
# before it does; `const run = (x) => ...` binds a function too; a shell's `name() {` and `NAME=value`.
DECLARING = frozenset({"def", "class", "function", "func", "fn", "fun", "interface", "struct", "trait", "enum",
                       "type", "sub", "procedure", "module", "object", "record"})
BINDING = frozenset({"const", "let", "var"})
SHELL_SETS = frozenset({"export", "readonly", "declare", "typeset"})
_WORD = re.compile(r"[A-Za-z_$][\w$]*")
CODE_SHOWN = 200  # characters of a defining line the result shows
# Definitions indexed per file: the whole index is loaded by every reader's browser; a generated file with
# 30,000 functions would make it megabytes. A hand-written file seldom defines more.
CODE_ENTRIES = 2000
# The search plugin's word separator: the theme's English one, and U+200B, where segment() cuts Chinese.
SEPARATOR = r"[\s\u200b\-]+"
# A match in a title counts ten times one in the text (the theme's 1,000 let the "a" of a typed phrase, which the
# search widens to "a*", match "About" and "Accuracy" and put the About page above the report holding the phrase).
TITLE_BOOST = 10


def search_plugin() -> dict:
    """The search plugin's settings in reviewlens' own builds: a new dict each time (MkDocs and the plugin
    change the one they are given)."""
    return {"search": {"separator": SEPARATOR, "fields": {"title": {"boost": TITLE_BOOST}}}}


# Claim marks and their badges: inline, wordless (the theme skips a badge's
# number), and most of a report's tags. Dropped before parsing, they cost the
# parser nothing; the entries are the same (tested).
_OWN_INLINE = re.compile(r'</?mark\b[^>]*>|<a class="rl-badge[^>]*\sdata-search-exclude>[^<]*</a>')
# A report's own headings' ids: without them the theme's parser keeps the report one entry (its words then
# make the result's ?h=, whatever heading they stand under).
_REPORT_HEADING_ID = re.compile(r' id="rh-[^"]*"')


def entries(url: str, title: str, html: str, boost: float | None = None) -> tuple[Entry, ...]:
    """The index entries of one page: one per section (a heading and what follows)."""
    found = _entries(url, title, _REPORT_HEADING_ID.sub("", _OWN_INLINE.sub("", html)))
    return tuple(e | {"boost": boost} for e in found) if boost is not None else found


def defining(lines: Iterable[tuple[tuple[str, str], ...]]) -> list[tuple[int, str, str]]:
    """(line number, name, code) of each highlighted line (render/highlight.py) that defines a name, the
    first CODE_ENTRIES of them."""
    found = []
    for n, tokens in enumerate(lines, 1):
        name = defined(tokens)
        if name:
            found.append((n, name, "".join(text for _, text in tokens).strip()))
            if len(found) == CODE_ENTRIES:
                break
    return found


def defined(tokens: tuple[tuple[str, str], ...]) -> str | None:
    """The name a line of code defines (a function, method, class or type), or None."""
    for css, text in tokens:
        if css in DEFINES and _WORD.fullmatch(text):
            return text
    words = [(css, text) for css, text in tokens if text.strip()]
    for i, (css, text) in enumerate(words):
        if not (css.startswith("k") or css == "nb"):  # past the keywords and modifiers that open the line
            break
        if text in DECLARING:
            j = i + 1
            if j < len(words) and words[j][1] == "(":  # Go's receiver: func (s *Store) Get(
                depth = 0
                for j in range(i + 1, len(words)):
                    depth += words[j][1].count("(") - words[j][1].count(")")
                    if depth <= 0:
                        break
                j += 1
            return words[j][1] if j < len(words) and _WORD.fullmatch(words[j][1]) else None
        if text in BINDING:
            rest = [t for _, t in words[i + 3:]]
            if (i + 2 < len(words) and _WORD.fullmatch(words[i + 1][1]) and words[i + 2][1].startswith("=")
                    and any("=>" in r or r == "function" for r in rest)):
                return words[i + 1][1]
            return None
    # A shell function, `name() {`, or a variable set at the top of a script, `[export] NAME=value`.
    if not words or tokens[0][1] != words[0][1]:
        return None  # blank, or indented: inside a function
    # (highlighted lines join a class's neighbouring tokens: "(" and ")" may come as "()", "=" as "=$(")
    after = "".join(text for _, text in words[1:3]).replace(" ", "")
    if after.startswith("()") and _WORD.fullmatch(words[0][1]):
        return words[0][1]
    first = 1 if words[0][1] in SHELL_SETS else 0
    if len(words) > first + 1 and words[first][0] == "nv" and words[first + 1][1].startswith("="):
        return words[first][1]
    return None


def code_entries(location: Callable[[int], str], path: str, lines: Iterable[tuple[int, str, str]]) -> tuple[Entry, ...]:
    """One entry per line that defines a name (defining()): titled with the name and where it is, holding
    the line's code, linked to that line (location(n))."""
    return tuple({"location": location(n), "title": segment(escape(f"{name} ({path}, line {n})", quote=False)),
                  "text": "<code>" + segment(escape(code[:CODE_SHOWN], quote=False)) + "</code>", "boost": CODE_BOOST}
                 for n, name, code in lines)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def segment(text: str) -> str:
    """Chinese runs cut into words with U+200B between them (the site's search separator splits there),
    as the theme's search plugin does for the pages it indexes; other text as it is. Without jieba
    (the optional `zh` extra) the text stays as it is, as the theme's own plugin leaves it."""
    if not _HAN.search(text):
        return text
    cut = _jieba()
    if cut is None:
        return text
    return _HAN.sub(lambda m: "\u200b" + "\u200b".join(cut(m.group(0))) + "\u200b", text)


@lru_cache(maxsize=1)
def _jieba() -> Callable[[str], list[str]] | None:
    try:
        import jieba  # loaded (about a second) only by a build that has Chinese to index
    except ImportError:
        return None
    jieba.setLogLevel(logging.WARNING)
    return jieba.lcut


def _entries(url: str, title: str, html: str) -> tuple[Entry, ...]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    found = []
    for section in parser.data:
        if section.is_excluded():
            continue
        found.append({
            "location": f"{url}#{section.id}" if section.id else url,
            "title": segment("".join(section.title).strip() or title),
            "text": segment("".join(section.text).strip()),
        })
    return tuple(found)


def add_to_index(index: Path, ours: dict[str, tuple[Entry, ...]]) -> None:
    """Put our pages' entries (page URL -> entries) into the index the search
    plugin wrote, replacing whatever it holds for those pages."""
    if not index.is_file():
        return  # the site has no search
    data = json.loads(index.read_text(encoding="utf-8"))
    kept = [e for e in data.get("docs", []) if e.get("location", "").split("#", 1)[0] not in ours]
    data["docs"] = kept + [e for url in sorted(ours) for e in ours[url]]
    # The search plugin's own compact form.
    index.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
