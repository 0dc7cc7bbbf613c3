"""What a line reference says about its lines, checked against the file.

The description bound to the citation (extract/binding/) is read, in order, for:

1. a structural part: the licence header, the imports, a docstring, comments;
2. a definition: "defines a (test) class called X", "defines a method called y";
3. a statement bound as a quote ("`if key in cache: return` (line 122)"): it is
   looked for on the cited lines;
4. what it names of the code, by the evidence rules (evidence/), weighed by one
   judge() (judge.py): correct when the cited lines hold most of it, wrong_line
   only when the named code stands together elsewhere, unverifiable otherwise.

What judge() leaves unverifiable may still be confirmed, never accused, by the
text around the citation (its item, paragraph or finding: names there that
stand on the cited lines) or by its finding's subject (a name the finding's
own lines assign, used on the cited lines).

There is no slack beyond an approximate citation's ("~line 132": SLACK lines
either way): a reference two lines off is what reviewers get wrong, and what a
reader checks them for.
"""

from __future__ import annotations

import re

from reviewlens.lexicon import PROSE
from reviewlens.messages import because
from reviewlens.model import Claim, Lines, Status
from reviewlens.verify.common import IndexedSource, Outcome, place_of
from reviewlens.verify.evidence import MOST_LINES, evidence
from reviewlens.verify.judge import judge
from reviewlens.verify.structure import Structure
from reviewlens.verify.words import stem, subwords

STRUCTURAL = (
    # "licenses the use of the code under the Apache License"
    ("licence", re.compile(r"\blicen[cs]\w*|\bcopyright\b|\bspdx\b", re.I)),
    # "imports the necessary modules", "the import statements", "requires express"
    ("imports", re.compile(r"\bimport(?:s|ed|ing)?\b|\brequires?\s+(?:the\s+)?modules?\b|\bincludes?\s+(?:the\s+)?headers?\b", re.I)),
    # "the docstring explains ..."
    ("docstring", re.compile(r"\bdoc\s*strings?\b|\bdocumentation\s+strings?\b", re.I)),
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

SLACK = 3  # lines either way an approximate citation ("~line 132", "line 2-15 area") may be off


def check_line_ref(claim: Claim, src: IndexedSource) -> Outcome:
    assert claim.lines is not None
    if (oob := src.out_of_range(claim.lines)) is not None:
        return oob
    cited = claim.lines
    reach = _widened(cited, src.n_lines) if claim.approx else cited  # what an approximate citation may mean
    desc = claim.description or ""
    s = src.structure
    for kind, pattern in STRUCTURAL:
        if pattern.search(desc):
            return _region(kind, cited, s)
    if COMMENTS.search(desc):
        comments = [n for n in cited if n in s.comment_lines]
        if len(comments) >= 0.5 * len(cited):
            return Outcome(Status.CORRECT, None, because("ref.comments", cited=cited))
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
    outcome = judge(cited, claim.together, items, s, reach)
    if outcome.status is Status.UNVERIFIABLE and claim.context:
        outcome = _confirmed(claim, cited, reach, src) or outcome
    if outcome.status is Status.UNVERIFIABLE and claim.subject is not None and \
            all(i.hallmark for i in items if i.specific):
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
        return Outcome(Status.CORRECT, None, because("ref.quoted", cited=cited, quote=quote, note=here[0].note))
    best = min(matches, key=lambda m: (m.lines.distance(cited), m.lines.start))
    return Outcome(Status.WRONG_LINE, best.lines, because("ref.quoted_elsewhere", cited=cited, quote=quote, found=best.lines))


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
    return Outcome(Status.CORRECT, None, because("ref.context", cited=cited, where=place_of(cited, s),
                                                 held=tuple(i.label for i in held)))


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
    return Outcome(Status.CORRECT, None, because("ref.subject", cited=cited, where=place_of(cited, s), names=used[:3],
                                                 subject=subject))


def _file_words(path: str) -> frozenset[str]:
    """The words of the file's own name ("massive_client.py": massive, client): a reviewer says them of everything."""
    return frozenset(stem(w) for w in subwords(path.rsplit("/", 1)[-1].rsplit(".", 1)[0]))


def _region(kind: str, cited: Lines, s: Structure) -> Outcome:
    regions = s.regions_of(kind)
    if not regions:
        return Outcome(Status.NOT_IN_SOURCE, None, because("ref.no_region", region=kind))
    best = max(regions, key=lambda r: (r.lines.overlap(cited), -r.lines.distance(cited)))
    r = best.lines
    inside = r.overlap(cited)
    if inside >= 0.5 * len(cited) or inside == len(r):
        return Outcome(Status.CORRECT, None, because("ref.in_region", cited=cited, region=kind, found=r))
    near = min(regions, key=lambda x: (x.lines.distance(cited), x.lines.start)).lines
    return Outcome(Status.WRONG_LINE, near, because("ref.region_elsewhere", cited=cited, region=kind, found=near))


def _definition(kind: str, name: str | None, cited: Lines, s: Structure) -> Outcome | None:
    wanted = {"class": {"class"}, "method": {"method", "function"}, "function": {"function", "method"},
              "helper": {"function", "method"}}[kind]
    if name and name.lower() in ("called", "named", "that", "which", "to", "for"):
        name = None
    defs = [d for d in s.definitions if d.kind in wanted and (name is None or d.name == name)]
    if not defs:
        if name and not s.definitions_named(name) and not s.code_names.get(name):
            return Outcome(Status.NOT_IN_SOURCE, None, because("ref.no_definition", kind=kind, name=name))
        return None
    best = min(defs, key=lambda d: (d.header.distance(cited), d.header.start))
    if best.header.overlaps(cited):
        return Outcome(Status.CORRECT, None, because("ref.definition", kind=best.kind, name=best.name, header=best.header))
    if name is None:
        return None  # "defines a method": which one is not said, so no line can be wrong
    return Outcome(Status.WRONG_LINE, best.header,
                   because("ref.definition_elsewhere", kind=best.kind, name=best.name, header=best.header, cited=cited))
