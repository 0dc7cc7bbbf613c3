"""Reading what a corpus contributes, by one rule for every file.

A corpus is untrusted input: a pull request can add any file, link or pipe
to it. Every file ingest reads (corpus.yaml, case.yaml, truth.yaml, sources,
reports) comes through read_file, which reads only a regular file inside
the corpus (after following links) whose size, checked with fstat before a
byte is read, is under the limit. (YAML and JSON are parsed by
generator/reviewlens/safedata.py.) Text values that reach a page are capped here.

Nothing here raises on bad input: a caller gets the value or a problem
message that says what is wrong, to put beside the file's name.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Read:
    data: bytes | None  # None when the file was not read
    problem: str | None  # why not, as a phrase after the file's name: "is a link that leads out of the corpus"


def read_file(path: Path, root: Path, limit: int, within: str = "the corpus") -> Read:
    """The bytes of a file the corpus holds: a regular file inside root (links
    followed, but only within it), at most `limit` bytes, sized before it is read.

    A pipe or a device never blocks the build and a huge or sparse file costs
    nothing: both are refused from their fstat, before any read.
    """
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        return Read(None, "is a link to nothing; not read" if path.is_symlink() else "does not exist")
    except (OSError, RuntimeError) as err:  # a link loop, a permission error on the way
        return Read(None, f"cannot be read ({getattr(err, 'strerror', None) or 'a link loop'})")
    if not real.is_relative_to(root.resolve()):
        return Read(None, f"is a link that leads out of {within}; not read")
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting.
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        return Read(None, f"cannot be read ({err.strerror})")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Read(None, "is not a regular file (a pipe, a device or a socket); not read")
        if info.st_size > limit:
            return Read(None, f"is {info.st_size:,} bytes, over the {limit:,}-byte limit; not read")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while being read
            return Read(None, f"is over the {limit:,}-byte limit; not read")
        return Read(b"".join(chunks), None)
    except OSError as err:
        return Read(None, f"cannot be read ({err.strerror})")
    finally:
        os.close(fd)


def file_size(path: Path, root: Path, limit: int) -> int | None:
    """What read_file would read, sized without reading it: the byte count, or None where it would
    refuse the file (outside root, not a regular file, over the limit, unreadable)."""
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(root.resolve()):
            return None
        info = os.stat(real)
    except (OSError, RuntimeError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) and info.st_size <= limit else None


# --- values that reach a page ---------------------------------------------------------

NAME_MAX = 200  # titles, reviewer and model names: shown in every page's navigation and tables
TEXT_MAX = 5_000  # descriptions, prompts and other front matter


def capped(value: str, limit: int) -> tuple[str, str | None]:
    """The value cut to limit characters, and a problem phrase when it was cut."""
    if len(value) <= limit:
        return value, None
    return value[: limit - 1] + "…", f"is {len(value):,} characters long; shown cut to {limit:,}"
