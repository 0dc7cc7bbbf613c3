"""Patterns more than one rule reads, each defined once, with what it matches.

Patterns of one rule stay with that rule; these are the shared vocabulary of
reports: how they say "line", how JSON output names a line, and how a
sentence gives advice rather than describes the code.
"""

from __future__ import annotations

import re

# The word "line": "line", "lines", "Line", "LINES"
LINE_WORD = r"[Ll](?:ine|INE)[sS]?"

# JSON output naming a line, and its end: "line": 24, "start_line": 5, "end_line": 9
JSON_LINE_KEY = r'"(?:line|line_number|lineno|start_line|line_start)"'
JSON_END_KEY = r'"(?:end_line|line_end|end)"'

# Words that make a sentence advice about what to do, not a statement about
# the code: "use X instead", "consider X", "should", "such as X".
ADVICE = re.compile(
    r"(?:^|[\s*(])(?:use|using\s+a|consider|replace|instead|should|could|would|recommend\w*|prefer|switch\s+to|"
    r"migrate\s+to|adopt|avoid|such\s+as|e\.g\.|for\s+example|fix:|skip|pass\s+the|it\s+is\s+important|"
    r"important\s+to|make\s+sure|ensure|implement|payloads?|malicious|crafted)(?!\w)",
    re.I,
)

# A sentence that opens with advice: "Consider ...", "Use ...", "It is important to ..."
# (possessive white space: a long run of it is crossed once, not tried at every split)
ADVICE_START = re.compile(
    r"\s*+(?:[-*+]|\d+[.)])?\s*+(?:\*\*)?(?:\w+(?:\s\w+)?:\s*+)?(?:\*\*)?\s*+(?:consider|use|avoid|ensure|make\s+sure|validate|implement|"
    r"add|always|never|it\s+is\s+(?:important|recommended|advisable|good\s+practice)|you\s+should|we\s+recommend|i\s+recommend)\b",
    re.I,
)

# A sentence, anywhere in a text, that opens with an imperative of advice: "... . Use parameterized queries"
ADVICE_OPENS = re.compile(r"(?:(?<=[.!?:])\s+|^\s*)(?:Use|Consider|Instead|Prefer|Avoid|Replace|Switch|Migrate|Always|Never)\b", re.M)

# Code the report says was there before a change: "the old `x`", "previously", "removed"
PAST = re.compile(r"\b(?:old|previous(?:ly)?|removed|deleted\s+line|before\s+the\s+change|used\s+to|original(?:ly)?)\b", re.I)

# A label that introduces a fix: "**Fix:**", "Recommendation:", "Fix direction:", "修复:"
FIX_LABEL = re.compile(
    r"^[ \t>*-]*+(?:\*\*)?[ \t]*(?:fix|fixes|fix direction|recommendations?|remediation|mitigation|suggested fix|"
    r"solution|proposed (?:fix|change)|修复|建议)\b[^\n]{0,20}?:",
    re.I | re.M,
)

# The line before a code block that shows the reviewer's own code, a program's output or a command
OWN_CODE = re.compile(
    r"(?i)\b(?:fix|fixed|fixes|instead|should|recommend\w*|replace\w*|safer|secure version|like this|corrected|example|"
    r"reproduc\w*|repro|poc|proof of concept|exploit|output|run command|usage|patch|suggest\w*|remediat\w*|mitigat\w*|"
    r"вместо|исправ\w*|рекоменд\w*|следует)\b|修复|建议|示例|替代|替换|改为|应该|应当")
