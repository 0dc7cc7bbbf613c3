"""YAML and JSON from a corpus, parsed with bounds on what a small file can
expand into: nesting depth, nodes after aliases, and no constructors beyond
plain data (a date stays a string). Bad data raises DataError, whose text is
a phrase to put after the file's name.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

MAX_DEPTH = 64  # nesting of YAML or JSON data: far beyond any real report or settings file
MAX_NODES = 10_000  # YAML nodes after aliases are expanded (a 300-byte alias bomb expands to billions)


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
    """A parse error as a phrase, at the line where the error is: where the unclosed thing starts
    ("the flow sequence that starts at line 1 is not closed: did not find expected ',' or ']'"),
    else where the parser noticed it ("mapping values are not allowed here at line 2"). PyYAML's own
    "line N" for an unclosed bracket is the line after the file's last."""
    mark = getattr(err, "problem_mark", None)
    what = getattr(err, "problem", None) or "cannot be parsed"
    context, start = getattr(err, "context", None), getattr(err, "context_mark", None)
    if context and start is not None and (mark is None or start.line < mark.line):
        thing = context.removeprefix("while ").removeprefix("parsing ").removeprefix("scanning ")
        thing = thing.removeprefix("an ").removeprefix("a ")  # "while parsing a flow sequence"
        return f"the {thing} that starts at line {start.line + 1} is not closed: {what}"
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
