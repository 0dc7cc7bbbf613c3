"""Every file a corpus contributes is read by one rule (issue 12): a regular
file inside the corpus, sized before it is read, parsed with bounds. A bad
file or value is one problem naming the file and the field; the rest builds.

Each corpus here is analysed by the real command in a subprocess with a
time limit, so that an input that would stall the build fails the test
instead of hanging it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import reviewlens, write_tree

pytestmark = pytest.mark.slow  # runs the command in its own process

APP = "import os\n\n\ndef run(cmd):\n    os.system(cmd)\n"
REPORT = "`5 os.system(cmd)` runs a shell.\n"


def analysed(corpus: Path) -> tuple[subprocess.CompletedProcess, dict]:
    done = reviewlens("analyze", corpus, cwd=corpus.parent, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    return done, json.loads(done.stdout)


def case_of(data: dict, case_id: str) -> dict:
    return next(c for c in data["cases"] if c["id"] == case_id)


def test_a_pipe_named_like_a_report_is_refused_without_waiting(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {"c/app.py": APP, "c/reports/ok.md": REPORT})
    os.mkfifo(corpus / "c" / "reports" / "x.md")
    os.mkfifo(corpus / "c" / "truth.yaml")
    done, data = analysed(corpus)
    assert "c/reports/x.md: is not a regular file" in done.stderr
    assert "c: truth.yaml is not a regular file" in done.stderr
    assert case_of(data, "c")["reports"][0]["claims"][0]["status"] == "correct"  # the rest goes on


def test_settings_linked_out_of_the_corpus_are_not_read(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: TOKEN-12345\nupstream: {repo: TOKEN-12345}\n")
    corpus = write_tree(tmp_path / "corpus", {"c/app.py": APP, "c/reports/r.md": REPORT})
    for name in ("corpus.yaml", "c/case.yaml"):
        os.symlink(secret, corpus / name)
    os.symlink("/dev/zero", corpus / "c" / "truth.yaml")
    done, data = analysed(corpus)
    assert "TOKEN-12345" not in done.stdout + done.stderr
    assert "reviewlens: corpus.yaml: is a link that leads out of the corpus" in done.stderr
    assert "reviewlens: c: case.yaml is a link that leads out of the corpus" in done.stderr
    assert "reviewlens: c: truth.yaml is a link that leads out of the corpus" in done.stderr


# Runs the command as its child and prints the child's peak memory. A child's
# peak counts what it shared with its parent when it was forked, so the
# command is started from this small process, not from the test runner.
PEAK_OF = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
err = proc.stderr.read()
_, _, usage = os.wait4(proc.pid, 0)
print(usage.ru_maxrss)
sys.stdout.write(err)
"""


