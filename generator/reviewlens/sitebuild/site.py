"""Stage 6, as the CLI runs it: a whole site, built beside the old one and
swapped in only when it succeeded, reusing what the last build made.

The site folder is checked first (sitebuild/sitedir.py): a build replaces
only a folder that is empty or that an earlier build wrote. A rebuild starts
from the last site when the build cache vouches for it (same code, settings
and navigation): each page the last build recorded is hard-linked into the
new site only if its file still has the bytes that build wrote (an edited
page is written anew), and nothing else is taken from the old folder (a
file the build did not make is not published). Pages whose digest has not
changed are kept as they are, file times included, so deploy tools see
them unchanged; MkDocs writes the rest. The output is the same bytes as a
full build either way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from reviewlens.packagefiles import templates_dir
from reviewlens.site.addresses import Linker, safe_title
from reviewlens.sitebuild import sitedir
from reviewlens.sitebuild.cache import BuildCache, PageFile, SiteRecord, sha256_file
from reviewlens.sitebuild.mkdocsparts import nav
from reviewlens.sitebuild.stream import Built, CaseStream, CorpusChanged, plan_corpus


class BuildFailed(Exception):
    """MkDocs could not build the site; the old one is untouched."""


@dataclass(frozen=True, slots=True)
class SiteBuild:
    built: Built
    pages_written: int  # pages MkDocs made in this build
    pages_total: int
    incremental: bool
    notes: tuple[str, ...] = ()  # cache entries that could not be used, one line each


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave stale navigation; ours is
    only dirty where the navigation is known to be unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


# The CLI's pages: no prefix, directory URLs (templates/mkdocs.base.yml).
LINK = Linker("", True)


def build_site(corpus: Path, site_dir: Path, *, title: str, cache_dir: Path | None, full: bool,
               strict: bool, jobs: int | None) -> SiteBuild:
    others = (("the cache folder", cache_dir),) if cache_dir else ()
    site = sitedir.check(site_dir, corpus=corpus, others=others)  # SiteDirRefused: nothing is touched
    plan = plan_corpus(corpus)
    cache = BuildCache(cache_dir, LINK, corpus) if cache_dir else None  # CacheDirRefused: nothing is touched
    site_key = _site_key(cache, title, nav(plan.cases, LINK))
    last = cache.last_build(site) if cache and not full else None
    with sitedir.work_folder(site) as work:
        docs, out = work / "docs", work / "site"
        docs.mkdir()
        out.mkdir()
        reused = _reuse(last, site, out, set(plan.uris())) if last and last.site == site_key and sitedir.is_site(site) else None
        unchanged = {uri: page.digest for uri, page in reused.items()} if reused is not None else None
        # The workers start now, while MkDocs loads its configuration and theme.
        stream = CaseStream(plan, LINK, jobs=jobs, show_progress=True, cache=cache, unchanged=unchanged)
        try:
            built, plugin = _build(stream, corpus, title, docs, out, strict, incremental=reused is not None)
        finally:
            stream.close()
        if cache:
            files = {r.uri: PageFile(r.digest, plugin.dest[r.uri], plugin.written.get(r.uri) or reused[r.uri].sha256)
                     for r in built.records}
            cache.record_build(site, site_key, files)
            cache.prune(set(built.case_keys))
        sitedir.publish(site, work)
    total = len(built.records)
    return SiteBuild(built, total - len(built.kept), total, reused is not None, tuple(cache.notes) if cache else ())


def _build(stream: CaseStream, corpus: Path, title: str, docs: Path, out: Path, strict: bool,
           incremental: bool):
    """MkDocs, with the reviewlens plugin fed from the stream; the build, and
    the plugin (which knows where each page went, and with what bytes)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config = load_config(
        config_file=str(templates_dir() / "mkdocs.base.yml"),
        site_name=safe_title(title),
        docs_dir=str(docs),
        site_dir=str(out),
        plugins=["search", {"reviewlens": {"corpus": str(corpus.resolve())}}],
        strict=strict,
    )
    plugin = config.plugins["reviewlens"]
    if plugin.linker(config) != LINK:
        raise BuildFailed(f"{templates_dir() / 'mkdocs.base.yml'}: its settings do not make the pages' links")
    plugin.stream, plugin.incremental = stream, incremental
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyNotice) for f in logger.filters):
        logger.addFilter(_DirtyNotice())
    try:
        mkdocs_build(config, dirty=incremental)
    except (MkDocsException, OSError, CorpusChanged) as err:
        raise BuildFailed(str(err)) from err
    return plugin.built, plugin


def _site_key(cache: BuildCache | None, title: str, navigation: list) -> str:
    """What every page's frame depends on: code, theme, site name, navigation."""
    salt = cache.salt if cache else ""
    return hashlib.sha256(json.dumps([salt, title, navigation]).encode()).hexdigest()


def _reuse(last: SiteRecord, site: Path, out: Path, uris: set[str]) -> dict[str, PageFile]:
    """Hard-link into `out` the pages of the last build that this build makes
    too and whose files still hold the bytes that build wrote; those pages, by uri.

    Links, not copies: most of the site, and most pages stay as they are. The
    plugin removes a page before MkDocs writes it anew, so the last site is
    never written through a link."""
    held = {}
    for uri, page in last.pages.items():
        if uri not in uris or not _inside(site, page.dest):
            continue
        source, target = site / page.dest, out / page.dest
        if source.is_symlink() or sha256_file(source) != page.sha256:
            continue  # edited, replaced or gone since: written anew
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:  # another file system, or no hard links there
            target.write_bytes(source.read_bytes())
            os.utime(target, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns))
        held[uri] = page
    return held


def _inside(folder: Path, rel: str) -> bool:
    return (folder / rel).resolve().is_relative_to(folder.resolve())
