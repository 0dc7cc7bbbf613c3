"""identifier claims: names the report attributes to the code.

    `cast_as_call.CastAsCall`    `self.image_id`    `_get_usages`    `html.safe()`
    the test_local_delete_removes_allocations method       (bare snake_case)
    the `image_id` and `flavor_id` parameters               (role: parameter)

Each name is claimed once per report, at its first mention with a given role.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.extract.document import Document
from generator.extract.files import FILE_NAME
from generator.model import Claim, Kind

# A (dotted) name, optionally called: "foo", "a.b.C", "html.safe()", "$el"
IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(\))?")

# A bare name outside code spans that can only be code: snake_case with an
# underscore ("rp_uuid", "_get_usages"), or a dotted name with parentheses ("os.path.join()").
BARE = re.compile(r"(?<![\w./`$-])(?:_*[a-z][a-z0-9]*(?:_[a-z0-9]+)+_*|_[a-z][a-z0-9_]*|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\(\))(?![\w/`-]|\.\w)")

ROLES = {
    "parameter": "parameter", "parameters": "parameter", "argument": "parameter", "arguments": "parameter",
    "attribute": "attribute", "attributes": "attribute", "property": "attribute", "field": "attribute",
    "class": "class", "classes": "class",
    "method": "function", "methods": "function", "function": "function", "functions": "function",
    "module": "module", "modules": "module", "package": "module",
    "variable": "variable", "variables": "variable",
    # Names given as data, not as code: "`__proto__` keys", "the `X-Token` header"
    "key": "data", "keys": "data", "header": "data", "headers": "data", "value": "data", "values": "data",
    "payload": "data", "input": "data", "string": "data", "state": "data",
}
_ROLE_WORDS = "|".join(sorted(ROLES, key=len, reverse=True))
# The role after a list of names: "the `a` and `b` parameters", "`X` class"
ROLE_AFTER = re.compile(r"(?:\s*(?:,|and|or)\s*(?:`[^`\n]+`|\w+))*\s+(" + _ROLE_WORDS + r")\b", re.I)
# The role before a name: "the parameter `x`", "method `run`", "class called X"
ROLE_BEFORE = re.compile(r"\b(" + _ROLE_WORDS + r")\s+(?:called\s+|named\s+)?$", re.I)

_COMMON = {"true", "false", "none", "null", "self", "this", "e.g", "i.e", "etc"}


def find(doc: Document) -> Iterator[Claim]:
    seen: set[tuple[str, str | None]] = set()
    candidates = []
    for span in doc.code_spans:
        content = span.content.strip()
        if IDENTIFIER.fullmatch(content):
            candidates.append((span.start, span.end, span.content_start, span.content_end, content))
    for m in BARE.finditer(doc.text):
        if not doc.in_code_span(m.start(), m.end()) and not _in_url(doc.text, m.start()):
            candidates.append((m.start(), m.end(), m.start(), m.end(), m.group()))
    for outer_start, outer_end, start, end, content in sorted(candidates):
        name = content[:-2] if content.endswith("()") else content
        if name.lower() in _COMMON or len(name) < 2 or doc.in_fence(start) or FILE_NAME.fullmatch(name):
            continue
        role = _role(doc.text, outer_start, outer_end)
        # A name is claimed at its first mention; a later mention that says what
        # it is (a role) is a claim of its own.
        if (name, role) in seen or (role is None and any(n == name for n, _ in seen)):
            continue
        seen.add((name, role))
        yield Claim(Kind.IDENTIFIER, start, end, None, name=name, role=role, advice=doc.is_advice(outer_start))


def _role(text: str, start: int, end: int) -> str | None:
    after = ROLE_AFTER.match(text, end)
    if after:
        return ROLES[after.group(1).lower()]
    before = ROLE_BEFORE.search(text[max(0, start - 40) : start].replace("the ", " "))
    if before:
        return ROLES[before.group(1).lower()]
    return None


def _in_url(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return bool(re.search(r"\S*://\S*$", text[line_start:pos]))

