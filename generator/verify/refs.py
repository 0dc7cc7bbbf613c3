"""What a line reference says about its lines, checked against the file.

The description (extract/describe.py) is read for, in order:

1. a structural part: the licence header, the imports, a docstring;
2. a definition: "defines a (test) class called X", "defines a method called y";
3. what it names of the code (evidence.py): names, quoted or not, a run of
   words that spells a name, a number the code uses;
4. failing those, its words, weighed by how rare each is in the file.

- correct: the cited lines themselves hold most of what the description names,
  weighed by rarity; with nothing named, most of its words. There is no
  slack: a reference two lines off is what reviewers get wrong, and what a
  reader checks them for;
- wrong_line: only on specific evidence: none of the named code is on the
  cited lines and it stands together elsewhere (actual_lines says where);
  words of the reviewer's prose never accuse;
- not_in_source: the description names a region or definition the file does not have;
- out_of_range: the range leaves the file;
- unverifiable: anything weaker, with the reason.
"""

from __future__ import annotations

import re

from reviewlens.model import Claim, Lines, Status
from reviewlens.verify.common import IndexedSource, Outcome, cap, shown
from reviewlens.lexicon import PROSE
from reviewlens.verify.evidence import MOST_LINES, Item, evidence
from reviewlens.verify.structure import Structure
from reviewlens.verify.words import stem, subwords

STRUCTURAL = (
    # "licenses the use of the code under the Apache License"
    ("licence", "the licence header", re.compile(r"\blicen[cs]\w*|\bcopyright\b|\bspdx\b", re.I)),
    # "imports the necessary modules", "the import statements", "requires express"
    ("imports", "the imports", re.compile(r"\bimport(?:s|ed|ing)?\b|\brequires?\s+(?:the\s+)?modules?\b|\bincludes?\s+(?:the\s+)?headers?\b", re.I)),
    # "the docstring explains ..."
    ("docstring", "the docstring", re.compile(r"\bdoc\s*strings?\b|\bdocumentation\s+strings?\b", re.I)),
)
# "the comment on line 94", "代码注释" (code comments): confirmed by comment lines, never
# held against others (comments are everywhere)
COMMENTS = re.compile(r"\bcomments?\b|注释", re.I)
# "defines a new test class called TestLocalDeleteAllocations", "defines a method called run"
#          "defines the `Vault` class", "declares a function named `run`"
DEFINES = re.compile(
    r"\b(?:defines?|declares?|introduces?|creates?\s+a\s+new)\b(?:\s+(?:a|an|the|new|test|helper|private|public|static))*"
    r"(?:\s+`?(?P<before>[A-Za-z_$][\w$]*)`?)?\s+(?P<kind>class|method|function|helper)\b"
    r"(?:\s+(?:called|named))?(?:\s+`?(?P<after>[A-Za-z_$][\w$]*)`?)?",
    re.I,
)

HELD = 0.5  # share of the described weight the cited lines must hold
NEAR_ALL = 0.8  # a window holding this share of the weight is as good as one holding all of it


RARE_WORD = 2  # a word of prose on at most this many of the file's lines confirms a citation by itself
SLACK = 3  # lines either way an approximate citation ("~line 132", "line 2-15 area") may be off


def check_line_ref(claim: Claim, src: IndexedSource) -> Outcome:
    assert claim.lines is not None
    if (oob := src.out_of_range(claim.lines)) is not None:
        return oob
    cited = claim.lines
    reach = _widened(cited, src.n_lines) if claim.approx else cited  # what an approximate citation may mean
    desc = claim.description or ""
    s = src.structure
    for kind, what, pattern in STRUCTURAL:
        if pattern.search(desc):
            return _region(kind, what, cited, s)
    if COMMENTS.search(desc):
        comments = [n for n in cited if n in s.comment_lines]
        if len(comments) >= 0.5 * len(cited):
            return Outcome(Status.CORRECT, None, f"{cap(cited.label())} {_be(cited)} comments, as described.")
    m = DEFINES.search(desc)
    if m:
        name = m.group("before") or m.group("after")
        if name and (name.lower() in PROSE or name.lower() in ("a", "an", "the", "and", "which", "that", "with")):
            name = m.group("after") if m.group("before") else None
        outcome = _definition(m.group("kind").lower(), name, cited, s)
        if outcome is not None:
            return outcome
    if claim.quote and (quoted := _quoted(claim.quote, cited, reach, src)) is not None:
        return quoted
    items = src.evidence(desc, evidence, _file_words(src.path))
    named = [i for i in items if i.specific]
    if named and len(claim.together) > 1:
        outcome = _judge_part(cited, claim.together, named, s, reach)
    elif named:
        outcome = _judge_named(cited, named, s, reach)
    elif items:
        outcome = _judge_words(cited, items, s, reach)
    else:
        outcome = Outcome(Status.UNVERIFIABLE, None,
                          f"{cap(cited.label())} {_be(cited)} {summary(cited, s)}; the description names nothing the file has.")
    if outcome.status is Status.UNVERIFIABLE and claim.context:
        outcome = _confirmed(claim, cited, reach, src) or outcome
    if outcome.status is Status.UNVERIFIABLE and claim.subject is not None and all(i.hallmark for i in named):
        outcome = _uses_subject(claim.subject, cited, reach, src) or outcome
    return outcome


