"""Stage 5a: a report's page, as a plain record for report.html.

The report's text with each claim marked and linked to its lines; the claims
table; each source file with the cited lines, their marks and the claims'
notes (sourceview); the report's scores against the file and the ground truth.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewlens import formats
from reviewlens.messages import because, say
from reviewlens.model import Checked, Defect, Kind, Lines, Verdict
from reviewlens.results import CaseResult, Metrics, ReportResult
from reviewlens.view import parts, reportmarks
from reviewlens.view.addresses import (
    ABOUT_URI,
    HOME_URI,
    SCORES_URI,
    Linker,
    case_uri,
    claim_anchor,
    claim_row_anchor,
    file_prefixes,
    lines_fragment,
    missed_anchor,
    report_uri,
    safe_title,
)
from reviewlens.view.sourceview import Missed, SourceBlock, report_block
from reviewlens.view.tables import Count, counts, of_n, verdict_vs_truth
from reviewlens.view.vocabulary import (
    BADGE,
    KIND_LABEL,
    MISSED,
    VERDICT_CONTRADICTS,
    VERDICT_LABEL,
    VERDICT_MATCHES,
    VERDICT_SELF_CONTRADICTED,
    VERDICT_UNJUDGED,
    Badge,
    pct,
)


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """A link to a claim in the report text."""

    id: int
    href: str


def claim_link(claim_id: int) -> ClaimLink:
    return ClaimLink(claim_id, "#" + claim_anchor(claim_id))


@dataclass(frozen=True)
class ClaimRow:
    id: int
    row_id: str  # this row's anchor
    href: str  # the claim in the report text
    kind: str
    text: str
    cites: str
    cites_href: str
    badge: Badge
    message: str
    actual: str
    actual_href: str


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
    counts: list[Count]
    accuracy: str
    accuracy_of: str  # "18/21": correct of checkable
    problems: list[str]
    report: reportmarks.ReportText | None  # None when the report could not be read
    claims: list[ClaimRow]
    sources: list[SourceBlock]
    about_href: str
    verdict_contradicted: list[ClaimLink]  # the findings that contradict a "no defects" verdict
    unknown_files: list[str]  # files claims name that the case does not hold
    scores: list[tuple[str, str]]  # (metric, value) for the header
    matches: list[tuple[ClaimLink, str]]  # (finding, "defect title (lines)")
    false_positives: list[ClaimLink]  # findings that match no defect
    missed: list[tuple[str, str, str]]  # defects no finding matched: (its item's id, what and where, href of its lines)
    flags: list[tuple[str, str, list[ClaimLink]]]  # (label, evidence, claims that show it)
    has_truth: bool
    scores_href: str
    note_filter: list[Count]  # statuses the notes on the code have, for the show/hide switches


def _claim_target(checked: Checked, sizes: dict[str, int], prefix: dict[str, str]) -> str:
    """Where a claim's mark in the report text links: its lines in the file,
    or, when it cites none of the file's lines, its row in the claims table."""
    file = checked.claim.file
    if file in sizes:
        for lines in (checked.claim.lines, checked.actual_lines):
            if lines is not None and 1 <= lines.start <= sizes[file]:
                return "#" + lines_fragment(prefix[file], Lines(lines.start, min(lines.end, sizes[file])))
    return "#" + claim_row_anchor(checked.id)


def _shown(c: Checked, result: ReportResult, case: CaseResult) -> tuple[Badge, str]:
    """The badge and the sentence a claim shows. A verdict shows how it compares
    with the ground truth and with the report's own findings, not "unverifiable"."""
    if c.claim.kind is not Kind.VERDICT:
        return BADGE[c.status], say(c.reason)
    said = VERDICT_LABEL[result.verdict]
    truth = case.case.truth_verdict
    if result.verdict_contradicted:
        return VERDICT_SELF_CONTRADICTED, say(because("verdict.self_contradicted", said=said))
    if result.verdict is Verdict.UNCLEAR:
        return VERDICT_UNJUDGED, say(because("verdict.unclear"))
    if result.verdict_matches_truth is None:
        return VERDICT_UNJUDGED, say(because("verdict.no_truth", said=said))
    badge = VERDICT_MATCHES if result.verdict_matches_truth else VERDICT_CONTRADICTS
    return badge, say(because("verdict.compared", said=said, truth=VERDICT_LABEL[truth]))


def _missed(case: CaseResult, result: ReportResult, prefix: dict[str, str],
            defects: dict[str, Defect]) -> list[tuple[str, Missed, str]]:
    """(file, note, href of its lines) for each known defect the report did not find, on a file the case holds."""
    found = result.detection
    if found is None:
        return []
    main = case.case.source.path if case.case.source else None
    out = []
    for did in found.false_negatives:
        d = defects[did]
        path = d.file or main
        if path not in prefix:
            continue
        what = f"{d.title}{f' ({d.cwe})' if d.cwe else ''}, {d.lines.label()}"
        out.append((path, Missed(missed_anchor(d.id), d.lines, what), "#" + lines_fragment(prefix[path], d.lines)))
    return out


def _report_text(result: ReportResult, marks: list[reportmarks.MarkSpec]) -> reportmarks.ReportText | None:
    report = result.report
    if not report.readable:
        return None
    language = None if report.format == "text" else formats.language(report.format)
    return reportmarks.ReportText(report.body, language, tuple(marks))


def _cites(c: Checked, case: CaseResult) -> str:
    if c.claim.lines is None:
        return ""
    main = case.case.source.path if case.case.source else None
    where = "" if c.claim.file in (None, main) else f"{c.claim.file} "
    return where + c.claim.lines.label()


