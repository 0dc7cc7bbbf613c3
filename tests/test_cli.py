"""The reviewlens command as a user runs it: exit codes, output, messages."""

import json
import subprocess
import sys

import pytest

from tests.helpers import REPO, write_tree


def run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def corpus(tmp_path):
    return write_tree(tmp_path / "corpus", {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n"})


def test_build_writes_site_and_annotations_and_exits_0(tmp_path, corpus):
    result = run("build", str(corpus), "--site-dir", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "cases" / "c" / "r" / "index.html").is_file()
    data = json.loads((tmp_path / "out" / "annotations.json").read_text())
    assert data["cases"][0]["reports"][0]["claims"][0]["status"] == "correct"
    assert "built 1 case(s), 1 report(s)" in result.stderr


def test_skipped_input_is_named_and_exits_1_but_the_site_is_built(tmp_path, corpus):
    (corpus / "c" / "reports" / "bad.md").write_bytes(b"\xff\xfe\x00broken")
    (corpus / "c" / "reports" / "fm.md").write_text("---\na: [\n---\n`1 import os`\n")
    result = run("build", str(corpus), "--site-dir", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1
    assert "c/reports/fm.md: has malformed front matter" in result.stderr
    assert "c/reports/bad.md:" in result.stderr
    page = (tmp_path / "out" / "cases" / "c" / "fm" / "index.html").read_text()
    assert "Problems reading this report" in page and "malformed front matter" in page
    assert (tmp_path / "out" / "cases" / "c" / "r" / "index.html").is_file()  # the rest goes on


def test_missing_corpus_exits_2_and_keeps_the_old_site(tmp_path, corpus):
    out = tmp_path / "out"
    assert run("build", str(corpus), "--site-dir", str(out), cwd=tmp_path).returncode == 0
    result = run("build", str(tmp_path / "nope"), "--site-dir", str(out), cwd=tmp_path)
    assert result.returncode == 2 and "not a folder" in result.stderr
    assert (out / "index.html").is_file()


def test_bad_usage_exits_2(tmp_path):
    result = run("build", "--no-such-option", cwd=tmp_path)
    assert result.returncode == 2 and "No such option" in result.stderr


def test_analyze_prints_json_to_stdout_or_a_file(tmp_path, corpus):
    result = run("analyze", str(corpus), cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["schema"] == "reviewlens/annotations@1"
    result = run("analyze", str(corpus), "--json", str(tmp_path / "a.json"), cwd=tmp_path)
    assert result.stdout == "" and json.loads((tmp_path / "a.json").read_text())["cases"]


def test_defaults_build_site_src_into_site(tmp_path):
    write_tree(tmp_path / "site_src", {"c/a.py": "x = 1\n", "c/reports/r.txt": "`1 x = 1`"})
    result = run("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["analyze", "--help"]])
def test_help_explains_itself(tmp_path, args):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 0 and ("CORPUS" in result.stdout or "corpus" in result.stdout)


def test_version(tmp_path):
    from generator import __version__

    assert run("--version", cwd=tmp_path).stdout.strip() == f"reviewlens, version {__version__}"


def test_repository_mkdocs_yml_builds_the_bundled_corpus(tmp_path):
    """`mkdocs build` / `mkdocs serve` with the repository's mkdocs.yml work too."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path / "s")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "s" / "cases" / "js-notes" / "shifted" / "index.html").is_file()


def test_check_gates_on_accuracy_and_invented_code(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {
        "c/a.py": "import os\nimport sys\n",
        "c/reports/good.md": "`1 import os`\n",
        "c/reports/bad.md": "`1 import json` and `2 import re`\n",
    })
    result = run("check", str(corpus), "--fail-under", "50", cwd=tmp_path)
    assert result.returncode == 1
    lines = {l.split()[0]: l for l in result.stdout.splitlines()[1:-1]}
    assert lines["c/good"].endswith("ok") and "FAIL: accuracy under 50%" in lines["c/bad"]
    assert result.stdout.splitlines()[-1] == "1 of 2 reports pass."
    assert run("check", str(corpus), "--fail-under", "0", cwd=tmp_path).returncode == 0
    strict = run("check", str(corpus), "--fail-under", "0", "--max-not-in-source", "1", cwd=tmp_path)
    assert strict.returncode == 1 and "more than 1 not in source" in strict.stdout


def test_export_sarif_puts_mistakes_on_source_lines(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {
        "c/a.py": "import os\nimport sys\n",
        "c/reports/r.md": "`2 import os` and `1 import json` and Line 9: gone\n",
    })
    out = tmp_path / "r.sarif"
    assert run("export", str(corpus), "--sarif", str(out), cwd=tmp_path).returncode == 0
    data = json.loads(out.read_text())
    assert data["version"] == "2.1.0"
    results = {r["ruleId"]: r for r in data["runs"][0]["results"]}
    assert set(results) == {"RL001", "RL002", "RL003"}  # wrong line, not in source, out of range
    wrong = results["RL001"]["locations"][0]["physicalLocation"]
    assert wrong["artifactLocation"]["uri"] == "c/a.py" and wrong["region"]["startLine"] == 1  # where the code really is
    oob = results["RL003"]["locations"][0]["physicalLocation"]["region"]
    assert oob["startLine"] == oob["endLine"] == 2  # clamped into the file


def test_plugin_adds_pages_to_an_existing_site_under_a_prefix(tmp_path):
    site = tmp_path / "mysite"
    write_tree(site, {
        "docs/index.md": "# My project\n\nSee [the reviews](reviews/index.md).\n",
        "docs/guide.md": "# Guide\n",
        "mkdocs.yml": (
            "site_name: My project\ntheme: {name: material, font: false}\n"
            "nav: [{Home: index.md}, {Guide: guide.md}]\n"
            "plugins:\n  - search\n  - reviewlens:\n      corpus: ../corpus\n      prefix: reviews\n      nav_title: Code reviews\n"),
    })
    write_tree(tmp_path / "corpus", {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n"})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    built = site / "site"
    assert (built / "guide" / "index.html").is_file()  # the user's own pages stay
    assert (built / "reviews" / "cases" / "c" / "r" / "index.html").is_file()
    assert (built / "reviews" / "annotations.json").is_file()
    home = (built / "index.html").read_text()
    assert "Code reviews" in home and 'href="reviews/' in home  # our section in the user's nav
    from tests.helpers import broken_links

    assert broken_links(built) == []


def test_mkdocs_serve_shows_a_new_report_on_reload(tmp_path):
    """`mkdocs serve` watches the corpus: a report dropped in appears without a restart."""
    import socket
    import time
    import urllib.request

    corpus = write_tree(tmp_path / "corpus", {"c/a.py": "import os\n", "c/reports/one.md": "`1 import os`\n"})
    write_tree(tmp_path, {"docs/.keep": "", "mkdocs.yml": (
        "site_name: s\ntheme: {name: material, font: false}\n"
        f"plugins: [search, {{reviewlens: {{corpus: {corpus}}}}}]\n")})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def fetch(path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
                return r.status
        except Exception:
            return None

    try:
        deadline = time.time() + 120
        while fetch("/cases/c/one/") != 200 and time.time() < deadline:
            time.sleep(0.5)
        assert fetch("/cases/c/one/") == 200
        assert fetch("/cases/c/two/") is None
        (corpus / "c" / "reports" / "two.md").write_text("`1 import os`\n")
        deadline = time.time() + 120
        while fetch("/cases/c/two/") != 200 and time.time() < deadline:
            time.sleep(0.5)
        assert fetch("/cases/c/two/") == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
