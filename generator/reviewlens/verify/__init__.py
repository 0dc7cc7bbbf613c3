"""Stage 3: check each claim against the source and say why, in one sentence.

One function per claim kind, in CHECKS, each in the module of its concern:
quotes.py (code quoted with or without a line number), refs.py (what a line
reference says about its lines), names.py (identifiers and what the report
says they are), findings.py (defects). Each returns an Outcome.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from reviewlens.budget import UNLIMITED, Budget
from reviewlens.lexicon import declared_folder, same_file_path
from reviewlens.messages import because
from reviewlens.model import Checked, Claim, Kind, Lines, Reason, Source, Status
from reviewlens.verify import behaviour, findings, names, quotes, refs
from reviewlens.verify.common import IndexedSource, Outcome

CHECKS: dict[Kind, Callable[[Claim, IndexedSource], Outcome]] = {
    Kind.LINE_QUOTE: quotes.check_line_quote,
    Kind.CODE_QUOTE: quotes.check_code_quote,
    Kind.LINE_REF: refs.check_line_ref,
    Kind.IDENTIFIER: names.check_identifier,
    Kind.FINDING: findings.check_finding,
    Kind.VERDICT: quotes.check_verdict,
    Kind.BEHAVIOUR: behaviour.check_behaviour,
}


class CaseSources:
    """A case's files, each indexed once, and which one a claim is about.

    A claim that names no file is about the main source. A named path is the
    main source when it is a tail of the main source's path in its repository
    (case.yaml `upstream.path`: "modules/x.py" and "x.py" name "nxc/modules/x.py",
    "src/x.py" does not), or, where that is unknown, when either path ends with
    the other; for the other files, by their path in the case.
    """

    def __init__(self, sources: tuple[Source, ...], upstream_path: str | None = None):
        self.files = [IndexedSource(s) for s in sources]
        # Each file's path in its repository, where known: the main one's from case.yaml; failing
        # that, the tail its package declaration gives ("org/acme/web/Config.java"), a tail any
        # longer path naming it ends with.
        self._known = [_norm(upstream_path) if i == 0 and upstream_path else None for i in range(len(sources))]
        self._tails = [None if known else _declared(s) for s, known in zip(sources, self._known)]

    def for_file(self, name: str | None) -> IndexedSource | Reason:
        """The file a claim naming `name` is about, or the reason none is."""
        if not self.files:
            return because("file.none")
        if not name:
            return self.files[0]
        want = _norm(name)
        matches = []
        for indexed, known, tail in zip(self.files, self._known, self._tails):
            if known is not None:
                hit = known == want or known.endswith("/" + want)
            else:
                hit = same_file_path(tail if tail is not None else indexed.path, want)
            if hit:
                matches.append(indexed)
        if len(matches) == 1:
            return matches[0]
        if not matches:
            return because("file.not_held", name=name)
        return because("file.several", name=name)

    def alike(self, named: tuple[str, ...]) -> set[str]:
        """Paths a report names that differ but all end with the main source's name
        ("container/Config.java", "webwolf/Config.java"), where the case does not say
        which one it holds (no `upstream.path`): any of them may be this file or another."""
        if not self.files or self._known[0] is not None or self._tails[0] is not None:
            return set()
        base = self.files[0].path.rsplit("/", 1)[-1]
        paths = {_norm(f) for f in named if "/" in f and _norm(f).rsplit("/", 1)[-1] == base}
        return paths if len(paths) >= 2 else set()


def _declared(source: Source) -> str | None:
    folder = declared_folder(source.text, source.language)
    return f"{folder}/{source.path.rsplit('/', 1)[-1]}" if folder else None


def _norm(path: str) -> str:
    path = path.replace("\\", "/")
    while path.startswith(("./", "/")):
        path = path[1:] if path.startswith("/") else path[2:]
    return path


def verify(claims: list[Claim], text: str, sources: CaseSources, budget: Budget = UNLIMITED,
           reviewed: tuple[str, ...] = ()) -> tuple[Checked, ...]:
    """Check every claim; ids follow span order, so anchors are stable.

    reviewed: the code files the report names. Where some are files this case
    does not hold, a name or quote absent from this file may be theirs: it is
    unverifiable, not invented. Raises OverBudget when the budget runs out first."""
    others = [f for f in reviewed if isinstance(sources.for_file(f), Reason)]
    alike = sources.alike(reviewed)
    checked: list[Checked] = []
    for n, claim in enumerate(claims, start=1):
        budget.check()
        src = sources.for_file(claim.file)
        if claim.file and _norm(claim.file) in alike:
            src = because("file.alike", name=claim.file.rsplit("/", 1)[-1], files=sorted(alike), count=len(alike))
        if isinstance(src, Reason):  # no file of the case: why
            outcome, file = _elsewhere(claim, src, sources)
        else:
            outcome, file = CHECKS[claim.kind](claim, src), src.path
            if others and outcome.status is Status.NOT_IN_SOURCE and "absent" in outcome.tags and \
                    claim.kind in (Kind.IDENTIFIER, Kind.CODE_QUOTE):
                outcome = _maybe_theirs(claim, outcome, others)
        if outcome.located is not None:
            claim = replace(claim, lines=outcome.located)
        claim = replace(claim, file=file)
        checked.append(Checked(n, claim, text[claim.start : claim.end], outcome.status, outcome.actual_lines, outcome.reason,
                               outcome.tags))
    return tuple(_another_version(checked, sources))


SHIFTED_MIN = 3  # citations that must fit the file moved by one offset before the report is said to have read another version
SHIFT_MAX = 60  # lines: a version of the file this far apart is not "the same file moved"
_PLACED = (Kind.LINE_QUOTE, Kind.LINE_REF, Kind.FINDING)


def _another_version(checked: list[Checked], sources: CaseSources) -> list[Checked]:
    """When several citations (at least half of those placed) fit the main file moved by the same
    few lines, the report read
    another version of it: say so on each of them (wrong_line, with the offset), and mark
    the line references that hold their description at that offset the same way."""
    if not sources.files:
        return checked
    main = sources.files[0]
    offsets = Counter(c.actual_lines.start - c.claim.lines.start for c in checked
                      if c.status is Status.WRONG_LINE and c.claim.kind in _PLACED and c.claim.file == main.path
                      and c.actual_lines is not None and c.claim.lines is not None
                      and len(c.actual_lines) == len(c.claim.lines))
    if not offsets:
        return checked
    shift, count = offsets.most_common(1)[0]
    placed = sum(1 for c in checked if c.claim.kind in _PLACED and c.status in (Status.CORRECT, Status.WRONG_LINE))
    if count < SHIFTED_MIN or count < placed / 2 or shift == 0 or abs(shift) > SHIFT_MAX:
        return checked  # a few slips in a report that mostly cites this file right are slips, not another version
    out = []
    for c in checked:
        lines = c.claim.lines
        if c.claim.kind in _PLACED and c.claim.file == main.path and lines is not None and c.status is not Status.CORRECT:
            moved = Lines(lines.start + shift, lines.end + shift) if lines.start + shift >= 1 else None
            if c.status is Status.WRONG_LINE and c.actual_lines is not None and c.actual_lines.start - lines.start == shift:
                c = replace(c, reason=because("version.moved", here=c.reason, shift=shift), tags=c.tags + ("shifted",))
            elif moved is not None and c.claim.kind is Kind.LINE_REF and main.index.in_range(moved):
                there = CHECKS[Kind.LINE_REF](replace(c.claim, lines=moved, together=()), main)
                if there.status is Status.CORRECT:
                    c = replace(c, status=Status.WRONG_LINE, actual_lines=moved, tags=c.tags + ("shifted",),
                                reason=because("version.ref_moved", cited=lines, moved=moved, shift=shift))
        out.append(c)
    return out


# A name this file defines (its class, function, method, a class's attribute): where the report is read as placing
# it in another file, the placement (inferred from the files named around it) is the doubtful part.
DEFINED_HERE = frozenset({"name.defined", "name.member", "name.called_on_object", "name.attribute_of"})


def _elsewhere(claim: Claim, why: Reason, sources: CaseSources) -> tuple[Outcome, str | None]:
    """A claim about a file the case does not hold is unverifiable, naming it. A name the report
    places there is still looked up in the main source: where this file defines it, it is shown as
    found (never a point for the report, score/); where it only occurs here (an import, a call, a
    word in a string), that says nothing of the other file, and the claim stays unverifiable."""
    if claim.kind is Kind.IDENTIFIER and sources.files:
        main = sources.files[0]
        here = CHECKS[claim.kind](claim, main)
        if here.status is Status.CORRECT and here.reason.code in DEFINED_HERE:
            return replace(here, reason=because("file.placed_elsewhere", here=here.reason, file=claim.file),
                           tags=here.tags + ("elsewhere",)), main.path
        if here.status is Status.CORRECT:
            return Outcome(Status.UNVERIFIABLE, None, because("file.occurs_here_too", here=here.reason, file=claim.file),
                           tags=here.tags + ("elsewhere",)), claim.file
    return Outcome(Status.UNVERIFIABLE, None, why), claim.file


def _maybe_theirs(claim: Claim, outcome: Outcome, others: list[str]) -> Outcome:
    named = claim.name if claim.kind is Kind.IDENTIFIER else None
    return Outcome(Status.UNVERIFIABLE, None, because("file.maybe_theirs", name=named, quote=claim.quote, others=others),
                   tags=outcome.tags)
