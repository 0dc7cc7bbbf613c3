"""Analysis and rendering together, case by case, on every core.

A case's pages need only that case, so each worker reads, analyses and
renders whole cases (lexing each source once, for both). The pages are known
before any case is read (a plan, from the folder listing), so MkDocs can
start on a case's pages as soon as that case is done, while the workers go on
with the next ones: a CaseStream hands the cases over in corpus order, as
they come. The pages about the whole corpus come last, once every case is in.

With a build cache, a case whose inputs are unchanged is taken from the cache
instead, and its pages are made again only where the site folder lacks them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from reviewlens.analyze import AnalyseCase
from reviewlens.budget import deadline
from reviewlens.ingest import Outline, read_outline, source_sizes, with_cases
from reviewlens.ingest.reports import report_files
from reviewlens.ingest.settings import CaseSettings, read_case_settings
from reviewlens.mkdocsbuild.cache import BuildCache, CaseOutput, PageRecord, folder_fingerprint, record
from reviewlens.mkdocsbuild.shards import shard_of
from reviewlens.outputs import annotations
from reviewlens.render import render
from reviewlens.render.rendered import RenderedPage
from reviewlens.results import Analysis, CaseResult
from reviewlens.view import parts
from reviewlens.view.addresses import CORPUS_URIS, Linker, case_uri, report_uri
from reviewlens.workers import CasePool, progress


class CorpusChanged(Exception):
    """A case's files changed while the build read them: its pages are not the planned ones."""


@dataclass(frozen=True, slots=True)
class CasePlan:
    folder: str
    id: str
    settings: CaseSettings  # read once, here: the worker that reads the case is handed them
    uris: tuple[str, ...]  # its page, then its reports' pages, then its long files' part pages

    @property
    def title(self) -> str:
        return self.settings.title


@dataclass(frozen=True, slots=True)
class Plan:
    """A corpus's pages, known before any case is read."""

    root: Path
    outline: Outline
    cases: tuple[CasePlan, ...]
    shard: tuple[int, int] | None = None
    deadline: float | None = None  # when the corpus's analysis must end (budget.deadline); None: no bound

    def uris(self) -> list[str]:
        """Every page, in the order they are made: the cases', then the corpus pages."""
        return [uri for case in self.cases for uri in case.uris] + ([] if self.shard else list(CORPUS_URIS))


def plan_corpus(root: Path, shard: tuple[int, int] | None = None) -> Plan:
    """The corpus's (or, with shard=(k, n), its k-th of n blocks') cases and pages."""
    outline = read_outline(root)
    if shard:
        outline = replace(outline, cases=shard_of(outline.cases, *shard))
    cases = []
    for folder, case_id in outline.cases:
        reports = report_files(root / folder).reports
        settings = read_case_settings(root, folder)
        uris = (case_uri(case_id),) + tuple(report_uri(case_id, report_id) for _, report_id in reports) \
            + tuple(uri for _, uri in parts.planned_pages(case_id, source_sizes(root, folder, settings)))
        cases.append(CasePlan(folder, case_id, settings, uris))
    return Plan(root, outline, tuple(cases), shard, deadline())


@dataclass(frozen=True, slots=True)
class Built:
    analysis: Analysis
    records: list[PageRecord]  # every page of the site, made now or before: corpus pages, then cases'
    annotations: str  # annotations.json
    case_keys: frozenset[str]  # the cache entries this corpus uses
    reused: frozenset[str]  # pages (uris) a site folder holds as this build makes them: not written again (reuse.py)
    from_cache: int  # cases taken from the build cache, not analysed again


