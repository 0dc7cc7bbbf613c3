"""Analysis and rendering together, case by case, on every core. Only wires.

A case's pages need only that case, so each worker reads, analyses and
renders whole cases (lexing each source once, for both); the pages about the
whole corpus are rendered afterwards from the analysis. With a build cache,
a case whose inputs are unchanged is taken from the cache instead: its pages
are not made again (the site from the last build still holds them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from generator import annotations, render, view
from generator.analyze import analyze_case, map_cases
from generator.buildcache import BuildCache, CaseOutput, PageRecord
from generator.ingest import read_case, read_outline, with_cases
from generator.model import Analysis


@dataclass(frozen=True, slots=True)
class Built:
    analysis: Analysis
    pages: list[render.RenderedPage]  # the pages made in this run
    records: list[PageRecord]  # every page of the site, made now or before
    annotations: str  # annotations.json
    case_keys: frozenset[str]  # the cache entries this corpus uses
    kept: frozenset[str]  # pages (uris) the site folder already holds as they are: not made again
    from_cache: int  # cases taken from the build cache, not analysed again


T = TypeVar("T")

# Given the analysis and every page's record: the pages the site folder holds as they are.
KeptBy = Callable[[Analysis, list[PageRecord]], set[str]]


def analyze_and_render(root: Path, link: view.Linker, jobs: int | None = None, show_progress: bool = False,
                       cache: BuildCache | None = None, kept_by: KeptBy | None = None,
                       shard: tuple[int, int] | None = None) -> Built:
    """The analysis and pages of the corpus or, with shard=(k, n), of the k-th
    of n blocks of its cases (without the pages about the whole corpus)."""
    outline = read_outline(root)
    if shard:
        outline = replace(outline, cases=shard_of(outline.cases, *shard))
    keys = [cache.case_key(root, folder, case_id, outline.reviewers) if cache else "" for folder, case_id in outline.cases]
    outputs: list[CaseOutput | None] = [cache.load(k) if cache else None for k in keys]
    cached = [i for i, out in enumerate(outputs) if out is not None]
    todo = [i for i, out in enumerate(outputs) if out is None]
    tasks = [(root, *outline.cases[i], outline.reviewers, link) for i in todo]
    pages: list[render.RenderedPage] = []
    for i, (output, case_pages) in zip(todo, map_cases(_case_task, tasks, jobs, "analysing and rendering cases", show_progress)):
        outputs[i] = output
        pages += case_pages
        if cache:
            cache.store(keys[i], output, case_pages if shard else None)
    done = [out for out in outputs if out is not None]
    analysis = Analysis(with_cases(outline, tuple(o.result.case for o in done)), tuple(o.result for o in done))
    corpus_pages = [] if shard else render.corpus_pages(analysis, link)
    records = [_record(p) for p in corpus_pages] + [r for o in done for r in o.pages]
    kept = frozenset(kept_by(analysis, records)) if kept_by else frozenset()
    # A case from the cache whose pages the site folder lacks: its pages from
    # the cache, else rendered again from its analysis.
    redo = []
    for i in cached:
        if any(r.uri not in kept for r in outputs[i].pages):
            stored = cache.load_pages(keys[i])
            if stored is None:
                redo.append(outputs[i].result)
            else:
                pages += stored
    for case_pages in map_cases(_render_task, [(r, link) for r in redo], jobs, "rendering cases", show_progress):
        pages += case_pages
    text = annotations.assemble([o.annotations for o in done], analysis.corpus.problems, shard)
    return Built(analysis, corpus_pages + pages, records, text, frozenset(keys) - {""}, kept, len(cached))


def shard_of(cases: tuple[T, ...], k: int, n: int) -> tuple[T, ...]:
    """The k-th (1-based) of n contiguous blocks, so the shards in order are the corpus in order."""
    return cases[(k - 1) * len(cases) // n: k * len(cases) // n]


def _record(page: render.RenderedPage) -> PageRecord:
    return PageRecord(page.uri, page.title, page.digest, page.search)


def _case_task(task) -> tuple[CaseOutput, list[render.RenderedPage]]:
    root, folder, case_id, reviewers, link = task
    result = analyze_case(read_case(root, folder, case_id), reviewers)
    pages = render.case_pages(result, link)
    return CaseOutput(result, tuple(_record(p) for p in pages), annotations.case_json(result)), pages


def _render_task(task) -> list[render.RenderedPage]:
    result, link = task
    return render.case_pages(result, link)
