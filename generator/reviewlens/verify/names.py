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
from dataclasses import replace

from reviewlens.lexicon import PROSE
from reviewlens.messages import because
from reviewlens.messages.names import CODE_ROLES
from reviewlens.model import Claim, Lines, Status
from reviewlens.verify.common import IndexedSource, Outcome

# A name that reads as a plain value rather than code: "ACTIVE", "latest"
PLAIN_VALUE = re.compile(r"[A-Z][A-Z0-9]*|[a-z][a-z0-9]*")


COMMON_SHARE = 0.05  # a name on this share of the file's lines (and at least COMMON_MIN) is everywhere
COMMON_MIN = 10


def check_identifier(claim: Claim, src: IndexedSource) -> Outcome:
    """The name's outcome; a name found that any reader of the file would find (a keyword, an English
    word, a name on a large share of its lines: `else`, `api`, `ctx`) is tagged "common": correct, but
    not a claim worth a point (score/ leaves it out of the accuracy)."""
    outcome = _check_identifier(claim, src)
    if outcome.status is Status.CORRECT and _common(claim.name or "", src):
        return replace(outcome, tags=outcome.tags + ("common",))
    return outcome


def _common(name: str, src: IndexedSource) -> bool:
    s = src.structure
    base = name.rsplit(".", 1)[-1]
    if base in s.keywords or (base.lower() in PROSE and not s.definitions_named(base)):
        return True
    return len(set(s.code_occurrences(name))) >= max(COMMON_MIN, COMMON_SHARE * s.n_lines)


def _check_identifier(claim: Claim, src: IndexedSource) -> Outcome:
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
        return Outcome(Status.CORRECT, None, because("name.defined", name=name, kind=d.kind, header=d.header), located=at)
    return Outcome(Status.CORRECT, None, because("name.occurs", name=name, lines=where), located=at)


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
            return Outcome(Status.CORRECT, None, because("name.called_on_object", name=name, method=parts[1], kind=d.kind,
                                                         header=d.header), located=d.header)
    classes = [d for d in s.definitions_named(parts[0]) if d.kind == "class"]
    for cls in classes:
        inner = [d for d in s.definitions_named(parts[1]) if d.header.start in cls.extent]
        if inner:
            d = inner[0]
            return Outcome(Status.CORRECT, None, because("name.member", name=name, kind=d.kind, member=d.name, owner=cls.name,
                                                         header=d.header), located=d.header)
        if parts[1] in s.attributes and any(n in cls.extent for n in s.attributes[parts[1]]):
            n = next(n for n in s.attributes[parts[1]] if n in cls.extent)
            return Outcome(Status.CORRECT, None, because("name.attribute_of", name=name, owner=cls.name, line=n),
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
            return Outcome(Status.CORRECT, None, because("name.request", name=name, what="parameter", lines=request),
                           located=Lines(request[0], request[0]))
        if claim.role in CODE_ROLES:
            return Outcome(Status.NOT_IN_SOURCE, None,
                           because("name.only_in_text", name=name, where=what, line=line, role=claim.role), located=found)
        return Outcome(Status.CORRECT, None, because("name.in_text", name=name, where=what, line=line), located=found)
    if claim.role == "data":
        return Outcome(Status.UNVERIFIABLE, None, because("name.data", name=name))
    if claim.unquoted:
        return Outcome(Status.UNVERIFIABLE, None, because("name.term", name=name))
    if claim.advice:
        return Outcome(Status.UNVERIFIABLE, None, because("name.advice", name=name), tags=("absent",))
    parts = name.split(".")
    if len(parts) > 1:
        last = parts[-1]
        return Outcome(Status.NOT_IN_SOURCE, None,
                       because("name.absent_qualified", name=name, last=last, last_occurs=bool(s.code_occurrences(last))),
                       tags=("absent",))
    return Outcome(Status.NOT_IN_SOURCE, None, because("name.absent", name=name), tags=("absent",))


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
            return Outcome(Status.CORRECT, None, because("name.parameter_of", name=base, taker=takers[0].name,
                                                         header=takers[0].header), located=takers[0].header)
        request = _request_key(base, src)
        if request:
            return Outcome(Status.CORRECT, None, because("name.request", name=base, what="parameter", lines=request),
                           located=Lines(request[0], request[0]))
        return Outcome(Status.NOT_IN_SOURCE, None, because("name.not_a_parameter", name=base, is_=_what_it_is(base, src)))
    if role == "function" and kinds == {"class"}:
        return Outcome(Status.NOT_IN_SOURCE, None, because("name.class_not_function", name=name, header=defs[0].header))
    if role == "class" and kinds and "class" not in kinds:
        return Outcome(Status.NOT_IN_SOURCE, None, because("name.not_a_class", name=name, kind=defs[0].kind, header=defs[0].header))
    if role == "attribute" and base not in s.attributes and not re.search(rf"\.\s*{re.escape(base)}\b", "\n".join(s.code_text)):
        request = _request_key(base, src)
        if request:  # "the `target` field": a form field
            return Outcome(Status.CORRECT, None, because("name.request", name=base, what="field", lines=request),
                           located=Lines(request[0], request[0]))
        return Outcome(Status.NOT_IN_SOURCE, None, because("name.not_an_attribute", name=base, is_=_what_it_is(base, src)))
    return None


def _what_it_is(name: str, src: IndexedSource) -> tuple | None:
    """What else the file has by that name, as messages.py reads it."""
    s = src.structure
    if name in s.attributes:
        return ("attribute", tuple(s.attributes[name]))
    if name in s.locals:
        return ("local", tuple(s.locals[name]))
    defs = s.definitions_named(name)
    if defs:
        return ("definition", defs[0].kind, defs[0].header)
    return None
