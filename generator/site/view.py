"""Stage 5a: the view model. Analysis records in, plain records for templates out.

Templates only loop and print; every label, link and class is decided here.
Links are relative, so the site works from any folder and any host.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from generator import formats
from generator.site import linemarks, reporttext
from generator.site.highlight import TokenLine, token_lines
from generator.model import STATUS_ORDER, Checked, Kind, Lines, Status, Verdict
from generator.results import Analysis, CaseResult, Metrics, ReportResult

STATUS_LABEL = {
    Status.CORRECT: "correct",
    Status.WRONG_LINE: "wrong line",
    Status.NOT_IN_SOURCE: "not in source",
    Status.OUT_OF_RANGE: "out of range",
    Status.UNVERIFIABLE: "unverifiable",
}
STATUS_SYMBOL = {
    Status.CORRECT: "✓",
    Status.WRONG_LINE: "↕",
    Status.NOT_IN_SOURCE: "✗",
    Status.OUT_OF_RANGE: "⇥",
    Status.UNVERIFIABLE: "?",
}
VERDICT_LABEL = {
    Verdict.NO_DEFECTS: "no defects",
    Verdict.DEFECTS_FOUND: "defects found",
    Verdict.UNCLEAR: "unclear",
}
KIND_LABEL = {
    Kind.LINE_QUOTE: "numbered quote",
    Kind.LINE_REF: "line reference",
    Kind.CODE_QUOTE: "code quote",
    Kind.IDENTIFIER: "identifier",
    Kind.VERDICT: "verdict",
    Kind.FINDING: "finding",
    Kind.BEHAVIOUR: "behaviour",
}


# --- page addresses -----------------------------------------------------------


def home_uri() -> str:
    return "index.md"


def case_uri(case_id: str) -> str:
    return f"cases/{case_id}/index.md"


def report_uri(case_id: str, report_id: str) -> str:
    return f"cases/{case_id}/{report_id}.md"


ABOUT_URI = "about.md"
SCORES_URI = "scores.md"
LEADERBOARD_URI = "leaderboard.md"


def url_of(src_uri: str, directory_urls: bool) -> str:
    """The page URL MkDocs gives a source path (as MkDocs computes it)."""
    if not directory_urls:
        return src_uri[:-3] + ".html"
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[:-3] + "/"


@dataclass(frozen=True)
class Linker:
    """Relative links from one page to another, under an optional prefix."""

    prefix: str  # "" or "reviews/" (plugin mode)
    directory_urls: bool

    def uri(self, src_uri: str) -> str:
        return self.prefix + src_uri

    def href(self, from_uri: str, to_uri: str, fragment: str = "") -> str:
        here_url = url_of(self.uri(from_uri), self.directory_urls)
        # The folder a browser resolves relative links against.
        here = here_url.rstrip("/") if here_url.endswith("/") or not here_url else posixpath.dirname(here_url)
        there = url_of(self.uri(to_uri), self.directory_urls)
        rel = posixpath.relpath(there or ".", here or ".")
        if (there == "" or there.endswith("/")) and not rel.endswith("/"):
            rel += "/"  # a folder page: link the folder, not a file of that name
        return rel + (f"#{fragment}" if fragment else "")


def safe_title(text: str) -> str:
    """A title for MkDocs' navigation and <title>, which print it as HTML.

    Material's <title> runs striptags, which un-escapes entities, so escaping
    is not enough: the characters that make markup are swapped for look-alikes.
    """
    return " ".join(text.translate(_TITLE_SAFE).split()) or "untitled"


# "&" too: striptags would turn "&lt;script&gt;" back into "<script>".
_TITLE_SAFE = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "'": "’", "`": "‘"})


# --- records the templates print -----------------------------------------------


@dataclass(frozen=True)
class CountCell:
    status: str  # Status value, for the CSS class
    label: str
    symbol: str
    n: int


@dataclass(frozen=True)
class SummaryRow:
    """One report in a comparison table."""

    reviewer: str
    report_id: str
    href: str
    verdict: str
    verdict_label: str
    verdict_vs_truth: str  # "matches truth", "contradicts truth" or ""
    claims: int
    counts: list[CountCell]
    accuracy: str  # "62%" or "n/a"
    problems: int
    accuracy_sort: float  # -1 for n/a, so it sorts last
    hallucinations: int
    precision: str
    recall: str
    f1: str
    f1_sort: float
    contradicted: bool
    flags: list[str]  # flag labels


@dataclass(frozen=True)
class TotalsRow:
    """The bottom row of a comparison table: sums of counts, micro-averaged ratios."""

    reports: int
    claims: int
    counts: list[CountCell]
    accuracy: str
    hallucinations: int
    precision: str
    recall: str
    f1: str


@dataclass(frozen=True)
class Note:
    """A claim's comment under a source line."""

    claim_id: int
    status: str
    status_label: str
    symbol: str
    role: str  # "cited": the line the report names; "actual": where the content really is
    message: str
    back_href: str  # to the claim in the report text
    report_label: str = ""  # on case pages: which report


