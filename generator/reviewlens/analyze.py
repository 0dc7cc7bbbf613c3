"""Wires ingest -> extract -> verify -> score, for one case and for a whole corpus.

Cases are independent: a corpus of many cases is read and analysed on every
core (generator/reviewlens/workers.py), one whole case per task, whose sources are
indexed once for all its reports.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from reviewlens.budget import CORPUS_SECONDS, REPORT_SECONDS, Budget, OverBudget
from reviewlens.budget import deadline as corpus_deadline
from reviewlens.extract import extract_report, unread
from reviewlens.ingest import read_case, read_outline, with_cases
from reviewlens.ingest.settings import CaseSettings
from reviewlens.lexing import LEX_SECONDS, lex_overran
from reviewlens.model import Case, Problem, Report
from reviewlens.results import Analysis, CaseResult
from reviewlens.score import reviewer_of, score
from reviewlens.verify import CaseSources, verify
from reviewlens.workers import map_cases


def analyze_corpus(root: Path, jobs: int | None = None, show_progress: bool = False) -> Analysis:
    outline = read_outline(root)
    end = corpus_deadline()
    tasks = [AnalyseCase(root, folder, case_id, outline.reviewers, deadline=end) for folder, case_id in outline.cases]
    results = map_cases(tasks, jobs, "analysing cases", show_progress)
    return Analysis(with_cases(outline, tuple(r.case for r in results)), tuple(results))


@dataclass(frozen=True, slots=True)
class AnalyseCase:
    """A worker's task: read one case of the corpus and analyse it."""

    root: Path
    folder: str
    case_id: str
    reviewers: dict[str, str]  # the corpus's report-name -> reviewer settings
    settings: CaseSettings | None = None  # case.yaml and truth.yaml, when the build has read them
    deadline: float | None = None  # when the corpus's analysis must end (wall-clock); None: no bound

    def __call__(self) -> CaseResult:
        return analyze_case(read_case(self.root, self.folder, self.case_id, self.settings), self.reviewers,
                            deadline=self.deadline)


def analyze_case(case: Case, reviewers: dict[str, str], seconds: float | None = REPORT_SECONDS,
                 deadline: float | None = None) -> CaseResult:
    """Every report of the case, extracted, verified and scored. A report that
    overruns its time budget, or meets a fault in reviewlens itself, is scored
    as unread, with a problem saying so: one report never stops the build."""
    sources = CaseSources(case.sources, case.upstream.get("path"))  # indexed once for all the case's reports
    reports, read, overran = [], [], []
    slow = [s for s in case.sources if lex_overran(s)]  # a lexer over its budget: the source is plain text
    if slow:
        case = replace(case, problems=case.problems + tuple(
            Problem(f"{case.folder}/{s.path}", f"took more than {LEX_SECONDS:g} s to highlight; shown as plain text")
            for s in slow))
        overran += [s.path for s in slow]
    for report in case.reports:
        extraction, checked = unread(report), ()
        left = None if deadline is None else deadline - time.time()
        if report.readable and left is not None and left <= 0:
            report = _unread(report, case, f"was left out: the corpus's time budget ({CORPUS_SECONDS:g} s, "
                                           "REVIEWLENS_CORPUS_SECONDS) ran out before it was analysed")
            overran.append(report.id)
        if report.readable:
            budget = Budget(seconds if left is None else left if seconds is None else min(seconds, left))
            try:
                extraction = extract_report(report, budget)
                checked = verify(list(extraction.claims), report.text, sources, budget, extraction.files)
            except OverBudget as err:
                report = _unread(report, case, str(err))
                extraction, checked = unread(report), ()
                overran.append(report.id)
            except Exception as err:  # a fault of ours, not of the report: said, and the build goes on
                report = _unread(report, case, f"could not be analysed (a reviewlens fault: {type(err).__name__}: "
                                               f"{str(err)[:200]}); please report it")
                extraction, checked = unread(report), ()
        read.append(report)
        reports.append(score(report, reviewer_of(report, reviewers), extraction, checked, case))
    return CaseResult(replace(case, reports=tuple(read)), tuple(reports), tuple(overran))


def _unread(report: Report, case: Case, why: str) -> Report:
    return replace(report, problems=report.problems + (Problem(f"{case.folder}/{report.file}", why),), readable=False)
