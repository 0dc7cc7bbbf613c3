"""Stage 2: find the checkable claims in a report's text.

Each claim kind has its own small module with a ``find(doc)`` function that
yields Claims with spans relative to the report body (the Document's text).
RULES lists them in priority order: where two rules claim overlapping text for
the same statement (``line 42: foo()`` is a numbered quote, not also a bare
line reference and a code quote), the earlier rule wins. Spans are moved from
body to file offsets here, once, and file names are attributed here, once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from reviewlens import formats
from reviewlens.budget import UNLIMITED, Budget
from reviewlens.extract import behaviour, code_quote, files, finding, identifier, line_ref, numbered_quote, verdict
from reviewlens.extract.citations import NONE, Citations
from reviewlens.extract.document import Document
from reviewlens.extract.spans import Spans
from reviewlens.extract.verdict import conclusion
from reviewlens.lexicon import same_file_path
from reviewlens.model import Advice, Claim, Extraction, Kind, Report, Verdict

Rule = Callable[[Document, Citations], Iterable[Claim]]

#: (name, rule), highest priority first. The citing rules come first: what they
#: find is handed, as the report's citations, to the rules after them.
CITING: list[tuple[str, Rule]] = [
    ("numbered_quote", numbered_quote.find),
    ("line_ref", line_ref.find),
]
RULES: list[tuple[str, Rule]] = CITING + [
    ("code_quote", code_quote.find),
    ("identifier", identifier.find),
    ("verdict", verdict.find),
    ("finding", finding.find),
    ("behaviour", behaviour.find),
]


def extract(report: Report) -> list[Claim]:
    """All claims in the report body, in span order, with file offsets."""
    return list(extract_report(report).claims)


def unread(report: Report) -> Extraction:
    """What a report that could not be read (or overran its time budget) gives:
    no claims, so no verdict ("unclear"); its words are still counted."""
    return Extraction((), len(report.body.split()), ())


def extract_report(report: Report, budget: Budget = UNLIMITED) -> Extraction:
    """The claims, and the facts about the report's prose that scoring needs.
    Raises OverBudget when the budget runs out first."""
    if report.format != "text":
        return _structured(report)
    doc = Document(report.body, budget)
    claims = _claims(doc, report.body_start)
    shift = report.body_start
    advice = []
    for start, end in doc.sentences():
        budget.check()
        if doc.is_advice(start + 1) or doc.opens_with_advice(start):
            u_start, u_end = doc.section_at(start) if _in_heading_section(doc, start) else doc.unit_at(start)
            advice.append(Advice(start + shift, end + shift, u_start + shift, u_end + shift))
    verdict = conclusion(claims, doc, report.meta)
    return Extraction(tuple(claims), len(re.findall(r"\w+", report.body)), tuple(advice), verdict, files.code_files(doc))


def _structured(report: Report) -> Extraction:
    """A tool's or model's data: each finding a finding claim, spanning its rule
    id or title; each code snippet it gives a quote claim (with its lines, a
    numbered quote), checked against the file like any other quote."""
    parsed = formats.parse(report.text, report.format)
    claims = []
    for f in parsed.findings:
        if f.end > f.start:
            claims.append(Claim(Kind.FINDING, f.start, f.end, f.lines, title=f.title, cwe=f.cwe, fix=f.fix,
                                file=f.file, description=f.title))
        q = f.quote
        if q is not None and q.end > q.start:
            kind = Kind.LINE_QUOTE if q.lines is not None else Kind.CODE_QUOTE
            claims.append(Claim(kind, q.start, q.end, q.lines, quote=q.text, file=f.file))
    if parsed.verdict_span is not None:
        claims.append(Claim(Kind.VERDICT, *parsed.verdict_span, None, verdict=Verdict(parsed.verdict)))
    claims.sort(key=lambda c: (c.start, c.end))
    return Extraction(tuple(claims), 0, (), conclusion(claims) if parsed.verdict_span else Verdict(parsed.verdict))


def _with_subjects(doc: Document, claims: list[Claim]) -> list[Claim]:
    """Each line reference inside a located finding's section ("used for signing (line 73)" under a
    finding at lines 45-46, in the same file) knows the finding's lines: its subject."""
    findings = sorted((c for c in claims if c.kind is Kind.FINDING and c.lines is not None), key=lambda c: c.start)
    if not findings:
        return claims
    sections = [(f, doc.section_at(f.start)) for f in findings]
    out = []
    for c in claims:
        if c.kind is Kind.LINE_REF and c.lines is not None:
            around = [f for f, (a, b) in sections if a <= c.start < b and f.start <= c.start and _same_file(f.file, c.file)
                      and not f.lines.overlaps(c.lines)]
            if around:
                c = replace(c, subject=around[-1].lines)
        out.append(c)
    return out


def _same_file(a: str | None, b: str | None) -> bool:
    """Whether two claims may be about one file: either names none, or one path is a tail of the other."""
    if not a or not b:
        return True
    return same_file_path(a.lstrip("./"), b.lstrip("./"))


def _in_heading_section(doc: Document, pos: int) -> bool:
    block = doc.block_at(pos)
    return block is not None and block.kind == "heading"


def _claims(doc: Document, shift: int) -> list[Claim]:
    found = {name: list(rule(doc, NONE)) for name, rule in CITING}
    cited = Citations(c for claims in found.values() for c in claims)
    kept: list[Claim] = []
    taken = Spans()
    for name, rule in RULES:
        for claim in found[name] if name in found else rule(doc, cited):
            doc.budget.check()
            # A name the reviewer's own code block uses nests in that block's claim: it takes no characters.
            nested = claim.kind is Kind.IDENTIFIER and claim.advice and doc.in_fence(claim.start)
            if claim.kind.locating and not nested:
                if not taken.take(claim.start, claim.end):
                    continue
            kept.append(claim)
    kept = _with_subjects(doc, files.attribute(doc, kept))
    moved = [replace(c, start=c.start + shift, end=c.end + shift) if shift else c for c in kept]
    return sorted(moved, key=lambda c: (c.start, c.end, c.kind.value))

