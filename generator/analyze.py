"""Wires ingest -> extract -> verify -> score for a whole corpus. Only wires."""

from __future__ import annotations

from pathlib import Path

from generator.extract import extract_report
from generator.ingest import read_corpus
from generator.model import Analysis, CaseResult, Corpus
from generator.score import reviewer_of, score
from generator.verify import CaseSources, verify


def analyze_corpus(root: Path) -> Analysis:
    return analyze(read_corpus(root))


def analyze(corpus: Corpus) -> Analysis:
    results = []
    for case in corpus.cases:
        sources = CaseSources(case.sources)  # indexed once for all the case's reports
        reports = []
        for report in case.reports:
            if report.readable:
                extraction = extract_report(report)
                checked = verify(list(extraction.claims), report.text, sources)
            else:
                extraction, checked = None, ()
            reports.append(score(report, reviewer_of(report, corpus.reviewers), checked, case, extraction))
        results.append(CaseResult(case, tuple(reports)))
    return Analysis(corpus, tuple(results))
