"""A report's text as safe HTML, with every claim marked where it stands.

The report is Markdown written by a model or pasted from anywhere: raw HTML is
off, images are off (no request may leave the reader's machine), links to the
web get rel="nofollow noopener noreferrer" and markdown-it's own scheme check
(no javascript:, vbscript:, data:); relative links become plain text.

Marking claims in place: a sentinel character is inserted at each claim's start
and end before parsing, so the marks travel through Markdown parsing with the
text they belong to. Afterwards, in the token stream (never in HTML), each
sentinel becomes a <mark>. A mark is closed and reopened around every tag
boundary, so the HTML always nests, whatever the claim spans.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from reviewlens.render.highlight import bidi_marked
from reviewlens.textio import slug
from reviewlens.view.reportmarks import MarkSpec, ReportText

# Links from a report that stay links: to the web or to mail. "x.png" or
# "#section" would point into this site, not where the author meant.
KEPT_LINK = re.compile(r"(?:https?://|mailto:)", re.I)

# Sentinels live in Unicode's supplementary private use planes; any such
# characters already in a report are replaced by U+FFFD first (1:1, so claim
# offsets still hold).
OPEN_BASE, CLOSE_BASE, PLANE = 0xF0000, 0x100000, 0xFFFE
_PRIVATE = re.compile("[\U000f0000-\U0010ffff]")
# A sentinel after percent-encoding in a link destination: %F3%B0%80%81
_ENCODED_PRIVATE = re.compile(r"%F[34](?:%[89AB][0-9A-F]){3}", re.I)
# What a heading's id leaves out of its words: claim sentinels and inline Markdown marks
_SENTINEL_OR_MARKUP = re.compile("[\U000f0000-\U0010ffff`*_~\\[\\]]")


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"]).disable("image")

    def heading_open(self, tokens, idx, options, env):
        # Report headings sit under the page's own: h1 -> h3 ... h6; each has an id, so a finding can be
        # linked ("#rh-1-sql-injection"), made of its words as the report wrote them (markup and
        # the claim marks' sentinels left out), once per page.
        level = min(int(tokens[idx].tag[1]) + 2, 6)
        words = _SENTINEL_OR_MARKUP.sub("", tokens[idx + 1].content if idx + 1 < len(tokens) else "")
        stem = "rh-" + (slug(words)[:60].strip("-.") or "heading")  # "report-title" is the page's own
        seen = env.setdefault("heading_ids", set())
        anchor, n = stem, 1
        while anchor in seen:
            n += 1
            anchor = f"{stem}-{n}"
        seen.add(anchor)
        return f'<h{level} id="{anchor}" class="rl-report-heading">'

    def heading_close(self, tokens, idx, options, env):
        level = min(int(tokens[idx].tag[1]) + 2, 6)
        return f"</h{level}>\n"

    def link_open(self, tokens, idx, options, env):
        tokens[idx].attrSet("rel", "nofollow noopener noreferrer")
        return self.renderToken(tokens, idx, options, env)

    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("heading_close", heading_close)
    md.add_render_rule("link_open", link_open)
    return md


_MD = _markdown()


def html(report: ReportText | None) -> Markup:
    """The report's HTML ("" for a report that could not be read). A report
    page and its search view show the same text: it is made once."""
    if report is None:
        return Markup("")
    if _last and _last[0] is report:
        return _last[1]
    made = render(report.body, list(report.marks)) if report.language is None else \
        render_data(report.body, report.language, list(report.marks))
    _last[:] = [report, made]
    return made


_last: list = []  # [ReportText, its HTML]: the last one made


def render(text: str, marks: list[MarkSpec] = ()) -> Markup:
    """The text as HTML, each mark's span wrapped in <mark> plus a badge link."""
    text = _PRIVATE.sub("\ufffd", text)
    specs = {m.id: m for m in marks if 0 <= m.start <= m.end <= len(text) and m.id < PLANE}
    tokens = _MD.parse(_insert_sentinels(text, specs.values()))
    _Marker(specs).transform(tokens)
    html = _MD.renderer.render(tokens, _MD.options, {})
    html = _ENCODED_PRIVATE.sub("", _PRIVATE.sub("", html))
    return Markup(bidi_marked(html))


