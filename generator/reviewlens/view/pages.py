"""Stage 5a: the view model. Analysis records in, one plain record per page out.

Templates only loop and print; every label, link and class is decided here
or in the modules this one builds from: addresses (paths and anchors),
vocabulary (the words for statuses, verdicts, kinds and flags), tables (the
comparison tables), sourceview (a source file's lines and notes) and
reportpage (a report's page). This module makes the case pages and the pages
about the whole corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reviewlens.model import Lines, Source
from reviewlens.results import Analysis, CaseResult
from reviewlens.score import detection, flags, ranking
from reviewlens.score.leaderboard import COMPARED, leaderboard
from reviewlens.view import charts, parts
from reviewlens.view.addresses import (
    ABOUT_URI,
    HOME_URI,
    LEADERBOARD_URI,
    SCORES_URI,
    Linker,
    case_uri,
    file_prefixes,
    lines_fragment,
    report_uri,
    safe_title,
)
from reviewlens.view.sourceview import SourceBlock, case_block
from reviewlens.view.tables import LeaderRow, SummaryRow, TotalsRow, leader_row, summary_rows, totals_row
from reviewlens.view.vocabulary import BADGES, Badge, truth_label


@dataclass(frozen=True)
class CasePage:
    uri: str
    title: str
    nav_title: str
    home_href: str
    about_href: str
    description: str
    upstream: list[tuple[str, str, str]]  # (key, value, href): an https URL is a link, nothing else is
    truth: str
    problems: list[str]
    rows: list[SummaryRow]
    totals: TotalsRow
    columns: list[tuple[str, str, str]]  # (short label, reviewer, href) per report the grid shows
    more_columns: list[tuple[str, str, str]]  # the reports past COLUMNS_SHOWN: each one click away, on its own page
    grid_columns: list[tuple[str, str, str]]  # the grid's: the truth column where the case knows its defects, then columns
    sources: list[SourceBlock]
    legend: tuple[Badge, ...]
    bars: charts.StackedBars
    heatmap: charts.Heatmap | None
    defects: list[tuple[str, str, str, str]]  # (id, title, cwe, lines href)
    scores_href: str
    order: str = ranking.ORDER  # how the table's rows are ordered, in one sentence


@dataclass(frozen=True)
class CaseSummary:
    title: str
    href: str
    truth: str
    rows: list[SummaryRow]
    totals: TotalsRow
    problems: list[str]


@dataclass(frozen=True)
class HomePage:
    uri: str
    title: str
    nav_title: str
    description: str
    cases: list[CaseSummary]
    problems: list[str]
    about_href: str
    legend: tuple[Badge, ...]
    leaderboard_href: str
    scores_href: str


@dataclass(frozen=True)
class AboutPage:
    uri: str
    title: str
    nav_title: str
    home_href: str
    statuses: tuple[Badge, ...]
    scores_href: str


@dataclass(frozen=True)
class LeaderboardPage:
    uri: str
    title: str
    nav_title: str
    home_href: str
    scores_href: str
    rows: list[LeaderRow]
    charts: list[charts.ScoreChart]
    n_cases: int
    legend: tuple[Badge, ...]
    order: str = ranking.ORDER  # how the rows are ordered, in one sentence
    apart: str = ""  # said when the reviewers reviewed different files
    compared: str = COMPARED  # who is ranked, in one sentence


@dataclass(frozen=True)
class ScoresPage:
    uri: str
    title: str
    nav_title: str
    home_href: str
    about_href: str
    tolerance: int
    verbose: float
    narration_min: int
    narration_many: int


# An address of the web that may be a link: https only, no quotes or spaces (the template escapes it too)
_WEB_ADDRESS = re.compile(r"https://[A-Za-z0-9.-]+(?:/[^\s\"'<>]*)?")

# Report columns the case page's grid and heatmap show at most: the page grows with the lines cited and
# these columns, never as lines x reports (3,000 reports of a 15,000-line source wrote a 1.3 GB page).
COLUMNS_SHOWN = 40


def case_page(case: CaseResult, link: Linker, long_files: dict[str, parts.Parts] | None = None) -> CasePage:
    """long_files: parts.of_case(case.case), when the caller has it (made once per case)."""
    uri = case_uri(case.case.id)
    long_files = long_files if long_files is not None else parts.of_case(case.case)
    hrefs, labels, columns = _report_columns(case, uri, link)
    rows = summary_rows(case.reports, hrefs)
    prefix = file_prefixes(case.case)
    main_prefix = prefix.get(case.case.source.path, "") if case.case.source else ""
    by_id = {r.report.id: href for r, href in zip(case.reports, hrefs)}
    return CasePage(
        uri=uri,
        title=case.case.title,
        nav_title=safe_title(case.case.title),
        home_href=link.href(uri, HOME_URI),
        about_href=link.href(uri, ABOUT_URI),
        description=case.case.description,
        upstream=[(k, v, v if _WEB_ADDRESS.fullmatch(v) else "") for k, v in sorted(case.case.upstream.items())],
        truth=truth_label(case.case.truth_verdict),
        problems=[p.message for p in case.case.problems],
        rows=rows,
        totals=totals_row(list(case.reports)),
        columns=columns[:COLUMNS_SHOWN],
        more_columns=columns[COLUMNS_SHOWN:],
        grid_columns=_truth_column(case, "#defects") + columns[:COLUMNS_SHOWN],
        sources=[_case_block(case, src, prefix[src.path], labels, hrefs, long_files[src.path], uri, link)
                 for src in case.case.sources],
        legend=BADGES,
        bars=charts.status_bars(case, by_id),
        heatmap=charts.heatmap(case, by_id, COLUMNS_SHOWN),
        defects=[(d.id, d.title, d.cwe or "", "#" + lines_fragment(prefix.get(d.file, "") if d.file else main_prefix, d.lines))
                 for d in case.case.defects],
        scores_href=link.href(uri, SCORES_URI),
    )


def _report_columns(case: CaseResult, uri: str, link: Linker) -> tuple[list[str], list[str], list[tuple[str, str, str]]]:
    """From the page at uri: each report's href, its short label ("R1"), and (label, reviewer, href) per report."""
    hrefs = [link.href(uri, report_uri(case.case.id, r.report.id)) for r in case.reports]
    labels = [f"R{i}" for i in range(1, len(case.reports) + 1)]
    return hrefs, labels, [(label, r.reviewer, href) for label, r, href in zip(labels, case.reports, hrefs)]


