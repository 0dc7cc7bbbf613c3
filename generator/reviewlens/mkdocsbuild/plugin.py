"""Stage 6: the MkDocs plugin, a thin adapter between MkDocs' events and the pipeline.

A build works from a frozen BuildInputs (buildio.py: the CLI hands one over with `use`, or the
plugin makes one from its settings) and leaves a frozen BuildResult (`result`: the analysis, and
each page's file as reuse.py will prove it next time). In between, the plugin adds every page as a
generated file (mkdocsparts.py), keeps report pages out of the navigation (they are reached from
their case page), and swaps in the pre-rendered HTML just before the theme renders a page, so
report text is never parsed by Python-Markdown. The pages are known from the corpus's plan before
any case is analysed: MkDocs writes each case's pages as soon as the workers hand that case over
(CaseStream), while they go on with the next ones. Their search entries were made with them; they
go into the index once the search plugin has written it.

Pages a site folder already holds as this build makes them are reused, not written (reuse.py):
in place (reviewlens build, mkdocs serve --dirty), or moved back after MkDocs emptied the site
(mkdocs serve, serving.py), as long as the frame the theme puts around every page is unchanged.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import nest_paths

from reviewlens.ingest import CorpusError
from reviewlens.mkdocsbuild import reuse
from reviewlens.mkdocsbuild.buildio import BuildInputs, BuildResult, own_inputs
from reviewlens.mkdocsbuild.cache import BuildCache, default_folder
from reviewlens.mkdocsbuild.mkdocsparts import (
    GeneratedPage,
    ReviewlensConfig,
    StreamedFile,
    frame_key,
    nav,
    nav_titles,
    prefix_problem,
    probe_html,
)
from reviewlens.mkdocsbuild.serving import ServedSite
from reviewlens.packagefiles import templates_dir
from reviewlens.render import csp, render, searchindex
from reviewlens.textio import printable
from reviewlens.view.addresses import Linker

log = logging.getLogger("mkdocs.plugins.reviewlens")

ASSET_DIR = "reviewlens-assets"
PUT_BACK_TEMPLATE = "reviewlens-put-back.html"  # renders nothing: the page's file is in place already
PROBE_URI = "cases/reviewlens-frame/index.md"  # the page the frame is rendered around (never written)


@dataclass(slots=True)
class _Run:
    """One build's state, from on_files to on_post_build: MkDocs' events share it."""

    given: BuildInputs
    ours: dict[str, str] = field(default_factory=dict)  # the pages reviewlens makes: MkDocs' name -> reviewlens' uri
    dest: dict[str, str] = field(default_factory=dict)  # page uri -> the file it is written to
    written: dict[str, str] = field(default_factory=dict)  # page uri -> SHA-256 of the bytes written now
    writing: bool = False  # MkDocs has read every page and now writes them
    nav: object = None  # MkDocs' whole navigation
    theme_scripts: frozenset[str] = frozenset()  # the inline scripts the theme ships (csp.theme_scripts)
    frame: str = ""  # frame_key of this build (mkdocs serve)
    put_back: frozenset[str] = frozenset()  # our pages (MkDocs' names) moved back as the last build wrote them


class ReviewlensPlugin(BasePlugin[ReviewlensConfig]):
    """A thin adapter between MkDocs' events and the pipeline: a BuildInputs in, a BuildResult out."""

    def __init__(self) -> None:
        self.result: BuildResult | None = None  # the last build's, once it is done
        self._given: BuildInputs | None = None  # the next build's inputs, from the CLI
        self._run: _Run | None = None
        # What `mkdocs serve` keeps between its rebuilds:
        self._served = ServedSite()  # what the last build of this process wrote
        self._serve_clean = False  # serve without --dirty: MkDocs empties the site on each rebuild
        self._cache: BuildCache | None = None  # the build cache of the plugin's own builds
        self._used_keys: set[str] = set()  # the cache entries the last of them used

    def use(self, given: BuildInputs) -> None:
        """The next build works from these inputs (the CLI's stream, cache and reusable pages)."""
        self._given = given

    def corpus_path(self, config) -> Path:
        return _beside_settings(config, Path(self.config.corpus))

    def _prefix(self) -> str:
        p = self.config.prefix.strip("/")
        return f"{p}/" if p else ""

    def on_startup(self, *, command, dirty) -> None:
        # MkDocs keeps this object for the whole process (it has on_startup): a new command starts afresh.
        self._served.close()
        self._served, self._serve_clean = ServedSite(), command == "serve" and not dirty
        if self._serve_clean:
            logging.getLogger("mkdocs.commands.build").addFilter(self._reused_unsaid)

    def _reused_unsaid(self, record: logging.LogRecord) -> bool:
        """MkDocs says so of each page it does not write; a page put back is not written by design."""
        message = record.getMessage()  # Page skipped: 'name'. Generated empty output.
        return not (self._run is not None and message.startswith("Page skipped: '")
                    and message.removeprefix("Page skipped: '").rpartition("'. ")[0] in self._run.put_back)

    def on_pre_build(self, *, config) -> None:
        if self._serve_clean and self._given is None:  # a build of MkDocs' own (the CLI hands over its inputs)
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
        self.result = None
        given, self._given = self._given or self._own_inputs(config, link), None
        self._run = run = _Run(given)
        theirs = [f.src_uri for f in files.documentation_pages()]  # the site's own pages, before ours join them
        # A page of the site's is replaced when one of ours has its source path or writes its output file
        # (docs/cases/foo.md and the case foo both write cases/foo/index.html).
        written = {f.dest_uri: f.src_uri for f in files}
        made = [(uri, StreamedFile.generated(config, link.with_prefix(uri), content=""))
                for uri in given.stream.plan.uris()]
        clash = sorted({written[f.dest_uri] for _, f in made if f.dest_uri in written} |
                       (set(theirs) & {f.src_uri for _, f in made}))
        if clash:
            raise PluginError(f"reviewlens: {', '.join(clash[:3])} would be replaced by a reviewlens page; "
                              "set the plugin's prefix (e.g. prefix: reviews) to put the reviews under a folder of their own")
        ours = nav(given.stream.plan.cases, link)
        titles = nav_titles(ours)
        for uri, file in made:
            if given.in_place:
                file.changed = self._changed(uri)
            # Pages in the navigation are titled now; the others when their case is done.
            GeneratedPage(titles.get(file.src_uri), file, config)
            files.append(file)
            run.dest[uri] = file.dest_uri
            run.ours[file.src_uri] = uri
        for name, data in render.assets().items():
            files.append(File.generated(config, f"{self._prefix()}{ASSET_DIR}/{name}", content=data))
        self._set_nav(config, ours, theirs)
        return files

    def _own_inputs(self, config, link: Linker) -> BuildInputs:
        """The inputs of a build MkDocs started (mkdocs build, serve), from the plugin's settings."""
        folder = None
        if self.config.cache:
            folder = (_beside_settings(config, Path(self.config.cache_dir)) if self.config.cache_dir
                      else default_folder(self.corpus_path(config)))
        try:
            given, self._cache = own_inputs(self.corpus_path(config), folder, link, self._served,
                                            Path(config.site_dir), in_place=not self._serve_clean)
        except CorpusError as err:  # no corpus, or a cache folder that is the user's data
            raise PluginError(f"reviewlens: {err}") from err
        return given

    def _changed(self, uri: str) -> Callable[[], bool]:
        """Where reusable pages are in the site folder: while MkDocs reads the pages, every page is
        read (that is free for ours); when it writes them, only those whose case made them
        differently, which waits for that case."""
        run = self._run
        return lambda: not run.writing or run.given.stream.must_write(uri)

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
        self._run.nav = nav
        return nav

    # Late: the frame is rendered with every other plugin's changes to the theme.
    @event_priority(-100)
    def on_env(self, env, /, *, config, files):
        run = self._run
        run.writing = True
        # The theme's templates cannot change within a build (each build makes
        # its environment afresh): no file time checks on every include of every page.
        env.auto_reload = False
        probe = probe_html(env, config, files, run.nav, self.linker(config).with_prefix(PROBE_URI))
        run.theme_scripts = csp.theme_scripts(probe)  # the only inline scripts a page's policy allows
        if self._serve_clean and run.given.own:
            run.frame = frame_key(probe, config)
            same = run.frame == self._served.frame
            if self._served.frame and not same:
                log.info("reviewlens: the settings, the theme or the navigation changed: every page is written")
            back = self._served.put_back(Path(config.site_dir), run.given.stream.reused if same else frozenset())
            run.put_back = frozenset(self.linker(config).with_prefix(uri) for uri in back)
            if run.put_back:
                env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({PUT_BACK_TEMPLATE: ""}), env.loader])
                for src_uri in run.put_back:  # its file is in place: MkDocs renders nothing and writes nothing
                    files.get_file_from_path(src_uri).page.meta["template"] = PUT_BACK_TEMPLATE
                log.info("reviewlens: %d pages are as the last build wrote them; the other %d are written",
                         len(run.put_back), len(run.ours) - len(run.put_back))
        return env

    def _made_now(self, page) -> str | None:
        """The page's reviewlens uri, when reviewlens makes it in this build (not put back as it was)."""
        run = self._run
        if run is None or page.file.src_uri in run.put_back:
            return None
        return run.ours.get(page.file.src_uri)

    # The body goes in after the other plugins' page_context (the search
    # plugin would run a regular expression over every whole page to drop
    # attributes our pages do not have), just before the theme renders it.
    @event_priority(-100)
    def on_page_context(self, context, /, *, page, config, nav):
        uri = self._made_now(page)
        if uri is not None:
            made = self._run.given.stream.take_page(uri)
            page.content = made.html
            page.title = made.title  # the nav's entry
            if made.heading != config.site_name:  # "<heading> - <site name>"; never "reviewlens - reviewlens"
                page.meta["title"] = made.heading  # the header bar and the <title>
        return context

    # Last: the policy hashes the theme's scripts as every plugin left them.
    @event_priority(-1000)
    def on_post_page(self, output, /, *, page, config):
        # Only pages reviewlens made: a user's own pages may load what they like.
        uri = self._made_now(page)
        if uri is not None:
            run = self._run
            try:
                output = csp.add_policy(output, run.theme_scripts, tuple(self.config.csp_allow))
            except csp.ScriptInContent as err:
                raise PluginError(f"{page.file.src_uri}: {err}; the page is not published") from err
            if run.given.in_place:
                # The site folder may hold a hard link to the last site's page:
                # a new file, so that MkDocs does not write through the link.
                Path(page.file.abs_dest_path).unlink(missing_ok=True)
            # MkDocs keeps every page object to the end of the build; the body
            # is written now and needed no more (10,000 reports: 560 MB of HTML).
            page.content = ""
            # The bytes MkDocs writes: a rebuild reuses this file only while it still has them.
            run.written[uri] = hashlib.sha256(output.encode("utf-8", errors="xmlcharrefreplace")).hexdigest()
        return output

    def on_post_template(self, output_content, /, *, template_name, config):
        """The 404 page, a template rather than a page: on a site that is the reviews (no prefix), it
        carries the same policy as every page; a host site's own 404 is left as the site made it."""
        if template_name == "404.html" and not self._prefix() and self._run is not None:
            return csp.add_policy(output_content, self._run.theme_scripts, tuple(self.config.csp_allow))
        return output_content

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config) -> None:
        run = self._run
        if run is None:
            return
        given = run.given
        try:
            built = given.stream.finish()
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
        pages = reuse.after_build(built.records, run.dest, run.written, given.reusable)
        self.result = BuildResult(built, pages, len(run.written))
        if not given.own:
            return
        # In plugin mode (mkdocs build / serve) MkDocs' log is the only voice:
        # each problem is a warning, so --strict fails on it as `reviewlens build`
        # exits 1. Under `reviewlens build` the command prints them itself.
        for problem in built.analysis.problems:
            log.warning("reviewlens: %s", printable(str(problem)))
        self._used_keys = set(built.case_keys)
        # For the next build of this process (mkdocs serve): what each page's file holds now.
        if not self._serve_clean:
            self._served.drop_gone(site, set(pages))
        self._served.record(site, pages, nav(given.stream.plan.cases, link), run.frame,
                            (case.uris for case in given.stream.plan.cases))

    def on_shutdown(self) -> None:
        # Once, not on every rebuild of `mkdocs serve`: drop the entries the
        # corpus no longer uses (every edit of a report made a new one).
        if self._cache is not None and self._used_keys:
            self._cache.prune(self._used_keys)
        self._served.close()
        self._serve_clean = False
        logging.getLogger("mkdocs.commands.build").removeFilter(self._reused_unsaid)

    def on_build_error(self, *, error) -> None:
        if self._run is not None:
            self._done()

    def _done(self) -> None:
        """The workers stop; a stream the plugin made is not used again (mkdocs serve: each rebuild
        analyses afresh). The CLI closes its own."""
        self._run.given.stream.close()
        self._run.writing = False

    def on_serve(self, server, /, *, config, builder):
        server.watch(str(self.corpus_path(config)))  # each rebuild analyses afresh (see _done)
        # MkDocs injects its live-reload script inline, different on every response: each page's policy
        # would block it, and no edit would ever show. The server's response gets that script's hash.
        inject = getattr(server, "_inject_js_into_html", None)
        if inject is not None:
            server._inject_js_into_html = lambda content, epoch: csp.allow_reload_script(inject(content, epoch))
        return server


def _beside_settings(config, path: Path) -> Path:
    """A folder the plugin's settings name, resolved against mkdocs.yml's folder."""
    if not path.is_absolute() and config.config_file_path:
        return Path(config.config_file_path).parent / path
    return path
