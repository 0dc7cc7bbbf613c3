"""Stage 6, as the CLI runs it: a whole site, built beside the old one and
swapped in only when it succeeded, reusing what the last build made.

A rebuild starts from the last site (its pages hard-linked, the rest
copied), when the build cache vouches for it (same code, settings and navigation, and the folder still holds the
build it recorded): pages whose digest has not changed are kept as they are
(file times included, so deploy tools see them unchanged), pages of removed
reports are deleted, and MkDocs writes only the rest. Anything in doubt
means a full build; its output is the same bytes either way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator import view
from generator.buildcache import BuildCache, sha256_file
from generator.mkdocs_plugin import nav
from generator.pipeline import Built, CaseStream, CorpusChanged, plan_corpus
from generator.render import templates_dir


class BuildFailed(Exception):
    """MkDocs could not build the site; the old one is untouched."""


@dataclass(frozen=True, slots=True)
class SiteBuild:
    built: Built
    pages_written: int  # pages MkDocs made in this build
    pages_total: int
    incremental: bool


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave stale navigation; ours is
    only dirty where the navigation is known to be unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


# The CLI's pages: no prefix, directory URLs (templates/mkdocs.base.yml).
LINK = view.Linker("", True)


def build_site(corpus: Path, site_dir: Path, *, title: str, cache_dir: Path | None, full: bool,
               strict: bool, jobs: int | None) -> SiteBuild:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    plan = plan_corpus(corpus)
    cache = BuildCache(cache_dir, LINK) if cache_dir else None
    site_key = _site_key(cache, title, nav(plan.cases, LINK))
    last = cache.last_build(site_dir) if cache and not full else None
    with tempfile.TemporaryDirectory(prefix=f".{site_dir.name}.", dir=site_dir.parent) as work:
        docs, out = Path(work) / "docs", Path(work) / "site"
        docs.mkdir()
        unchanged = _reuse(last, site_key, site_dir, out, set(plan.uris())) if last else None
        # The workers start now, while MkDocs loads its configuration and theme.
        stream = CaseStream(plan, LINK, jobs=jobs, show_progress=True, cache=cache, unchanged=unchanged)
        try:
            built, dest = _build(stream, corpus, title, docs, out, strict, incremental=unchanged is not None)
        finally:
            stream.close()
        if cache:
            cache.record_build(site_dir, {
                "site": site_key,
                "annotations": sha256_file(out / "annotations.json"),
                "pages": {r.uri: [r.digest, dest[r.uri]] for r in built.records},
            })
            cache.prune(set(built.case_keys))
        _replace(site_dir, out)
    total = len(built.records)
    return SiteBuild(built, total - len(built.kept), total, unchanged is not None)


def _build(stream: CaseStream, corpus: Path, title: str, docs: Path, out: Path, strict: bool,
           incremental: bool) -> tuple[Built, dict[str, str]]:
    """MkDocs, with the reviewlens plugin fed from the stream; the build, and
    the file each page went to."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config = load_config(
        config_file=str(templates_dir() / "mkdocs.base.yml"),
        site_name=view.safe_title(title),
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
    return plugin.built, plugin.dest


def _site_key(cache: BuildCache | None, title: str, navigation: list) -> str:
    """What every page's frame depends on: code, theme, site name, navigation."""
    salt = cache.salt if cache else ""
    return hashlib.sha256(json.dumps([salt, title, navigation]).encode()).hexdigest()


def _reuse(last: dict, site_key: str, site_dir: Path, out: Path, uris: set[str]) -> dict[str, str] | None:
    """Start `out` from a copy of the last site, without the pages this build
    does not make; the digests (by uri) of the pages it holds. None, and
    nothing copied: the last site cannot be trusted."""
    if last.get("site") != site_key:
        return None
    if not (site_dir / "annotations.json").is_file() or sha256_file(site_dir / "annotations.json") != last.get("annotations"):
        return None  # the folder no longer holds the build the record describes
    pages = last.get("pages", {})
    if not all(isinstance(p, list) and len(p) == 2 and _inside(site_dir, str(p[1])) for p in pages.values()):
        return None  # not a record this code wrote
    # The pages are linked, not copied (most of the site, and most stay as
    # they are): the plugin removes a page before MkDocs writes it anew, so
    # the last site is never written through a link. The rest is copied.
    recorded = {str(site_dir / dest): (uri, digest) for uri, (digest, dest) in pages.items()}
    held = {}

    def link_or_copy(src: str, dst: str) -> None:
        if src not in recorded:
            shutil.copy2(src, dst)
            return
        try:
            os.link(src, dst)
        except OSError:  # another file system, or no hard links there
            shutil.copy2(src, dst)
        uri, digest = recorded[src]
        held[uri] = digest

    shutil.copytree(site_dir, out, symlinks=True, copy_function=link_or_copy)
    for uri, (_, dest) in pages.items():
        if uri not in uris:  # a report or case that is gone
            held.pop(uri, None)
            path = out / dest
            path.unlink(missing_ok=True)
            _remove_empty_parents(path.parent, out)
    return held


def _inside(folder: Path, rel: str) -> bool:
    return (folder / rel).resolve().is_relative_to(folder.resolve())


def _remove_empty_parents(folder: Path, top: Path) -> None:
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _replace(site_dir: Path, built: Path) -> None:
    """Swap the new site in with renames, so a reader never sees half a site."""
    old = site_dir.with_name(f".{site_dir.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        site_dir.rename(old)
    built.rename(site_dir)
    if old.exists():
        shutil.rmtree(old)
