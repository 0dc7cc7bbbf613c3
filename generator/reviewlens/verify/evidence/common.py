"""What every evidence rule shares: the item it adds, and the description as read once."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from reviewlens.lexicon import PATH_OR_CITATION, PROSE
from reviewlens.verify.structure import Structure

MOST_LINES = 0.4  # a thing found on more of the file's lines than this locates nothing

# Code names in prose: `x`, 'x.y', snake_case, CamelCase with two humps, camelCase, dotted names
NAMES = re.compile(
    r"`([^`\n]+)`|'([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(\))?)'"
    r"|(?<![\w.])([A-Za-z_]\w*_\w+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z]+(?:[A-Z][a-z0-9]*)+|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?![\w.])"
)
NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")


@dataclass(frozen=True, slots=True)
class Item:
    label: str  # as a message shows it: "`admin_api`", "`1000`", "placement"
    lines: frozenset[int]  # where the file has it
    specific: bool  # named code or a number, not a word of prose
    weight: float  # how much finding it says: rarer things weigh more
    hallmark: bool = False  # the code a defect class the description names needs: confirms, never places
    quoted: bool = False  # named in code marks (`x`, 'x'): the reviewer's explicit pointer, not read from prose


@dataclass(frozen=True, slots=True)
class Read:
    """A description as the rules see it."""

    text: str  # the whole description
    prose: str  # its words outside code marks and file paths
    limit: float  # a thing on more lines than this locates nothing
    skip_words: frozenset[str]  # words that say nothing here (the file's own name)
    found: frozenset[str] = field(default=frozenset())  # keys earlier rules found

    def knowing(self, items: dict[str, Item]) -> Read:
        return Read(self.text, self.prose, self.limit, self.skip_words, frozenset(items))


def read(description: str, s: Structure, skip_words: frozenset[str]) -> Read:
    quoted: list[tuple[int, int]] = []
    for m in NAMES.finditer(description):
        raw = next(g for g in m.groups() if g is not None).strip().removesuffix("()")
        if m.group(1) is not None or PATH_OR_CITATION.fullmatch(raw):
            quoted.append(m.span())  # words and numbers inside quoted code, and paths, are not prose
    return Read(description, _outside(description, quoted), max(3, MOST_LINES * s.n_lines), skip_words)


def named(name: str, s: Structure, limit: float) -> Item | None:
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
    return Item(f"`{name}`", frozenset(found | extent), True, 2 * rarity(len(found), s.n_lines))


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


def _outside(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for a, b in spans:
        out.append(text[pos:a])
        out.append(" ")
        pos = b
    out.append(text[pos:])
    return "".join(out)


def rarity(count: int, n_lines: int) -> float:
    """Inverse document frequency over lines: log(n / count), at least a little."""
    return max(0.25, math.log((n_lines + 1) / count))
