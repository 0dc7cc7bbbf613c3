"""The words and symbols the site uses for statuses, verdicts, claim kinds and flags.

Every page, chart, tooltip and the About page take them from here, so a
status reads the same wherever it appears. A status shows as a Badge: its CSS
class suffix (the Status value, coloured by reviewlens.css in both palettes),
its label and its symbol, which keeps the status readable without colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewlens.model import STATUS_ORDER, Kind, Status, Verdict


@dataclass(frozen=True, slots=True)
class Badge:
    status: str  # the Status value: the CSS class is rl-st-<status>
    label: str
    symbol: str


BADGE = {
    Status.CORRECT: Badge("correct", "correct", "✓"),
    Status.WRONG_LINE: Badge("wrong_line", "wrong line", "↕"),
    Status.NOT_IN_SOURCE: Badge("not_in_source", "not in source", "✗"),
    Status.OUT_OF_RANGE: Badge("out_of_range", "out of range", "⇥"),
    Status.UNVERIFIABLE: Badge("unverifiable", "unverifiable", "?"),
}
BADGES = tuple(BADGE[s] for s in STATUS_ORDER)  # legends and table columns, in this order

# A verdict claim is not true or false of the code: it is compared with the
# case's ground truth and with the report's own findings, and shows that.
VERDICT_MATCHES = Badge("verdict_ok", "matches truth", "✓")
VERDICT_CONTRADICTS = Badge("verdict_bad", "contradicts truth", "✗")
VERDICT_SELF_CONTRADICTED = Badge("verdict_bad", "contradicted by its own findings", "✗")
VERDICT_UNJUDGED = Badge("unverifiable", "not judged", "?")

# A known defect (truth.yaml) on the code: one a report did not find, and the case grid's truth column.
MISSED = Badge("missed", "missed defect", "○")
KNOWN_DEFECT = Badge("defect", "known defect", "●")


def status_label(status: Status) -> str:
    return BADGE[status].label


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

# Short names for the leaderboard's flag column; a report page gives each
# flag's full label and evidence, as the score stage wrote them.
FLAG_LABEL = {
    "narration": "narration",
    "generic_advice": "generic advice",
    "ungrounded_recommendations": "ungrounded recommendations",
    "verbose": "verbose",
    "another_version": "another version",
}


def pct(value: float | None) -> str:
    """A ratio as the tables print it: "62%", or "n/a" when it has no denominator. Rounded half up
    from ten-thousandths in whole numbers, as the page script does when it sums filtered rows
    (reviewlens.js pct): 58 of 80 is 73% in both, never 72% here and 73% there."""
    if value is None:
        return "n/a"
    return f"{(round(value * 10000) + 50) // 100}%"


def truth_label(verdict: Verdict | None) -> str:
    return VERDICT_LABEL[verdict] if verdict else ""
