"""The reviewlens command's analysis commands, run in this process: help,
version, usage errors, `analyze`, `check` and `export` (the builds are in
sitebuild/test_build_command.py)."""

import json

import click
import pytest

from generator import __version__
from generator.cli import cli as command
from tests.helpers import write_tree


@pytest.fixture
def corpus(tmp_path):
    return write_tree(tmp_path / "corpus", {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n"})


def test_help_lists_every_command_with_what_it_does(cli, tmp_path):
    result = cli("--help", cwd=tmp_path)
    assert result.exit_code == 0
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
    strict = cli("check", corpus, "--fail-under", "0", "--max-not-in-source", "1", cwd=tmp_path)
    assert strict.exit_code == 1 and "more than 1 not in source" in strict.stdout


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
    assert set(results) == {"RL001", "RL002", "RL003"}  # wrong line, not in source, out of range
    wrong = results["RL001"]["locations"][0]["physicalLocation"]
    assert wrong["artifactLocation"]["uri"] == "c/a.py" and wrong["region"]["startLine"] == 1  # where the code really is
    oob = results["RL003"]["locations"][0]["physicalLocation"]["region"]
    assert oob["startLine"] == oob["endLine"] == 2  # clamped into the file