def test_a_huge_sparse_report_costs_nothing_to_refuse(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {"c/app.py": APP, "c/reports/r.md": REPORT})
    with open(corpus / "c" / "reports" / "huge.md", "wb") as f:
        f.truncate(3 * 1024**3)  # 3 GB of nothing: reading it would cost 3 GB of memory
    done = subprocess.run([sys.executable, "-c", PEAK_OF, sys.executable, "-m", "reviewlens", "analyze", str(corpus)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    peak_kb, _, stderr = done.stdout.partition("\n")
    assert int(peak_kb) < 400 * 1024  # the size is checked before a byte is read
    assert "c/reports/huge.md: is 3,221,225,472 bytes, over the 5,242,880-byte limit; not read" in stderr


def test_a_source_linked_out_says_so_not_that_case_yaml_names_it(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {"c/reports/r.md": REPORT})
    (tmp_path / "passwd.py").write_text("root:x:0:0\n")
    os.symlink(tmp_path / "passwd.py", corpus / "c" / "passwd.py")
    done, _ = analysed(corpus)
    assert "c: source passwd.py is a link that leads out of the case folder; not read" in done.stderr
    assert "case.yaml names" not in done.stderr


NESTED = "[" * 2000 + "]" * 2000


@pytest.mark.parametrize("file, content, said", [
    pytest.param("corpus.yaml", f"title: {NESTED}\n", "corpus.yaml: is malformed YAML", id="corpus_yaml"),
    pytest.param("c/case.yaml", f"title: {NESTED}\n", "c: case.yaml is malformed YAML", id="case_yaml"),
    pytest.param("c/truth.yaml", f"verdict: {NESTED}\n", "c: truth.yaml is malformed YAML", id="truth_yaml"),
    pytest.param("c/reports/fm.md", f"---\nreviewer: {NESTED}\n---\nLine 5 runs a shell.\n",
                 "c/reports/fm.md: has malformed front matter", id="front_matter"),
    pytest.param("c/reports/x.json", json.dumps({"findings": []})[:-1] + f', "x": {NESTED}}}',
                 "c/reports/x.json: is not a valid JSON report: is nested more than 64 levels deep", id="json_report"),
    pytest.param("c/reports/x.sarif", f'{{"version": "2.1.0", "runs": {NESTED}}}',
                 "c/reports/x.sarif: is not a valid SARIF report: is nested more than 64 levels deep", id="sarif_report"),
])
def test_two_thousand_nested_brackets_are_one_problem(tmp_path, file, content, said):
    corpus = write_tree(tmp_path / "corpus", {"c/app.py": APP, "c/reports/r.md": REPORT, file: content})
    done, data = analysed(corpus)
    assert done.returncode == 1
    assert said in done.stderr
    r = next(r for r in case_of(data, "c")["reports"] if r["id"] == "r")
    assert r["claims"][0]["status"] == "correct"


@pytest.mark.parametrize("file, content, said", [
    pytest.param("c/reports/d.md", "---\nreviewer: a\ndate: 2024-13-45\n---\nLine 5 runs a shell.\n", None,
                 id="impossible_date_is_text"),
    pytest.param("c/case.yaml", "sources: 5\n", "c: case.yaml sources must be a list of file paths, not 5; ignored",
                 id="sources_a_number"),
    pytest.param("c/case.yaml", "sources: [[app.py]]\n",
                 "c: case.yaml sources[0] must be a file path (or a mapping with `path`), not ['app.py']; ignored",
                 id="sources_a_nested_list"),
    pytest.param("c/case.yaml", "title: {a: 1}\n", "c: case.yaml title must be text, not {'a': 1}; ignored",
                 id="title_a_mapping"),
    pytest.param("corpus.yaml", "reviewers: [a, b]\n",
                 "corpus.yaml: reviewers must be a mapping of names to text, not ['a', 'b']; ignored",
                 id="reviewers_a_list"),
    pytest.param("c/reports/big.md", "---\nreviewer: " + "x" * 300 + "\n---\nLine 5 runs a shell.\n",
                 "c/reports/big.md: has front matter `reviewer` is 300 characters long; shown cut to 200",
                 id="long_reviewer"),
    pytest.param("c/case.yaml", "title: " + "T" * 5000 + "\n", "c: case.yaml title is 5,000 characters long; shown cut to 200",
                 id="long_title"),
])
def test_a_value_of_the_wrong_shape_is_named_and_the_rest_is_read(tmp_path, file, content, said):
    corpus = write_tree(tmp_path / "corpus", {"c/app.py": APP, "c/reports/r.md": REPORT, file: content})
    done, data = analysed(corpus)
    if said is None:
        assert done.returncode == 0, done.stderr
    else:
        assert said in done.stderr
    assert case_of(data, "c")["source"]["path"] == "app.py"
    reports = {r["id"]: r for r in case_of(data, "c")["reports"]}
    assert all(len(r["reviewer"]) <= 200 for r in reports.values())
    assert reports["r"]["claims"][0]["status"] == "correct"
    assert all(len(c["title"]) <= 200 for c in data["cases"])


BOMB = "\n".join([
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]', 'title: [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
])


@pytest.mark.parametrize("file, content, said", [
    pytest.param("c/case.yaml", BOMB, "c: case.yaml expands to more than 10,000 values", id="case_yaml"),
    pytest.param("c/reports/fm.md", f"---\n{BOMB.replace('title', 'reviewer')}\n---\nLine 5.\n",
                 "c/reports/fm.md: has front matter that expands to more than 10,000 values", id="front_matter"),
    pytest.param("c/case.yaml", "title: &a [*a]\n", "c: case.yaml holds a value that contains itself", id="recursive"),
])
def test_yaml_aliases_cannot_expand_a_small_file_into_a_big_site(tmp_path, file, content, said):
    corpus = write_tree(tmp_path / "corpus", {"c/app.py": APP, "c/reports/r.md": REPORT, file: content})
    done, data = analysed(corpus)
    assert said in done.stderr
    assert len(done.stdout) < 20_000


@pytest.mark.parametrize("report, said", [
    pytest.param({"findings": [{"title": "SQLi", "lines": [5, 2]}]}, "findings.0.lines: [5, 2] ends before it starts",
                 id="lines_backwards"),
    pytest.param({"findings": [{"title": "SQLi", "lines": [0]}]}, "findings.0.lines.0: 0 is less than the minimum of 1",
                 id="line_zero"),
])
def test_json_findings_with_impossible_lines_are_named(tmp_path, report, said):
    corpus = write_tree(tmp_path / "corpus", {"c/app.py": APP, "c/reports/r.md": REPORT,
                                              "c/reports/x.json": json.dumps(report)})
    done, _ = analysed(corpus)
    assert f"c/reports/x.json: is not a valid JSON report: {said}" in done.stderr


def _sarif(location) -> str:
    return json.dumps({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "bandit"}}, "results": [
        {"ruleId": "B602", "message": {"text": "shell"}, "locations": [location]}]}]})