def _truth_column(case: CaseResult, href: str) -> list[tuple[str, str, str]]:
    """The grid's first column where the case knows its defects: each marks their lines."""
    return [("T", "truth: the known defects (truth.yaml)", href)] if case.case.defects else []


def _case_block(case: CaseResult, src: Source, prefix: str, labels: list[str], hrefs: list[str], long: parts.Parts,
                uri: str, link: Linker, window: Lines | None = None) -> SourceBlock:
    """A file's grid on the case page (a long one folded, its known defects shown) or on a part page (window)."""
    main = case.case.source
    known = tuple((d.lines, d.title, "#defects") for d in case.case.defects
                  if (d.file or (main.path if main else None)) == src.path and d.lines.end <= len(src.lines)) \
        if case.case.defects else None
    block = case_block(src, prefix, case.reports[:COLUMNS_SHOWN], labels, hrefs, long, parts.whole(long, uri, link, ""),
                       known, window)
    if not long.split:
        return block
    # A part page's lines link back to the case page (a pasted #L elsewhere in the file goes there first).
    back = link.href(uri, case_uri(case.case.id)) if window is not None else ""
    return replace(block, pages=parts.listing(long, uri, link), case_href=back)


@dataclass(frozen=True)
class LinesPage:
    """One part of a long file, every line with the grid of reports."""

    uri: str
    title: str
    nav_title: str
    case_title: str
    home_href: str
    case_href: str
    heading: str  # "app.py, lines 1651-3300 of 100,000"
    previous: tuple[str, str] | None  # (lines, href)
    next: tuple[str, str] | None
    columns: list[tuple[str, str, str]]
    grid_columns: list[tuple[str, str, str]]
    source: SourceBlock | None  # None: the file was read but is not text (the case page says why)
    legend: tuple[Badge, ...]


