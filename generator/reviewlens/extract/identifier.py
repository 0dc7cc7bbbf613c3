"""identifier claims: names the report attributes to the code.

    `cast_as_call.CastAsCall`    `self.image_id`    `_get_usages`    `html.safe()`
    the test_local_delete_removes_allocations method       (bare snake_case)
    inherits from TestCase and integrated_helpers.InstanceHelperMixin   (CamelCase, dotted: unquoted)
    Audit the input to 'exec.Command'         `massive.py:_fetch_snapshots` (a name in a file)
    the `image_id` and `flavor_id` parameters               (role: parameter)
    **Fix:** ```go ... s.writeKeyFile(key) ...```           (names the fix uses: advice)

Each name is claimed once per report, at its first mention with a given role.
A CamelCase or dotted name in plain prose is marked `unquoted`: absent from
the file, it may be a product or a term ("GitHub", "OpenStack"), so it is
never called invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewlens.extract.citations import NONE, Citations
from reviewlens.extract.document import Document
from reviewlens.lexicon import FILE_NAME, IDENTIFIER, NOT_NAMES
from reviewlens.model import Claim, Kind

# A bare name outside code spans that can only be code: snake_case with an
# underscore ("rp_uuid", "_get_usages"), or a dotted name called ("os.path.join()", "cursor.execute(...)").
BARE = re.compile(r"(?<![\w./`$-])(?:_*[a-z][a-z0-9]*(?:_[a-z0-9]+)+_*|_[a-z][a-z0-9_]*|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:\(\)|(?=\()))(?![\w/`-]|\.\w)")
# Names in prose that read as code but might be terms: CamelCase with two humps ("InstanceHelperMixin",
# not "GitHub"'s like alone), camelCase ("handleSlashCommand"), SCREAMING_SNAKE ("UPLOAD_ROOT"), dotted ("integrated_helpers.X")
LOOSE = re.compile(
    r"(?<![\w./`$'-])(?:[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+|[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]"
    r"|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?![\w/`'-]|\.\w|\()"
)
# A capitalised word joined to a SCREAMING_SNAKE name is a constant too: "(JWT_PASSWORD and PASSWORD)",
# "PASSWORD、JWT_PASSWORD", "KEY или API_KEY" (alone, "PASSWORD" or "JWT" may be a word or an acronym)
_JOIN = r"\s*(?:,|、|，|/|和|与|及|或|\band\b|\bor\b|\bи\b|\bили\b|\bund\b|\boder\b|\bet\b|\bou\b|\by\b|\bo\b|\be\b)\s*"
_SNAKE = r"[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]"
_CAPS = r"[A-Z][A-Z0-9]{2,}"
COORDINATED = re.compile(rf"(?<![\w`$])(?:{_SNAKE}{_JOIN}(?P<after>{_CAPS})|(?P<before>{_CAPS}){_JOIN}{_SNAKE})(?![\w`(])")
# Code in single quotes: 'exec.Command', 'run()' (a dot or parentheses: not an English quote)
SINGLE_QUOTED = re.compile(r"(?<![\w'])'([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?|[A-Za-z_$][\w$]*\(\))'(?![\w'])")
# A name in a file: `massive.py:_fetch_snapshots`
FILE_AND_NAME = re.compile(r"(?P<file>[\w./-]+\.[A-Za-z]\w{0,5}):(?P<name>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?:\(\))?")
# In a code block: names specific enough to say which code they mean
_CODE_NAME = re.compile(r"(?<![\w$.])(?:[A-Za-z_$][\w$]*\.)*(?:[a-z]+_[a-z0-9_]+|_[A-Za-z]\w+|[a-z]+[A-Z]\w*|[A-Z][a-z0-9]+[A-Z]\w*)(?![\w$])")

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



def find(doc: Document, cited: Citations = NONE) -> Iterator[Claim]:
    seen: set[tuple[str, str | None]] = set()
    candidates = []  # (outer start, outer end, start, end, name, file, unquoted, advice)
    for span in doc.code_spans:
        content = span.content.strip()
        m = FILE_AND_NAME.fullmatch(content)
        if m:
            candidates.append((span.start, span.end, span.content_start, span.content_end, m.group("name"),
                               m.group("file"), False, None))
        elif IDENTIFIER.fullmatch(content):
            candidates.append((span.start, span.end, span.content_start, span.content_end, content, None, False, None))
    for pattern, unquoted in ((BARE, False), (LOOSE, True)):
        for m in pattern.finditer(doc.text):
            if not doc.in_code_span(m.start(), m.end()) and not doc.in_fence(m.start()) and not _in_url(doc.text, m.start()):
                candidates.append((m.start(), m.end(), m.start(), m.end(), m.group(), None, unquoted, None))
    for m in COORDINATED.finditer(doc.text):
        g = "after" if m.group("after") else "before"
        if not doc.in_code_span(m.start(), m.end()) and not doc.in_fence(m.start()):
            candidates.append((m.start(g), m.end(g), m.start(g), m.end(g), m.group(g), None, True, None))
    for m in SINGLE_QUOTED.finditer(doc.text):
        if not doc.in_code_span(m.start(), m.end()) and not doc.in_fence(m.start()):
            candidates.append((m.start(), m.end(), m.start(1), m.end(1), m.group(1), None, False, None))
    for block in doc.blocks:
        if block.kind in ("fence", "code_block") and doc.block_is_advice(block):
            body_start, body = doc.block_body(block)
            for m in _CODE_NAME.finditer(body):
                doc.budget.check()
                a = body_start + m.start()
                candidates.append((a, a + len(m.group()), a, a + len(m.group()), m.group(), None, False, True))
    for outer_start, outer_end, start, end, content, file, unquoted, advice in sorted(candidates):
        name = content[:-2] if content.endswith("()") else content
        if (name.lower() in NOT_NAMES or len(name) < 2 or (advice is None and doc.in_fence(start))
                or FILE_NAME.fullmatch(name) or _version(name)):
            continue
        role = None if advice else _role(doc.text, outer_start, outer_end)
        # A name is claimed at its first mention; a later mention that says what
        # it is (a role) is a claim of its own.
        if (name, role) in seen or (role is None and any(n == name for n, _ in seen)):
            continue
        seen.add((name, role))
        yield Claim(Kind.IDENTIFIER, start, end, None, name=name, role=role, file=file,
                    advice=bool(advice) or doc.is_advice(outer_start), unquoted=unquoted, near=_near(doc, cited, start))


def _near(doc: Document, cited: Citations, pos: int):
    """The lines cited nearest a name in its sentence, else in its list item or paragraph:
    "the ResourceTracker mentioned on line 94" is discussed at line 94."""
    for a, b in (doc.sentence_at(pos), doc.unit_at(pos)):
        found = cited.nearest(pos, a, b)
        if found is not None:
            return found
    return None


def _version(name: str) -> bool:
    """"v1.2", "0.42.0-nightly", "e.g": dotted, but not code."""
    return bool(re.fullmatch(r"v?\d+(?:\.\w+)+|[A-Za-z]\.[A-Za-z]", name))


def _role(text: str, start: int, end: int) -> str | None:
    after = ROLE_AFTER.match(text, end)
    if after:
        return ROLES[after.group(1).lower()]
    before = ROLE_BEFORE.search(text[max(0, start - 40) : start].replace("the ", " "))
    if before:
        return ROLES[before.group(1).lower()]
    return None


def _in_url(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", max(0, pos - 500), pos) + 1
    return bool(re.search(r"\S*://\S*$", text[max(line_start, pos - 500):pos]))
