"""verdict claims: the report's conclusion about the code.

    No security defects are detected in the code.
    I did not find any security vulnerabilities.      The code looks secure.
    The following vulnerabilities were found:         I found two security defects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewlens.extract.citations import NONE, Citations
from reviewlens.extract.document import LOOKBACK, Document
from reviewlens.model import Claim, Kind, Verdict

_DEFECT = (r"(?:security\s+)?(?:defects?|vulnerabilit(?:y|ies)|flaws?|weakness(?:es)?|"
           r"security\s+(?:issues?|problems?|risks?|concerns?|bugs?))")

# "No security defects are detected", "no vulnerabilities were found",
# "I did not find any security defects", "there are no security issues"
NONE_FOUND = re.compile(
    r"\b(?:no|not\s+(?:find|identify|detect|see|spot)\s+any|(?:did\s+not|didn't|could\s+not|couldn't)"
    r"\s+(?:find|identify|detect|see|spot)\s+any|free\s+(?:of|from)(?:\s+any)?|nor\s+any|zero)\s+"
    r"(?:(?:obvious|apparent|significant|major|known|direct|critical|notable|other|exploitable|actual)\s+)*"
    + _DEFECT + r"\b"
    # "The code looks secure", "the code appears to be safe"
    r"|\bthe\s+code\s+(?:looks|appears|seems|is)\s+(?:to\s+be\s+)?(?:secure|safe)\b",
    re.I,
)
# "The following vulnerabilities were found", "I found two security defects",
# "Security defects detected:", "contains a SQL injection vulnerability"
SOME_FOUND = re.compile(
    r"\b(?:the\s+following\s+(?:\w+\s+)?" + _DEFECT
    + r"|(?:I|we)\s+(?:found|identified|detected|discovered)\s+(?:(?:a|an|one|two|three|four|five|several|some|multiple|\d+)\s+)?"
    + r"(?:(?:potential|possible|serious|critical|security|severe)\s+)*" + _DEFECT
    + r"|" + _DEFECT + r"\s+(?:were|was|are|is|have\s+been|has\s+been)\s+(?:found|detected|identified|present)"
    + r"|contains?\s+(?:a|an|one|two|several|multiple)\s+(?:\w+[\s-]+){0,3}(?:vulnerabilit(?:y|ies)|defects?|flaws?)"
    + r"|(?:is|are)\s+vulnerable\s+to"
    # "One genuine, previously-unreported bug survived this depth of review", "two issues remain"
    + r"|\b(?:a|an|one|two|three|four|five|several|\d+)\s+(?:[\w-]+,?\s+){0,3}(?:bugs?|defects?|vulnerabilit(?:y|ies)|flaws?)"
    + r"\s+(?:survived|remains?|was\s+found|were\s+found|exists?|stands?)"
    + r")\b",
    re.I,
)


# JSON output: "verdict": "vulnerable", "status": "secure", "result": "no_defects"
JSON_VERDICT = re.compile(r'"(?:verdict|status|result|conclusion|assessment)"\s*:\s*"(?:(?P<bad>vulnerable|insecure|defects?[_ ]found|unsafe|fail(?:ed)?)|(?P<good>secure|safe|no[_ ]defects|clean|pass(?:ed)?|ok))"', re.I)


def find(doc: Document, cited: Citations = NONE) -> Iterator[Claim]:
    text = doc.text
    for m in JSON_VERDICT.finditer(text):
        verdict = Verdict.DEFECTS_FOUND if m.group("bad") else Verdict.NO_DEFECTS
        yield Claim(Kind.VERDICT, m.start(), m.end(), None, verdict=verdict)
    for pattern, verdict in ((NONE_FOUND, Verdict.NO_DEFECTS), (SOME_FOUND, Verdict.DEFECTS_FOUND)):
        for m in pattern.finditer(text):
            doc.budget.check()
            start, end = doc.sentence_at(m.start())
            sentence = text[max(start, m.start() - LOOKBACK):min(end, m.end() + LOOKBACK)]
            if verdict is Verdict.DEFECTS_FOUND and NONE_FOUND.search(sentence):
                continue  # "no defects were found" is not a finding
            if re.search(r"\b(?:if|whether|any\s+vulnerabilities\s+would|to\s+ensure|might|may)\b",
                         text[max(start, m.start() - LOOKBACK) : m.start()], re.I):
                continue  # a condition, not a conclusion
            yield Claim(Kind.VERDICT, m.start(), m.end(), None, verdict=verdict)


def conclusion(claims, doc: Document | None = None, meta: dict[str, str] | None = None) -> Verdict:
    """The report's verdict: its first stated conclusion; else, a report that
    lists findings (severity fields, issue headings, a findings table, a status
    field) or describes defects as present has found defects; otherwise unclear."""
    for claim in sorted(claims, key=lambda c: c.start):
        if claim.kind is Kind.VERDICT and claim.verdict is not None:
            return claim.verdict
    if any(c.kind is Kind.FINDING for c in claims):
        return Verdict.DEFECTS_FOUND
    if doc is not None and lists_findings(doc, meta or {}):
        return Verdict.DEFECTS_FOUND
    return Verdict.UNCLEAR


# "**Severity:** Medium", "| **Severity** | HIGH |", "Risk: high", "Priority: P1", "严重程度: 高", "风险等级：高危",
# "Серьёзность: высокая"
SEVERITY_FIELD = re.compile(
    r"\b(?:severity|priority|risk(?:\s+level)?|impact)\b[*_:|\s]{1,12}(?:critical|high|medium|moderate|low|major|minor|p[0-3])\b"
    r"|(?:严重(?:程度|性|等级)|风险(?:等级|级别)|危害等级|漏洞等级)[*_:：|\s]{1,12}(?:严重|高危?|中危?|低危?|critical|high|medium|low)"
    r"|(?:[Сс]ер[ьъ]?[её]зность|[Кк]ритичность|[Уу]ровень\s+риска)[*_:|\s]{1,12}(?:критическ|высок|средн|низк)", re.I)
# An issue's title that opens with its severity: "# [CRITICAL]: hard-coded key", "# HIGH - SQL injection", "# 【高危】..."
TITLE_SEVERITY = re.compile(
    r"^#{1,6}[ \t]+(?:\[(?:critical|high|medium|low|严重|高危|中危|低危)\]|(?:critical|high|medium|low)[ \t]*[:：\-–—]|"
    r"【(?:严重|高危|中危|低危)】)", re.I | re.M)
# The heading of one issue: "### CR-01: ...", "### 1. [MAJOR] ...", "### Issue 2", "#### [High] ...", "### Finding #3"
ISSUE_HEADING = re.compile(
    r"^#{2,6}[ \t]+(?:[A-Z]{1,4}-\d{1,3}\b|(?:\d+[.)][ \t]*)?\[?(?:critical|high|medium|low|major|minor|p[0-3])\b|"
    r"(?:issue|finding|vulnerability|bug|defect)[ \t]*#?\d)", re.I | re.M)
# The heading of a group of findings, which counts when issues stand under it:
# "## Critical Issues", "## P2 — Findings", "## Issues Found", "## Vulnerabilities"
GROUP_HEADING = re.compile(
    r"^(#{1,5})[ \t]+(?:(?:critical|high|medium|low|major|minor|p[0-3])\b[^\n]*|[^\n]*\b(?:issues|findings|vulnerabilities|bugs|defects)"
    r"(?:[ \t]+found)?[ \t]*)$", re.I | re.M)
# A status or verdict field: "status: issues_found", "**Verdict:** ... fixes required ... blocking"
STATUS_FIELD = re.compile(
    r"^[ \t>*-]*(?:\*\*)?(?:status|verdict|result|outcome)(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*([^\n]{1,200})", re.I | re.M)
FLAWED = re.compile(r"\b(?:issues?[_ ]found|defects?[_ ]found|vulnerable|fail(?:ed|s)?|fix(?:es)?\s+required|blocking|"
                    r"changes\s+requested|not\s+ready|needs?\s+(?:fix|work|changes))\b", re.I)


def lists_findings(doc: Document, meta: dict[str, str]) -> bool:
    """Whether a report lists findings, whatever its wording: a severity field,
    the heading of an issue, a group of findings with items under it, or a
    status or verdict field that says issues were found."""
    text = doc.text
    if FLAWED.search(" ".join(str(meta.get(k, "")) for k in ("status", "verdict", "result"))):
        return True
    if SEVERITY_FIELD.search(text) or ISSUE_HEADING.search(text) or TITLE_SEVERITY.search(text):
        return True
    if any(FLAWED.search(m.group(1)) for m in STATUS_FIELD.finditer(text)):
        return True
    for m in GROUP_HEADING.finditer(text):
        level = len(m.group(1))
        body = text[m.end(): m.end() + 3000]
        nxt = re.search(rf"^#{{1,{level}}}[ \t]", body, re.M)
        section = body[: nxt.start()] if nxt else body
        if re.match(r"\s*(?:none|no\b|n/a|-\s*$)", section, re.I):
            continue  # "## P1 — Findings\n\nNone found"
        if re.search(rf"^#{{{level + 1},6}}[ \t]+\S|^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S", section, re.M):
            return True
    return False
