"""What a description names that a file can locate, and where each thing stands.

Specific evidence is what the claim itself names of the code:
- code, quoted or not: `find`, `Vault.find()`, 'exec.Command', snake_case,
  CamelCase and dotted names in prose;
- a run of prose words that spells one of the file's names ("the admin API"
  for `admin_api`, "placement API" for `placement_api`);
- a number the code uses ("divides by 1000" for `/ 1000.0`).
A name is where the file has it as code, in a comment or a string ("the
ResourceTracker mentioned on line 94"), and, for a name the file defines, on
every line of its definition ("`check_login` does X" may cite any line of its
body). Names the file does not have locate nothing and are left out.

Words of the reviewer's prose are weak evidence: they can confirm lines that
hold them, never accuse lines that do not (refs.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from reviewlens import defects
from reviewlens.lexicon import PATH_OR_CITATION, PROSE
from reviewlens.verify.structure import Structure
from reviewlens.verify.words import number_value, stem, subwords

# Code names in prose: `x`, 'x.y', snake_case, CamelCase with two humps, camelCase, dotted names
NAMES = re.compile(
    r"`([^`\n]+)`|'([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(\))?)'"
    r"|(?<![\w.])([A-Za-z_]\w*_\w+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z]+(?:[A-Z][a-z0-9]*)+|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?![\w.])"
)
_NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")
_ROLE_NAMED = re.compile(r"\b([A-Za-z_]\w*)\s+(?:function|method|class|struct|handler|helper|endpoint|view|route)\b"
                         r"|\b(?:function|method|class)\s+([A-Za-z_]\w*)")
# A number of prose that the code may use: not part of a time, date, range, version or percentage ("09:30", "3-4", "98%")
_NUMBER = re.compile(r"(?<![\w.:/-])\d+(?:\.\d+)?(?![\w.:/%-]|\.\d)")


MOST_LINES = 0.4  # a thing found on more of the file's lines than this locates nothing


@dataclass(frozen=True, slots=True)
class Item:
    label: str  # as a message shows it: "`admin_api`", "`1000`", "placement"
    lines: frozenset[int]  # where the file has it
    specific: bool  # named code or a number, not a word of prose
    weight: float  # how much finding it says: rarer things weigh more
    hallmark: bool = False  # the code a defect class the description names needs: confirms, never places
    quoted: bool = False  # named in code marks (`x`, 'x'): the reviewer's explicit pointer, not read from prose


def evidence(description: str, s: Structure, skip_words: frozenset[str] = frozenset()) -> list[Item]:
    """What the description names that the file has: specific items first, then words."""
    items: dict[str, Item] = {}
    limit = max(3, MOST_LINES * s.n_lines)
    quoted: list[tuple[int, int]] = []
    for m in NAMES.finditer(description):
        raw = next(g for g in m.groups() if g is not None).strip().removesuffix("()")
        if PATH_OR_CITATION.fullmatch(raw):
            quoted.append(m.span())
            continue  # a file or a citation ("internal/secretstore/store.go:392"), not code of the file
        marked = m.group(1) is not None or m.group(2) is not None
        for name in ([raw] if _NAME.fullmatch(raw) else _NAME.findall(raw)):
            if name not in items and (item := _named(name, s, limit)):
                items[name] = replace(item, quoted=marked)
        if m.group(1) is not None:
            quoted.append(m.span())  # words and numbers inside quoted code are not prose
    prose = _outside(description, quoted)
    for m in _ROLE_NAMED.finditer(prose):
        # "the main function", "method run": a word the file defines, named by what it is
        name = m.group(1) or m.group(2)
        if name not in items and name.lower() not in PROSE and s.definitions_named(name) and (item := _named(name, s, limit)):
            items[name] = item
    for name in _phrases(prose, s):
        if name not in items and (item := _named(name, s, limit)):
            items[name] = item
    for m in _NUMBER.finditer(prose):
        value = number_value(m.group())
        lines = s.numbers.get(value) if value is not None and value >= 10 else None
        if lines and len(lines) <= limit and m.group() not in items:
            # "divides by 1000": a number the code has as a literal ("15+ handlers" with no 15 in the code is none)
            items[m.group()] = Item(f"`{m.group()}`", frozenset(lines), True, 2 * _rarity(len(lines), s.n_lines))
    for cls in defects.named_in(prose):
        # "SQL injection", "runs a shell command": the code such a defect needs is what the claim points at
        lines = s.hallmark_lines(cls)
        key = f"hallmark {cls.cwe}"
        if lines and len(lines) <= limit and key not in items:
            items[key] = Item(f"code that {cls.evidence}", frozenset(lines), True, _rarity(len(lines), s.n_lines), True)
    for m in _WORDS.finditer(prose):
        word = m.group()
        for part in (subwords(word) if re.search(r"[a-z][A-Z]", word) else [word]):
            key = stem(part)
            if len(key) < 3 or key in items or part.lower() in PROSE or key in skip_words:
                continue
            lines = s.words.get(key)
            if lines and len(lines) <= limit:
                items[key] = Item(part.lower(), frozenset(lines), False, _rarity(len(lines), s.n_lines))
    return list(items.values())


def _named(name: str, s: Structure, limit: float) -> Item | None:
    """The item for a name the description names, or None when the file lacks it or
    has it on so many lines that it locates nothing. How rare it is counts its
    occurrences; it is held by them and by every line of its definition."""
    if _not_a_name(name, s):
        return None
    found = occurrences(name, s)
    extent = extents(name, s)
    if not found and extent and "." in name:
        # `Store.get`: a member named by its class, which the file never writes whole; held by its definition
        found = {d.header.start for d in s.definitions_named(name.rsplit(".", 1)[-1])}
    if not found or len(found) > limit:
        return None
    return Item(f"`{name}`", frozenset(found | extent), True, 2 * _rarity(len(found), s.n_lines))


def _not_a_name(name: str, s: Structure) -> bool:
    """A keyword or built-in of the file's language (`if`, `return`, `err`), or a word of English
    prose in code marks (`The`, `is`, `host`) that the file does not define: syntax and prose, which
    stand everywhere and place nothing."""
    if "." in name:
        return False
    return name in s.keywords or (name.lower() in PROSE and not s.definitions_named(name))


def occurrences(name: str, s: Structure) -> set[int]:
    """Lines that hold a name: as code, or in a comment or string. A dotted name the
    file never writes whole ("AnchorProvider.is_known") is where its last part is
    used as code ("self._anchors.is_known")."""
    lines = set(s.code_occurrences(name))
    if not lines and "." in name and len(last := name.rsplit(".", 1)[-1]) >= 4:
        lines = set(s.code_occurrences(last))
    return lines | {n for n, _ in s.other_names.get(name, [])}


def extents(name: str, s: Structure) -> set[int]:
    """Every line of the definitions a name names (`check_login`, `self.run`, `Vault.find`)."""
    if "." in name and not name.startswith(("self.", "cls.", "this.")) and not _member_of(name, s):
        return set()
    return {n for d in s.definitions_named(name.rsplit(".", 1)[-1]) for n in d.extent}


def _member_of(name: str, s: Structure) -> bool:
    """`Vault.find`: a class named, then one of its members."""
    owner = name.split(".")[-2]
    return any(d.kind == "class" for d in s.definitions_named(owner))


def _phrases(prose: str, s: Structure) -> list[str]:
    """Runs of two or three words that spell a name of the file: "admin API" is `admin_api`."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", prose)]
    found = []
    for size in (3, 2):
        for i in range(len(words) - size + 1):
            run = words[i:i + size]
            if all(w.lower() in PROSE for w in run):
                continue
            name = s.spelled.get("".join(w.lower() for w in run))
            if name is not None:
                found.append(name)
    return found


def _outside(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for a, b in spans:
        out.append(text[pos:a])
        out.append(" ")
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _rarity(count: int, n_lines: int) -> float:
    """Inverse document frequency over lines: log(n / count), at least a little."""
    return max(0.25, math.log((n_lines + 1) / count))
