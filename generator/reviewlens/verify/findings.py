"""Findings: does the code the report points at have what the defect needs?

A finding is checked against its class's hallmark (generator/reviewlens/defects.py):
SQL injection needs code that builds or runs SQL, command injection code that
runs a process, and so on. This does not prove a defect; it shows whether the
report points at code that could have it.
"""

from __future__ import annotations

from reviewlens import defects
from reviewlens.messages import because
from reviewlens.model import Claim, Status
from reviewlens.verify.common import IndexedSource, Outcome, group


def _classes(claim: Claim) -> list:
    """The defect classes a finding names: its CWE's, then its title's (each once)."""
    found = [defects.by_cwe(claim.cwe), defects.classify(claim.title or "") if claim.title else None]
    return list(dict.fromkeys(c for c in found if c is not None))


def check_finding(claim: Claim, src: IndexedSource) -> Outcome:
    classes = _classes(claim)
    title = claim.title or (classes[0].title if classes else "defect")
    if not classes:
        return Outcome(Status.UNVERIFIABLE, None, because("finding.untested", title=title, cwe=claim.cwe))
    lines = claim.lines
    if lines is not None and src.out_of_range(lines) is None:
        # The class whose hallmark the cited lines hold, when the CWE and the title name two
        # (bandit files "debug=True" under CWE-94, code execution): any of them may hold.
        held = [c for c in classes if any(n in lines for n in src.hallmark_lines(c))]
        classes = held or classes
    cls = classes[0]
    hallmarks = src.hallmark_lines(cls)
    if lines is not None:
        if (oob := src.out_of_range(lines)) is not None:
            return oob
        inside = [n for n in hallmarks if n in lines]
        if inside:
            return Outcome(Status.CORRECT, None, because("finding.held", title=title, lines=inside, needs=cls.evidence))
        if hallmarks:
            near = group(hallmarks, lines)
            return Outcome(Status.WRONG_LINE, near,
                           because("finding.nearest", title=title, cited=lines, needs=cls.evidence, near=near))
        return Outcome(Status.NOT_IN_SOURCE, None, because("finding.impossible", title=title, needs=cls.evidence))
    if not hallmarks:
        return Outcome(Status.NOT_IN_SOURCE, None, because("finding.impossible", title=title, needs=cls.evidence))
    # No line cited: the note goes where such code is ("the SQL injection is a finding on the line that builds the query").
    return Outcome(Status.UNVERIFIABLE, None, because("finding.uncited", title=title, needs=cls.evidence, lines=hallmarks),
                   located=group(hallmarks))
