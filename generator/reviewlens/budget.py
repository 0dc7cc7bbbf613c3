"""A time budget for reading one report.

Extraction and verification are linear in a report's length by construction,
but a report is untrusted text, and the build must go on whatever one holds.
Each report gets a budget, checked between units of work (a claim, a rule's
match, a block's sentences); a report that overruns it becomes a one-line
problem naming the file, the way Pygments turns text it cannot lex into
Token.Error instead of failing.
"""

from __future__ import annotations

import os
import time

# A 16 KB report of a 100,000-line source takes about 3 s here once the source is indexed (10 s, once per
# case). REVIEWLENS_REPORT_SECONDS
# sets another budget (a slower machine; a test that needs a report to overrun).
REPORT_SECONDS = float(os.environ.get("REVIEWLENS_REPORT_SECONDS") or 30.0)
# The whole corpus's analysis, for check and build: N slow reports must not cost N x 30 s on a CI runner.
# Reports not analysed when it runs out are named, each a problem. REVIEWLENS_CORPUS_SECONDS sets another.
CORPUS_SECONDS = float(os.environ.get("REVIEWLENS_CORPUS_SECONDS") or 1800.0)


def deadline(seconds: float | None = None) -> float:
    """When a corpus's analysis that starts now must end (wall-clock time, the same in every worker process)."""
    return time.time() + (CORPUS_SECONDS if seconds is None else seconds)


class OverBudget(Exception):
    """A report took longer to read than its budget allows."""


class Budget:
    """A deadline, checked between units of work."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self._end is not None and time.monotonic() > self._end:
            raise OverBudget(f"took more than {self.seconds:g} s to analyse; skipped")


UNLIMITED = Budget(None)
