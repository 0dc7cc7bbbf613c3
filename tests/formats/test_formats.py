"""Static analysers and JSON answers in the same comparison as prose reviews."""

import json
import shutil
import subprocess

import pytest

from reviewlens.analyze import analyze_corpus
from tests.helpers import REPO, build_site, tool, write_tree

SOURCE = REPO / "site_src" / "py-fileshare" / "fileshare.py"


def _case_with_bandit(tmp_path):
    """A case folder holding the bundled file-sharing service, and a function that has bandit scan it
    into reports/NAME in a format ("sarif", "json", "txt")."""
    bandit = tool("bandit")
    assert bandit, "bandit is a test dependency: pip install -e '.[test]'"
    case = tmp_path / "corpus" / "py"
    (case / "reports").mkdir(parents=True)
    shutil.copy(SOURCE, case / "fileshare.py")

    def scan(fmt: str, name: str) -> None:
        done = subprocess.run([bandit, "-f", fmt, "-q", str(case / "fileshare.py"), "-o", str(case / "reports" / name)],
                              capture_output=True, text=True)
        assert done.returncode in (0, 1), done.stderr  # 1: issues found

    return case, scan


@pytest.mark.slow
def test_real_bandit_sarif_builds_into_the_site_beside_text_reports(tmp_path):
    case, scan = _case_with_bandit(tmp_path)
    shutil.copy(REPO / "site_src" / "py-fileshare" / "truth.yaml", case / "truth.yaml")
    shutil.copy(REPO / "site_src" / "py-fileshare" / "reports" / "accurate.md", case / "reports" / "accurate.md")
    scan("sarif", "bandit.sarif")
    site = tmp_path / "site"
    build_site(tmp_path / "corpus", site)
    data = json.loads((site / "annotations.json").read_text())
    reports = {r["id"]: r for r in data["cases"][0]["reports"]}
    sarif = reports["bandit"]
    assert sarif["reviewer"] == "Bandit"  # the tool's driver name
    shell = [c for c in sarif["claims"] if c["kind"] == "finding" and c["lines"] == [80, 80]]
    assert shell and shell[0]["cwe"] == "CWE-78" and shell[0]["status"] == "correct"
    assert sarif["metrics"]["tp"] >= 3  # SQL injection, shell, hard-coded token, MD5
    raw = (case / "reports" / "bandit.sarif").read_text()
    for c in sarif["claims"]:
        assert raw[c["span"][0] : c["span"][1]] == c["text"]
    page = (site / "cases" / "py" / "bandit" / "index.html").read_text()
    assert 'id="claim-2"' in page and "rl-source" in page
    home = (site / "index.html").read_text()
    assert "cases/py/bandit/" in home and "cases/py/accurate/" in home  # in the same table


def test_json_findings_format(tmp_path):
    report = {"reviewer": "model-json", "verdict": "defects_found", "findings": [
        {"title": "SQL injection", "cwe": "CWE-89", "lines": [45, 46], "fix": "use parameters"},
        {"title": "Command injection", "cwe": "CWE-78", "lines": [82, 82]}]}
    corpus = write_tree(tmp_path / "c", {"py/fileshare.py": SOURCE.read_text(),
                                         "py/reports/m.json": json.dumps(report, indent=1)})
    (r,) = analyze_corpus(corpus).cases[0].reports
    assert r.reviewer == "model-json" and r.verdict.value == "defects_found"
    assert [(c.claim.cwe, c.status.value, c.actual_lines and c.actual_lines.start) for c in r.claims
            if c.claim.kind.value == "finding"] == [("CWE-89", "correct", None), ("CWE-78", "wrong_line", 80)]


@pytest.mark.parametrize(
    "name, content, problem",
    [
        pytest.param("m.json", '{"findings": [{"lines": [1]}]}', "findings.0: 'title' is a required property", id="json_missing_title"),
        pytest.param("m.json", '{"findings": ', "is not valid JSON", id="json_broken"),
        pytest.param("t.sarif", '{"version": "2.0.0", "runs": []}', "version: '2.1.0' was expected", id="sarif_wrong_version"),
        pytest.param("t.sarif", '{"version": "2.1.0", "runs": [{"tool": {}}]}', "'driver' is a required property", id="sarif_no_driver"),
    ],
)
def test_malformed_structured_reports_name_the_field(tmp_path, name, content, problem):
    corpus = write_tree(tmp_path / "c", {"py/a.py": "x = 1\n", f"py/reports/{name}": content})
    (r,) = analyze_corpus(corpus).cases[0].reports
    assert any(problem in p.message for p in r.report.problems), r.report.problems
    assert r.claims == ()