@dataclass(frozen=True)
class Gap:
    """Lines folded away on a report page (uncited, or the middle of a long
    cited range); the case page shows them."""

    start: int
    end: int
    href: str  # the case page at these lines
    cited: bool = False  # the middle of a long cited range
    gap: bool = True


@dataclass(frozen=True)
class SourceLine:
    n: int
    tokens: Any  # the line's highlighted code: rendered once per case, shared by its pages
    status: str  # worst status of claims citing it, "" when none
    symbol: str
    notes: list[Note] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)  # case pages: one per report
    gap: bool = False
    plain: Any = None  # report pages: the whole row of a line no claim cites, rendered once per case


@dataclass(frozen=True)
class Cell:
    """Case page: how one report cites one line."""

    status: str
    symbol: str
    href: str
    title: str


NO_CELL = Cell("", "", "", "")  # a report that does not cite the line


@dataclass(frozen=True)
class ClaimRow:
    id: int
    kind: str
    text: str
    cites: str
    cites_href: str
    status: str
    status_label: str
    symbol: str
    message: str
    actual: str
    actual_href: str


@dataclass(frozen=True)
class SourceBlock:
    """One annotated file on a page."""

    path: str
    language: str
    prefix: str  # line anchors are prefix + "L12": "" for the main source, "f2-" for the second file
    lines: list  # SourceLine, or Gap where uncited lines are folded away
    outside: list[Note]  # notes for claims whose lines are not in the file
    case_href: str = ""  # where the whole file is shown (report pages)


@dataclass(frozen=True)
class ReportPage:
    uri: str
    title: str
    nav_title: str
    case_title: str
    case_href: str
    home_href: str
    reviewer: str
    meta: list[tuple[str, str]]
    file: str
    verdict: str
    verdict_label: str
    verdict_vs_truth: str
    counts: list[CountCell]
    accuracy: str
    problems: list[str]
    report_html: Markup
    claims: list[ClaimRow]
    sources: list[SourceBlock]
    about_href: str
    verdict_contradicted: list[int]  # ids of the findings that contradict a "no defects" verdict
    unknown_files: list[str]  # files claims name that the case does not hold
    scores: list[tuple[str, str]]  # (metric, value) for the header
    matches: list[tuple[int, str]]  # (finding claim id, "defect title (lines)")
    false_positives: list[int]  # finding claim ids
    missed: list[str]  # defects no finding matched
    flags: list[tuple[str, str, list[int]]]  # (label, evidence, claim ids)
    has_truth: bool
    scores_href: str


@dataclass(frozen=True)
class CasePage:
    uri: str
    title: str
    nav_title: str
    home_href: str
    about_href: str
    description: str
    upstream: list[tuple[str, str]]
    truth: str
    problems: list[str]
    rows: list[SummaryRow]
    totals: TotalsRow
    columns: list[tuple[str, str, str]]  # (short label, reviewer, href) per report
    sources: list[SourceBlock]
    legend: list[CountCell]
    bars: Any  # charts.StackedBars
    heatmap: Any  # charts.Heatmap | None
    defects: list[tuple[str, str, str, str]]  # (id, title, cwe, lines href label)
    scores_href: str


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
    status_legend: list[CountCell]
    leaderboard_href: str
    scores_href: str


@dataclass(frozen=True)
class AboutPage:
    uri: str
    title: str
    nav_title: str
    home_href: str
    statuses: list[CountCell]


# --- building them ---------------------------------------------------------------


def count_cells(counts: Metrics) -> list[CountCell]:
    return [CountCell(s.value, STATUS_LABEL[s], STATUS_SYMBOL[s], counts.get(s)) for s in STATUS_ORDER]