class CaseStream:
    """The plan's cases, read, analysed and rendered in the background and
    handed over in corpus order as they come; then the corpus pages.

    reusable: uri -> digest of the pages a site folder holds as a recorded
    build wrote them (reuse.py); a page this build makes with the same digest
    is reused, not written.
    to_cache: the pages go into the cache, for a later build, instead of
    being handed over (a shard's build, which has no site).
    store_pages: the pages are handed over and go into the cache too, so the
    next build takes an unchanged case's pages as they are (`mkdocs serve`,
    which writes every page on every rebuild).
    """

    def __init__(self, plan: Plan, link: Linker, *, jobs: int | None = None, show_progress: bool = False,
                 cache: BuildCache | None = None, reusable: Mapping[str, str] | None = None,
                 to_cache: bool = False, store_pages: bool = False) -> None:
        self.plan = plan
        self._link, self._cache, self._to_cache = link, cache, to_cache
        self._store_pages = to_cache or store_pages
        self._reusable = dict(reusable or {})
        reviewers = plan.outline.reviewers
        # What each case's folder held when planned: its entry is stored under this only if the worker
        # finds the same once it has read and analysed it (an edit during the build is not cached as old).
        self._contents = [folder_fingerprint(plan.root / c.folder, plan.root) if cache else "" for c in plan.cases]
        self._keys = [cache.case_key(plan.root, c.folder, c.id, reviewers, content) if cache else ""
                      for c, content in zip(plan.cases, self._contents)]
        self._outputs: list[CaseOutput | None] = [cache.load(k) if cache else None for k in self._keys]
        self.from_cache = sum(out is not None for out in self._outputs)
        self._html: dict[str, RenderedPage] = {}  # pages made and not yet handed over
        self._records: dict[str, PageRecord] = {}
        self._case_of = {uri: i for i, case in enumerate(plan.cases) for uri in case.uris}
        self._taken = 0  # cases taken in so far, in corpus order
        self._built: Built | None = None
        # How each case's pages come: from the workers (its task), from the
        # cache (stored by a shard), or not at all (reused: a site folder holds them).
        tasks = []
        self._from_workers: set[int] = set()
        self._stored: set[int] = set()
        self._reused: set[int] = set()  # a site folder holds all its pages: made only if asked for after all
        for i, (case, out) in enumerate(zip(plan.cases, self._outputs)):
            if out is None:
                tasks.append(AnalyseAndRender(AnalyseCase(plan.root, case.folder, case.id, reviewers, case.settings,
                                                                   plan.deadline), link, fingerprint=cache is not None))
            elif to_cache:
                continue
            elif all(self._reusable.get(r.uri) == r.digest for r in out.pages):
                self._reused.add(i)
                continue
            elif cache.has_pages(out):
                self._stored.add(i)
                continue
            else:
                tasks.append(RenderCase(out.result, link))
            self._from_workers.add(i)
        self._exit = contextlib.ExitStack()
        self._tick = self._exit.enter_context(progress(len(tasks), "analysing and rendering cases", show_progress))
        # One case per task: MkDocs takes each case's pages as soon as it is done.
        pool = CasePool(tasks, jobs, chunksize=1, before_fork=render.compile_templates)
        self._results = self._exit.enter_context(contextlib.closing(pool))

    def must_write(self, uri: str) -> bool:
        """Whether the page must be written: the site folder lacks it as this build makes it. Waits for its case."""
        if self.record(uri).digest != self._reusable.get(uri):
            return True
        self._html.pop(uri, None)  # made, and the same as the site's: not needed
        return False

    @property
    def cases_done(self) -> int:
        """How many cases, in corpus order, have been handed over: MkDocs waited for those and no more."""
        return self._taken

    def record(self, uri: str) -> PageRecord:
        if uri not in self._records:
            self._take_in(uri)
        return self._records[uri]

    @property
    def reused(self) -> frozenset[str]:
        """The pages of the cases whose every page a site folder holds as
        this build makes it: the stream does not make them unless asked."""
        return frozenset(uri for i in self._reused for uri in self.plan.cases[i].uris)

    def take_page(self, uri: str) -> RenderedPage:
        """The page, made, handed over: the stream keeps only its record, so a
        second take fails. Waits for its case."""
        if uri not in self._records:
            self._take_in(uri)
        i = self._case_of.get(uri)
        if uri not in self._html and i in self._reused:  # reusable, but it is wanted after all
            self._reused.discard(i)
            self._html.update((p.uri, p) for p in self._stored_pages(i))
        return self._html.pop(uri)

    def _take_in(self, uri: str) -> None:
        i = self._case_of.get(uri)
        if i is None:  # a corpus page: all the cases first
            self.finish()
        else:
            self._take_until(i)

    def _take_until(self, last: int) -> None:
        """Take in the cases up to `last`, in order."""
        while self._taken <= last:
            self._take_case(self._taken)
            self._taken += 1

    def _take_case(self, i: int) -> None:
        case = self.plan.cases[i]
        pages: list[RenderedPage] = []
        if i in self._from_workers:
            output, pages, read = next(self._results)
            if output is None:  # rendered again from the cached analysis
                output = self._outputs[i]
            elif self._cache and not output.result.overran and read == self._contents[i]:
                # (an overrun is this run's, not the input's; a case edited while it was read is not what its key says)
                self._cache.store(self._keys[i], output, pages if self._store_pages else None)
            self._outputs[i] = output
            self._tick()
            if tuple(p.uri for p in pages) != case.uris:
                raise CorpusChanged(f"{case.folder}: its reports or sources changed during the build; build again")
        elif i in self._stored:
            pages = self._stored_pages(i)
        if not self._to_cache:
            self._html.update((p.uri, p) for p in pages)
        self._records.update((r.uri, r) for r in self._outputs[i].pages)

    def _stored_pages(self, i: int) -> list[RenderedPage]:
        """A cached case's pages: from the cache, or made again here from its analysis."""
        pages = self._cache.load_pages(self._outputs[i]) if self._cache else None
        if pages is None:  # damaged since: made again, here
            pages = render.case_pages(self._outputs[i].result, self._link)
        return pages

    def finish(self) -> Built:
        """Every case taken in, the corpus pages made: the build's analysis and records."""
        if self._built is not None:
            return self._built
        self._take_until(len(self.plan.cases) - 1)
        self.close()
        done = [out for out in self._outputs if out is not None]
        analysis = Analysis(with_cases(self.plan.outline, tuple(o.result.case for o in done)), tuple(o.result for o in done))
        corpus_pages = [] if self.plan.shard else render.corpus_pages(analysis, self._link)
        self._html.update((p.uri, p) for p in corpus_pages)
        records = [record(p) for p in corpus_pages] + [r for o in done for r in o.pages]
        self._records.update((r.uri, r) for r in records)
        reused = frozenset(r.uri for r in records if self._reusable.get(r.uri) == r.digest)
        text = annotations.assemble([o.annotations for o in done], analysis.corpus.problems, self.plan.shard)
        self._built = Built(analysis, records, text, frozenset(self._keys) - {""}, reused, self.from_cache)
        return self._built

    def close(self) -> None:
        """Stop the workers (the cases not started are dropped). Idempotent."""
        self._exit.close()


