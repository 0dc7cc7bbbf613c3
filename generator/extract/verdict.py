"""verdict claims: the report's conclusion about the code.

    No security defects are detected in the code.
    I did not find any security vulnerabilities.
    The following vulnerabilities were found:
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.model import Claim, Kind, Verdict

_DEFECT = r"(?:security\s+)?(?:defects?|vulnerabilit(?:y|ies)|flaws?|weakness(?:es)?|security\s+(?:issues?|problems?|risks?))"

# "No security defects are detected", "no vulnerabilities were found",
# "I did not find any security defects", "there are no security issues"
NONE_FOUND = re.compile(
    r"\b(?:no|not\s+(?:find|identify|detect|see|spot)\s+any|(?:did\s+not|didn't|could\s+not|couldn't)"
    r"\s+(?:find|identify|detect|see|spot)\s+any|free\s+(?:of|from)(?:\s+any)?|nor\s+any)\s+"
    r"(?:(?:obvious|apparent|significant|major|known|direct|critical|notable|other)\s+)*" + _DEFECT + r"\b",
    re.I,
)
# "The following vulnerabilities were found", "I found two security defects",
# "Security defects detected:", "contains a SQL injection vulnerability"
SOME_FOUND = re.compile(
    r"\b(?:the\s+following\s+" + _DEFECT
    + r"|(?:I|we)\s+(?:found|identified|detected|discovered)\s+(?:(?:a|an|one|two|three|several|some|multiple|\d+)\s+)?"
    + r"(?:(?:potential|possible|serious|critical|security)\s+)*" + _DEFECT
    + r"|" + _DEFECT + r"\s+(?:were|was|are|is)\s+(?:found|detected|identified|present)"
    + r"|contains?\s+(?:a|an)\s+(?:\w+\s+){0,3}vulnerabilit(?:y|ies))\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s|\n\s*\n")


def find(text: str) -> Iterator[Claim]:
    for pattern, verdict in ((NONE_FOUND, Verdict.NO_DEFECTS), (SOME_FOUND, Verdict.DEFECTS_FOUND)):
        for m in pattern.finditer(text):
            if verdict is Verdict.DEFECTS_FOUND and NONE_FOUND.search(_sentence(text, m.start())):
                continue  # "no defects were found" is not a finding
            yield Claim(kind=Kind.VERDICT, start=m.start(), end=m.end(), lines=None, verdict=verdict)


def _sentence(text: str, at: int) -> str:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    begin = starts[-1] if starts else 0
    end = _SENTENCE_END.search(text, at)
    return text[begin : end.start() if end else len(text)]


def conclusion(claims: list[Claim]) -> Verdict:
    """The report's verdict: its first conclusion, or unclear when it states none."""
    for claim in claims:
        if claim.kind is Kind.VERDICT and claim.verdict is not None:
            return claim.verdict
    return Verdict.UNCLEAR
