"""The other words of the prose, each where the file has it (as a stem, in code, strings or comments).

    token signing            -> token, signing (`signWith`: "sign")
    the handler logs it      -> handler, logs
    the file's own name      -> nothing ("massive_client.py": massive, client are said of everything)
    English glue             -> nothing (the, is, which, calls, ...: lexicon.PROSE)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewlens.lexicon import PROSE
from reviewlens.verify.evidence.common import Item, Read, rarity
from reviewlens.verify.structure import Structure
from reviewlens.verify.words import stem, subwords

WORDS = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")


def find(text: Read, s: Structure) -> Iterator[tuple[str, Item]]:
    seen = set(text.found)
    for m in WORDS.finditer(text.prose):
        word = m.group()
        for part in (subwords(word) if re.search(r"[a-z][A-Z]", word) else [word]):
            key = stem(part)
            if len(key) < 3 or key in seen or part.lower() in PROSE or key in text.skip_words:
                continue
            lines = s.words.get(key)
            if lines and len(lines) <= text.limit:
                seen.add(key)
                yield key, Item(part.lower(), frozenset(lines), False, rarity(len(lines), s.n_lines))
