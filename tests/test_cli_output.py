"""Names and text from a corpus cannot write lines of their own into a CI log
or drive a terminal (issue 12): every control character the CLI prints is
escaped, and SARIF URIs are percent-encoded paths."""

import json

import pytest

from tests.helpers import build, write_tree

APP = "import os\n\n\ndef run(cmd):\n    os.system(cmd)\n"


FOLDER = "c\n::error file=app.py::owned\x1b[31m"


@pytest.fixture
def corpus(tmp_path):
    return write_tree(tmp_path / "corpus", {
        f"{FOLDER}/app.py": APP,
        f"{FOLDER}/reports/r.md": "---\nreviewer: \"x\\n::warning file=app.py::owned\\u2028\\x1b]0;title\\x07\"\n---\n"
                                  "`5 os.system(cmd)` runs a shell.\n",
        f"{FOLDER}/reports/bad.md": b"\xff\xfe\x00",
    })


def _printed_safely(out: str) -> None:
    lines = out.splitlines()
    assert not any(line.lstrip().startswith("::") for line in lines), out
    assert "\x1b" not in out and "\u2028" not in out and "\x07" not in out
    assert "\\n::warning file=app.py::owned" in out or "\\n::error" in out  # shown, as escapes


def test_control_characters_in_names_print_as_escapes(cli, tmp_path, corpus):
    done = cli("check", corpus, "--fail-under", "0", cwd=tmp_path)
    assert done.exit_code == 1, done.stderr  # built, with the unreadable report as a problem
    _printed_safely(done.stdout + done.stderr)


@pytest.mark.slow
def test_control_characters_in_names_print_as_escapes_when_building(tmp_path, corpus):
    done = build(corpus, tmp_path / "s", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    _printed_safely(done.stdout + done.stderr)


def test_sarif_uris_are_percent_encoded_path_segments(cli, tmp_path):
    corpus = write_tree(tmp_path / "corpus", {
        "%2e%2e/app.py": APP, "%2e%2e/reports/r.md": "`4 os.system(cmd)` is the call.\n",
        "hash#frag a/app.py": APP, "hash#frag a/reports/r.md": "`4 os.system(cmd)` is the call.\n",
    })
    done = cli("export", corpus, "--sarif", "out.sarif", cwd=tmp_path)
    assert done.exit_code == 0, done.stderr
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"]}
    assert uris == {"corpus/%252e%252e/app.py", "corpus/hash%23frag%20a/app.py"}


def test_bidi_controls_and_bare_urls_cannot_reorder_the_log_or_link_from_the_summary(cli, tmp_path):
    # U+202E turned a FAIL line around in the log; a bare URL in a reviewer's name became a link in the summary.
    corpus = write_tree(tmp_path / "corpus", {
        "c/app.py": APP,
        "c/reports/r.md": "---\nreviewer: \"\\u202eLIAF see https://evil.example and www.evil.example or a@evil.example\"\n"
                          "---\n`5 os.system(cmd)` runs a shell.\n",
    })
    summary = tmp_path / "summary.md"
    done = cli("check", corpus, "--fail-under", "0", "--markdown", summary, cwd=tmp_path)
    assert done.exit_code == 0, done.stderr
    out = done.stdout + done.stderr
    assert "\u202e" not in out and "\\u202eLIAF" in out
    table = summary.read_text(encoding="utf-8")
    assert "\u202e" not in table and "LIAF" in table
    for linkable in ("://", "www.", "@"):  # what GitHub's Markdown links by itself
        assert linkable not in table, linkable
    assert "https&#58;//evil.example" in table  # shown, as text
