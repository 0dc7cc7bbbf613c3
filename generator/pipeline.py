"""Analysis and rendering together, case by case, on every core. Only wires.

A case's pages need only that case, so each worker reads, analyses and
renders whole cases (lexing each source once, for both); the pages about the
whole corpus are rendered afterwards from the analysis.
"""

from __future__ import annotations

from pathlib import Path

from generator import render, view
from generator.analyze import analyze_case, map_cases
from generator.ingest import read_case, read_outline, with_cases
from generator.model import Analysis, CaseResult


def analyze_and_render(root: Path, link: view.Linker, jobs: int | None = None,
                       show_progress: bool = False) -> tuple[Analysis, list[render.RenderedPage]]:
    outline = read_outline(root)
    tasks = [(root, folder, case_id, outline.reviewers, link) for folder, case_id in outline.cases]
    done = map_cases(_case_task, tasks, jobs, "analysing and rendering cases", show_progress)
    results = tuple(r for r, _ in done)
    analysis = Analysis(with_cases(outline, tuple(r.case for r in results)), results)
    pages = render.corpus_pages(analysis, link)
    for _, case_pages in done:
        pages += case_pages
    return analysis, pages


def _case_task(task) -> tuple[CaseResult, list[render.RenderedPage]]:
    root, folder, case_id, reviewers, link = task
    result = analyze_case(read_case(root, folder, case_id), reviewers)
    return result, render.case_pages(result, link)
