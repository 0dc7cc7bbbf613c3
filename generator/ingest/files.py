"""Reading what a corpus contributes, by one rule for every file.

A corpus is untrusted input: a pull request can add any file, link or pipe
to it. Every file ingest reads (corpus.yaml, case.yaml, truth.yaml, sources,
reports) comes through read_file, which reads only a regular file inside
the corpus (after following links) whose size, checked with fstat before a
byte is read, is under the limit. YAML and JSON are parsed here too, with
bounds on what a small file can expand into: nesting depth, nodes after
aliases, and no constructors beyond plain data (a date stays a string).

Nothing here raises on bad input: a caller gets the value or a problem
message that says what is wrong, to put beside the file's name.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_DEPTH = 64  # nesting of YAML or JSON data: far beyond any real report or settings file
MAX_NODES = 10_000  # YAML nodes after aliases are expanded (a 300-byte alias bomb expands to billions)


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


class DataError(ValueError):
    """YAML or JSON that cannot be used. str() is a phrase to put after the
    file's name ("is malformed YAML (... at line 3)"); `syntax` is the parser's
    reason when the text is not well formed, None when the data is refused
    (too deep, too big)."""

    def __init__(self, phrase: str, syntax: str | None = None) -> None:
        super().__init__(phrase)
        self.syntax = syntax


# --- YAML ---------------------------------------------------------------------------

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: 4x faster


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    """yaml.safe_load's loader, where a date or time stays the text it was
    written as: a report's `date: 2024-13-45` is a value to show, not an error."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


def load_yaml(text: str) -> Any:
    """Plain data from a YAML document, or DataError saying why not.

    The node graph is measured before any Python value is made: deeper than
    MAX_DEPTH, or more than MAX_NODES nodes once aliases are expanded, is refused."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _measure(node)
        return loader.construct_document(node)
    except RecursionError:
        raise DataError(f"is nested more than {MAX_DEPTH} levels deep") from None
    except yaml.YAMLError as err:
        reason = _yaml_reason(err)
        raise DataError(f"is malformed YAML ({reason})", reason) from None
    except (ValueError, TypeError, OverflowError) as err:  # a 5,000-digit integer, say
        if isinstance(err, DataError):
            raise
        raise DataError(f"holds a value that cannot be read ({err})") from None
    finally:
        loader.dispose()


def _measure(root: yaml.Node) -> None:
    """Depth and expanded size of a node graph, by iteration (aliases make it a
    DAG; each node is measured once, so a bomb costs its own size to check)."""
    size: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are being measured: meeting one again is a loop
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, level = stack.pop()
        if level > MAX_DEPTH:
            raise DataError(f"is nested more than {MAX_DEPTH} levels deep")
        key = id(node)
        if key in size:
            continue
        children = _children(node)
        pending = [c for c in children if id(c) not in size]
        if pending:
            if key in open_:
                if any(id(c) in open_ for c in pending):
                    raise DataError("holds a value that contains itself (a recursive alias); not read")
            open_.add(key)
            stack.append((node, level))
            stack.extend((c, level + 1) for c in pending)
            continue
        open_.discard(key)
        size[key] = 1 + sum(size[id(c)] for c in children)
        if size[key] > MAX_NODES:
            raise DataError(f"expands to more than {MAX_NODES:,} values (aliases repeated within aliases); not read")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _yaml_reason(err: yaml.YAMLError) -> str:
    """A parse error as a phrase: 'expected <block end>, but found ... at line 3'."""
    mark = getattr(err, "problem_mark", None)
    what = getattr(err, "problem", None) or "cannot be parsed"
    return f"{what} at line {mark.line + 1}" if mark else str(what)


# --- JSON ---------------------------------------------------------------------------


def load_json(text: str) -> Any:
    """Data from JSON text, or DataError saying why not."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise DataError(f"is nested more than {MAX_DEPTH} levels deep") from None
    except json.JSONDecodeError as err:
        reason = f"{err.msg} at line {err.lineno}"
        raise DataError(f"is not valid JSON ({reason})", reason) from None
    except ValueError as err:  # a 5,000-digit integer
        raise DataError(f"holds a value that cannot be read ({err})") from None
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, level = stack.pop()
        if level > MAX_DEPTH:
            raise DataError(f"is nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            stack.extend((v, level + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, level + 1) for v in value)
    return data


# --- values that reach a page ---------------------------------------------------------

NAME_MAX = 200  # titles, reviewer and model names: shown in every page's navigation and tables
TEXT_MAX = 5_000  # descriptions, prompts and other front matter


def capped(value: str, limit: int) -> tuple[str, str | None]:
    """The value cut to limit characters, and a problem phrase when it was cut."""
    if len(value) <= limit:
        return value, None
    return value[: limit - 1] + "…", f"is {len(value):,} characters long; shown cut to {limit:,}"