def accuracy_label(counts: Metrics) -> str:
    return pct(counts.accuracy)


def truth_label(verdict: Verdict | None) -> str:
    return VERDICT_LABEL[verdict] if verdict else ""


def verdict_vs_truth(result: ReportResult) -> str:
    matches = result.verdict_matches_truth
    return "" if matches is None else ("matches truth" if matches else "contradicts truth")


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def summary_row(result: ReportResult, href: str) -> SummaryRow:
    m = result.metrics
    return SummaryRow(
        reviewer=result.reviewer,
        report_id=result.report.id,
        href=href,
        verdict=result.verdict.value,
        verdict_label=VERDICT_LABEL[result.verdict],
        verdict_vs_truth=verdict_vs_truth(result),
        claims=m.total,
        counts=count_cells(m),
        accuracy=accuracy_label(m),
        problems=len(result.report.problems),
        accuracy_sort=-1.0 if m.accuracy is None else m.accuracy,
        hallucinations=m.hallucinated,
        precision=pct(m.precision),
        recall=pct(m.recall),
        f1=pct(m.f1),
        f1_sort=-1.0 if m.f1 is None else m.f1,
        contradicted=result.verdict_contradicted,
        flags=[f.label for f in result.flags],
    )


def totals_row(results: list[ReportResult]) -> TotalsRow:
    total = sum((r.metrics for r in results), Metrics())  # pooled: ratios of the sums
    return TotalsRow(total.reports, total.total, count_cells(total), accuracy_label(total), total.hallucinated,
                     pct(total.precision), pct(total.recall), pct(total.f1))


def prefixes(case: CaseResult) -> dict[str, str]:
    """Anchor prefix per source path: the main file's lines are #L12, the second file's #f2-L12."""
    return {src.path: ("" if i == 0 else f"f{i + 1}-") for i, src in enumerate(case.case.sources)}


def _lines_href(checked: Checked, sizes: dict[str, int], prefix: dict[str, str]) -> str:
    file = checked.claim.file
    if file in sizes:
        for lines in (checked.claim.lines, checked.actual_lines):
            if lines is not None and 1 <= lines.start <= sizes[file]:
                return "#" + prefix[file] + Lines(lines.start, min(lines.end, sizes[file])).fragment()
    return f"#claim-{checked.id}-row"


def _note(checked: Checked, role: str, back_href: str, report_label: str = "") -> Note:
    s = checked.status
    return Note(checked.id, s.value, STATUS_LABEL[s], STATUS_SYMBOL[s], role, checked.message, back_href, report_label)


CONTEXT = 3  # uncited lines shown around cited ones on a report page
FOLD_MIN = 6  # shorter runs of uncited lines are shown, not folded
LONG_RANGE = 60  # a cited range longer than this shows its two ends, its middle folded


def _source_block(path: str, language: str, prefix: str, tokens: list, claims: list[Checked],
                  case_href: str = "", plain: Any = None) -> SourceBlock:
    n_lines = len(tokens)
    notes: dict[int, list[Note]] = {}
    outside: list[Note] = []
    inside: list[Checked] = []
    ranges: list[Lines] = []  # what the page shows, with a little context
    for c in claims:
        lines = c.claim.lines
        if lines is not None and 1 <= lines.start and lines.end <= n_lines:
            inside.append(c)
            ranges.append(lines)
            notes.setdefault(lines.start, []).append(_note(c, "cited", f"#{c.anchor}"))
        elif lines is not None:
            outside.append(_note(c, "cited", f"#{c.anchor}"))
        if c.actual_lines is not None and c.actual_lines.end <= n_lines:
            ranges.append(c.actual_lines)
            notes.setdefault(c.actual_lines.start, []).append(_note(c, "actual", f"#{c.anchor}"))
    marked = linemarks.marks(inside, n_lines)  # ranges swept, never expanded line by line
    shown: set[int] = set()
    for lines in ranges:
        ends = [lines] if len(lines) <= LONG_RANGE else [Lines(lines.start, lines.start), Lines(lines.end, lines.end)]
        for part in ends:
            shown.update(range(max(1, part.start - CONTEXT), min(n_lines, part.end + CONTEXT) + 1))
    rows: list = []
    n = 1
    while n <= n_lines:
        if n not in shown:
            end = n
            while end + 1 <= n_lines and end + 1 not in shown:
                end += 1
            if end - n + 1 >= FOLD_MIN:
                rows.append(Gap(n, end, f"{case_href}#{prefix}{Lines(n, end).fragment()}", cited=n - 1 in marked))
                n = end + 1
                continue
        mark = marked.get(n - 1)  # marks are by 0-based unit
        if mark is None and n not in notes and plain is not None:
            rows.append(SourceLine(n=n, tokens=None, status="", symbol="", plain=plain[n - 1]))
        else:
            rows.append(SourceLine(n=n, tokens=tokens[n - 1], status=mark.worst.value if mark else "",
                                   symbol=STATUS_SYMBOL[mark.worst] if mark else "", notes=notes.get(n, [])))
        n += 1
    return SourceBlock(path, language, prefix, rows, outside, case_href)


