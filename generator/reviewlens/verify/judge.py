"""One judgement over the evidence items of a line reference (evidence/).

- correct: the cited lines (with an approximate citation's slack: `reach`) hold
  at least half of what the description names, weighed by rarity; names in
  code marks, the reviewer's explicit pointers, decide where there are some;
  with no code named, two words of the prose, or one the file has on at most
  RARE_WORD lines;
- wrong_line: only on specific evidence: none of the named code is on the
  cited lines, and nearly all of it stands together in one window elsewhere
  (that window is where the citation should point); a defect class's hallmark
  and words of prose never accuse;
- unverifiable: anything weaker, with what was found where.

A list citation ("19-22, 47-49 are the helper and the handler") is judged with
its other ranges: each range must hold some of what the list names, and the
ranges together most of it.
"""

from __future__ import annotations

from reviewlens.messages import because
from reviewlens.model import Lines, Status
from reviewlens.verify.common import Outcome, place_of
from reviewlens.verify.evidence import Item
from reviewlens.verify.structure import Structure

HELD = 0.5  # share of the described weight the cited lines must hold
NEAR_ALL = 0.8  # a window holding this share of the weight is as good as one holding all of it
RARE_WORD = 2  # a word of prose on at most this many of the file's lines confirms a citation by itself


def judge(cited: Lines, together: tuple[Lines, ...], items: list[Item], s: Structure, reach: Lines) -> Outcome:
    named = [i for i in items if i.specific]
    if named and len(together) > 1:
        return _part(cited, together, named, s, reach)
    if named:
        return _named(cited, named, s, reach)
    if items:
        return _words(cited, items, s, reach)
    return Outcome(Status.UNVERIFIABLE, None, because("ref.names_nothing", cited=cited, where=place_of(cited, s)))


def _named(cited: Lines, named: list[Item], s: Structure, reach: Lines) -> Outcome:
    # Names in code marks are the reviewer's explicit pointers: where there are some, they decide
    # (a word of prose that happens to spell a name, "env vars" for `vars`, does not outweigh them).
    pointers = [i for i in named if i.quoted] or named
    held = _held(pointers, reach)
    if held and _weight(held) >= HELD * _weight(pointers):
        return Outcome(Status.CORRECT, None, because("ref.held", cited=cited, where=place_of(cited, s), held=_labels(held),
                                                     rest=_labels([i for i in pointers if i not in held])))
    # Wrong only when none of what is named, in code marks or not, is on the cited lines.
    held = _held(named, reach)
    if held:
        return Outcome(Status.UNVERIFIABLE, None, because("ref.partly_held", cited=cited, where=place_of(cited, s),
                                                          held=_labels(held),
                                                          rest=_labels([i for i in named if i not in held])))
    # Where it stands instead: by what the claim names (a defect class's hallmark only confirms).
    placing = [i for i in named if not i.hallmark]
    if not placing:
        return Outcome(Status.UNVERIFIABLE, None, because("ref.hallmark_only", cited=cited, named=_labels(named)))
    window, covered = _window(placing, cited)
    if window is not None and window.overlaps(reach):
        window = None  # an approximate citation that comes near: not wrong, and not placed either
    if window is None or _weight(covered) < NEAR_ALL * _weight(placing):
        return Outcome(Status.UNVERIFIABLE, None, because("ref.unplaced", cited=cited, named=_labels(placing)))
    return Outcome(Status.WRONG_LINE, window, because("ref.elsewhere", cited=cited, named=_labels(covered), found=window,
                                                      there=place_of(window, s)))


def _part(cited: Lines, together: tuple[Lines, ...], named: list[Item], s: Structure, reach: Lines) -> Outcome:
    """One range of a list citation: right when it holds some of what the list names and the
    ranges together hold most; wrong only when no range does."""
    here = _held(named, reach)
    anywhere = [i for i in named if any(n in part for part in together for n in i.lines)]
    if here and _weight(anywhere) >= HELD * _weight(named):
        return Outcome(Status.CORRECT, None, because("ref.list_held", cited=cited, where=place_of(cited, s),
                                                     held=_labels(here)))
    if anywhere:
        return Outcome(Status.UNVERIFIABLE, None, because("ref.list_elsewhere", cited=cited, where=place_of(cited, s),
                                                          named=_labels(anywhere)))
    return _named(cited, named, s, reach)  # no range of the list holds any of it: judged as a citation alone


def _words(cited: Lines, words: list[Item], s: Structure, reach: Lines) -> Outcome:
    held = _held(words, reach)
    # two words of the description there, or one the file has on at most RARE_WORD lines
    enough = len(held) >= min(2, len(words)) or any(len(i.lines) <= RARE_WORD for i in held)
    if enough and _weight(held) >= HELD * _weight(words):
        return Outcome(Status.CORRECT, None, because("ref.words_held", cited=cited, where=place_of(cited, s)))
    return Outcome(Status.UNVERIFIABLE, None, because("ref.only_words", cited=cited, where=place_of(cited, s),
                                                      words=_labels(words[:3])))


def _held(items: list[Item], reach: Lines) -> list[Item]:
    return [i for i in items if any(n in reach for n in i.lines)]


def _labels(items: list[Item]) -> tuple[str, ...]:
    return tuple(i.label for i in items)


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