@pytest.mark.parametrize("location, field", [
    pytest.param({"physicalLocation": "x"}, "physicalLocation: 'x' is not of type 'object'", id="location_a_string"),
    pytest.param({"physicalLocation": {"region": {"startLine": 5, "endLine": "9"}}}, "region.endLine: '9' is not of type 'integer'",
                 id="end_line_a_string"),
    pytest.param({"physicalLocation": {"artifactLocation": {"uri": 5}}}, "artifactLocation.uri: 5 is not of type 'string'",
                 id="uri_a_number"),
])
def test_sarif_fields_of_the_wrong_type_are_named_and_the_build_goes_on(tmp_path, location, field):
    corpus = write_tree(tmp_path / "corpus", {"c/app.py": APP, "c/reports/r.md": REPORT,
                                              "c/reports/bandit.sarif": _sarif(location)})
    site = tmp_path / "site"
    done = reviewlens("build", corpus, "--site-dir", site, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    line = next(l for l in done.stderr.splitlines() if l.startswith("reviewlens: c/reports/bandit.sarif:"))
    assert field in line and "is not a valid SARIF report" in line
    assert (site / "cases" / "c" / "bandit" / "index.html").is_file()  # the site is written, the report says why
    assert "Problems reading this report" in (site / "cases" / "c" / "bandit" / "index.html").read_text()


@pytest.mark.parametrize("command", [
    pytest.param(["check", "--fail-under", "0"], id="check"),
    pytest.param(["export", "--sarif", "out.sarif"], id="export"),
    pytest.param(["analyze", "--json", "out.json"], id="analyze"),
])
def test_every_command_names_a_bad_value_and_goes_on(tmp_path, command):
    corpus = write_tree(tmp_path / "corpus", {
        "c/app.py": APP, "c/reports/r.md": REPORT, "c/case.yaml": "sources: 5\n",
        "c/reports/fm.md": "---\ndate: 2024-13-45\nreviewer: " + NESTED + "\n---\nLine 5.\n",
    })
    done = reviewlens(command[0], corpus, *command[1:], cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "c: case.yaml sources must be a list of file paths, not 5; ignored" in done.stderr
    assert "c/reports/fm.md: has malformed front matter" in done.stderr