def report_page(case: CaseResult, result: ReportResult, tokens: dict[str, list[TokenLine]], link: Linker,
                plain: dict[str, Any] | None = None) -> ReportPage:
    """plain: per file, each line's row as it shows when no claim cites it
    (the same on every report page of the case, so rendered once)."""
    report = result.report
    uri = report_uri(case.case.id, report.id)
    prefix = prefixes(case)
    sizes = {path: len(t) for path, t in tokens.items()}
    marks = [
        reporttext.MarkSpec(
            id=c.id,
            start=c.claim.start - report.body_start,
            end=c.claim.end - report.body_start,
            css=f"rl-st-{c.status.value}",
            href=_lines_href(c, sizes, prefix),
            title=f"Claim {c.id}: {STATUS_LABEL[c.status]}. {c.message}",
        )
        for c in result.claims
    ]
    if not report.readable:
        html = Markup("")
    elif report.format == "text":
        html = reporttext.render(report.body, marks)
    else:
        html = reporttext.render_data(report.body, formats.language(report.format), marks)
    located = [c for c in result.claims if c.claim.kind is not Kind.VERDICT]
    case_href = link.href(uri, case_uri(case.case.id))
    blocks = [
        _source_block(src.path, src.language, prefix[src.path], tokens[src.path],
                      [c for c in located if c.claim.file == src.path], case_href, (plain or {}).get(src.path))
        for src in case.case.sources
    ]
    claims = [
        ClaimRow(
            id=c.id,
            kind=KIND_LABEL[c.claim.kind],
            text=c.text if len(c.text) <= 120 else c.text[:119] + "…",
            cites=_cites(c, case),
            cites_href=_lines_href(c, sizes, prefix) if c.claim.lines else "",
            status=c.status.value,
            status_label=STATUS_LABEL[c.status],
            symbol=STATUS_SYMBOL[c.status],
            message=c.message,
            actual=c.actual_lines.label() if c.actual_lines else "",
            actual_href="#" + prefix.get(c.claim.file or "", "") + c.actual_lines.fragment() if c.actual_lines else "",
        )
        for c in result.claims
    ]
    title = f"{result.reviewer} on {case.case.title}"
    contradicted = [c.id for c in result.claims if c.claim.kind is Kind.FINDING] if result.verdict_contradicted else []
    unknown = sorted({c.claim.file for c in result.claims if c.claim.file and c.claim.file not in sizes})
    m = result.metrics
    defects = {d.id: d for d in case.case.defects}
    detection = result.detection
    scores = [
        ("Claim accuracy", f"{accuracy_label(m)} ({m.correct} of {m.checkable} checkable)"),
        ("Hallucinations", f"{m.hallucinated} (rate {pct(m.hallucination_rate)})"),
    ]
    if detection is not None:
        scores += [
            ("Findings vs truth", f"{m.tp} true positive{'s' if m.tp != 1 else ''}, {m.fp} false positive{'s' if m.fp != 1 else ''}, "
                                  f"{m.fn} missed"),
            ("Precision / recall / F1", f"{pct(m.precision)} / {pct(m.recall)} / {pct(m.f1)}"),
            ("Localization", pct(m.localization)),
        ]
    scores.append(("Words", f"{m.words} ({m.words_per_line if m.words_per_line is not None else 'n/a'} per source line)"))
    return ReportPage(
        uri=uri,
        title=title,
        nav_title=safe_title(f"{result.reviewer}: {report.id}"),
        case_title=case.case.title,
        case_href=link.href(uri, case_uri(case.case.id)),
        home_href=link.href(uri, home_uri()),
        reviewer=result.reviewer,
        meta=sorted((k, v) for k, v in report.meta.items() if k != "reviewer"),
        file=f"{case.case.folder}/{report.file}",
        verdict=result.verdict.value,
        verdict_label=VERDICT_LABEL[result.verdict],
        verdict_vs_truth=verdict_vs_truth(result),
        counts=count_cells(m),
        accuracy=accuracy_label(m),
        problems=list(report.problems),
        report_html=html,
        claims=claims,
        sources=blocks,
        about_href=link.href(uri, ABOUT_URI),
        verdict_contradicted=contradicted,
        unknown_files=unknown,
        scores=scores,
        matches=[(fid, f"{defects[did].title} ({defects[did].lines.label()})") for fid, did in detection.matches] if detection else [],
        false_positives=list(detection.false_positives) if detection else [],
        missed=[f"{defects[did].title} ({defects[did].lines.label()})" for did in detection.false_negatives] if detection else [],
        flags=[(f.label, f.evidence, list(f.claims)) for f in result.flags],
        has_truth=detection is not None,
        scores_href=link.href(uri, SCORES_URI),
    )


