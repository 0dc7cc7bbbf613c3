"""Names, and what the report says they are."""

from __future__ import annotations

from reviewlens.messages import lines_list, sentence
from reviewlens.model import Lines

# --- names ---------------------------------------------------------------------------------------

CODE_ROLES = {"function": "a function or method", "class": "a class", "parameter": "a parameter",
              "attribute": "an attribute", "variable": "a variable", "module": "a module"}


@sentence("name.defined")
def _(name: str, kind: str, header: Lines) -> str:
    return f"`{name}` is the {kind} defined on {header.label()}."


@sentence("name.occurs")
def _(name: str, lines: tuple[int, ...]) -> str:
    return f"`{name}` occurs in the code on {lines_list(lines)}."


@sentence("name.called_on_object")
def _(name: str, method: str, kind: str, header: Lines) -> str:
    return f"`{method}` is the {kind} defined on {header.label()}; `{name}` calls it on an object."


@sentence("name.member")
def _(name: str, kind: str, member: str, owner: str, header: Lines) -> str:
    return f"`{name}` is the {kind} `{member}` of class `{owner}` ({header.label()})."


@sentence("name.attribute_of")
def _(name: str, owner: str, line: int) -> str:
    return f"`{name}` is an attribute of class `{owner}`, set on line {line}."


@sentence("name.request")
def _(name: str, what: str, lines: tuple[int, ...]) -> str:
    return f"`{name}` is a request {what}, read on {lines_list(lines)}."


@sentence("name.only_in_text")
def _(name: str, where: str, line: int, role: str) -> str:
    return f"`{name}` is in the file only in a {where} (line {line}), not as {CODE_ROLES[role]}."


@sentence("name.in_text")
def _(name: str, where: str, line: int) -> str:
    return f"`{name}` is in the file, in a {where} on line {line}."


@sentence("name.data")
def _(name: str) -> str:
    return f"`{name}` is named as data (a key or value), not as code; it does not appear in the file."


@sentence("name.term")
def _(name: str) -> str:
    return f"`{name}` is not in the file; written in prose without code marks, it may be a term rather than a name of the code."


@sentence("name.advice")
def _(name: str) -> str:
    return f"`{name}` is named in a recommendation, not said to be in the file; it is not in it."


@sentence("name.absent_qualified")
def _(name: str, last: str, last_occurs: bool) -> str:
    if last_occurs:
        return f"`{name}` is not in the source; `{last}` occurs, but not as `{name}`."
    return f"`{name}` is not in the source, nor is `{last}`."


@sentence("name.absent")
def _(name: str) -> str:
    return f"`{name}` is not in the source."


@sentence("name.parameter_of")
def _(name: str, taker: str, header: Lines) -> str:
    return f"`{name}` is a parameter of `{taker}` ({header.label()})."


@sentence("name.not_a_parameter")
def _(name: str, is_: tuple | None) -> str:
    return f"`{name}` is in the file{_what_it_is(is_)}, but no function takes a parameter `{name}`."


@sentence("name.class_not_function")
def _(name: str, header: Lines) -> str:
    return f"`{name}` is in the file, but as a class ({header.label()}), not a function or method."


@sentence("name.not_a_class")
def _(name: str, kind: str, header: Lines) -> str:
    return f"`{name}` is in the file, but as a {kind} ({header.label()}), not a class."


@sentence("name.not_an_attribute")
def _(name: str, is_: tuple | None) -> str:
    return f"`{name}` is in the file{_what_it_is(is_)}, but never used as an attribute."


def _what_it_is(is_: tuple | None) -> str:
    """is_: ("attribute", lines), ("local", lines), ("definition", kind, header) or None."""
    if is_ is None:
        return ""
    if is_[0] == "attribute":
        return f" as an attribute (set on {lines_list(is_[1])})"
    if is_[0] == "local":
        return f" as a local variable ({lines_list(is_[1])})"
    return f" as a {is_[1]} ({is_[2].label()})"
