"""Reports that are data, not prose: each format a module with detect(), problems(),
meta() and parse() (the first whose detect() says yes reads the file).

- SARIF 2.1.0 from any static analyser (sarif.py);
- bandit's JSON and its text report (bandit.py);
- semgrep's JSON (semgrep.py);
- the JSON findings format of the README, for models asked to answer in JSON (ours.py).

Each is read through a JSON Schema of the fields reviewlens uses, so that a
malformed file gets a message naming the field. A JSON file of another tool
gets a message naming that tool and how to get SARIF from it.
"""

from __future__ import annotations

from reviewlens.formats import bandit, ours, sarif, semgrep
from reviewlens.formats.common import Finding, Parsed, Quote
from reviewlens.safedata import DataError, load_json

__all__ = ["Finding", "Parsed", "Quote", "identify", "meta", "parse", "language"]

JSON_FORMATS = (sarif, bandit, semgrep, ours)  # in the order they are tried
_BY_NAME = {m.NAME: m for m in JSON_FORMATS}
LABELS = {"sarif": "SARIF", "json": "JSON", "bandit": "bandit JSON", "semgrep": "semgrep JSON", "bandit-text": "bandit"}

# JSON that other tools write, recognised by their keys, and how to get SARIF from each.
_OTHERS = (
    (lambda d: isinstance(d, list) and d and isinstance(d[0], dict) and "filePath" in d[0] and "messages" in d[0],
     "eslint's JSON", "run eslint with `-f @microsoft/eslint-formatter-sarif`"),
    (lambda d: isinstance(d, dict) and "SchemaVersion" in d and "Results" in d, "trivy's JSON", "run trivy with `--format sarif`"),
    (lambda d: isinstance(d, list) and d and isinstance(d[0], dict) and "RuleID" in d[0] and "File" in d[0],
     "gitleaks' JSON", "run gitleaks with `--report-format sarif`"),
    (lambda d: isinstance(d, dict) and "Issues" in d and "Golang errors" in d, "gosec's JSON", "run gosec with `-fmt sarif`"),
    (lambda d: isinstance(d, list) and d and isinstance(d[0], dict) and "code" in d[0] and "location" in d[0] and "filename" in d[0],
     "ruff's JSON", "run ruff with `--output-format sarif`"),
    (lambda d: isinstance(d, dict) and ("auditReportVersion" in d or "advisories" in d), "npm audit's JSON",
     "it reports packages, not lines of a file: leave it out of the corpus"),
)


def identify(text: str, suffix: str) -> tuple[str | None, list[str]]:
    """The data format of a report (None: prose) and what is wrong with it, each a phrase naming the field."""
    suffix = suffix.lower()
    if suffix not in (".sarif", ".json"):
        return (bandit.TEXT_NAME, []) if bandit.detect_text(text) else (None, [])
    fallback = "sarif" if suffix == ".sarif" else "json"
    try:
        data = load_json(text)
    except DataError as err:
        return fallback, [f"is not a valid {LABELS[fallback]} report: {err}"]
    for module in JSON_FORMATS:
        if module.detect(data):
            return module.NAME, [f"is not a valid {LABELS[module.NAME]} report: {p}" for p in module.problems(data)]
    for matches, what, how in _OTHERS:
        if matches(data):
            return fallback, [f"is {what}, which reviewlens does not read; {how}, or write the findings format of the README"]
    keys = ", ".join(sorted(data)[:6]) if isinstance(data, dict) else f"a list of {len(data)}" if isinstance(data, list) else "a value"
    return fallback, [f"is JSON in a format reviewlens does not read ({'keys: ' if isinstance(data, dict) else ''}{keys}); "
                      "give SARIF 2.1.0, bandit's `-f json`, semgrep's `--json`, or the findings format of the README"]


def meta(text: str, name: str) -> dict[str, str]:
    if name == bandit.TEXT_NAME:
        return {"reviewer": "bandit", "model": "bandit"}
    return _BY_NAME[name].meta(load_json(text))


def parse(text: str, name: str) -> Parsed:
    if name == bandit.TEXT_NAME:
        return bandit.parse_text(text)
    return _BY_NAME[name].parse(text, load_json(text))


def language(name: str) -> str:
    """How a report of this format is shown on its page."""
    return "text" if name == bandit.TEXT_NAME else "json"
