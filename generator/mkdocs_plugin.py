"""Stage 6: hand the rendered pages to MkDocs.

ReviewlensPlugin adds every page as a generated file (no temp files), keeps
report pages out of the navigation (they are reached from their case page),
and swaps in the pre-rendered HTML after MkDocs' Markdown pass, so report
text is never re-parsed by Python-Markdown. The pages' search entries were
made with them; they go into the index once the search plugin has written
it. The analysis is made fresh in on_files on every build, so `mkdocs serve`
never shows stale results; the CLI hands over its own, and in an incremental
build names the pages the site folder already holds (`Built.kept`).
"""

from __future__ import annotations

import logging
from pathlib import Path

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator import csp, render, searchindex, view
from generator.ingest import CorpusError
from generator.model import Analysis
from generator.pipeline import Built, analyze_and_render

log = logging.getLogger("mkdocs.plugins.reviewlens")

ASSET_DIR = "reviewlens-assets"
NAV_CASES = 30  # more cases than this are reached from the home page, not the navigation


class ReviewlensConfig(Config):
    corpus = c.Type(str, default="site_src")  # relative to mkdocs.yml
    prefix = c.Type(str, default="")  # e.g. "reviews/" to nest the pages in a bigger site
    nav_title = c.Type(str, default="Reviews")  # the nav section, when the site has a nav of its own


class ReviewlensPlugin(BasePlugin[ReviewlensConfig]):
    def __init__(self) -> None:
        self.built: Built | None = None  # set by the CLI, to reuse its work (and the pages it kept)
        self._made_here = False  # the analysis is this build's own: the next build makes its own too
        self.dest: dict[str, str] = {}  # page uri -> the file it is written to
        self._html: dict[str, str] = {}  # page uri -> full HTML body

    # The corpus folder, resolved against mkdocs.yml's folder.
    def corpus_path(self, config) -> Path:
        path = Path(self.config.corpus)
        if not path.is_absolute() and config.config_file_path:
            path = Path(config.config_file_path).parent / path
        return path

    def _prefix(self) -> str:
        p = self.config.prefix.strip("/")
        return f"{p}/" if p else ""

    def on_config(self, config):
        prefix = self._prefix()
        config.extra_css.append(f"{prefix}{ASSET_DIR}/reviewlens.css")
        config.extra_javascript.append(f"{prefix}{ASSET_DIR}/reviewlens.js")
        return config

    def linker(self, config) -> view.Linker:
        return view.Linker(self._prefix(), config.use_directory_urls)

    def on_files(self, files: Files, /, *, config) -> Files:
        link = self.linker(config)
        if self.built is None:
            try:
                self.built = analyze_and_render(self.corpus_path(config), link)
                self._made_here = True
            except CorpusError as err:
                raise PluginError(str(err)) from err
            for problem in self.built.analysis.problems:
                log.warning("reviewlens: %s", problem)
        built = self.built
        self._html = {link.uri(p.uri): p.html for p in built.pages if p.uri not in built.kept}
        self.dest = {}
        ours = nav(built.analysis, link)
        in_nav = set(_uris(ours))
        for record in built.records:
            uri = link.uri(record.uri)
            kind = _Kept if record.uri in built.kept else File
            if kind is File and uri not in self._html:
                raise PluginError(f"{uri}: neither made in this build nor kept from the last one")
            file = kind.generated(config, uri, content=_stub(record.title))
            if uri not in in_nav:  # (a nav entry makes its own Page, titled by the nav)
                _GeneratedPage(record.title, file, config)
            files.append(file)
            self.dest[record.uri] = file.dest_uri
        for name, data in render.assets().items():
            files.append(File.generated(config, f"{self._prefix()}{ASSET_DIR}/{name}", content=data))
        self._set_nav(config, ours)
        return files

    def _set_nav(self, config, ours: list) -> None:
        if config.nav is None and not self._prefix():
            config.nav = ours
        else:
            config.nav = list(config.nav or []) + [{self.config.nav_title: ours}]

    # The body goes in after the other plugins' page_context (the search
    # plugin would run a regular expression over every whole page to drop
    # attributes our pages do not have), just before the theme renders it.
    @event_priority(-100)
    def on_page_context(self, context, /, *, page, config, nav):
        body = self._html.get(page.file.src_uri)
        if body is not None:
            page.content = body
        return context

    def on_post_page(self, output, /, *, page, config):
        # Only pages reviewlens made: a user's own pages may load what they like.
        if page.file.src_uri in self._html:
            try:
                return csp.add_policy(output)
            except csp.ScriptInContent as err:
                raise PluginError(f"{page.file.src_uri}: {err}; the page is not published") from err
        return output

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config) -> None:
        if self.built is None:
            return
        site = Path(config.site_dir)
        link = self.linker(config)
        searchindex.add_to_index(
            site / "search" / "search_index.json",
            {view.url_of(link.uri(r.uri), link.directory_urls): r.search for r in self.built.records},
        )
        out = site / self._prefix() / "annotations.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(self.built.annotations, encoding="utf-8")
        # Its schema, published beside it.
        (out.parent / "annotations.schema.json").write_bytes((render.templates_dir() / "annotations.schema.json").read_bytes())
        if self._made_here:  # a plugin kept across builds (mkdocs serve) must not show stale results
            self.built, self._made_here = None, False

    def on_build_error(self, *, error) -> None:
        if self._made_here:
            self.built, self._made_here = None, False

    def on_serve(self, server, /, *, config, builder):
        server.watch(str(self.corpus_path(config)))  # each rebuild analyses afresh (see on_post_build)
        return server


class _Kept(File):
    """A page the site folder already holds, exactly as this build would make
    it: in a dirty build, MkDocs neither reads nor writes it."""

    def is_modified(self) -> bool:
        return False


class _GeneratedPage(Page):
    """A reviewlens page: its front matter is known and its body is made
    already, so MkDocs need not parse YAML nor run Python-Markdown for it."""

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", {"title": self.title, **_META}

    def render(self, config, files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


def _uris(items: list) -> list[str]:
    """The page paths a navigation names."""
    found = []
    for item in items:
        for value in item.values():
            found += _uris(value) if isinstance(value, list) else [value]
    return found


def nav(analysis: Analysis, link: view.Linker) -> list:
    """reviewlens' navigation. Every page carries it: it lists cases only while
    that stays small, so the site grows linearly (the home page lists them all)."""
    cases = [{view.safe_title(c.case.title): link.uri(view.case_uri(c.case.id))} for c in analysis.cases]
    if len(cases) > NAV_CASES:
        cases = []
    ours = [
        {"Home": link.uri(view.home_uri())},
        {"Leaderboard": link.uri(view.LEADERBOARD_URI)},
        {"Cases": cases} if cases else None,
        {"How claims are checked": link.uri(view.ABOUT_URI)},
        {"About the scores": link.uri(view.SCORES_URI)},
    ]
    return [item for item in ours if item]


def _stub(title: str) -> str:
    """The Markdown MkDocs sees: only the front matter. The body is swapped in later."""
    return "---\n" + yaml.safe_dump({"title": title, **_META}, allow_unicode=True, sort_keys=False) + "---\n"


# The pages have no table of contents worth a sidebar: hiding it gives the
# annotated source the width. Their search entries are made with them.
_META = {"hide": ["toc"], "search": {"exclude": True}}
