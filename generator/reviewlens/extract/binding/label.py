"""A citation that labels what follows binds that text.

    Line 7-9: This code imports the modules.      | L44 | the handler reads the file |      L46 - the query
"""

from __future__ import annotations

import re

from reviewlens.extract.binding.common import words
from reviewlens.extract.document import Document

LABEL_READ = 800
# A reference that labels what follows: "Line 7-9: ...", "(Lines 21-53): ...", "| Line 44 | ...", "L46 - ..."
LABEL = re.compile(r"[`)\]）]*\**[ \t]*(?::|：|\||[-–—][ \t])")
# The text a label introduces, up to the end of its sentence or cell (over wrapped lines, not past a
# blank line or the next list item):  ": This code imports the modules."
LABELLED = re.compile(r"[ \t`):.,|\-–—*）：]*+([^|;]*?)(?:(?<=[.!?])\s|;|\||\n[ \t]*\n|\n[ \t]*(?:[-*+]|\d+[.)]|#)[ \t]|\Z)")


def bind(doc: Document, start: int, end: int) -> tuple[str, None] | None:
    text = doc.text
    if not LABEL.match(text, end):
        return None
    after = LABELLED.match(text, end, min(len(text), end + LABEL_READ))
    said = " ".join(after.group(1).split()) if after else ""
    return (said, None) if len(words(said)) >= 2 else None
