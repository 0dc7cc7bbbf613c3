"""The words of code and of prose, made comparable: identifiers split into
their parts, words cut to a crude stem, numbers read as values.

A description such as "uses fixtures for policy and placement" meets
`RealPolicyFixture` and `self.placement` through these.
"""

from __future__ import annotations

import re

# "RealPolicyFixture" -> Real, Policy, Fixture; "HTTPServer" -> HTTP, Server; "api2" -> api
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def number_value(text: str) -> float | None:
    """A number as written in code or prose ("1000", "1_000", "1000.0", "0x10", "60s" no), or None."""
    cleaned = text.replace("_", "").rstrip("lLuUfFjJ")
    try:
        return float(int(cleaned, 0)) if cleaned[:2].lower() in ("0x", "0o", "0b") else float(cleaned)
    except ValueError:
        return None


def stem(word: str) -> str:
    """A crude stem, enough to meet "imports"/"imported"/"import" and "licences"/"license"."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return "licens" + w[6:] if w.startswith("licenc") else w  # licence / license


def subwords(identifier: str) -> list[str]:
    parts = []
    for chunk in re.split(r"[_\W]+", identifier):
        parts += _CAMEL.findall(chunk)
    return [p for p in parts if not p.isdigit()]
