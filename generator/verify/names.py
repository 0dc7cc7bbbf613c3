"""Identifiers, and what a report says they are.

A name is in the file when it occurs there: as code, or in a string or a
comment ("the ResourceTracker mentioned on line 94", `UPLOAD_ROOT` read as
`app.config["UPLOAD_ROOT"]`); the message says which. When the report says
what the name is ("the `image_id` parameter", "the `setUp` method") and the
file can tell, that is checked too: a false role is not_in_source, and its
message says that the name is there and what it is. A request parameter is a
parameter ("the attacker-controlled `order` parameter" read from the request).
Where the file cannot tell (a name imported from elsewhere), the role is left
alone.

Absent names: named in advice, a CamelCase or dotted term of prose, or data
(a key, a header value), they are unverifiable, never invented.
"""

from __future__ import annotations

import re

from reviewlens.model import Claim, Lines, Status
from reviewlens.verify.common import IndexedSource, Outcome, lines_list

# A name that reads as a plain value rather than code: "ACTIVE", "latest"
PLAIN_VALUE = re.compile(r"[A-Z][A-Z0-9]*|[a-z][a-z0-9]*")
CODE_ROLES = {"function": "a function or method", "class": "a class", "parameter": "a parameter",
              "attribute": "an attribute", "variable": "a variable", "module": "a module"}


def check_identifier(claim: Claim, src: IndexedSource) -> Outcome:
    name = claim.name or ""
    s = src.structure
    where = s.code_occurrences(name)
    if not where:
        member = _member(name, src)
        if member is not None:
            return member
        return _not_as_code(claim, name, src)
    defined = s.definitions_named(name.rsplit(".", 1)[-1]) if "." not in name or name.startswith(("self.", "cls.", "this.")) else []
    at = Lines(defined[0].header.start, defined[0].header.end) if defined else Lines(where[0], where[0])
    if claim.near is not None and not (defined and defined[0].header.overlaps(claim.near)):
        # Where the report discusses it: the occurrence nearest the lines its sentence cites.
        n = min(where, key=lambda n: (abs(n - claim.near.start), n))
        at = Lines(n, n)
    if claim.role and claim.role != "data":
        verdict = _role(claim.role, name, src)
        if verdict is not None:
            return verdict
    if defined:
        d = defined[0]
        return Outcome(Status.CORRECT, None, f"`{name}` is the {d.kind} defined on {d.header.label()}.", located=at)
    return Outcome(Status.CORRECT, None, f"`{name}` occurs in the code on {lines_list(where)}.", located=at)


def _member(name: str, src: IndexedSource) -> Outcome | None:
    """`Vault.find`: a method or attribute named by its class, defined inside it."""
    parts = name.split(".")
    if len(parts) != 2:
        return None
    s = src.structure
    if parts[0][:1].islower() and not s.definitions_named(parts[0]):
        # `service.sync_tracked()`, `src.start()`: an object's call of a method the file defines
        methods = [d for d in s.definitions_named(parts[1]) if d.kind in ("method", "function")]
        if methods:
            d = methods[0]
            return Outcome(Status.CORRECT, None, f"`{parts[1]}` is the {d.kind} defined on {d.header.label()}; "
                                                 f"`{name}` calls it on an object.", located=d.header)
    classes = [d for d in s.definitions_named(parts[0]) if d.kind == "class"]
    for cls in classes:
        inner = [d for d in s.definitions_named(parts[1]) if d.header.start in cls.extent]
        if inner:
            d = inner[0]
            return Outcome(Status.CORRECT, None, f"`{name}` is the {d.kind} `{d.name}` of class `{cls.name}` ({d.header.label()}).",
                           located=d.header)
        if parts[1] in s.attributes and any(n in cls.extent for n in s.attributes[parts[1]]):
            n = next(n for n in s.attributes[parts[1]] if n in cls.extent)
            return Outcome(Status.CORRECT, None, f"`{name}` is an attribute of class `{cls.name}`, set on line {n}.",
                           located=Lines(n, n))
    return None


