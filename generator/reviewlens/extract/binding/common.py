"""What several binding rules read: the words of a text, whether it names code, a section's heading."""

from __future__ import annotations

import re

from reviewlens.extract.document import Document

_WORD = re.compile(r"[\u3400-\u9fff]|[^\W\d_\u3400-\u9fff]{2,}")  # a CJK character is a word of its own
_HEADING_LINE = re.compile(r"^#{1,6}[ \t]", re.M)
# A code-shaped name: `quoted`, 'quoted', snake_case, CamelCase, camelCase, a call on an object
_CODE_NAME = re.compile(r"`[^`\n]+`|'[\w.]+(?:\(\))?'|\b[a-z]+_[a-z0-9_]+\b|\b[A-Z][a-z0-9]+[A-Z]\w*\b|\b[a-z]+[A-Z]\w*\b|\w\.\w+\(")
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,5}\b(?!\()")  # ".java", ".py" after a stem; not ".run(" (a call)
_A_PATH = re.compile(r"`?[\w./-]*(?:/[\w.-]+|\.[A-Za-z]\w{0,5})(?::[\d,\s–—-]*)?`?")


# What a bare location consists of: file names, citations, field labels and markup.
_LOCATION = re.compile(
    r"(?:[\w./-]+\.[A-Za-z]\w{0,5}(?::[\d,\s–—-]+)?)|\b(?:file|files|location|path|lines?|at|in|see|ln)\b|第|行|"
    r"[\d,\s–—~:()（）、.*|_#>`\[\]-]+",
    re.I,
)


def bare(text: str) -> bool:
    """Whether text is only a location (a file, a citation, field labels and markup): "**File:** `x.go:60`"."""
    return len(words(_LOCATION.sub(" ", text))) < 2


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def names_code(text: str) -> bool:
    """Whether text names code: a quoted or code-shaped name that is not a file path
    (nor the stem of one: `UserService` in "UserService.java:54")."""
    return any(not _A_PATH.fullmatch(m.group()) and not _EXTENSION.match(text, m.end()) for m in _CODE_NAME.finditer(text))


def heading(doc: Document, pos: int) -> str:
    """The heading line of the section around pos, or ""."""
    h_start, _ = doc.section_at(pos)
    nl = doc.text.find("\n", h_start, h_start + 300)
    return doc.text[h_start:nl if nl != -1 else h_start + 300] if _HEADING_LINE.match(doc.text, h_start) else ""