def analyze_and_render(plan: Plan, link: Linker, **options) -> Built:
    """The whole stream at once, with no site to hand pages to (a shard's build)."""
    stream = CaseStream(plan, link, **options)
    try:
        return stream.finish()
    finally:
        stream.close()


# (output, pages, the case folder's fingerprint once read): output None when the analysis came from the
# cache; the fingerprint "" when not taken.
CaseWork = tuple[CaseOutput | None, list[RenderedPage], str]


@dataclass(frozen=True, slots=True)
class AnalyseAndRender:
    """A worker's task: read, analyse and render one case."""

    analyse: AnalyseCase
    link: Linker
    fingerprint: bool = False  # fingerprint the case folder once it is read and analysed (for the cache)

    def __call__(self) -> CaseWork:
        result = self.analyse()
        a = self.analyse
        read = folder_fingerprint(a.root / a.folder, a.root) if self.fingerprint else ""
        pages = render.case_pages(result, self.link)
        return CaseOutput(result, tuple(record(p) for p in pages), annotations.case_json(result)), pages, read


@dataclass(frozen=True, slots=True)
class RenderCase:
    """A worker's task: make a case's pages again from its cached analysis."""

    result: CaseResult
    link: Linker

    def __call__(self) -> CaseWork:
        return None, render.case_pages(self.result, self.link), ""


def through_cache(corpus: Path, cache_dir: Path, *, jobs: int | None = None, shard: tuple[int, int] | None = None,
                  show_progress: bool = False) -> Built:
    """The corpus (or one shard of it) analysed and rendered through the build cache, as `reviewlens
    build` makes the pages: unchanged cases are taken from it, the others stored in it."""
    from reviewlens.mkdocsbuild.site import LINK

    return analyze_and_render(plan_corpus(corpus, shard), LINK, jobs=jobs, show_progress=show_progress,
                              cache=BuildCache(cache_dir, LINK, corpus), to_cache=True)