LEDGER = REPO / "tests" / "fixtures" / "styles" / "ledger"


@pytest.mark.parametrize("content, said", [
    pytest.param(json.dumps([{"filePath": "/a.js", "messages": []}]), "is eslint's JSON, which reviewlens does not read; "
                 "run eslint with `-f @microsoft/eslint-formatter-sarif`", id="eslint"),
    pytest.param(json.dumps({"SchemaVersion": 2, "Results": []}), "is trivy's JSON", id="trivy"),
    pytest.param(json.dumps({"issues": [], "tool": "x"}), "is JSON in a format reviewlens does not read (keys: issues, tool); "
                 "give SARIF 2.1.0, bandit's `-f json`, semgrep's `--json`", id="unknown"),
])
def test_another_tools_json_is_named_with_what_to_give_instead(tmp_path, content, said):
    corpus = write_tree(tmp_path / "c", {"py/a.py": "x = 1\n", "py/reports/tool.json": content})
    (r,) = analyze_corpus(corpus).cases[0].reports
    assert any(said in p.message for p in r.report.problems), r.report.problems
    assert not r.report.readable


@pytest.mark.parametrize("report", ["bandit.json", "bandit-run.txt", "semgrep.json"])
def test_tools_own_output_gives_findings_and_checks_their_snippets(tmp_path, report):
    source = (LEDGER / "ledger.py").read_text()
    corpus = write_tree(tmp_path / "c", {"c/ledger.py": source, f"c/reports/{report}": (LEDGER / "reports" / report).read_text()})
    (r,) = analyze_corpus(corpus).cases[0].reports
    findings = {(c.claim.lines.start, c.claim.cwe) for c in r.claims if c.claim.kind.value == "finding"}
    assert (28, "CWE-89") in findings and (49, "CWE-78") in findings
    quotes = [c for c in r.claims if c.claim.kind.value == "line_quote"]
    assert quotes and all(c.status.value == "correct" for c in quotes)
    # The same output against another version of the file: the tool's snippets no longer match.
    stale = write_tree(tmp_path / "stale", {"c/ledger.py": source.replace('ORDER BY " + order', 'ORDER BY " + sort_key'),
                                            f"c/reports/{report}": (LEDGER / "reports" / report).read_text()})
    (r,) = analyze_corpus(stale).cases[0].reports
    assert any(c.claim.kind.value == "line_quote" and c.claim.lines.start == 28 and c.status.value == "not_in_source"
               for c in r.claims)


@pytest.mark.slow
def test_one_scan_in_three_formats_is_three_pages_one_reviewer_and_the_same_marks(tmp_path):
    case, scan = _case_with_bandit(tmp_path)
    for fmt, name in (("json", "bandit.json"), ("sarif", "bandit.sarif"), ("txt", "Bandit.txt")):
        scan(fmt, name)
    analysis = analyze_corpus(tmp_path / "corpus")
    (result,) = analysis.cases
    assert not result.case.problems
    by_id = {r.report.id: r for r in result.reports}
    assert sorted(by_id) == ["bandit-json", "bandit-sarif", "bandit-txt"]
    marks = {rid: sorted((k.claim.lines.start, k.claim.cwe, k.status.value) for k in r.claims if k.claim.kind.value == "finding")
             for rid, r in by_id.items()}
    assert marks["bandit-json"] == marks["bandit-sarif"] == marks["bandit-txt"], marks
    debug = [m for m in marks["bandit-json"] if m[1] == "CWE-94"]  # B201, Flask run with debug=True
    assert debug and all(status == "correct" for _, _, status in debug)
    from reviewlens.score.leaderboard import leaderboard
    assert [row.reviewer.casefold() for row in leaderboard(analysis)] == ["bandit"]
