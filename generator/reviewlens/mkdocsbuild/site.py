"""Stage 6, as the CLI runs it: a whole site, built beside the old one and
swapped in only when it succeeded, reusing what the last build made.

The site folder is checked first (mkdocsbuild/sitedir.py): a build replaces
only a folder that is empty or that an earlier build wrote. A rebuild starts
from the last site when the build cache vouches for it (same code, settings
and navigation): each page the last build recorded is hard-linked into the
new site only if its file still has the bytes that build wrote (an edited
page is written anew), and nothing else is taken from the old folder (a
file the build did not make is not published). Pages whose digest has not
changed are reused as they are, file times included, so deploy tools see
them unchanged; MkDocs writes the rest. The output is the same bytes as a
full build either way.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from reviewlens.mkdocsbuild import reuse, sitedir
from reviewlens.mkdocsbuild.buildio import BuildInputs, BuildResult
from reviewlens.mkdocsbuild.cache import BuildCache
from reviewlens.mkdocsbuild.mkdocsparts import nav
from reviewlens.mkdocsbuild.stream import Built, CaseStream, CorpusChanged, plan_corpus
from reviewlens.packagefiles import templates_dir
from reviewlens.render.searchindex import search_plugin
from reviewlens.view.addresses import Linker, safe_title


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
        incremental = last is not None and last.site == site_key and sitedir.is_site(site)
        reused = reuse.reusable(last.pages, site, set(plan.uris())) if incremental else {}
        reuse.link_into(reused, site, out)
        # The workers start now, while MkDocs loads its configuration and theme.
        stream = CaseStream(plan, LINK, jobs=jobs, show_progress=True, cache=cache, reusable=reuse.digests(reused))
        try:
            result = _build(BuildInputs(stream, reused, in_place=incremental, own=False), corpus, title, docs, out,
                            strict)
        finally:
            stream.close()
        if cache:
            cache.record_build(site, site_key, result.pages)
            cache.prune(set(result.built.case_keys))
        sitedir.publish(site, work)
    return SiteBuild(result.built, result.written, len(result.built.records), incremental,
                     tuple(cache.notes) if cache else ())


def mkdocs_config(corpus: Path, title: str, docs: Path, out: Path, strict: bool):
    """MkDocs' settings for a site of the corpus alone, as `reviewlens build` makes it."""
    from mkdocs.config import load_config

    return load_config(
        config_file=str(templates_dir() / "mkdocs.base.yml"),
        site_name=safe_title(title),
        docs_dir=str(docs),
        site_dir=str(out),
        plugins=[search_plugin(), {"reviewlens": {"corpus": str(corpus.resolve())}}],
        strict=strict,
    )


def _build(given: BuildInputs, corpus: Path, title: str, docs: Path, out: Path, strict: bool) -> BuildResult:
    """MkDocs, with the reviewlens plugin working from `given`; what it wrote."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    config = mkdocs_config(corpus, title, docs, out, strict)
    plugin = config.plugins["reviewlens"]
    if plugin.linker(config) != LINK:
        raise BuildFailed(f"{templates_dir() / 'mkdocs.base.yml'}: its settings do not make the pages' links")
    plugin.use(given)
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyNotice) for f in logger.filters):
        logger.addFilter(_DirtyNotice())
    try:
        mkdocs_build(config, dirty=given.in_place)
    except (MkDocsException, OSError, CorpusChanged) as err:
        raise BuildFailed(str(err)) from err
    return plugin.result


def _site_key(cache: BuildCache | None, title: str, navigation: list) -> str:
    """What every page's frame depends on: code, theme, site name, navigation."""
    salt = cache.salt if cache else ""
    return hashlib.sha256(json.dumps([salt, title, navigation]).encode()).hexdigest()