def _cites(c: Checked, case: CaseResult) -> str:
    if c.claim.lines is None:
        return ""
    main = case.case.source.path if case.case.source else None
    where = "" if c.claim.file in (None, main) else f"{c.claim.file} "
    return where + c.claim.lines.label()


def case_page(case: CaseResult, tokens: dict[str, list[TokenLine]], link: Linker) -> CasePage:
    from generator.site import charts

    uri = case_uri(case.case.id)
    rows = [summary_row(r, link.href(uri, report_uri(case.case.id, r.report.id))) for r in case.reports]
    hrefs = {r.report.id: link.href(uri, report_uri(case.case.id, r.report.id)) for r in case.reports}
    main_prefix = prefixes(case).get(case.case.source.path, "") if case.case.source else ""
    columns = [
        (f"R{i}", r.reviewer, link.href(uri, report_uri(case.case.id, r.report.id)))
        for i, r in enumerate(case.reports, start=1)
    ]
    prefix = prefixes(case)
    blocks = []
    for src in case.case.sources:
        toks = tokens[src.path]
        # Cells only on lines some report cites (most lines: none, and all alike).
        per_line: list[list[Cell]] = [[] for _ in toks]
        for col, result in enumerate(case.reports):
            href_base = link.href(uri, report_uri(case.case.id, result.report.id))
            cited = [c for c in result.claims if c.claim.kind is not Kind.VERDICT and c.claim.file == src.path]
            made: dict[int, Cell] = {}  # one cell per distinct mark: a long range's lines share it
            for unit, mark in linemarks.marks(cited, len(toks)).items():
                cell = made.get(id(mark))
                if cell is None:
                    cell = made[id(mark)] = Cell(mark.worst.value, STATUS_SYMBOL[mark.worst],
                                                 f"{href_base}#{mark.first[0].anchor}",
                                                 f"{columns[col][0]} {result.reviewer}: {mark.names()}")
                cells = per_line[unit] or [NO_CELL] * len(case.reports)
                cells[col] = cell
                per_line[unit] = cells
        lines = [SourceLine(n=n, tokens=t, status="", symbol="", cells=per_line[n - 1]) for n, t in enumerate(toks, 1)]
        blocks.append(SourceBlock(src.path, src.language, prefix[src.path], lines, []))
    return CasePage(
        uri=uri,
        title=case.case.title,
        nav_title=safe_title(case.case.title),
        home_href=link.href(uri, home_uri()),
        about_href=link.href(uri, ABOUT_URI),
        description=case.case.description,
        upstream=sorted(case.case.upstream.items()),
        truth=truth_label(case.case.truth_verdict),
        problems=list(case.case.problems),
        rows=rows,
        totals=totals_row(list(case.reports)),
        columns=columns,
        sources=blocks,
        legend=count_cells(Metrics()),
        bars=charts.status_bars(case, hrefs),
        heatmap=charts.heatmap(case, hrefs),
        defects=[(d.id, d.title, d.cwe or "", "#" + (prefixes(case).get(d.file, "") if d.file else main_prefix) + d.lines.fragment())
                 for d in case.case.defects],
        scores_href=link.href(uri, SCORES_URI),
    )


