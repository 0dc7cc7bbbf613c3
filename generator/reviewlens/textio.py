"""Reading files as text: decoding, line splitting and URL-safe names.

Nothing here raises on bad input; callers get a value and a problem message.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass

#: Reports and sources larger than this are not read (a one-line problem instead).
MAX_BYTES = 5 * 1024 * 1024

# A line break as editors count lines: "\r\n", a lone "\r" or "\n".
# (str.splitlines() also breaks at \x0b, \x0c, \u2028 ..., which would shift
# every line number after one of them.)
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str | None  # None when the bytes could not be read as text
    problem: str | None  # why not, or a warning about what was done


def decode(data: bytes, limit: int = MAX_BYTES) -> Decoded:
    """Decode a file's bytes: UTF-8 (with or without BOM), or UTF-16 with a BOM."""
    if len(data) > limit:
        return Decoded(None, f"is {len(data):,} bytes, over the {limit:,}-byte limit; not read")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), None)
        except UnicodeDecodeError as err:
            return Decoded(None, f"is not valid UTF-16 (byte {err.start})")
    if b"\x00" in data:
        return Decoded(None, "looks binary (it contains NUL bytes); not read")
    try:
        return Decoded(data.decode("utf-8-sig"), None)
    except UnicodeDecodeError as err:
        return Decoded(None, f"is not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r})")


def split_lines(text: str) -> tuple[str, ...]:
    """Split text into lines without their breaks; a final break opens no new line."""
    if not text:
        return ()
    lines = LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return tuple(lines)


def line_starts(text: str) -> list[int]:
    """Offset of the first character of each line of text (1 entry per line)."""
    starts = [0]
    for m in LINE_BREAK.finditer(text):
        starts.append(m.end())
    if len(starts) > 1 and starts[-1] == len(text):
        starts.pop()
    return starts


# Characters that must not reach a terminal or a CI log as they are: C0 and C1
# controls (a newline would start a line of the reader's choosing, such as a GitHub
# "::error::" workflow command; ESC starts a terminal escape), DEL, the Unicode
# line and paragraph separators, and bidirectional controls.
# Bidirectional controls reorder what is shown around them (Trojan Source, CVE-2021-42574): a
# "FAIL" line of a log can read as "PASS". They are escaped with the controls.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
BIDI_CONTROL = re.compile(f"[{BIDI}]")
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI}]")


def printable(text: str) -> str:
    """text as one line that is safe to print: each control character written as an escape ("\\n", "\\x1b")."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_UNSAFE = re.compile(r"[^a-z0-9._-]+")


SLUG_MAX = 100  # bytes of a URL segment before its hash suffix: far under a file name's 255 bytes
# Names the site writes itself beside its pages (a case's page is cases/<case>/index.html, a long file's
# pages cases/<case>/lines/...): never a page's URL
_RESERVED = re.compile(r"index(?:\..*)?|assets|search|lines|404(?:\..*)?|sitemap(?:\..*)?|annotations(?:\..*)?")


def slug(name: str) -> str:
    """A URL path segment for a file or folder name: 'Nova 1679750' -> 'nova-1679750'; at most
    SLUG_MAX bytes (NFKD may expand a character: '㎯' is 'rad∕s2'); never a name the site uses."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = _UNSAFE.sub("-", ascii_name.lower()).strip("-.")[:SLUG_MAX].strip("-.")
    if not s:
        # Names with nothing ASCII in them ('отчёт') still need a stable URL.
        s = "x" + name.encode("utf-8", "surrogateescape").hex()[:16]
    if _RESERVED.fullmatch(s):
        s += "-"
    return s


def utf8_name(name: str) -> bool:
    """Whether a file name is UTF-8 (a name of other bytes arrives with surrogate escapes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def utf8_names(names):
    """(the names that are UTF-8, the others), each in the given order; names may be str or Paths."""
    good, bad = [], []
    for name in names:
        (good if utf8_name(getattr(name, "name", name)) else bad).append(name)
    return good, bad


def shown_name(name: str) -> str:
    """A file name as a message shows it: bytes that are not UTF-8 as escapes ('r\\xff.md')."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def url_names(names: list[str]) -> tuple[dict[str, str], list[list[str]]]:
    """A URL path segment for each name that depends on that name alone, and
    the groups of names that would share one (each a problem to report: none
    of a group gets a page, so that no name takes another's URL).

    A name that is its own slug but for capitals keeps it ("Nova_1679750" ->
    "nova_1679750"); any other gets its slug plus a few hex digits of its hash
    ("py fileshare" -> "py-fileshare-3f2a9c"), so that a new folder "py fileshare"
    or "ｐｙ-fileshare" never lands on the URL of an existing "py-fileshare"."""
    wanted: dict[str, list[str]] = {}
    for name in sorted(names):
        same = unicodedata.normalize("NFC", name)  # "café" typed as é or as e + ◌́ is one name: a clash, not two
        base = slug(same)
        if base != same.lower():
            base = f"{base}-{hashlib.sha256(same.encode('utf-8', 'surrogateescape')).hexdigest()[:6]}"
        wanted.setdefault(base, []).append(name)
    ids = {group[0]: url for url, group in wanted.items() if len(group) == 1}
    return ids, [group for group in wanted.values() if len(group) > 1]
