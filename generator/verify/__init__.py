"""Stage 3: check each claim against the source and say why, in one sentence.

One function per claim kind, in CHECKS, each in the module of its concern:
quotes.py (code quoted with or without a line number), refs.py (what a line
reference says about its lines), names.py (identifiers and what the report
says they are), findings.py (defects). Each returns an Outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from generator.budget import UNLIMITED, Budget
from generator.model import Checked, Claim, Kind, Source, Status
from generator.verify import findings, names, quotes, refs
from generator.verify.common import Checker, Outcome

CHECKS: dict[Kind, Callable[[Claim, Checker], Outcome]] = {
    Kind.LINE_QUOTE: quotes.check_line_quote,
    Kind.CODE_QUOTE: quotes.check_code_quote,
    Kind.LINE_REF: refs.check_line_ref,
    Kind.IDENTIFIER: names.check_identifier,
    Kind.FINDING: findings.check_finding,
    Kind.VERDICT: quotes.check_verdict,
}


class CaseSources:
    """A case's files, each indexed once, and which one a claim is about.

    A claim that names no file is about the main source. A named file matches
    by path suffix ("agents/x.py" finds "src/agents/x.py"; "x.py" finds it too
    when only one file has that name).
    """

    def __init__(self, sources: tuple[Source, ...]):
        self.checkers = [Checker(s) for s in sources]

    def for_file(self, name: str | None) -> Checker | str:
        if not self.checkers:
            return "The case has no readable source to check against."
        if not name:
            return self.checkers[0]
        want = name.strip("./").replace("\\", "/")
        matches = [c for c in self.checkers if c.path == want or c.path.endswith("/" + want) or want.endswith("/" + c.path)]
        if not matches:
            matches = [c for c in self.checkers if c.path.rsplit("/", 1)[-1] == want.rsplit("/", 1)[-1]]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            return f"The claim is about `{name}`, a file this case does not hold."
        return f"The claim names `{name}`, which matches several files of this case."


def verify(claims: list[Claim], text: str, sources: CaseSources, budget: Budget = UNLIMITED) -> tuple[Checked, ...]:
    """Check every claim; ids follow span order, so anchors are stable. Raises
    OverBudget when the budget runs out first."""
    checked = []
    for n, claim in enumerate(claims, start=1):
        budget.check()
        checker = sources.for_file(claim.file)
        if isinstance(checker, str):
            outcome = Outcome(Status.UNVERIFIABLE, None, checker)
            file = claim.file
        else:
            outcome = CHECKS[claim.kind](claim, checker)
            file = checker.path
        if outcome.found is not None:
            claim = replace(claim, lines=outcome.found)
        claim = replace(claim, file=file)
        checked.append(Checked(n, claim, text[claim.start : claim.end], outcome.status, outcome.actual, outcome.message,
                               outcome.tags))
    return tuple(checked)
