"""Report styles the claim engine must read, each with its expected claims.

tests/fixtures/styles/<case>/reports/<report> is a review written in one style
(GPT-style markdown, narration, range lists, tables, JSON, diff reviews, CRLF
and tabs, typographic quotes, several files, numbered code blocks);
expected/<report>.yaml lists every claim the engine must find, in text order,
as "kind [`name`] lines status [-> actual] [CWE] [@file]", with the verdict. Each
expectation was checked by hand against the source.
"""

from pathlib import Path

import pytest
import yaml

from reviewlens.analyze import analyze_corpus
from reviewlens.model import Checked
from tests.helpers import REPO

STYLES = REPO / "tests" / "fixtures" / "styles"


def describe_claim(k: Checked, main: str) -> str:
    lines = "-"
    if k.claim.lines is not None:
        a, b = k.claim.lines.start, k.claim.lines.end
        lines = str(a) if a == b else f"{a}-{b}"
    parts = [k.claim.kind.value + (f" `{k.claim.name}`" if k.claim.name else ""), lines, k.status.value]
    if k.actual_lines is not None:
        a, b = k.actual_lines.start, k.actual_lines.end
        parts.append("-> " + (str(a) if a == b else f"{a}-{b}"))
    if k.claim.cwe:
        parts.append(k.claim.cwe)
    if k.claim.file and k.claim.file != main:
        parts.append("@" + k.claim.file)
    return " ".join(parts)


def _cases():
    analysis = analyze_corpus(STYLES)
    for case in analysis.cases:
        for result in case.reports:
            yield pytest.param(case, result, id=f"{case.case.folder}/{result.report.file}")


@pytest.mark.parametrize("case, result", list(_cases()))
def test_report_style_gives_the_expected_claims(case, result, update_expectations):
    """With --update-expectations the expectations are rewritten from the
    engine's output: review every changed line by hand before committing it."""
    expected_file = STYLES / case.case.folder / "expected" / f"{result.report.id}.yaml"
    actual = {
        "verdict": result.verdict.value,
        "verdict_contradicted": result.verdict_contradicted,
        "claims": [describe_claim(k, case.case.source.path) for k in result.claims],
    }
    if update_expectations:
        expected_file.parent.mkdir(exist_ok=True)
        expected_file.write_text(yaml.safe_dump(actual, sort_keys=False, width=200, allow_unicode=True))
        return
    assert actual == yaml.safe_load(expected_file.read_text())


def test_every_style_report_has_expectations():
    for report in STYLES.glob("*/reports/*"):
        assert (report.parent.parent / "expected" / f"{Path(report.name).stem}.yaml").is_file(), report
