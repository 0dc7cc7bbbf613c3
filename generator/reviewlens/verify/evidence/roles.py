"""A word the file defines, named by what it is.

    the main function        -> `main`, where the file defines `main`
    method run               -> `run`
    the old function         -> nothing: `old` is defined nowhere (or is a word of prose)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewlens.lexicon import PROSE
from reviewlens.verify.evidence.common import Item, Read, named
from reviewlens.verify.structure import Structure

ROLE_NAMED = re.compile(r"\b([A-Za-z_]\w*)\s+(?:function|method|class|struct|handler|helper|endpoint|view|route)\b"
                        r"|\b(?:function|method|class)\s+([A-Za-z_]\w*)")


def find(text: Read, s: Structure) -> Iterator[tuple[str, Item]]:
    for m in ROLE_NAMED.finditer(text.prose):
        name = m.group(1) or m.group(2)
        if name not in text.found and name.lower() not in PROSE and s.definitions_named(name) and \
                (item := named(name, s, text.limit)):
            yield name, item
