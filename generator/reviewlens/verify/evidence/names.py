"""Code the description names, quoted or not.

    `find` (line 12)                -> `find`, quoted: the reviewer's explicit pointer
    'exec.Command' runs it          -> `exec.Command`, quoted
    the rp_uuid and ImageCache      -> `rp_uuid`, `ImageCache`, read from prose
    `if key in cache: return`       -> `key`, `cache` (`if`, `in`, `return` are syntax, not names)
    `internal/store.go:392`         -> nothing: a path, not code of the file
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from reviewlens.lexicon import PATH_OR_CITATION
from reviewlens.verify.evidence.common import NAME, NAMES, Item, Read, named
from reviewlens.verify.structure import Structure


def find(text: Read, s: Structure) -> Iterator[tuple[str, Item]]:
    seen: set[str] = set()
    for m in NAMES.finditer(text.text):
        raw = next(g for g in m.groups() if g is not None).strip().removesuffix("()")
        if PATH_OR_CITATION.fullmatch(raw):
            continue
        marked = m.group(1) is not None or m.group(2) is not None
        for name in ([raw] if NAME.fullmatch(raw) else NAME.findall(raw)):
            if name not in seen and (item := named(name, s, text.limit)):
                seen.add(name)
                yield name, replace(item, quoted=marked)
