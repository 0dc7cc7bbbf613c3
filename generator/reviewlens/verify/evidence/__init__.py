"""What a description names that a file can locate, and where each thing stands.

The evidence rules, in order, each in its own file; an item found by an earlier
rule is not found again by a later one (markdown-it's way: a rule sees the
description and the file, and adds what it recognises):

1. names.py: code, quoted or not: `find`, `Vault.find()`, 'exec.Command',
   snake_case, CamelCase and dotted names in prose;
2. roles.py: a word the file defines, named by what it is ("the main function");
3. phrases.py: a run of prose words that spells one of the file's names
   ("the admin API" for `admin_api`);
4. numbers.py: a number the code uses ("divides by 1000" for `/ 1000.0`);
5. hallmarks.py: the code a defect class the description names needs
   ("SQL injection": code that builds SQL); it confirms, never places;
6. words.py: the other words of the prose, weighed by how rare each is.

A name is where the file has it as code, in a comment or a string ("the
ResourceTracker mentioned on line 94"), and, for a name the file defines, on
every line of its definition ("`check_login` does X" may cite any line of its
body). Names the file does not have locate nothing and are left out. Words of
the reviewer's prose are weak evidence: they can confirm lines that hold them,
never accuse lines that do not (judge.py weighs them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reviewlens.verify.evidence import hallmarks, names, numbers, phrases, roles, words
from reviewlens.verify.evidence.common import MOST_LINES, Item, Read, rarity, read
from reviewlens.verify.structure import Structure

__all__ = ["MOST_LINES", "Item", "RULES", "evidence", "rarity"]

# A rule: (what is read of the description, the file) -> (key, item) pairs; the first item of a key stands
Rule = Callable[[Read, Structure], Iterable[tuple[str, Item]]]

RULES: list[tuple[str, Rule]] = [
    ("names", names.find),
    ("roles", roles.find),
    ("phrases", phrases.find),
    ("numbers", numbers.find),
    ("hallmarks", hallmarks.find),
    ("words", words.find),
]


def evidence(description: str, s: Structure, skip_words: frozenset[str] = frozenset()) -> list[Item]:
    """What the description names that the file has: specific items first, then words."""
    text = read(description, s, skip_words)
    items: dict[str, Item] = {}
    for _, rule in RULES:
        for key, item in rule(text, s):
            items.setdefault(key, item)
        text = text.knowing(items)
    return list(items.values())
