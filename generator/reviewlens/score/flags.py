"""Quality flags: patterns a reader should know about, each with its evidence.

- narration: the report walks the file line by line instead of reviewing it
  (at least NARRATION_MIN claims cite lines, at least 80% of them in file
  order, and they are many (NARRATION_MANY) or cover 15% of the file);
- generic advice: most of its recommendations cite no line and name no code
  of this file (at least two such, and at least half of all);
- ungrounded recommendations: recommendations that name code (a function,
  an API) none of which is in the file, in an item or section that cites
  nothing of the file;
- verbosity: more than VERBOSE words per line of the reviewed source;
- another version: its citations fit the file moved by the same few lines
  (verify marks each such citation "shifted").
"""

from __future__ import annotations

import re

from reviewlens.model import Checked, Extraction, Kind, Status
from reviewlens.results import Flag

NARRATION_MIN = 8
NARRATION_MANY = 12
VERBOSE = 8.0  # words per source line



def raise_flags(extraction: Extraction, checked: tuple[Checked, ...], source_lines: int, text: str) -> list[Flag]:
    out = []
    for rule in (_narration, _generic_advice, _ungrounded, _verbose, _another_version):
        flag = rule(extraction, checked, source_lines, text)
        if flag is not None:
            out.append(flag)
    return out


def _narration(ex: Extraction, checked, n_lines: int, text: str) -> Flag | None:
    citing = [c for c in checked if c.claim.kind in (Kind.LINE_QUOTE, Kind.LINE_REF) and c.claim.lines]
    if len(citing) < NARRATION_MIN or not n_lines:
        return None
    starts = [c.claim.lines.start for c in citing]
    in_order = sum(1 for a, b in zip(starts, starts[1:]) if b >= a) / (len(starts) - 1)
    covered = {n for c in citing for n in c.claim.lines if 1 <= n <= n_lines}
    if in_order < 0.8 or (len(citing) < NARRATION_MANY and len(covered) < 0.15 * n_lines):
        return None
    n_findings = sum(1 for c in checked if c.claim.kind is Kind.FINDING)
    return Flag("narration", "narrates the file line by line",
                f"{len(citing)} claims cite lines, {in_order:.0%} of them in file order, covering {len(covered)} of the "
                f"file's {n_lines} lines; the report names {n_findings or 'no'} defect{'s' if n_findings != 1 else ''}.",
                tuple(c.id for c in citing[:3]))


def _claims_in(checked, start: int, end: int) -> list[Checked]:
    return [c for c in checked if start <= c.claim.start < end and c.claim.kind.locating]


def _grounded(claims: list[Checked]) -> bool:
    """The claims refer to something the file has."""
    return any(c.status in (Status.CORRECT, Status.WRONG_LINE) or
               (c.claim.kind is Kind.LINE_REF and c.status is not Status.OUT_OF_RANGE) for c in claims)


def _generic_advice(ex: Extraction, checked, n_lines: int, text: str) -> Flag | None:
    if not ex.advice:
        return None
    generic = [a for a in ex.advice if not _claims_in(checked, a.start, a.end) and not _grounded(_claims_in(checked, a.unit_start, a.unit_end))]
    if len(generic) < 2 or len(generic) < 0.5 * len(ex.advice):
        return None
    example = " ".join(text[generic[0].start : generic[0].end].split())
    example = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", example).replace("**", "")
    if len(example) > 140:
        example = example[:139] + "…"
    return Flag("generic_advice", "generic advice",
                f"{len(generic)} of its {len(ex.advice)} recommendations cite no line and name no code of this file, "
                f"such as “{example}”")


def _ungrounded(ex: Extraction, checked, n_lines: int, text: str) -> Flag | None:
    found = []
    for a in ex.advice:
        named = [c for c in _claims_in(checked, a.start, a.end) if c.claim.kind in (Kind.IDENTIFIER, Kind.CODE_QUOTE)]
        if named and all("absent" in c.tags for c in named) and not _grounded(_claims_in(checked, a.unit_start, a.unit_end)):
            found += named
    if not found:
        return None
    names = ", ".join(f"`{c.claim.name or c.text.strip()}`" for c in found[:4])
    return Flag("ungrounded_recommendations", "recommendations that name nothing in the file",
                f"It recommends {names}{' and more' if len(found) > 4 else ''}, in advice that cites nothing of this file, "
                f"and the file has none of them.", tuple(c.id for c in found))


def _verbose(ex: Extraction, checked, n_lines: int, text: str) -> Flag | None:
    if not n_lines:
        return None
    rate = ex.words / n_lines
    if rate <= VERBOSE:
        return None
    return Flag("verbose", "verbose", f"{ex.words} words for a {n_lines}-line file: {rate:.1f} words per line (the flag is raised above {VERBOSE:g}).")


def _another_version(ex: Extraction, checked, n_lines: int, text: str) -> Flag | None:
    shifted = [c for c in checked if "shifted" in c.tags]
    if not shifted:
        return None
    c = shifted[0]
    moved = c.actual_lines.start - c.claim.lines.start
    return Flag("another_version", "reviewed another version",
                f"{len(shifted)} of its citations fit this file moved {'down' if moved > 0 else 'up'} {abs(moved)} "
                f"line{'s' if abs(moved) != 1 else ''}: it read another version of the file.",
                tuple(c.id for c in shifted[:3]))