def _per_line(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _scores(m: Metrics, judged: bool) -> list[tuple[str, str]]:
    """The report page's score lines."""
    scores = [
        ("Claim accuracy", f"{pct(m.accuracy)} ({m.counted_correct} of {m.counted} counted claims"
                           + (f"; {m.trivial} names any reader of the file finds are not counted" if m.trivial else "")
                           + ")"),
        ("Hallucinations", f"{m.hallucinated} (rate {pct(m.hallucination_rate)})"),
    ]
    if judged:
        scores += [
            ("Findings vs truth", f"{m.tp} true positive{'s' if m.tp != 1 else ''}, {m.fp} false positive{'s' if m.fp != 1 else ''}, "
                                  f"{m.fn} missed"),
            ("Precision / recall / F1", f"{pct(m.precision)} / {pct(m.recall)} / {pct(m.f1)}"),
            ("Localization", pct(m.localization)),
        ]
    scores.append(("Words", f"{m.words} ({_per_line(m.words_per_line)} per source line)"))
    return scores


def report_page(case: CaseResult, result: ReportResult, link: Linker,
                long_files: dict[str, parts.Parts] | None = None) -> ReportPage:
    """long_files: parts.of_case(case.case), when the caller has it (made once per case)."""
    report = result.report
    uri = report_uri(case.case.id, report.id)
    prefix = file_prefixes(case.case)
    sizes = {src.path: len(src.lines) for src in case.case.sources}
    targets = [_claim_target(c, sizes, prefix) for c in result.claims]  # the mark's link and the row's "cites" link
    shown = [_shown(c, result, case) for c in result.claims]
    marks = [
        reportmarks.MarkSpec(
            id=c.id,
            start=c.claim.start - report.body_start,
            end=c.claim.end - report.body_start,
            css=f"rl-st-{badge.status}",
            symbol=badge.symbol,
            href=target,
            title=f"Claim {c.id}: {badge.label}. {message}",
        )
        for c, target, (badge, message) in zip(result.claims, targets, shown)
    ]
    located = [c for c in result.claims if c.claim.kind is not Kind.VERDICT]
    case_href = link.href(uri, case_uri(case.case.id))
    long_files = long_files if long_files is not None else parts.of_case(case.case)
    defects = {d.id: d for d in case.case.defects}
    unfound = _missed(case, result, prefix, defects)
    blocks = [
        report_block(src, prefix[src.path], [c for c in located if c.claim.file == src.path], case_href,
                     parts.whole(long_files[src.path], uri, link, case_href), long_files[src.path],
                     tuple(d for path, d, _ in unfound if path == src.path))
        for src in case.case.sources
    ]
    claims = [
        ClaimRow(
            id=c.id,
            row_id=claim_row_anchor(c.id),
            href="#" + claim_anchor(c.id),
            kind=KIND_LABEL[c.claim.kind],
            text=c.text if len(c.text) <= 120 else c.text[:119] + "…",
            cites=_cites(c, case),
            cites_href=target if c.claim.lines else "",
            badge=badge,
            message=message,
            actual=c.actual_lines.label() if c.actual_lines else "",
            actual_href="#" + lines_fragment(prefix.get(c.claim.file or "", ""), c.actual_lines) if c.actual_lines else "",
        )
        for c, target, (badge, message) in zip(result.claims, targets, shown)
    ]
    contradicted = [claim_link(c.id) for c in result.claims if c.claim.kind is Kind.FINDING] if result.verdict_contradicted else []
    unknown = sorted({c.claim.file for c in result.claims if c.claim.file and c.claim.file not in sizes})
    m = result.metrics
    found = result.detection
    return ReportPage(
        uri=uri,
        title=f"{result.reviewer} on {case.case.title}",
        nav_title=safe_title(result.reviewer if result.reviewer == report.id else f"{result.reviewer}: {report.id}"),
        case_title=case.case.title,
        case_href=case_href,
        home_href=link.href(uri, HOME_URI),
        reviewer=result.reviewer,
        meta=sorted((k, v) for k, v in report.meta.items() if k != "reviewer"),
        file=f"{case.case.folder}/{report.file}",
        verdict=result.verdict.value,
        verdict_label=VERDICT_LABEL[result.verdict],
        verdict_vs_truth=verdict_vs_truth(result),
        counts=counts(m),
        accuracy=pct(m.accuracy),
        accuracy_of=of_n(m.counted_correct, m.counted),
        problems=[p.message for p in report.problems],
        report=_report_text(result, marks),
        claims=claims,
        sources=blocks,
        about_href=link.href(uri, ABOUT_URI),
        verdict_contradicted=contradicted,
        unknown_files=unknown,
        scores=_scores(m, found is not None),
        matches=[(claim_link(fid), f"{defects[did].title} ({defects[did].lines.label()})") for fid, did in found.matches] if found else [],
        false_positives=[claim_link(fid) for fid in found.false_positives] if found else [],
        missed=[(d.anchor, d.what, href) for _, d, href in unfound],
        flags=[(f.label, f.evidence, [claim_link(i) for i in f.claims[:5]]) for f in result.flags],
        has_truth=found is not None,
        scores_href=link.href(uri, SCORES_URI),
        # Only the claims with a note on the code: a switch must toggle something.
        note_filter=[c for c in counts(Metrics.of(c.status for c in located
                                                  if c.claim.lines is not None and c.claim.file in sizes)) if c.n]
        + ([Count(MISSED, len(unfound))] if unfound else []),
    )