def render_data(text: str, language: str, marks: list[MarkSpec] = ()) -> Markup:
    """A data report (SARIF, JSON) shown as it is, in a code block, with its claims marked."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    head = f"{fence}{language}\n"
    shifted = [MarkSpec(m.id, m.start + len(head), m.end + len(head), m.css, m.href, m.title) for m in marks]
    return render(f"{head}{text}\n{fence}\n", shifted)


def _insert_sentinels(text: str, marks) -> str:
    events = []
    for m in marks:
        events.append((m.start, 1, -(m.end - m.start), chr(OPEN_BASE + m.id)))
        events.append((m.end, 0, m.end - m.start, chr(CLOSE_BASE + m.id)))
    events.sort()
    out, pos = [], 0
    for at, _, _, char in events:
        out.append(text[pos:at])
        out.append(char)
        pos = at
    out.append(text[pos:])
    return "".join(out)


class _Marker:
    """Turns sentinels in the token stream into <mark> tags and badges.

    Tags are written lazily: a mark's opening tag is emitted just before the
    first text inside it, so closing and reopening around a tag boundary never
    leaves an empty <mark></mark>.
    """

    def __init__(self, specs: dict[int, MarkSpec]):
        self.specs = specs
        self.open: list[int] = []  # marks open at this point of the text, outermost first
        self.emitted = 0  # how many of self.open have their tag in the output now
        self.anchored: set[int] = set()  # marks whose id attribute was emitted
        self.in_link = 0
        self.pending: list[str] = []  # badges waiting for a link to close
        self.dropped = 0  # links kept as text: open ones whose close is still to come

    def transform(self, tokens: list[Token]) -> None:
        expected: list[int | None] = []  # per open list: the number HTML would give the next item; None if unordered
        for i, tok in enumerate(tokens):
            if tok.type in ("ordered_list_open", "bullet_list_open"):
                start = tok.attrGet("start")
                expected.append(None if tok.type == "bullet_list_open" else int(start) if start is not None else 1)
            elif tok.type in ("ordered_list_close", "bullet_list_close") and expected:
                expected.pop()
            elif tok.type == "list_item_open" and expected and expected[-1] is not None:
                # The report's own numbering is part of what is judged ("111." after "3."),
                # and HTML would renumber it: keep each number that breaks the count.
                number = int(tok.info) if tok.info.isascii() and tok.info.isdigit() else expected[-1]
                if number != expected[-1]:
                    tok.attrSet("value", str(number))
                expected[-1] = number + 1
            if tok.type == "inline":
                tok.children = self._inline(tok.children or [])
            elif tok.type in ("fence", "code_block"):
                tokens[i] = self._code_block(tok)
            else:
                _strip_token(tok)

    def _inline(self, children: list[Token]) -> list[Token]:
        out: list[str] = []
        for child in children:
            if child.type == "text":
                out += self._split(child.content)
            elif child.type == "code_inline":
                out += self._close_tags() + ["<code>"] + self._split(child.content)
                out += self._close_tags() + ["</code>"]
            elif child.type in ("softbreak", "hardbreak"):
                out.append("<br>\n" if child.type == "hardbreak" else "\n")
            elif child.type == "link_open" and not KEPT_LINK.match(child.attrGet("href") or ""):
                # A relative or fragment link points into this site, not the author's:
                # the text stays, the link goes.
                self.dropped += 1
                out += self._split("".join(_sentinels_in_attrs(child)))
            elif child.type == "link_close" and self.dropped:
                self.dropped -= 1
            else:
                lost = _sentinels_in_attrs(child)
                _strip_token(child)
                if child.type == "link_open":
                    child.attrSet("rel", "nofollow noopener noreferrer")
                out += self._close_tags()
                out.append(_render_one(child))
                if child.type == "link_open":
                    self.in_link += 1
                elif child.type == "link_close":
                    self.in_link = max(0, self.in_link - 1)
                    if not self.in_link:
                        out += self.pending
                        self.pending = []
                # Claims that start or end inside a link target happen here.
                out += self._split("".join(lost))
        out += self._close_tags()
        if self.pending:  # a link left open at the end of a block cannot be
            out += self.pending  # closed later: put its badges here
            self.pending, self.in_link = [], 0
        tok = Token("html_inline", "", 0)
        tok.content = "".join(out)
        return [tok]

    def _code_block(self, tok: Token) -> Token:
        lang = _PRIVATE.sub("", tok.info.strip().split()[0]) if tok.info.strip() else ""
        cls = f' class="language-{escape(lang)}"' if lang else ""
        body = self._split(tok.content) + self._close_tags()
        block = Token("html_block", "", 0)
        block.content = f"<pre><code{cls}>" + "".join(body) + "</code></pre>\n"
        return block

    def _split(self, content: str) -> list[str]:
        out: list[str] = []
        plain: list[str] = []
        for ch in content:
            code = ord(ch)
            if OPEN_BASE <= code < OPEN_BASE + PLANE or CLOSE_BASE <= code < CLOSE_BASE + PLANE:
                out += self._text("".join(plain))
                plain = []
                if code >= CLOSE_BASE:
                    out += self._close(code - CLOSE_BASE)
                elif code - OPEN_BASE in self.specs:
                    self.open.append(code - OPEN_BASE)
            else:
                plain.append(ch)
        out += self._text("".join(plain))
        return out

    def _text(self, text: str) -> list[str]:
        if not text:
            return []
        tags = [self._tag(m) for m in self.open[self.emitted :]]
        self.emitted = len(self.open)
        return tags + [str(escape(text))]

    def _close(self, mark_id: int) -> list[str]:
        if mark_id not in self.open:
            return []
        at = self.open.index(mark_id)
        out = ["</mark>"] * max(0, self.emitted - at)
        self.emitted = min(self.emitted, at)
        del self.open[at]  # marks above it reopen lazily with the next text
        if mark_id not in self.anchored:  # its text vanished (a link target): keep the anchor
            self.anchored.add(mark_id)
            out.append(f'<span id="claim-{mark_id}"></span>')
        badge = self._badge(mark_id)
        if self.in_link:
            self.pending.append(badge)
        else:
            out.append(badge)
        return out

    def _close_tags(self) -> list[str]:
        out = ["</mark>"] * self.emitted
        self.emitted = 0
        return out

    def _tag(self, mark_id: int) -> str:
        spec = self.specs[mark_id]
        anchor = ""
        if mark_id not in self.anchored:
            self.anchored.add(mark_id)
            anchor = f' id="claim-{mark_id}"'
        return f'<mark class="rl-claim {escape(spec.css)}" data-claim="{mark_id}"{anchor}>'

    def _badge(self, mark_id: int) -> str:
        spec = self.specs[mark_id]
        return (
            f'<a class="rl-badge {escape(spec.css)}" href="{escape(spec.href)}" '
            f'data-note="{escape(spec.title)}" data-search-exclude>{escape(spec.symbol)}{mark_id}</a>'
        )  # the search index holds the report's words, not the badges' numbers;
        # the note opens beside the text on a click (a title would show on hover only, never on a touch screen);
        # the stylesheet keeps badges out of a selection, so copying the reviewer's code copies no badge


def _render_one(tok: Token) -> str:
    return _MD.renderer.renderToken([tok], 0, _MD.options, {})


def _sentinels_in_attrs(tok: Token) -> list[str]:
    """Sentinels in a token's attributes, percent-encoded ones decoded, in order."""
    found: list[str] = []
    for value in (tok.attrs or {}).values():
        if not isinstance(value, str):
            continue
        decoded = _ENCODED_PRIVATE.sub(lambda m: bytes.fromhex(m.group().replace("%", "")).decode("utf-8", "replace"), value)
        found += _PRIVATE.findall(decoded)
    return found


def _strip_token(tok: Token) -> None:
    """Remove sentinels from a token that cannot hold a mark (link targets, info strings)."""
    if tok.content:
        tok.content = _PRIVATE.sub("", tok.content)
    if tok.info:
        tok.info = _PRIVATE.sub("", tok.info)
    for key, value in list((tok.attrs or {}).items()):
        if isinstance(value, str):
            tok.attrs[key] = _ENCODED_PRIVATE.sub("", _PRIVATE.sub("", value))
    for child in tok.children or []:
        _strip_token(child)