def _widened(cited: Lines, n_lines: int) -> Lines:
    return Lines(max(1, cited.start - SLACK), min(n_lines, cited.end + SLACK))


def _quoted(quote: str, cited: Lines, reach: Lines, src: IndexedSource) -> Outcome | None:
    """A statement bound to the citation ("`if key in cache: return` (line 122)", the code a
    "// Line 88" comment annotates): it is checked on the cited lines as a quote. Not found
    anywhere, it may be a paraphrase: the names in it are weighed instead (None)."""
    matches = src.index.locate(quote, short=6)
    if not matches:
        return None
    here = [m for m in matches if m.lines.overlaps(reach)]
    if here:
        return Outcome(Status.CORRECT, None, f"{cap(cited.label())} {_be(cited)} {shown(quote)}, as quoted"
                                             f"{f' ({here[0].note})' if here[0].note else ''}.")
    best = min(matches, key=lambda m: (m.lines.distance(cited), m.lines.start))
    return Outcome(Status.WRONG_LINE, best.lines,
                   f"{cap(cited.label())} {_be(cited)} not {shown(quote)}; that code is on {best.lines.label()}.")


# A numbered quote in the context: `47 rows = db.execute(q)`
_NUMBERED = re.compile(r"`(?P<line>\d{1,7})[ \t]+(?P<code>[^`\n]{4,})`")


def _confirmed(claim: Claim, cited: Lines, reach: Lines, src: IndexedSource) -> Outcome | None:
    """The context (item, paragraph, finding) may confirm what the citation's own words could not:
    names it gives, specific to the file, most of whose weight is on the cited lines. It never accuses."""
    s = src.structure
    items = [i for i in src.evidence(claim.context, evidence, _file_words(src.path)) if i.specific and not i.hallmark]
    held = [i for i in items if any(n in reach for n in i.lines)]
    if not held:
        return None
    for m in _NUMBERED.finditer(claim.context):
        if int(m.group("line")) in reach:
            found = src.index.locate(m.group("code"))
            if found and not any(f.lines.overlaps(reach) for f in found):
                return None  # the context quotes these lines' code, and it stands elsewhere: the numbers are off
    return Outcome(Status.CORRECT, None, f"{cap(cited.label())} {_be(cited)} {summary(cited, s)}, with {_labels(held)}, "
                                         "which the text around the citation names.")


# What a line assigns: the last name before a lone "=" or ":=" ("static final String KEY = ...", "key := ...")
_ASSIGNS = re.compile(r"([A-Za-z_$][\w$]*)\s*(?::\s*[\w$.<>\[\], ]+)?\s*:?=(?!=)")


def _uses_subject(subject: Lines, cited: Lines, reach: Lines, src: IndexedSource) -> Outcome | None:
    """A citation whose words name no code, in a finding located elsewhere ("the key is used for
    signing (line 73)" under a finding at lines 45-46): the cited lines use what the finding's lines
    assign, a name specific to a few lines of the file. It confirms, never accuses."""
    s = src.structure
    if not src.index.in_range(subject):
        return None
    limit = max(3, MOST_LINES * s.n_lines)
    assigned = {m.group(1) for n in subject for m in _ASSIGNS.finditer(s.code_text[n - 1])}
    used = sorted(name for name in assigned
                  if name not in s.keywords and len(found := set(s.code_names.get(name, ()))) <= limit
                  and any(n in reach for n in found))
    if not used:
        return None
    names = _joined([f"`{n}`" for n in used[:3]])
    return Outcome(Status.CORRECT, None, f"{cap(cited.label())} {_be(cited)} {summary(cited, s)}, using {names}, "
                                         f"which the finding's own {subject.label()} {_be(subject)} about.")


