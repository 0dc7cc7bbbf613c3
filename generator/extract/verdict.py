"""verdict claims: the report's conclusion about the code.

    No security defects are detected in the code.
    I did not find any security vulnerabilities.      The code looks secure.
    The following vulnerabilities were found:         I found two security defects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.extract.document import LOOKBACK, Document
from generator.model import Claim, Kind, Verdict

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
    + r"|(?:is|are)\s+vulnerable\s+to)\b",
    re.I,
)


# JSON output: "verdict": "vulnerable", "status": "secure", "result": "no_defects"
JSON_VERDICT = re.compile(r'"(?:verdict|status|result|conclusion|assessment)"\s*:\s*"(?:(?P<bad>vulnerable|insecure|defects?[_ ]found|unsafe|fail(?:ed)?)|(?P<good>secure|safe|no[_ ]defects|clean|pass(?:ed)?|ok))"', re.I)


def find(doc: Document) -> Iterator[Claim]:
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


def conclusion(claims) -> Verdict:
    """The report's verdict: its first conclusion; a report that states none but
    describes defects as present has found defects; otherwise unclear."""
    for claim in sorted(claims, key=lambda c: c.start):
        if claim.kind is Kind.VERDICT and claim.verdict is not None:
            return claim.verdict
    if any(c.kind is Kind.FINDING for c in claims):
        return Verdict.DEFECTS_FOUND
    return Verdict.UNCLEAR
