"""Stage 5b: render the view model through autoescaping Jinja templates.

Output is a list of RenderedPage (a docs-relative .md path, a title and the
page's HTML body) and the static assets; generator/reviewlens/mkdocsbuild/plugin.py hands them
to MkDocs. A case's code is highlighted and turned into HTML here, once for
the case page and all its report pages (CaseCode).
"""

from __future__ import annotations

from functools import lru_cache

import jinja2
from markupsafe import Markup, escape

from reviewlens.packagefiles import templates_dir
from reviewlens.render import reporttext, searchindex
from reviewlens.render.highlight import code_html, token_lines
from reviewlens.render.rendered import RenderedPage
from reviewlens.results import Analysis, CaseResult
from reviewlens.view import parts
from reviewlens.view.addresses import Linker, case_uri, file_prefixes, line_anchor, line_stem, safe_title
from reviewlens.view.pages import about_page, case_page, home_page, leaderboard_page, lines_page, scores_page
from reviewlens.view.reportpage import report_page


def code_spans(message: str) -> Markup:
    """A message with its `backticked` parts as <code>; everything escaped."""
    parts = message.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show the text as it is
        return escape(message)
    return Markup("".join(f"<code>{escape(p)}</code>" if i % 2 else escape(p) for i, p in enumerate(parts)))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # no file time check on every page: reviewlens' own files, changed only by an upgrade
    )
    env.filters["code_spans"] = code_spans
    env.filters["report_html"] = reporttext.html
    return env


def compile_templates() -> None:
    """Compile every template now, so that worker processes forked after this
    share them instead of each compiling its own."""
    env = environment()
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)


def _render(template: str, page, link: Linker, search: str | None = None, code: CaseCode | None = None,
            boost: float | None = None, more: tuple[searchindex.Entry, ...] = ()) -> RenderedPage:
    """The page's HTML, and its search entries made from the search template
    (a short view of the page) or, without one, from the whole page; then `more`."""
    env = environment()
    # One wrapper says "a reviewlens page", so our styles never touch a user's own pages.
    html = '<div class="rl-page">\n' + env.get_template(template).render(page=page, code=code) + "</div>\n"
    searchable = env.get_template(search).render(page=page) if search else html
    entries = searchindex.entries(link.url(page.uri), page.nav_title, searchable, boost) + more
    return RenderedPage(page.uri, page.nav_title, html, entries, safe_title(page.title))


def render_site(analysis: Analysis, link: Linker) -> list[RenderedPage]:
    """Every page of the site, in this process."""
    pages = corpus_pages(analysis, link)
    for case in analysis.cases:
        pages += case_pages(case, link)
    return pages


def corpus_pages(analysis: Analysis, link: Linker) -> list[RenderedPage]:
    """The pages about the whole corpus: home, leaderboard and the explanations."""
    # Pages with code or big tables give the search index a short view of
    # themselves (*_search.html); the about pages are prose and indexed whole.
    pages = [
        _render("home.html", home_page(analysis, link), link, "home_search.html"),
        _render("about.html", about_page(link), link),
        _render("scores.html", scores_page(link), link),
        _render("leaderboard.html", leaderboard_page(analysis, link), link, "leaderboard_search.html"),
    ]
    return pages


def case_pages(case: CaseResult, link: Linker) -> list[RenderedPage]:
    """A case's page, its reports' pages, then its long files' part pages (view/parts.py), in the
    order the build plans them, sharing one CaseCode."""
    code = CaseCode(case)
    long_files = parts.of_case(case.case)
    pages = [_render("case.html", case_page(case, link, long_files), link, "case_search.html", code,
                     more=code.search_entries(case, link, long_files))]
    for result in case.reports:
        pages.append(_render("report.html", report_page(case, result, link, long_files), link, "report_search.html", code,
                             boost=searchindex.REPORT_BOOST))
    for path, uri in parts.planned_pages(case.case.id, case.case.sizes):
        pages.append(_render("lines.html", lines_page(case, path, uri, link, long_files), link, "lines_search.html", code))
    return pages


class CaseCode:
    """A case's code as HTML, for its pages' templates: each line highlighted
    once per case (not once per page), and each line's whole row as it shows
    where no claim cites it made when a report page first shows it (most
    lines are folded away on every one), then shared by the other pages."""

    def __init__(self, case: CaseResult) -> None:
        self._prefixes = prefixes = file_prefixes(case.case)
        self._code, self._defining = {}, {}
        for src in case.case.sources:
            lines = token_lines(src)
            self._code[src.path] = [code_html(t) for t in lines]
            self._defining[src.path] = searchindex.defining(lines)
        self._stem = {path: line_stem(prefixes[path]) for path in self._code}
        self._rows: dict[str, list[Markup | None]] = {path: [None] * len(lines) for path, lines in self._code.items()}
        self._line_row = environment().get_template("_macros.html").module.line_row

    def html(self, path: str, n: int) -> Markup:
        """Line n's code."""
        return self._code[path][n - 1]

    def search_entries(self, case: CaseResult, link: Linker, long_files: dict[str, parts.Parts]) -> tuple[searchindex.Entry, ...]:
        """The search entries of the lines that define a name, in every file, each linked to its line
        where the whole file is shown: the case page, or a long file's part page."""
        found: tuple[searchindex.Entry, ...] = ()
        for path, lines in self._defining.items():
            long, prefix = long_files[path], self._prefixes[path]

            def location(n: int, long=long, prefix=prefix) -> str:
                uri = long.uris[long.index(n)] if long.split else case_uri(case.case.id)
                return f"{link.url(uri)}#{line_anchor(prefix, n)}"

            found += searchindex.code_entries(location, path, lines)
        return found

    def row(self, path: str, n: int) -> Markup:
        """Line n's row where no claim cites it: its number, no mark, its code."""
        rows = self._rows[path]
        row = rows[n - 1]
        if row is None:
            row = rows[n - 1] = self._line_row(self._stem[path], n, None, self._code[path][n - 1])
        return row


ASSETS = ("reviewlens.css", "reviewlens.js")


def assets() -> dict[str, bytes]:
    folder = templates_dir() / "assets"
    return {name: (folder / name).read_bytes() for name in ASSETS}