def _file_words(path: str) -> frozenset[str]:
    """The words of the file's own name ("massive_client.py": massive, client): a reviewer says them of everything."""
    return frozenset(stem(w) for w in subwords(path.rsplit("/", 1)[-1].rsplit(".", 1)[0]))


def _judge_named(cited: Lines, named: list[Item], s: Structure, reach: Lines) -> Outcome:
    """reach: the lines the citation may mean (the cited ones; an approximate one's, a few either way)."""
    # Names in code marks are the reviewer's explicit pointers: where there are some, they decide
    # (a word of prose that happens to spell a name, "env vars" for `vars`, does not outweigh them).
    pointers = [i for i in named if i.quoted] or named
    held = [i for i in pointers if any(n in reach for n in i.lines)]
    if held and _weight(held) >= HELD * _weight(pointers):
        rest = [i for i in pointers if i not in held]
        elsewhere = f"; {_labels(rest)} {_be_n(rest)} elsewhere" if rest else ""
        what = summary(cited, s)
        unsaid = [i for i in held if i.label not in what]
        return Outcome(Status.CORRECT, None, f"{cap(cited.label())} {_be(cited)} {what}"
                                             f"{f', with {_labels(unsaid)}' if unsaid else ''}, as described{elsewhere}.")
    # Wrong only when none of what is named, in code marks or not, is on the cited lines.
    held = [i for i in named if any(n in reach for n in i.lines)]
    if held:
        rest = [i for i in named if i not in held]
        return Outcome(Status.UNVERIFIABLE, None,
                       f"{cap(cited.label())} {_be(cited)} {summary(cited, s)}, with {_labels(held)}; "
                       f"the rest of what is named ({_labels(rest)}) is elsewhere.")
    # Where it stands instead: by what the claim names (a defect class's hallmark only confirms).
    placing = [i for i in named if not i.hallmark]
    if not placing:
        return Outcome(Status.UNVERIFIABLE, None,
                       f"{cap(_labels(named))} {_be_n(named)} not on {cited.label()}; the kind of code a defect needs "
                       "confirms a citation but cannot place one.")
    named = placing
    window, covered = _window(named, cited)
    if window is not None and window.overlaps(reach):
        window = None  # an approximate citation that comes near: not wrong, and not placed either
    if window is None or _weight(covered) < NEAR_ALL * _weight(named):
        return Outcome(Status.UNVERIFIABLE, None,
                       f"{_labels(named)} {_be_n(named)} not on {cited.label()}, and {_they(named)} {_stand(named)} "
                       "together nowhere else; the reference cannot be placed.")
    return Outcome(Status.WRONG_LINE, window,
                   f"{_labels(covered)} {_be_n(covered)} not on {cited.label()}; "
                   f"{_they(covered)} {_stand(covered)} on {window.label()}, {summary(window, s)}.")


def _judge_part(cited: Lines, together: tuple[Lines, ...], named: list[Item], s: Structure, reach: Lines) -> Outcome:
    """One range of a list citation ("19-22, 47-49 are the helper and the handler"):
    what the list names is spread over its ranges. The range is right when it holds
    some of it and the ranges together hold most; it is wrong only when no range does."""
    here = [i for i in named if any(n in reach for n in i.lines)]
    anywhere = [i for i in named if any(n in part for part in together for n in i.lines)]
    if here and _weight(anywhere) >= HELD * _weight(named):
        what = summary(cited, s)
        unsaid = [i for i in here if i.label not in what]
        return Outcome(Status.CORRECT, None, f"{cap(cited.label())} {_be(cited)} {what}"
                                             f"{f', with {_labels(unsaid)}' if unsaid else ''}, as described "
                                             "(with the other lines cited with it).")
    if anywhere:
        return Outcome(Status.UNVERIFIABLE, None,
                       f"{cap(cited.label())} {_be(cited)} {summary(cited, s)}; what the list describes "
                       f"({_labels(anywhere)}) is on the other lines cited with it.")
    return _judge_named(cited, named, s, reach)  # no range of the list holds any of it: judged as a citation alone


def _judge_words(cited: Lines, words: list[Item], s: Structure, reach: Lines) -> Outcome:
    held = [i for i in words if any(n in reach for n in i.lines)]
    # two words of the description there, or one the file has on at most RARE_WORD lines
    enough = len(held) >= min(2, len(words)) or any(len(i.lines) <= RARE_WORD for i in held)
    if enough and _weight(held) >= HELD * _weight(words):
        return Outcome(Status.CORRECT, None, f"{cap(cited.label())} {_be(cited)} {summary(cited, s)}, as described.")
    return Outcome(Status.UNVERIFIABLE, None,
                   f"{cap(cited.label())} {_be(cited)} {summary(cited, s)}; the description names no code of the file, "
                   f"only words of prose ({_labels(words[:3])}), which cannot place it.")


