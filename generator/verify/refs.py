"""What a line reference says about its lines, checked against the file's structure.

"Line 7-9: This code imports the necessary modules" is checked by finding the
imports (lines 13-18 in that file) and comparing with the cited range. The
description is read for, in order:

1. a structural part: the licence header, the imports, a docstring;
2. a definition: "defines a (test) class called X", "defines a method called y";
3. names of code: `cast_as_call`, test_local_delete_removes_allocations;
4. words that the code's names and comments are made of: "uses fixtures for
   policy, Neutron and placement" -> policy, fixture, neutron, placement.

The cited lines are correct when they hold what is described: most of a
described region, or half of the described things weighed by how rare each is
in the file (a word on one line says more than a word on twenty; a code name
counts double). wrong_line names where the described content stands together;
a description that names nothing the file has is unverifiable, never wrong.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from generator.model import Claim, Lines, Status
from generator.structure import Structure, stem, subwords
from generator.verify.common import Checker, Outcome, cap

STRUCTURAL = (
    # "licenses the use of the code under the Apache License"
    ("licence", "the licence header", re.compile(r"\blicen[cs]\w*|\bcopyright\b|\bspdx\b", re.I)),
    # "imports the necessary modules", "the import statements", "requires express"
    ("imports", "the imports", re.compile(r"\bimport(?:s|ed|ing)?\b|\brequires?\s+(?:the\s+)?modules?\b|\bincludes?\s+(?:the\s+)?headers?\b", re.I)),
    # "the docstring explains ..."
    ("docstring", "the docstring", re.compile(r"\bdoc\s*strings?\b|\bdocumentation\s+strings?\b", re.I)),
)
# "defines a new test class called TestLocalDeleteAllocations", "defines a method called run"
#          "defines the `Vault` class", "declares a function named `run`"
DEFINES = re.compile(
    r"\b(?:defines?|declares?|introduces?|creates?\s+a\s+new)\b(?:\s+(?:a|an|the|new|test|helper|private|public|static))*"
    r"(?:\s+`?(?P<before>[A-Za-z_$][\w$]*)`?)?\s+(?P<kind>class|method|function|helper)\b"
    r"(?:\s+(?:called|named))?(?:\s+`?(?P<after>[A-Za-z_$][\w$]*)`?)?",
    re.I,
)
# Code names in prose: `x`, snake_case, CamelCase with two humps, dotted names
NAMES = re.compile(r"`([^`\n]+)`|(?<![\w.])([A-Za-z_]\w*_\w+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?![\w.])")
_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")

# Words that say nothing about which lines: English glue and reviewers' verbs.
STOP = set("""
the and for with this that these those from into onto over under then than there their them they its it's
are was were been being has have had does did doing done can could would should will shall may might must
code line lines file here which what when where while who whom whose why how also just only very more most
some any all each every both either neither other such same new old using uses used use make makes made
sets set setup sets up get gets got call calls called named name defines define defined declares declare
contains contain containing includes include including provide provides provided ensure ensures check checks
checking make sure necessary various several certain specific given following above below before after again
part parts section block statement statements function method class value values data test tests testing
scenario environment consider robust instead rather mock real not no yes one two all any many much few
own does doesn way ways thing things case cases""".split())


@dataclass(frozen=True, slots=True)
class Concept:
    label: str  # as the report says it
    lines: frozenset[int]  # where the file has it
    strong: bool  # a code name, not a plain word
    weight: float = 1.0  # how much finding it says: rarer words and code names weigh more


HELD = 0.5  # share of the described things' weight the cited lines must hold
NEAR_ALL = 0.8  # a window holding this share of the weight is as good as one holding all of it


def check_line_ref(claim: Claim, src: Checker) -> Outcome:
    assert claim.lines is not None
    if (oob := src.out_of_range(claim.lines)) is not None:
        return oob
    cited = claim.lines
    desc = claim.description or ""
    s = src.structure
    for kind, what, pattern in STRUCTURAL:
        if pattern.search(desc):
            return _region(kind, what, cited, s)
    m = DEFINES.search(desc)
    if m:
        name = m.group("before") or m.group("after")
        if name and (name.lower() in STOP or name.lower() in ("a", "an", "the", "and", "which", "that", "with")):
            name = m.group("after") if m.group("before") else None
        outcome = _definition(m.group("kind").lower(), name, cited, s)
        if outcome is not None:
            return outcome
    concepts = _concepts(desc, s)
    if not concepts:
        return Outcome(Status.UNVERIFIABLE, None,
                       f"{cap(cited.label())} exist{_s(cited)}; the description names nothing that can be found in the code.")
    return _judge(cited, concepts, s)


def _region(kind: str, what: str, cited: Lines, s: Structure) -> Outcome:
    regions = s.regions_of(kind)
    if not regions:
        return Outcome(Status.NOT_IN_SOURCE, None, f"The report describes {what}; the file has none.")
    best = max(regions, key=lambda r: (r.lines.overlap(cited), -r.lines.distance(cited)))
    r = best.lines
    inside = r.overlap(cited)
    if inside >= 0.5 * len(cited) or inside == len(r):
        return Outcome(Status.CORRECT, None, f"{cap(cited.label())} {'is' if len(cited) == 1 else 'are'} in {what} ({r.label()}).")
    near = min(regions, key=lambda x: (x.lines.distance(cited), x.lines.start)).lines
    return Outcome(Status.WRONG_LINE, near, f"The report describes {what}, which {'is' if len(near) == 1 else 'are'} on {near.label()}, not {cited.label()}.")


def _definition(kind: str, name: str | None, cited: Lines, s: Structure) -> Outcome | None:
    wanted = {"class": {"class"}, "method": {"method", "function"}, "function": {"function", "method"},
              "helper": {"function", "method"}}[kind]
    if name and name.lower() in ("called", "named", "that", "which", "to", "for"):
        name = None
    defs = [d for d in s.definitions if d.kind in wanted and (name is None or d.name == name)]
    if not defs:
        if name and not s.definitions_named(name) and not s.code_names.get(name):
            return Outcome(Status.NOT_IN_SOURCE, None, f"The report describes the definition of {kind} `{name}`; the file defines no such {kind}.")
        return None
    best = min(defs, key=lambda d: (d.header.distance(cited), d.header.start))
    label = f"{best.kind} `{best.name}`"
    if best.header.overlaps(cited):
        return Outcome(Status.CORRECT, None, f"The {label} is defined on {best.header.label()}, within the cited lines.")
    return Outcome(Status.WRONG_LINE, best.header, f"The {label} is defined on {best.header.label()}, not on {cited.label()}.")


def _concepts(desc: str, s: Structure) -> list[Concept]:
    concepts: dict[str, Concept] = {}
    taken: list[tuple[int, int]] = []
    for m in NAMES.finditer(desc):
        raw = (m.group(1) or m.group(2)).strip().removesuffix("()")
        # Quoted code ("`18 ADMIN_TOKEN = ...`") contributes the names in it.
        names = [raw] if re.fullmatch(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*", raw) else \
            [n.group(2) for n in NAMES.finditer(raw) if n.group(2)]
        for name in names:
            occurrences = set(s.code_occurrences(name))
            lines = set(occurrences)
            for d in s.definitions_named(name.rsplit(".", 1)[-1]):
                lines |= set(d.extent)  # "`check_login` does X" may cite any line of its body
            if lines:
                concepts[name] = Concept(name, frozenset(lines), True, 2 * _rarity(max(1, len(occurrences)), s.n_lines))
        if m.group(1) is not None:
            taken.append(m.span())  # words inside quoted code are not prose
    limit = max(3, 0.4 * s.n_lines)  # a word on most lines locates nothing
    for m in _WORDS.finditer(desc):
        if any(a <= m.start() < b for a, b in taken):
            continue
        word = m.group()
        if word.lower() in STOP:
            continue
        parts = subwords(word) if re.search(r"[a-z][A-Z]", word) else [word]
        for part in parts:
            key = stem(part)
            if len(key) < 3 or key in concepts or part.lower() in STOP:
                continue
            lines = s.words.get(key)
            if lines and len(lines) <= limit:
                concepts[key] = Concept(part.lower(), frozenset(lines), False, _rarity(len(lines), s.n_lines))
    return list(concepts.values())


def _rarity(count: int, n_lines: int) -> float:
    """Inverse document frequency over lines: log(n / count), at least a little."""
    return max(0.25, math.log((n_lines + 1) / count))


def _judge(cited: Lines, concepts: list[Concept], s: Structure) -> Outcome:
    held = [c for c in concepts if any(n in cited for n in c.lines)]
    if _weight(held) >= HELD * _weight(concepts):
        rest = [c for c in concepts if c not in held]
        elsewhere = f"; {_labels(rest)} {'is' if len(rest) == 1 else 'are'} elsewhere" if rest else ""
        return Outcome(Status.CORRECT, None, f"{cap(cited.label())} hold{_s(cited)} {_labels(held)}, as described{elsewhere}.")
    window, covered = _window(concepts, cited)
    strong = any(c.strong for c in covered)
    if window is None or _weight(covered) <= _weight(held) or (len(covered) < 2 and not strong):
        return Outcome(Status.UNVERIFIABLE, None,
                       f"{cap(cited.label())} hold{_s(cited)} {_labels(held) if held else 'none'} of what is described "
                       f"({_labels(concepts)}), and it does not stand together elsewhere.")
    missing = [c for c in covered if c not in held]
    if held:
        has = f"only {_labels(held)} and lack{_s(cited)} {_labels(missing)}"
    else:
        has = "none of it"
    return Outcome(Status.WRONG_LINE, window,
                   f"What is described ({_labels(covered)}) stands together on {window.label()}; "
                   f"{cited.label()} hold{_s(cited)} {has}.")


def _weight(concepts: list[Concept]) -> float:
    return sum(c.weight for c in concepts)


def _window(concepts: list[Concept], cited: Lines) -> tuple[Lines | None, list[Concept]]:
    """The smallest run of lines (at most a screenful, or three times the cited
    range) holding nearly as much of the described weight as any run can,
    nearest the cited lines."""
    limit = max(15, 3 * len(cited))
    at: dict[int, list[int]] = {}
    for i, c in enumerate(concepts):
        for n in c.lines:
            at.setdefault(n, []).append(i)
    starts = sorted(at)
    candidates = []  # (weight, window, concept indexes)
    for a_pos, a in enumerate(starts):
        seen: set[int] = set()
        for b in starts[a_pos:]:
            if b - a + 1 > limit:
                break
            new = set(at[b]) - seen
            if not new and b != a:
                continue
            seen |= new
            candidates.append((sum(concepts[i].weight for i in seen), Lines(a, b), frozenset(seen)))
    if not candidates:
        return None, []
    best_weight = max(w for w, _, _ in candidates)
    good = [c for c in candidates if c[0] >= NEAR_ALL * best_weight]
    _, window, idx = min(good, key=lambda c: (c[1].end - c[1].start, c[1].distance(cited), -c[0], c[1].start))
    return window, [concepts[i] for i in sorted(idx)]


def _labels(concepts: list[Concept]) -> str:
    names = [f"`{c.label}`" if c.strong else c.label for c in concepts[:5]]
    more = f" and {len(concepts) - 5} more" if len(concepts) > 5 else ""
    if len(names) == 1:
        return names[0] + more
    return ", ".join(names[:-1]) + " and " + names[-1] + more


def _s(lines: Lines, verb: bool = False) -> str:
    """The verb's -s for 'line 5 holds' / 'lines 5-6 hold'."""
    return "s" if lines.start == lines.end else ""