def _not_as_code(claim: Claim, name: str, src: IndexedSource) -> Outcome:
    """A name that is not code of the file: in a string or comment of it, or absent."""
    s = src.structure
    elsewhere = s.other_names.get(name, [])
    if elsewhere:
        line, what = elsewhere[0] if claim.near is None else min(elsewhere, key=lambda e: (abs(e[0] - claim.near.start), e[0]))
        found = Lines(line, line)
        if claim.role in ("parameter",) and (request := _request_key(name, src)):
            return Outcome(Status.CORRECT, None, f"`{name}` is a request parameter, read on {lines_list(request)}.",
                           located=Lines(request[0], request[0]))
        if claim.role in CODE_ROLES:
            return Outcome(Status.NOT_IN_SOURCE, None,
                           f"`{name}` is in the file only in a {what} (line {line}), not as {CODE_ROLES[claim.role]}.",
                           located=found)
        return Outcome(Status.CORRECT, None, f"`{name}` is in the file, in a {what} on line {line}.", located=found)
    if claim.role == "data":
        return Outcome(Status.UNVERIFIABLE, None, f"`{name}` is named as data (a key or value), not as code; it does not appear in the file.")
    if claim.unquoted:
        return Outcome(Status.UNVERIFIABLE, None,
                       f"`{name}` is not in the file; written in prose without code marks, it may be a term rather than a name of the code.")
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


# Where a request parameter is read: request.args.get("order"), request.form["x"], req.query.x, params[:x], $_GET['x']
_REQUEST = r"(?:request|req|params|query|args|form|body|json|values|GET|POST|REQUEST|cookies|headers|searchParams|ctx\.query)"


def _request_key(name: str, src: IndexedSource) -> list[int]:
    """Lines that read a request parameter or form field of that name:
    request.args.get("order", "date"), request.form["target"], req.query.order, params[:id], $_GET['x']."""
    key = re.escape(name)
    pattern = re.compile(
        rf"\b{_REQUEST}\b(?:\.\w+)*\s*(?:\.get(?:list)?\s*\(\s*|\[\s*):?[\"']{key}[\"']|"
        rf"\b{_REQUEST}\.{key}\b|\b{_REQUEST}\[:{key}\]|\$_(?:GET|POST|REQUEST)\[\s*[\"']{key}[\"']")
    return [n for n, text in enumerate(src.structure.code_and_strings, start=1) if pattern.search(text)]


def _role(role: str, name: str, src: IndexedSource) -> Outcome | None:
    """Check what the report says the name is, where the file can tell. None: nothing to object to."""
    s = src.structure
    base = name.rsplit(".", 1)[-1]
    defs = s.definitions_named(base)
    kinds = {d.kind for d in defs}
    if role == "parameter":
        takers = [d for d in s.definitions if base in d.params]
        if takers:
            return Outcome(Status.CORRECT, None, f"`{base}` is a parameter of `{takers[0].name}` ({takers[0].header.label()}).",
                           located=takers[0].header)
        request = _request_key(base, src)
        if request:
            return Outcome(Status.CORRECT, None, f"`{base}` is a request parameter, read on {lines_list(request)}.",
                           located=Lines(request[0], request[0]))
        what = _what_it_is(base, src)
        return Outcome(Status.NOT_IN_SOURCE, None, f"`{base}` is in the file{what}, but no function takes a parameter `{base}`.")
    if role == "function" and kinds == {"class"}:
        return Outcome(Status.NOT_IN_SOURCE, None, f"`{name}` is in the file, but as a class ({defs[0].header.label()}), not a function or method.")
    if role == "class" and kinds and "class" not in kinds:
        return Outcome(Status.NOT_IN_SOURCE, None, f"`{name}` is in the file, but as a {defs[0].kind} ({defs[0].header.label()}), not a class.")
    if role == "attribute" and base not in s.attributes and not re.search(rf"\.\s*{re.escape(base)}\b", "\n".join(s.code_text)):
        request = _request_key(base, src)
        if request:  # "the `target` field": a form field
            return Outcome(Status.CORRECT, None, f"`{base}` is a request field, read on {lines_list(request)}.",
                           located=Lines(request[0], request[0]))
        what = _what_it_is(base, src)
        return Outcome(Status.NOT_IN_SOURCE, None, f"`{base}` is in the file{what}, but never used as an attribute.")
    return None


def _what_it_is(name: str, src: IndexedSource) -> str:
    s = src.structure
    if name in s.attributes:
        return f" as an attribute (set on {lines_list(s.attributes[name])})"
    if name in s.locals:
        return f" as a local variable ({lines_list(s.locals[name])})"
    defs = s.definitions_named(name)
    if defs:
        return f" as a {defs[0].kind} ({defs[0].header.label()})"
    return ""