def home_page(analysis: Analysis, link: Linker) -> HomePage:
    uri = home_uri()
    cases = []
    for case in analysis.cases:
        cases.append(
            CaseSummary(
                title=case.case.title,
                href=link.href(uri, case_uri(case.case.id)),
                truth=truth_label(case.case.truth_verdict),
                rows=[summary_row(r, link.href(uri, report_uri(case.case.id, r.report.id))) for r in case.reports],
                totals=totals_row(list(case.reports)),
                problems=list(case.case.problems),
            )
        )
    corpus = analysis.corpus
    return HomePage(
        uri=uri,
        title=corpus.title,
        nav_title="Home",
        description=corpus.description,
        cases=cases,
        problems=[str(p) for p in analysis.problems],
        about_href=link.href(uri, ABOUT_URI),
        status_legend=count_cells(Metrics()),
        leaderboard_href=link.href(uri, LEADERBOARD_URI),
        scores_href=link.href(uri, SCORES_URI),
    )


def about_page(link: Linker) -> AboutPage:
    return AboutPage(ABOUT_URI, "How claims are checked", "How claims are checked",
                     link.href(ABOUT_URI, home_uri()), count_cells(Metrics()))


@dataclass(frozen=True)
class LeaderRow:
    rank: str
    reviewer: str
    reports: int
    coverage: str  # "2 of 3 cases"
    counts: list[CountCell]
    claims: int
    accuracy: str
    accuracy_sort: float
    hallucinations: int
    hallucination_rate: str
    verdicts: str  # "2 of 3 right"
    contradicted: int
    precision: str
    recall: str
    f1: str
    f1_sort: float
    localization: str
    flags: str


@dataclass(frozen=True)
class LeaderboardPage:
    uri: str
    title: str
    nav_title: str
    home_href: str
    scores_href: str
    rows: list[LeaderRow]
    charts: list[Any]  # charts.ScoreChart
    n_cases: int
    legend: list[CountCell]


def leaderboard_page(analysis: Analysis, link: Linker) -> LeaderboardPage:
    from generator.site import charts
    from generator.score.leaderboard import leaderboard

    scores = leaderboard(analysis)
    n_cases = len(analysis.cases)
    rows = [
        LeaderRow(
            rank=s.rank, reviewer=s.reviewer, reports=s.reports, coverage=f"{s.cases} of {n_cases}",
            counts=count_cells(s.counts), claims=s.counts.total, accuracy=pct(s.accuracy),
            accuracy_sort=-1.0 if s.accuracy is None else s.accuracy,
            hallucinations=s.hallucinations, hallucination_rate=pct(s.hallucination_rate),
            verdicts=f"{s.verdicts_right} of {s.verdicts_judged}" if s.verdicts_judged else "n/a",
            contradicted=s.contradicted, precision=pct(s.precision), recall=pct(s.recall), f1=pct(s.f1),
            f1_sort=-1.0 if s.f1 is None else s.f1, localization=pct(s.localization),
            flags=", ".join(f"{FLAG_LABEL.get(k, k)} ×{v}" for k, v in s.flags.items()),
        )
        for s in scores
    ]
    chart_list = [charts.score_chart("Claim accuracy", [(s.reviewer, s.accuracy) for s in scores])]
    if any(s.f1 is not None for s in scores):
        chart_list.append(charts.score_chart("F1 against the ground truth", [(s.reviewer, s.f1) for s in scores]))
    return LeaderboardPage(LEADERBOARD_URI, "Reviewer leaderboard", "Leaderboard", link.href(LEADERBOARD_URI, home_uri()),
                           link.href(LEADERBOARD_URI, SCORES_URI), rows, chart_list, n_cases, count_cells(Metrics()))


FLAG_LABEL = {
    "narration": "narration",
    "generic_advice": "generic advice",
    "ungrounded_recommendations": "ungrounded recommendations",
    "verbose": "verbose",
}


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


def scores_page(link: Linker) -> ScoresPage:
    from generator.score import detection, flags

    return ScoresPage(SCORES_URI, "About the scores", "About the scores", link.href(SCORES_URI, home_uri()),
                      link.href(SCORES_URI, ABOUT_URI), detection.TOLERANCE, flags.VERBOSE, flags.NARRATION_MIN,
                      flags.NARRATION_MANY)


def case_tokens(case: CaseResult) -> dict[str, list[TokenLine]]:
    """Highlight a case's sources once, for its case page and every report page."""
    return {src.path: token_lines(src) for src in case.case.sources}


__all__ = ["Gap"]
