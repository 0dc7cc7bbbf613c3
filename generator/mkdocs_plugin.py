"""Stage 6: hand the rendered pages to MkDocs.

ReviewlensPlugin adds every page as a generated file (no temp files), keeps
report pages out of the navigation (they are reached from their case page),
and swaps in the pre-rendered HTML after MkDocs' Markdown pass, so report
text is never re-parsed by Python-Markdown. The analysis is made fresh in
on_files on every build, so `mkdocs serve` never shows stale results.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from generator import annotations, csp, render, view  # noqa: F401  (render: asset files)
from generator.ingest import CorpusError
from generator.pipeline import analyze_and_render
from generator.model import Analysis

log = logging.getLogger("mkdocs.plugins.reviewlens")

ASSET_DIR = "reviewlens-assets"
NAV_CASES = 30  # more cases than this are reached from the home page, not the navigation


class ReviewlensConfig(Config):
    corpus = c.Type(str, default="site_src")  # relative to mkdocs.yml
    prefix = c.Type(str, default="")  # e.g. "reviews/" to nest the pages in a bigger site
    nav_title = c.Type(str, default="Reviews")  # the nav section, when the site has a nav of its own


class ReviewlensPlugin(BasePlugin[ReviewlensConfig]):
    def __init__(self) -> None:
        self.analysis: Analysis | None = None  # set by the CLI, with pages, to reuse its work
        self.pages: list | None = None
        self._html: dict[str, str] = {}  # page uri -> full HTML body
        self._search: dict[str, str] = {}  # page uri -> what the search index holds
        self._full: dict[str, str] = {}  # page uri -> full body, while search sees the short one

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
        analysis, pages = self.analysis, self.pages
        if analysis is None or pages is None:
            try:
                analysis, pages = analyze_and_render(self.corpus_path(config), link)
            except CorpusError as err:
                raise PluginError(str(err)) from err
            for problem in analysis.problems:
                log.warning("reviewlens: %s", problem)
        self.analysis = analysis
        self._html, self._search, self._full = {}, {}, {}
        for page in pages:
            uri = link.uri(page.uri)
            files.append(File.generated(config, uri, content=_stub(page.title)))
            self._html[uri] = page.html
            if page.search_html is not None:
                self._search[uri] = page.search_html
        for name, data in render.assets().items():
            files.append(File.generated(config, f"{self._prefix()}{ASSET_DIR}/{name}", content=data))
        self._set_nav(config, analysis, link)
        return files

    def _set_nav(self, config, analysis: Analysis, link: view.Linker) -> None:
        # Every page carries the navigation: list cases only while that stays
        # small, so the site grows linearly (the home page lists them all).
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
        ours = [item for item in ours if item]
        if config.nav is None and not self._prefix():
            config.nav = ours
        else:
            config.nav = list(config.nav or []) + [{self.config.nav_title: ours}]

    def on_page_content(self, html, /, *, page, config, files):
        return self._html.get(page.file.src_uri, html)

    # The search plugin indexes page.content in on_page_context. Report pages
    # hand it only their searchable part, then get their full content back
    # before the theme renders them.
    @event_priority(100)
    def _search_view(self, context, /, *, page, config, nav):
        searchable = self._search.get(page.file.src_uri)
        if searchable is not None:
            self._full[page.file.src_uri] = page.content
            page.content = searchable
        return context

    @event_priority(-100)
    def _full_view(self, context, /, *, page, config, nav):
        full = self._full.pop(page.file.src_uri, None)
        if full is not None:
            page.content = full
        return context

    on_page_context = CombinedEvent(_search_view, _full_view)

    def on_post_page(self, output, /, *, page, config):
        # Only pages reviewlens made: a user's own pages may load what they like.
        if page.file.src_uri in self._html:
            try:
                return csp.add_policy(output)
            except csp.ScriptInContent as err:
                raise PluginError(f"{page.file.src_uri}: {err}; the page is not published") from err
        return output

    def on_post_build(self, *, config) -> None:
        if self.analysis is None:
            return
        out = Path(config.site_dir) / self._prefix() / "annotations.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(annotations.dumps(self.analysis), encoding="utf-8")
        # Its schema, published beside it.
        (out.parent / "annotations.schema.json").write_bytes((render.templates_dir() / "annotations.schema.json").read_bytes())

    def on_serve(self, server, /, *, config, builder):
        server.watch(str(self.corpus_path(config)))
        self.analysis = self.pages = None  # rebuilds analyse the corpus afresh
        return server


def _stub(title: str) -> str:
    """The Markdown MkDocs sees: only the title. The body is swapped in later.

    The pages have no table of contents worth a sidebar; hiding it gives the
    annotated source the width.
    """
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nhide: [toc]\n---\n"
