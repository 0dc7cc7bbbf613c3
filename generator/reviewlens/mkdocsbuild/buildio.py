"""What one build of the MkDocs plugin works from, and what it leaves: frozen records.

The CLI makes the inputs itself (mkdocsbuild/site.py) and hands them over (ReviewlensPlugin.use);
a build MkDocs starts (mkdocs build, mkdocs serve) has them made from the plugin's settings
(own_inputs). Either way the plugin returns a BuildResult.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reviewlens.mkdocsbuild import reuse
from reviewlens.mkdocsbuild.cache import BuildCache, PageFile
from reviewlens.mkdocsbuild.mkdocsparts import nav
from reviewlens.mkdocsbuild.serving import ServedSite
from reviewlens.mkdocsbuild.stream import Built, CaseStream, plan_corpus
from reviewlens.textio import printable
from reviewlens.view.addresses import Linker

log = logging.getLogger("mkdocs.plugins.reviewlens")


@dataclass(frozen=True, slots=True)
class BuildInputs:
    """What one build of the plugin works from: given by the CLI (`ReviewlensPlugin.use`) or made
    by the plugin from its settings (mkdocs build, mkdocs serve)."""

    stream: CaseStream  # the cases, analysed and rendered as MkDocs asks for their pages
    reusable: Mapping[str, PageFile]  # pages a site folder holds as a recorded build wrote them (reuse.py)
    in_place: bool  # MkDocs builds into a folder that holds them (reviewlens build, serve --dirty): a dirty build
    own: bool  # the plugin made it (mkdocs build, serve): it logs the problems and keeps what serve reuses


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What one build wrote: the analysis and records, and each page's file as it now is."""

    built: Built
    pages: dict[str, PageFile]  # uri -> digest, file and bytes' SHA-256: what the next build proves (reuse.py)
    written: int  # pages MkDocs wrote in this build (the others were reused)


def own_inputs(corpus: Path, cache_folder: Path | None, link: Linker, served: ServedSite, site: Path,
               in_place: bool) -> tuple[BuildInputs, BuildCache | None]:
    """The inputs of a build MkDocs started, and its build cache: the pages of the last build of
    this process that are still right (reuse.py) are reused, in the site folder (`mkdocs serve
    --dirty`, in_place) or set aside while MkDocs empties it (`mkdocs serve`). CorpusError when the
    corpus cannot be planned or the cache folder is not the cache's."""
    plan = plan_corpus(corpus)
    cache = BuildCache(cache_folder, link, corpus) if cache_folder is not None else None
    for note in cache.notes if cache else ():
        log.info("reviewlens: %s", printable(note))
    # Another navigation changes every page's frame: none is reused.
    reusable = served.reusable(site) if nav(plan.cases, link) == served.nav else {}
    in_place = in_place and bool(reusable)
    if in_place:
        log.info("reviewlens: the site folder holds %d pages of the last build; only pages that change are written",
                 len(reusable))
    stream = CaseStream(plan, link, cache=cache, store_pages=True, reusable=reuse.digests(reusable))
    return BuildInputs(stream, reusable, in_place, own=True), cache
