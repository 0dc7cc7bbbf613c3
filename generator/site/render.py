"""Stage 5b: render the view model through autoescaping Jinja templates.

Output is a list of RenderedPage (a docs-relative .md path, a title and the
page's HTML body) and the static assets; generator/mkdocs_plugin.py hands them to MkDocs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.site import searchindex, view
from generator.site.highlight import code_html
from generator.results import Analysis


@dataclass(frozen=True, slots=True)
class RenderedPage:
    uri: str  # docs-relative source path, e.g. "cases/nova/index.md"
    title: str  # safe for MkDocs' nav and <title>
    html: str  # the page body
    search: tuple[searchindex.Entry, ...]  # what the site search holds for the page

    @property
    def digest(self) -> str:
        """Changes whenever what MkDocs would make of the page changes."""
        return hashlib.sha256(f"{self.title}\0{self.html}".encode("utf-8")).hexdigest()


def templates_dir() -> Path:
    """generator/templates inside an installed wheel; templates/ in a checkout
    (and in an editable install, which runs from the checkout)."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "report.html").is_file():
            return candidate
    raise FileNotFoundError(f"reviewlens templates not found beside {package}")


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
    return env


def compile_templates() -> None:
    """Compile every template now, so that worker processes forked after this
    share them instead of each compiling its own."""
    env = environment()
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)


def _render(template: str, page, link: view.Linker, search: str | None = None) -> RenderedPage:
    """The page's HTML, and its search entries made from the search template
    (a short view of the page) or, without one, from the whole page."""
    env = environment()
    html = env.get_template(template).render(page=page)
    searchable = env.get_template(search).render(page=page) if search else html
    url = view.url_of(link.uri(page.uri), link.directory_urls)
    return RenderedPage(page.uri, page.nav_title, html, searchindex.entries(url, page.nav_title, searchable))


def render_site(analysis: Analysis, link: view.Linker) -> list[RenderedPage]:
    """Every page of the site, in this process."""
    pages = corpus_pages(analysis, link)
    for case in analysis.cases:
        pages += case_pages(case, link)
    return pages


def corpus_pages(analysis: Analysis, link: view.Linker) -> list[RenderedPage]:
    """The pages about the whole corpus: home, leaderboard and the explanations."""
    # Pages with code or big tables give the search index a short view of
    # themselves (*_search.html); the about pages are prose and indexed whole.
    pages = [
        _render("home.html", view.home_page(analysis, link), link, "home_search.html"),
        _render("about.html", view.about_page(link), link),
        _render("scores.html", view.scores_page(link), link),
        _render("leaderboard.html", view.leaderboard_page(analysis, link), link, "leaderboard_search.html"),
    ]
    return pages


def case_pages(case, link: view.Linker) -> list[RenderedPage]:
    """A case's page and its reports' pages; its code is highlighted and turned
    into HTML once, for all of them, and so is each line's row as it shows
    where no claim cites it."""
    code = {path: [code_html(t) for t in lines] for path, lines in view.case_tokens(case).items()}
    prefix = view.prefixes(case)
    plain = {path: _PlainRows(prefix[path], lines) for path, lines in code.items()}
    pages = [_render("case.html", view.case_page(case, code, link), link, "case_search.html")]
    for result in case.reports:
        pages.append(_render("report.html", view.report_page(case, result, code, link, plain), link, "report_search.html"))
    return pages


class _PlainRows:
    """Each line's row as it shows where no claim cites it, made when a report
    page first shows it (most lines are folded away on every one) and then
    shared by the case's other report pages."""

    def __init__(self, prefix: str, code: list[Markup]) -> None:
        self._prefix, self._code = prefix, code
        self._rows: list[Markup | None] = [None] * len(code)
        self._line_row = environment().get_template("_macros.html").module.line_row

    def __getitem__(self, i: int) -> Markup:
        row = self._rows[i]
        if row is None:
            line = view.SourceLine(n=i + 1, tokens=self._code[i], status="", symbol="")
            row = self._rows[i] = self._line_row(self._prefix, line)
        return row


ASSETS = ("reviewlens.css", "reviewlens.js")


def assets() -> dict[str, bytes]:
    folder = templates_dir() / "assets"
    return {name: (folder / name).read_bytes() for name in ASSETS}
