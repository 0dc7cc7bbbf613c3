"""Reported findings against the true defects of truth.yaml.

A finding matches a defect when
- they are about the same file,
- their lines overlap, or come within TOLERANCE lines of each other
  (reports often cite the call when the defect's range starts at its
  definition, or the line after), and
- where both name a CWE, the CWEs are of one class (SAME_CLASS groups the
  CWEs reports use for the same defect: CWE-78 and CWE-77, CWE-95 and CWE-94 ...).

Matching is one to one: pairs are taken best first (overlapping before near,
then the larger overlap, then text order), so one defect is not counted twice
and one finding does not find two defects. A finding that cites no lines
matches nothing.
"""

from __future__ import annotations

from reviewlens.defects import SAME_CLASS
from reviewlens.model import Checked, Defect
from reviewlens.results import Detection

TOLERANCE = 3



def same_class(a: str | None, b: str | None) -> bool:
    """True when either names no CWE, or both name CWEs of one class."""
    if a is None or b is None or a == b:
        return True
    return any(a in group and b in group for group in SAME_CLASS)


def detect(findings: list[Checked], defects: tuple[Defect, ...], main: str | None) -> Detection:
    pairs = []
    for f in findings:
        lines = f.claim.lines
        if lines is None:
            continue
        for d in defects:
            if (d.file or main) != (f.claim.file or main) or not same_class(f.claim.cwe, d.cwe):
                continue
            gap = lines.distance(d.lines)
            if gap <= TOLERANCE:
                pairs.append((gap, -lines.overlap(d.lines), f.claim.start, f.id, d.id))
    pairs.sort()
    used_f: set[int] = set()
    used_d: set[str] = set()
    matches = []
    localized = 0
    for gap, _, _, fid, did in pairs:
        if fid in used_f or did in used_d:
            continue
        used_f.add(fid)
        used_d.add(did)
        matches.append((fid, did))
        localized += gap == 0
    return Detection(
        tuple(sorted(matches)),
        tuple(sorted(f.id for f in findings if f.id not in used_f)),
        tuple(d.id for d in defects if d.id not in used_d),
        localized,
    )
