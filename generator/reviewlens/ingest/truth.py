"""truth.yaml: the ground truth of a case, validated field by field.

    verdict: no_defects | defects_found
    defects:
      - {id: sqli, title: SQL injection in find, cwe: CWE-89, lines: [24, 25], note: ..., file: lib/x.py}

Every problem names the field ("defects[2].lines"), and lines outside the
source name the line. A defect with a problem is left out; the rest is kept.
"""

from __future__ import annotations

import re
from typing import Any

from reviewlens.model import Defect, Lines, Source, Verdict

_CWE = re.compile(r"^(?:CWE[-\s]?)?(\d{1,4})$", re.I)


def read_truth(data: dict[str, Any], sources: tuple[Source, ...]) -> tuple[Verdict | None, tuple[Defect, ...], list[str]]:
    """(verdict, defects, problems) from a loaded truth.yaml mapping."""
    problems: list[str] = []
    verdict = None
    raw_verdict = data.get("verdict")
    if raw_verdict is not None:
        try:
            verdict = Verdict(str(raw_verdict))
        except ValueError:
            problems.append(f"truth.yaml: verdict {raw_verdict!r} is not one of no_defects, defects_found")
        if verdict is Verdict.UNCLEAR:
            problems.append("truth.yaml: verdict must be no_defects or defects_found")
            verdict = None
    raw = data.get("defects", [])
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        problems.append("truth.yaml: defects must be a list")
        raw = []
    sizes = {s.path: len(s.lines) for s in sources}
    main = sources[0].path if sources else None
    defects = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        where = f"truth.yaml: defects[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where} must be a mapping with id, title, cwe, lines")
            continue
        did = str(item.get("id") or f"d{i + 1}")
        if did in seen:
            problems.append(f"{where}.id {did!r} is used twice")
            continue
        seen.add(did)
        lines = item.get("lines")
        if (not isinstance(lines, list) or len(lines) not in (1, 2)
                or not all(isinstance(n, int) and not isinstance(n, bool) for n in lines)):
            problems.append(f"{where}.lines must be [first, last] line numbers, not {lines!r}")
            continue
        first, last = lines[0], lines[-1]
        if last < first:
            problems.append(f"{where}.lines [{first}, {last}] ends before it starts")
            continue
        file = item.get("file")
        file = str(file) if file else None
        if file is not None and file not in sizes:
            problems.append(f"{where}.file {file!r} is not one of the case's sources")
            continue
        size = sizes.get(file or main or "", 0)
        if sources and not (1 <= first and last <= size):
            bad = first if first < 1 else last
            problems.append(f"{where}.lines names line {bad}, outside {file or main} ({size} lines)")
            continue
        cwe = item.get("cwe")
        cwe_id = None
        if cwe is not None:
            m = _CWE.match(str(cwe).strip())
            if not m:
                problems.append(f"{where}.cwe {cwe!r} is not a CWE id such as CWE-89")
            else:
                cwe_id = f"CWE-{int(m.group(1))}"
        defects.append(Defect(did, str(item.get("title") or did), cwe_id, Lines(first, last),
                              str(item.get("note") or "").strip(), None if file in (None, main) else file))
    if verdict is Verdict.NO_DEFECTS and defects:
        problems.append("truth.yaml: verdict is no_defects but defects are listed")
    if verdict is Verdict.DEFECTS_FOUND and not defects and not raw:
        problems.append("truth.yaml: verdict is defects_found but no defect is listed (under `defects:`), "
                        "so every report's recall and F1 would be 0")
    return verdict, tuple(defects), problems
