"""Stage 6: hand the rendered pages to MkDocs.

ReviewlensPlugin adds every page as a generated file (mkdocsparts.py), keeps report pages out of
the navigation (they are reached from their case page), and swaps in the pre-rendered HTML just
before the theme renders a page, so report text is never parsed by Python-Markdown. The pages are known from the
corpus's plan before any case is analysed: MkDocs writes each case's pages
as soon as the workers hand that case over (CaseStream), while they go on
with the next ones. The pages' search entries were made with them; they go
into the index once the search plugin has written it.

Each build makes its own stream, so `mkdocs serve` never shows stale
results; the CLI hands over its own, with its cache and, in an incremental
build, the pages the site folder already holds. A rebuild of `mkdocs serve`
keeps the pages of unchanged cases as the last one wrote them, as long as
the frame the theme puts around every page is unchanged too (serving.py).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import nest_paths

from reviewlens.ingest import CorpusError
from reviewlens.packagefiles import templates_dir
from reviewlens.site import csp, render, searchindex
from reviewlens.site.addresses import Linker
from reviewlens.sitebuild.cache import BuildCache, PageFile, default_folder
from reviewlens.sitebuild.mkdocsparts import (GeneratedPage, StreamedFile, frame_key, nav, nav_titles, prefix_problem,
                                            probe_html)
from reviewlens.sitebuild.serving import ServedSite
from reviewlens.sitebuild.stream import Built, CaseStream, plan_corpus
from reviewlens.textio import printable

log = logging.getLogger("mkdocs.plugins.reviewlens")

ASSET_DIR = "reviewlens-assets"
KEPT_TEMPLATE = "reviewlens-kept.html"  # renders nothing: the page's file is in place already
PROBE_URI = "cases/reviewlens-frame/index.md"  # the page the frame is rendered around (never written)


class ReviewlensConfig(Config):
    corpus = c.Type(str, default="site_src")  # relative to mkdocs.yml
    prefix = c.Type(str, default="")  # e.g. "reviews/" to nest the pages in a bigger site
    nav_title = c.Type(str, default="Reviews")  # the nav section, when the site has a nav of its own
    # The build cache (as `reviewlens build` keeps it): unchanged cases are neither analysed nor rendered
    # again, so `mkdocs serve` shows an edited report quickly. "" is the corpus's folder in the user's cache.
    cache_dir = c.Type(str, default="")
    cache = c.Type(bool, default=True)
    # Origins the reviews' pages may also load from, where the host site's theme loads from elsewhere
    # (Material's Google font: https://fonts.googleapis.com and https://fonts.gstatic.com; analytics).
    csp_allow = c.ListOfItems(c.Type(str), default=[])


class ReviewlensPlugin(BasePlugin[ReviewlensConfig]):
    def __init__(self) -> None:
        self.stream: CaseStream | None = None  # set by the CLI, with its cache and the site it starts from
        self.incremental = False  # the CLI's build starts from the last site: write only the pages that changed
        self.built: Built | None = None  # once the build is done
        self._made_here = False  # the stream is this build's own: the next build makes its own too
        self._writing = False  # MkDocs has read every page and now writes them
        self.dest: dict[str, str] = {}  # page uri -> the file it is written to
        self.written: dict[str, str] = {}  # page uri -> SHA-256 of the bytes written, for pages written in this build
        self._ours: dict[str, str] = {}  # the pages reviewlens makes: MkDocs' name -> reviewlens' uri
        self._cache: BuildCache | None = None  # the build cache of the plugin's own builds (mkdocs build, serve)
        self._used_keys: set[str] = set()  # the cache entries the last of them used
        self._served = ServedSite()  # what the last build of this process wrote (mkdocs serve)
        self._serve_clean = False  # `mkdocs serve` without --dirty: MkDocs empties the site on each rebuild
        self._navigation: list | None = None  # this build's reviewlens navigation
        self._nav = None  # and MkDocs' whole one
        self._frame = ""  # this build's frame_key
        self._theme_scripts: frozenset[str] | None = None  # the inline scripts the theme ships (csp.theme_scripts)
        self._kept: set[str] = set()  # our pages (MkDocs' names) put back as the last build wrote them

    # The corpus folder, resolved against mkdocs.yml's folder.
    def corpus_path(self, config) -> Path:
        path = Path(self.config.corpus)
        if not path.is_absolute() and config.config_file_path:
            path = Path(config.config_file_path).parent / path
        return path

    def _prefix(self) -> str:
        p = self.config.prefix.strip("/")
        return f"{p}/" if p else ""

    def on_startup(self, *, command, dirty) -> None:
        # MkDocs keeps this object for the whole process (it has on_startup): a new command starts afresh.
        self._served.close()
        self._served, self._serve_clean = ServedSite(), command == "serve" and not dirty
        if self._serve_clean:
            logging.getLogger("mkdocs.commands.build").addFilter(self._kept_unsaid)

    def _kept_unsaid(self, record: logging.LogRecord) -> bool:
        """MkDocs says so of each page it does not write; a kept page is not written by design."""
        message = record.getMessage()  # Page skipped: 'name'. Generated empty output.
        return not (message.startswith("Page skipped: '")
                    and message.removeprefix("Page skipped: '").rpartition("'. ")[0] in self._kept)

    def on_pre_build(self, *, config) -> None:
        if self._serve_clean and self.stream is None:  # a build of MkDocs' own (the CLI hands over its stream)
            self._served.set_aside(Path(config.site_dir))  # before MkDocs empties the site

    def on_config(self, config):
        problem = prefix_problem(self.config.prefix)
        if problem:
            raise PluginError(f"reviewlens: prefix {self.config.prefix!r} {problem}")
        for origin in self.config.csp_allow:
            if not csp.ORIGIN.fullmatch(origin):
                raise PluginError(f"reviewlens: csp_allow {origin!r} is not an origin such as https://fonts.gstatic.com")
        prefix = self._prefix()
        config.extra_css.append(f"{prefix}{ASSET_DIR}/reviewlens.css")
        config.extra_javascript.append(f"{prefix}{ASSET_DIR}/reviewlens.js")
        if config.theme.name == "material":
            # Our fixes to the theme's partials (an accessible name for the search
            # dialog) go between the site's own custom_dir and the theme's templates.
            dirs = config.theme.dirs
            theme_at = next((i for i, d in enumerate(dirs) if Path(d, "partials", "search.html").exists()
                             and "material" in Path(d).parts), len(dirs))
            dirs.insert(theme_at, str(templates_dir() / "theme"))
        return config

    def linker(self, config) -> Linker:
        return Linker(self._prefix(), config.use_directory_urls)

    def on_files(self, files: Files, /, *, config) -> Files:
        link = self.linker(config)
        self.built, self._writing = None, False
        if self.stream is None:
            self._own_stream(config, link)
        stream = self.stream
        theirs = [f.src_uri for f in files.documentation_pages()]  # the site's own pages, before ours join them
        # A page of the site's is replaced when one of ours has its source path or writes its output file
        # (docs/cases/foo.md and the case foo both write cases/foo/index.html).
        written = {f.dest_uri: f.src_uri for f in files}
        made = [(uri, StreamedFile.generated(config, link.with_prefix(uri), content="")) for uri in stream.plan.uris()]
        clash = sorted({written[f.dest_uri] for _, f in made if f.dest_uri in written} |
                       (set(theirs) & {f.src_uri for _, f in made}))
        if clash:
            raise PluginError(f"reviewlens: {', '.join(clash[:3])} would be replaced by a reviewlens page; "
                              "set the plugin's prefix (e.g. prefix: reviews) to put the reviews under a folder of their own")
        ours = nav(stream.plan.cases, link)
        titles = nav_titles(ours)
        self.dest, self._ours, self.written = {}, {}, {}
        for uri, file in made:
            full = file.src_uri
            if self.incremental:
                file.changed = self._changed(uri)
            # Pages in the navigation are titled now; the others when their case is done.
            GeneratedPage(titles.get(full), file, config)
            files.append(file)
            self.dest[uri] = file.dest_uri
            self._ours[full] = uri
        for name, data in render.assets().items():
            files.append(File.generated(config, f"{self._prefix()}{ASSET_DIR}/{name}", content=data))
        self._set_nav(config, ours, theirs)
        return files

    def _own_stream(self, config, link: Linker) -> None:
        """The stream of a build MkDocs started (mkdocs build, serve): with the
        build cache, and, when MkDocs left the last build's files in place
        (`mkdocs serve --dirty`), writing only the pages that change."""
        corpus = self.corpus_path(config)
        try:
            plan = plan_corpus(corpus)
        except CorpusError as err:
            raise PluginError(str(err)) from err
        cache = None
        if self.config.cache:
            folder = Path(self.config.cache_dir) if self.config.cache_dir else default_folder(corpus)
            if not folder.is_absolute() and config.config_file_path:
                folder = Path(config.config_file_path).parent / folder
            try:
                cache = BuildCache(folder, link, corpus)
            except CorpusError as err:  # a cache folder that is the user's data
                raise PluginError(f"reviewlens: {err}") from err
        self._navigation = nav(plan.cases, link)
        unchanged = {}
        if self._navigation == self._served.nav:  # another navigation changes every page's frame: none is kept
            # What the site folder still holds (serve --dirty), or what waits to be put back into it (serve).
            unchanged = self._served.held(Path(config.site_dir))
        self._cache = cache
        self.stream = CaseStream(plan, link, cache=cache, keep_pages=True, unchanged=unchanged)
        for note in cache.notes if cache else ():
            log.info("reviewlens: %s", printable(note))
        # In a dirty build MkDocs asks each page whether it changed; in a clean one the frame decides (on_env).
        self._made_here, self.incremental = True, bool(unchanged) and not self._serve_clean
        if self.incremental:
            log.info("reviewlens: the site folder holds %d pages of the last build; only pages that change are written",
                     len(unchanged))

    def _changed(self, uri: str) -> Callable[[], bool]:
        """In an incremental build: while MkDocs reads the pages, every page
        is read (that is free for ours); when it writes them, only those whose
        case made them differently, which waits for that case."""
        return lambda: not self._writing or self.stream.must_write(uri)

    def _set_nav(self, config, ours: list, theirs: list[str]) -> None:
        """The site's navigation as written (`nav:`) or, without one, as MkDocs
        would make it from the site's own pages; the reviews are a section
        appended to it. A site of reviews alone gets our navigation."""
        if config.nav is None and not theirs:
            config.nav = ours
        else:
            own = list(config.nav) if config.nav is not None else nest_paths(theirs)
            config.nav = own + [{self.config.nav_title: ours}]

    def on_nav(self, nav, /, *, config, files):
        self._nav = nav
        return nav

    # Late: the frame is rendered with every other plugin's changes to the theme.
    @event_priority(-100)
    def on_env(self, env, /, *, config, files):
        self._writing = True
        # The theme's templates cannot change within a build (each build makes
        # its environment afresh): no file time checks on every include of every page.
        env.auto_reload = False
        self._kept = set()
        probe = probe_html(env, config, files, self._nav, self.linker(config).with_prefix(PROBE_URI))
        self._theme_scripts = csp.theme_scripts(probe)  # the only inline scripts a page's policy allows
        if self._serve_clean and self._made_here:
            self._frame = frame_key(probe, config)
            held = self.stream.held if self._frame == self._served.frame else frozenset()
            if self._served.frame and self._frame != self._served.frame:
                log.info("reviewlens: the settings, the theme or the navigation changed: every page is written")
            back = self._served.put_back(Path(config.site_dir), held)
            self._kept = {self.linker(config).with_prefix(uri) for uri in back}
            if self._kept:
                env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({KEPT_TEMPLATE: ""}), env.loader])
                for src_uri in self._kept:  # its file is in place: MkDocs renders nothing and writes nothing
                    files.get_file_from_path(src_uri).page.meta["template"] = KEPT_TEMPLATE
                log.info("reviewlens: %d pages are as the last build wrote them; the other %d are written",
                         len(self._kept), len(self._ours) - len(self._kept))
        return env

    # The body goes in after the other plugins' page_context (the search
    # plugin would run a regular expression over every whole page to drop
    # attributes our pages do not have), just before the theme renders it.
    @event_priority(-100)
    def on_page_context(self, context, /, *, page, config, nav):
        uri = self._ours.get(page.file.src_uri)
        if uri is not None and page.file.src_uri not in self._kept:
            made = self.stream.take_page(uri)
            page.content = made.html
            page.title = made.title  # the nav's entry
            if made.heading != config.site_name:  # "<heading> - <site name>"; never "reviewlens - reviewlens"
                page.meta["title"] = made.heading  # the header bar and the <title>
        return context

    # Last: the policy hashes the theme's scripts as every plugin left them.
    @event_priority(-1000)
    def on_post_page(self, output, /, *, page, config):
        # Only pages reviewlens made: a user's own pages may load what they like.
        uri = self._ours.get(page.file.src_uri)
        if uri is not None and page.file.src_uri not in self._kept:
            try:
                output = csp.add_policy(output, self._theme_scripts, tuple(self.config.csp_allow))
            except csp.ScriptInContent as err:
                raise PluginError(f"{page.file.src_uri}: {err}; the page is not published") from err
            if self.incremental:
                # The site folder starts as hard links to the last site's pages:
                # a new file, so that MkDocs does not write through the link.
                Path(page.file.abs_dest_path).unlink(missing_ok=True)
            # MkDocs keeps every page object to the end of the build; the body
            # is written now and needed no more (10,000 reports: 560 MB of HTML).
            page.content = ""
            # The bytes MkDocs writes: a rebuild links this file only while it still has them.
            self.written[uri] = hashlib.sha256(output.encode("utf-8", errors="xmlcharrefreplace")).hexdigest()
        return output

    def on_post_template(self, output_content, /, *, template_name, config):
        """The 404 page, a template rather than a page: on a site that is the reviews (no prefix), it
        carries the same policy as every page; a host site's own 404 is left as the site made it."""
        if template_name == "404.html" and not self._prefix():
            return csp.add_policy(output_content, self._theme_scripts, tuple(self.config.csp_allow))
        return output_content

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config) -> None:
        if self.stream is None:
            return
        made_here, plan = self._made_here, self.stream.plan  # _done() forgets them
        try:
            self.built = built = self.stream.finish()
        finally:
            self._done()
        site = Path(config.site_dir)
        link = self.linker(config)
        searchindex.add_to_index(
            site / "search" / "search_index.json",
            {link.url(r.uri): r.search for r in built.records},
        )
        out = site / self._prefix() / "annotations.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(built.annotations, encoding="utf-8")
        # Its schema, published beside it.
        (out.parent / "annotations.schema.json").write_bytes((templates_dir() / "annotations.schema.json").read_bytes())
        # In plugin mode (mkdocs build / serve) MkDocs' log is the only voice:
        # each problem is a warning, so --strict fails on it as `reviewlens build`
        # exits 1. Under `reviewlens build` the command prints them itself.
        for problem in built.analysis.problems if made_here else ():
            log.warning("reviewlens: %s", printable(str(problem)))
        if made_here:
            self._used_keys = set(built.case_keys)
            # For the next build of this process (mkdocs serve): what each page's file holds now.
            last = self._served.pages
            pages = {r.uri: PageFile(r.digest, self.dest[r.uri], self.written.get(r.uri) or last[r.uri].sha256)
                     for r in built.records if r.uri in self.dest and (r.uri in self.written or r.uri in last)}
            if not self._serve_clean:
                self._served.drop_gone(site, set(pages))
            self._served.record(site, pages, self._navigation, self._frame, (case.uris for case in plan.cases))

    def on_shutdown(self) -> None:
        # Once, not on every rebuild of `mkdocs serve`: drop the entries the
        # corpus no longer uses (every edit of a report made a new one).
        if self._cache is not None and self._used_keys:
            self._cache.prune(self._used_keys)
        self._served.close()
        self._serve_clean = False
        logging.getLogger("mkdocs.commands.build").removeFilter(self._kept_unsaid)

    def on_build_error(self, *, error) -> None:
        if self.stream is not None:
            self._done()

    def _done(self) -> None:
        """The workers stop; a stream this plugin made is not used again
        (mkdocs serve: each rebuild analyses afresh)."""
        self.stream.close()
        if self._made_here:
            self.stream = None
            self._made_here = False

    def on_serve(self, server, /, *, config, builder):
        server.watch(str(self.corpus_path(config)))  # each rebuild analyses afresh (see _done)
        # MkDocs injects its live-reload script inline, different on every response: each page's policy
        # would block it, and no edit would ever show. The server's response gets that script's hash.
        inject = getattr(server, "_inject_js_into_html", None)
        if inject is not None:
            server._inject_js_into_html = lambda content, epoch: csp.allow_reload_script(inject(content, epoch))
        return server