def lines_page(case: CaseResult, path: str, uri: str, link: Linker, long_files: dict[str, parts.Parts]) -> LinesPage:
    """A part page of a long file (uri is one of its parts' pages)."""
    hrefs, labels, columns = _report_columns(case, uri, link)
    columns = columns[:COLUMNS_SHOWN]
    long = long_files.get(path)
    src = next((s for s in case.case.sources if s.path == path), None)
    title = f"{case.case.title}: {path}"
    common = dict(uri=uri, nav_title=safe_title(title), case_title=case.case.title, home_href=link.href(uri, HOME_URI),
                  case_href=link.href(uri, case_uri(case.case.id)), columns=columns, legend=BADGES,
                  grid_columns=_truth_column(case, link.href(uri, case_uri(case.case.id), "defects")) + columns)
    if long is None or src is None or uri not in long.uris:
        return LinesPage(title=title, heading=f"{path}: not shown", previous=None, next=None, source=None, **common)
    i = long.uris.index(uri)
    window = long.lines(i)
    lines = window.label() if window else "no line starts here (inside a long line)"

    def neighbour(j: int) -> tuple[str, str] | None:
        if not 0 <= j < len(long.uris):
            return None
        there = long.lines(j)
        return (there.label() if there else f"part {j + 1}", link.href(uri, long.uris[j]))

    block = _case_block(case, src, file_prefixes(case.case)[path], labels, hrefs, long, uri, link, window) \
        if window else None
    return LinesPage(title=f"{title}, {lines}", heading=f"{path}, {lines} of {len(src.lines):,}",
                     previous=neighbour(i - 1), next=neighbour(i + 1), source=block, **common)


def home_page(analysis: Analysis, link: Linker) -> HomePage:
    uri = HOME_URI
    cases = [
        CaseSummary(
            title=case.case.title,
            href=link.href(uri, case_uri(case.case.id)),
            truth=truth_label(case.case.truth_verdict),
            rows=summary_rows(case.reports, [link.href(uri, report_uri(case.case.id, r.report.id)) for r in case.reports]),
            totals=totals_row(list(case.reports)),
            problems=[p.message for p in case.case.problems],
        )
        for case in analysis.cases
    ]
    corpus = analysis.corpus
    return HomePage(
        uri=uri,
        title=corpus.title,
        nav_title="Home",
        description=corpus.description,
        cases=cases,
        problems=[str(p) for p in analysis.problems],
        about_href=link.href(uri, ABOUT_URI),
        legend=BADGES,
        leaderboard_href=link.href(uri, LEADERBOARD_URI),
        scores_href=link.href(uri, SCORES_URI),
    )


def about_page(link: Linker) -> AboutPage:
    return AboutPage(ABOUT_URI, "How claims are checked", "How claims are checked", link.href(ABOUT_URI, HOME_URI), BADGES,
                     link.href(ABOUT_URI, SCORES_URI))


def leaderboard_page(analysis: Analysis, link: Linker) -> LeaderboardPage:
    scores = leaderboard(analysis)
    n_cases = len(analysis.cases)
    chart_list = [charts.score_chart("Claim accuracy", [(s.reviewer, s.accuracy) for s in scores])]
    if any(s.f1 is not None for s in scores):
        chart_list.append(charts.score_chart("F1 against the ground truth", [(s.reviewer, s.f1) for s in scores]))
    return LeaderboardPage(LEADERBOARD_URI, "Reviewer leaderboard", "Leaderboard", link.href(LEADERBOARD_URI, HOME_URI),
                           link.href(LEADERBOARD_URI, SCORES_URI),
                           [leader_row(s, n_cases, lambda c, r: link.href(LEADERBOARD_URI, report_uri(c, r))) for s in scores],
                           chart_list,
                           n_cases, BADGES, apart=_apart(analysis, scores))


def _apart(analysis: Analysis, scores: list) -> str:
    """A warning when the reviewers did not review the same files: which rows are ranked, and why not the others."""
    reviewers = {r.reviewer.casefold() for c in analysis.cases for r in c.reports}
    shared = [c for c in analysis.cases if len({r.reviewer.casefold() for r in c.reports}) > 1]
    if len(reviewers) < 2 or len(shared) == len(analysis.cases):
        return ""
    if not shared:
        return ("No two reviewers reviewed the same file: each row scores different work, so none is ranked; each "
                "case page compares the reports on its file.")
    apart = sum(1 for s in scores if not s.compared)
    ranked_together = len(scores) - apart
    first = (f"Only {len(shared)} of the {len(analysis.cases)} cases were reviewed by more than one reviewer: rows "
             "built on different cases compare different work.")
    if not apart:
        return first
    return (f"{first} The {ranked_together} reviewers that reviewed the same cases are ranked against each other; "
            f"the other {apart} share no case with them and are listed after them, unranked.")


def scores_page(link: Linker) -> ScoresPage:
    return ScoresPage(SCORES_URI, "About the scores", "About the scores", link.href(SCORES_URI, HOME_URI),
                      link.href(SCORES_URI, ABOUT_URI), detection.TOLERANCE, flags.VERBOSE, flags.NARRATION_MIN,
                      flags.NARRATION_MANY)
