"""Identifiers, and what a report says they are.

A name is correct when it occurs in the code, not only in a comment or string.
When the report says what it is ("the `image_id` parameter", "the `setUp`
method") and the file can tell, that is checked too; where the file cannot
tell (a name imported from elsewhere), the role is left alone.
"""

from __future__ import annotations

import re

from generator.model import Claim, Lines, Status
from generator.verify.common import Checker, Outcome, lines_list

# A name that reads as a plain value rather than code: "ACTIVE", "latest"
PLAIN_VALUE = re.compile(r"[A-Z][A-Z0-9]*|[a-z][a-z0-9]*")


def check_identifier(claim: Claim, src: Checker) -> Outcome:
    name = claim.name or ""
    s = src.structure
    where = s.code_occurrences(name)
    if not where:
        member = _member(name, src)
        if member is not None:
            return member
        return _absent(claim, name, src)
    defined = s.definitions_named(name.rsplit(".", 1)[-1]) if "." not in name or name.startswith(("self.", "cls.", "this.")) else []
    at = Lines(defined[0].header.start, defined[0].header.end) if defined else Lines(where[0], where[0])
    if claim.role and claim.role != "data":
        verdict = _role(claim.role, name, src)
        if verdict is not None:
            return verdict
    if defined:
        d = defined[0]
        return Outcome(Status.CORRECT, None, f"`{name}` is the {d.kind} defined on {d.header.label()}.", found=at)
    return Outcome(Status.CORRECT, None, f"`{name}` occurs in the code on {lines_list(where)}.", found=at)


def _member(name: str, src: Checker) -> Outcome | None:
    """`Vault.find`: a method or attribute named by its class, defined inside it."""
    parts = name.split(".")
    if len(parts) != 2:
        return None
    s = src.structure
    classes = [d for d in s.definitions_named(parts[0]) if d.kind == "class"]
    for cls in classes:
        inner = [d for d in s.definitions_named(parts[1]) if d.header.start in cls.extent]
        if inner:
            d = inner[0]
            return Outcome(Status.CORRECT, None, f"`{name}` is the {d.kind} `{d.name}` of class `{cls.name}` ({d.header.label()}).",
                           found=d.header)
        if parts[1] in s.attributes and any(n in cls.extent for n in s.attributes[parts[1]]):
            n = next(n for n in s.attributes[parts[1]] if n in cls.extent)
            return Outcome(Status.CORRECT, None, f"`{name}` is an attribute of class `{cls.name}`, set on line {n}.",
                           found=Lines(n, n))
    return None


def _absent(claim: Claim, name: str, src: Checker) -> Outcome:
    s = src.structure
    elsewhere = s.other_names.get(name, [])
    if claim.role == "data" or (elsewhere and PLAIN_VALUE.fullmatch(name)):
        if elsewhere:
            line, what = elsewhere[0]
            return Outcome(Status.CORRECT, None, f"`{name}` appears in a {what} on line {line}.", found=Lines(line, line))
        return Outcome(Status.UNVERIFIABLE, None, f"`{name}` is named as data (a key or value), not as code; it does not appear in the file.")
    if elsewhere:
        line, what = elsewhere[0]
        return Outcome(Status.NOT_IN_SOURCE, None, f"`{name}` appears only in a {what} (line {line}), not in the code.",
                       tags=("absent",))
    if claim.advice:
        return Outcome(Status.UNVERIFIABLE, None, f"`{name}` is named in a recommendation, not said to be in the file; it is not in it.",
                       tags=("absent",))
    parts = name.split(".")
    if len(parts) > 1:
        last = parts[-1]
        if s.code_occurrences(last):
            return Outcome(Status.NOT_IN_SOURCE, None,
                           f"`{name}` is not in the source; `{last}` occurs, but not as `{name}`.", tags=("absent",))
        return Outcome(Status.NOT_IN_SOURCE, None, f"`{name}` is not in the source, nor is `{last}`.", tags=("absent",))
    return Outcome(Status.NOT_IN_SOURCE, None, f"`{name}` is not in the source.", tags=("absent",))


def _role(role: str, name: str, src: Checker) -> Outcome | None:
    """Check what the report says the name is, where the file can tell. None: nothing to object to."""
    s = src.structure
    base = name.rsplit(".", 1)[-1]
    defs = s.definitions_named(base)
    kinds = {d.kind for d in defs}
    if role == "parameter":
        takers = [d for d in s.definitions if base in d.params]
        if takers:
            return Outcome(Status.CORRECT, None, f"`{base}` is a parameter of `{takers[0].name}` ({takers[0].header.label()}).",
                           found=takers[0].header)
        what = _what_it_is(base, src)
        return Outcome(Status.NOT_IN_SOURCE, None, f"No function in the file takes a parameter `{base}`{what}.")
    if role == "function" and kinds == {"class"}:
        return Outcome(Status.NOT_IN_SOURCE, None, f"`{name}` is a class ({defs[0].header.label()}), not a function or method.")
    if role == "class" and kinds and "class" not in kinds:
        return Outcome(Status.NOT_IN_SOURCE, None, f"`{name}` is a {defs[0].kind} ({defs[0].header.label()}), not a class.")
    if role == "attribute" and base not in s.attributes and not re.search(rf"\.\s*{re.escape(base)}\b", "\n".join(s.code_text)):
        what = _what_it_is(base, src)
        return Outcome(Status.NOT_IN_SOURCE, None, f"`{base}` is never used as an attribute here{what}.")
    return None


def _what_it_is(name: str, src: Checker) -> str:
    s = src.structure
    if name in s.attributes:
        return f"; `{name}` is an attribute set on {lines_list(s.attributes[name])}"
    if name in s.locals:
        return f"; `{name}` is a local variable ({lines_list(s.locals[name])})"
    defs = s.definitions_named(name)
    if defs:
        return f"; `{name}` is a {defs[0].kind} ({defs[0].header.label()})"
    return ""
