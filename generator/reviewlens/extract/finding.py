"""finding claims: a security defect the report says the code has.

    ## 1. SQL injection in `list_files` (Lines 45-46)
    * L52: the search page echoes `q` (XSS)
    | Lines 17-27 | Prototype pollution: `merge` copies ... | CWE-1321 |

A defect class named in a list item, table row, heading or sentence that says
it is present. Advice and hypotheticals are not findings: "validate inputs to
prevent SQL injection", "no SQL injection is possible". The lines are those
the same item (or a heading's section) cites; the fix is the sentence that
recommends one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewlens import defects
from reviewlens.extract.citations import NONE, Citations
from reviewlens.extract.document import Document
from reviewlens.model import Claim, Kind, Lines

_NON_SPACE = re.compile(r"\S")
SCOPE_READ = 5_000  # characters of a finding's scope read for its CWE, fix and description

# Words that deny or only guard against a defect: "no", "prevent", "protect against"
NEGATED = re.compile(
    r"\b(?:no|not|never|without|free\s+(?:of|from)|prevent\w*|protect\w*\s+against|avoid\w*|guard\w*\s+against|"
    r"mitigat\w*|safe\s+from|immune|there\s+(?:is|are)\s+no|nor|cannot|can't|unlikely|isn't|aren't|such\s+as|"
    r"potential\s+security\s+vulnerabilities|consider|ensure|important)\b",
    re.I,
)
# Words that say a defect is there: "is vulnerable", "allows", "lets an attacker"
PRESENT = re.compile(
    r"\b(?:vulnerab\w*|allow\w*|lets?|leads?\s+to|exploit\w*|attackers?|(?:is|are)\s+possible|expos\w*|susceptible|"
    r"exists?|contains?|suffers?|introduc\w*|results?\s+in|unsafe|insecure|unescaped|unsaniti[sz]ed|unvalidated|"
    r"untrusted|arbitrary|found|detected|identified|echo\w*|passe?s?\s+\S+\s+to|reach\w*|runs?|evaluat\w*|"
    r"this\s+is|there\s+(?:is|are)|(?:is|are)\s+(?:a|an)|predictable|weak|broken|missing|lacks?|disables?)\b",
    re.I,
)
# "**Fix:** ...", "Recommendation: ...", "Mitigation - ..."
FIX = re.compile(r"(?:\*\*)?\b(?:fix|recommendations?|mitigation|remediation|solution)\b(?:\*\*)?\s*[:\-–]\s*(?:\*\*)?\s*(.+?)(?:\n\s*\n|\Z|(?<=[.!?])\s)", re.I | re.S)
# An imperative sentence that says what to do: "Use parameterised queries.", "Pass an argument list and drop shell=True."
IMPERATIVE = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\*\*\s))((?:Use|Pass|Replace|Validate|Escape|Sanitize|Sanitise|Avoid|Remove|Read|Load|Drop|Bind|Parameteri[sz]e|Whitelist|Allow\s+only|Reject|Restrict|Only\s+accept)\b[^.\n]*[.\n]?)", re.M)


def find(doc: Document, cited: Citations = NONE) -> Iterator[Claim]:
    """One finding per issue: a class the report names again in a summary, a
    recommendation or another paragraph about the same lines is the same finding."""
    kept: list[Claim] = []
    for claim in sorted(_candidates(doc, cited), key=lambda c: c.start):
        if any(_same_issue(claim, k) for k in kept):
            continue
        kept.append(claim)
    # A summary ("the code contains a SQL injection vulnerability") names a
    # class that a later, located finding details: keep the located one.
    located = {c.cwe for c in kept if c.lines is not None}
    yield from (c for c in kept if c.lines is not None or c.cwe not in located)


def _same_issue(a: Claim, b: Claim) -> bool:
    if a.cwe != b.cwe:
        return False
    if a.lines is None or b.lines is None:
        return a.lines is None and b.lines is None
    return a.lines.distance(b.lines) <= 1


# "..., which allows remote code execution", "leading to", "resulting in": what a finding leads to
CONSEQUENCE = re.compile(
    r"\b(?:(?:which|that|this|it)\s+(?:could\s+|can\s+|may\s+|would\s+|might\s+)?(?:also\s+)?"
    r"(?:allows?|enables?|permits?|leads?\s+to|results?\s+in|opens?\s+the\s+door\s+to)|leading\s+to|resulting\s+in|allowing|"
    r"enabling|and\s+(?:thus|therefore|so|then)|to\s+(?:achieve|gain|get)|(?:i\.e\.|ie)\s*,?)\s+(?:\w+\s+){0,4}$", re.I)


def _candidates(doc: Document, cited: Citations) -> Iterator[Claim]:
    text = doc.text
    # How far the scopes of the findings found so far reach, per class: a
    # mention within one is that finding's, not a new one (mentions come in
    # text order and each scope holds its mention).
    reach: dict[str, int] = {}
    present: dict[tuple[int, int], bool] = {}  # per unit: does it say a defect is there?
    last_in_sentence: tuple[int, int] = (-1, -1)  # the sentence of the last finding
    for m in defects.mentions(text):
        doc.budget.check()
        cls = defects.CLASSES[m.index]
        if doc.in_code_span(m.start, m.end) or doc.in_fence(m.start):
            continue
        block = doc.block_at(m.start)
        unit = doc.unit_at(m.start)
        s_start, s_end = doc.sentence_at(m.start)
        before = text[max(s_start, m.start - 80) : m.start]
        if NEGATED.search(before) or doc.opens_with_advice(s_start):
            continue  # "no SQL injection is possible", "Replace SHA1 with SHA-256"
        if (s_start, s_end) == last_in_sentence and CONSEQUENCE.search(text, max(s_start, m.start - 120), m.start):
            continue  # "... a shell injection, which allows remote code execution": what the finding leads to
        headed = block is not None and block.kind in ("heading", "table_row")
        # "(path traversal)" or "issue": "SQL injection": the report labels it a finding
        labelled = text[max(0, m.start - 1) : m.start] == "(" or re.search(
            r'"(?:issue|vulnerability|type|title|finding|name|category)"\s*:\s*"$', text[max(0, m.start - 40) : m.start])
        item_head = text.count(" ", unit[0], m.start) <= 4  # "1. **SQL injection** ..."
        if not (headed or labelled or item_head):
            if unit not in present:
                present[unit] = PRESENT.search(text, unit[0], unit[1]) is not None
            if not present[unit]:
                continue
        scope = _scope(doc, block, unit, (s_start, s_end), m.start)
        if reach.get(cls.cwe, -1) > m.start:
            continue
        reach[cls.cwe] = max(reach.get(cls.cwe, -1), scope[1])
        last_in_sentence = (s_start, s_end)
        said = text[scope[0] : min(scope[1], scope[0] + SCOPE_READ)]  # a section may be the whole report
        explicit = defects.explicit_cwe(said)
        named = defects.class_of(explicit) if explicit else None  # "CWE: CWE-327" decides the class
        yield Claim(
            Kind.FINDING, m.start, m.end, _lines(cited, scope, m.start),
            title=(named or cls).title, cwe=explicit or cls.cwe, fix=_fix(said),
            description=" ".join(said[:2000].split())[:300],
        )


def _scope(doc: Document, block, unit: tuple[int, int], sentence: tuple[int, int], mention: int) -> tuple[int, int]:
    """Where a finding's lines and fix are looked for: a heading's section, a list
    item or table row, or (in running text) its sentence and, after a colon, the
    block that follows."""
    if block is not None and block.kind == "heading":
        return doc.section_at(block.start)
    obj = _json_object(doc.text, mention, unit)
    if obj is not None:
        return obj
    if block is not None and block.kind == "paragraph" and unit == (block.start, block.end):
        start, end = sentence
        # Running text: the following sentences belong to the finding until one
        # names another defect class ("... SQL injection. On line 45 the query ...").
        while (ahead := _NON_SPACE.search(doc.text, end, block.end)) is not None:
            doc.budget.check()
            nxt = doc.sentence_at(ahead.start())
            if nxt[1] <= end or nxt[1] > block.end or defects.classify(doc.text[nxt[0] : nxt[1]]):
                break
            end = nxt[1]
        if doc.text[start:end].rstrip().endswith(":"):
            following = doc.blocks_after(block.end)
            if following and doc.text[block.end : following[0].start].strip() == "":
                end = following[0].end
        return start, end
    return unit


def _lines(cited: Citations, scope: tuple[int, int], mention: int) -> Lines | None:
    """The lines the finding cites: the citation nearest its mention in its scope,
    widened by others that touch it (a quote of line 46 after "Lines 45-46")."""
    near = sorted((abs(start - mention), start, lines) for start, lines in cited.within(scope[0], scope[1]))
    if not near:
        return None
    start, end = near[0][2].start, near[0][2].end
    for _, _, lines in near[1:]:
        if lines.start <= end + 1 and lines.end >= start - 1:
            start, end = min(start, lines.start), max(end, lines.end)
    return Lines(start, end)


def _fix(scope: str) -> str | None:
    m = FIX.search(scope)
    if m:
        return " ".join(m.group(1).split()).strip("* ")[:300] or None
    m = IMPERATIVE.search(scope)
    return " ".join(m.group(1).split())[:300] if m else None



JSON_REACH = 5_000  # characters a finding's JSON object may extend before its mention


def _json_object(text: str, at: int, unit: tuple[int, int]) -> tuple[int, int] | None:
    """The innermost {...} around a position, in JSON output."""
    if not text[unit[0] : unit[0] + 200].lstrip().startswith(("{", "[")):
        return None
    depth, start = 0, None
    for i in range(at, max(unit[0], at - JSON_REACH) - 1, -1):
        if text[i] == "}" and i != at:
            depth += 1
        elif text[i] == "{":
            if depth == 0:
                start = i
                break
            depth -= 1
    if start is None:
        return None
    depth = 0
    for j in range(start, min(unit[1], start + 2 * JSON_REACH)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return start, j + 1
    return None
