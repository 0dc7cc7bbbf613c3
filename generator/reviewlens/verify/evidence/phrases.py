"""Runs of two or three words of prose that spell a name of the file.

    the admin API            -> `admin_api`, where the file has `admin_api`
    placement API calls      -> `placement_api`
    the parallel install     -> `PARALLEL_INSTALL`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewlens.lexicon import PROSE
from reviewlens.verify.evidence.common import Item, Read, named
from reviewlens.verify.structure import Structure


def find(text: Read, s: Structure) -> Iterator[tuple[str, Item]]:
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", text.prose)
    for size in (3, 2):
        for i in range(len(words) - size + 1):
            run = words[i:i + size]
            if all(w.lower() in PROSE for w in run):
                continue
            name = s.spelled.get("".join(w.lower() for w in run))
            if name is not None and name not in text.found and (item := named(name, s, text.limit)):
                yield name, item
