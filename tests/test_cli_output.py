"""Names and text from a corpus cannot write lines of their own into a CI log
or drive a terminal (issue 12): every control character the CLI prints is
escaped, and SARIF URIs are percent-encoded paths."""

import json
import subprocess
import sys

from tests.helpers import write_tree

APP = "import os\n\n\ndef run(cmd):\n    os.system(cmd)\n"


def test_control_characters_in_names_print_as_escapes(tmp_path):
    folder = "c\n::error file=app.py::owned\x1b[31m"
    corpus = write_tree(tmp_path / "corpus", {
        f"{folder}/app.py": APP,
        f"{folder}/reports/r.md": "---\nreviewer: \"x\\n::warning file=app.py::owned\\u2028\\x1b]0;title\\x07\"\n---\n"
                                  "`5 os.system(cmd)` runs a shell.\n",
        f"{folder}/reports/bad.md": b"\xff\xfe\x00",
    })
    for args in (["check", str(corpus), "--fail-under", "0"], ["build", str(corpus), "--site-dir", str(tmp_path / "s")]):
        done = subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=tmp_path,
                              timeout=300)
        out = done.stdout + done.stderr
        assert done.returncode in (0, 1), done.stderr
        lines = out.splitlines()
        assert not any(line.lstrip().startswith("::") for line in lines), out
        assert "\x1b" not in out and "\u2028" not in out and "\x07" not in out
    assert "\\n::warning file=app.py::owned" in out or "\\n::error" in out  # shown, as escapes


def test_sarif_uris_are_percent_encoded_path_segments(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {
        "%2e%2e/app.py": APP, "%2e%2e/reports/r.md": "`4 os.system(cmd)` is the call.\n",
        "hash#frag a/app.py": APP, "hash#frag a/reports/r.md": "`4 os.system(cmd)` is the call.\n",
    })
    done = subprocess.run([sys.executable, "-m", "generator", "export", str(corpus), "--sarif", "out.sarif"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"]}
    assert uris == {"%252e%252e/app.py", "hash%23frag%20a/app.py"}