def summary(lines: Lines, s: Structure) -> str:
    """What a run of lines is, as a reviewer says it: "the class header and `setUp`",
    "in `add_ticker` (lines 122-146)", "the imports", "comments"."""
    parts = []
    for r in s.regions:
        if r.lines.overlaps(lines) and r.kind != "docstring":
            parts.append("the licence header" if r.kind == "licence" else "the imports")
    headed = [d for d in s.definitions if d.header.overlaps(lines)]
    for d in headed[:3]:
        if d.kind == "class":
            parts.append(f"the class `{d.name}` header")
        else:  # "`run` (lines 59-102)" where the definition runs past the cited lines
            parts.append(f"`{d.name}`" + (f" ({d.extent.label()})" if not (d.extent.start in lines and d.extent.end in lines) else ""))
    if len(headed) > 3:
        parts.append(f"{len(headed) - 3} more definitions")
    if parts:
        return _joined(parts)
    inside = [d for d in s.definitions if lines.start in d.extent and lines.end in d.extent]
    if inside:
        d = min(inside, key=lambda d: len(d.extent))
        return f"in `{d.name}` ({d.extent.label()})"
    if all(n in s.comment_lines or not s.code_text[n - 1].strip() for n in lines):
        return "comments" if any(n in s.comment_lines for n in lines) else "blank"
    return "code outside any definition"


def _region(kind: str, what: str, cited: Lines, s: Structure) -> Outcome:
    regions = s.regions_of(kind)
    if not regions:
        return Outcome(Status.NOT_IN_SOURCE, None, f"The report describes {what}; the file has none.")
    best = max(regions, key=lambda r: (r.lines.overlap(cited), -r.lines.distance(cited)))
    r = best.lines
    inside = r.overlap(cited)
    if inside >= 0.5 * len(cited) or inside == len(r):
        return Outcome(Status.CORRECT, None, f"{cap(cited.label())} {_be(cited)} in {what} ({r.label()}).")
    near = min(regions, key=lambda x: (x.lines.distance(cited), x.lines.start)).lines
    return Outcome(Status.WRONG_LINE, near, f"The report describes {what}, which {_be(near)} on {near.label()}, not {cited.label()}.")


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
    if name is None:
        return None  # "defines a method": which one is not said, so no line can be wrong
    return Outcome(Status.WRONG_LINE, best.header, f"The {label} is defined on {best.header.label()}, not on {cited.label()}.")


def _weight(items: list[Item]) -> float:
    return sum(i.weight for i in items)


def _window(items: list[Item], cited: Lines) -> tuple[Lines | None, list[Item]]:
    """The smallest run of lines (at most a screenful, or three times the cited
    range) holding nearly as much of the named weight as any run can, nearest
    the cited lines."""
    limit = max(15, 3 * len(cited))
    at: dict[int, list[int]] = {}
    for i, item in enumerate(items):
        for n in item.lines:
            at.setdefault(n, []).append(i)
    starts = sorted(at)
    candidates = []  # (weight, window, item indexes)
    for a_pos, a in enumerate(starts):
        seen: set[int] = set()
        for b in starts[a_pos:]:
            if b - a + 1 > limit:
                break
            new = set(at[b]) - seen
            if not new and b != a:
                continue
            seen |= new
            candidates.append((sum(items[i].weight for i in seen), Lines(a, b), frozenset(seen)))
    if not candidates:
        return None, []
    best_weight = max(w for w, _, _ in candidates)
    good = [c for c in candidates if c[0] >= NEAR_ALL * best_weight]
    _, window, idx = min(good, key=lambda c: (c[1].end - c[1].start, c[1].distance(cited), -c[0], c[1].start))
    return window, [items[i] for i in sorted(idx)]


def _labels(items: list[Item]) -> str:
    names = [i.label for i in items[:5]]
    more = f" and {len(items) - 5} more" if len(items) > 5 else ""
    if len(names) == 1:
        return names[0] + more
    return ", ".join(names[:-1]) + " and " + names[-1] + more


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _be(lines: Lines) -> str:
    return "is" if len(lines) == 1 else "are"


def _be_n(items: list) -> str:
    return "is" if len(items) == 1 else "are"


def _they(items: list) -> str:
    return "it" if len(items) == 1 else "they"


def _stand(items: list) -> str:
    return "stands" if len(items) == 1 else "stand"
