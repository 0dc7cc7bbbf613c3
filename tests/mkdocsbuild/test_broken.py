"""Broken input: each item is named on stderr, shown on the site, and the rest
of the build goes on (issue 6). Exit code 1: built, with problems.
(A 20 MB report and a 100,000-line source are read in tests/ingest.)"""

import codecs
import json
import os

import pytest

from tests.helpers import build, write_tree

pytestmark = pytest.mark.slow  # builds sites

GOOD = "import os\n\n\ndef run(cmd):\n    os.system(cmd)\n"


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = tmp_path_factory.mktemp("broken")
    files = {
        "good/app.py": GOOD,
        "good/reports/ok.md": "`5 os.system(cmd)` runs a shell: command injection.\n",
        "good/reports/binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "good/reports/latin1.txt": "caf\xe9 line 5".encode("latin-1"),
        "good/reports/utf16.txt": codecs.BOM_UTF16_LE + "`5 os.system(cmd)`".encode("utf-16-le"),
        "good/reports/crlf.txt": b"Line 4:\tdefines `run`\r\nLine 5: `os.system(cmd)`\rend\r\n",
        "good/reports/empty.md": "",
        "good/reports/front.md": "---\nreviewer: [unclosed\n---\n`5 os.system(cmd)`\n",
        "good/reports/Mön bericht 1.md": "`1 import os`\n",
        "empty-source/app.py": "",
        "empty-source/reports/r.md": "`1 import os` on line 1.\n",
        "no-source/reports/r.md": "`1 import os`\n",
        "two-sources/a.py": GOOD,
        "two-sources/b.py": GOOD,
        "two-sources/reports/r.md": "`1 import os`\n",
        "bad-truth/app.py": GOOD,
        "bad-truth/truth.yaml": "verdict: defects_found\ndefects:\n  - {id: x, title: X, lines: [4, 90]}\n",
        "bad-truth/reports/r.md": "`1 import os`\n",
        "bad-yaml/app.py": GOOD,
        "bad-yaml/case.yaml": "title: [unclosed\n",
        "bad-yaml/reports/r.md": "`1 import os`\n",
    }
    corpus = write_tree(root / "corpus", files)
    outside = root / "secret.txt"
    outside.write_text("not for the site")
    os.symlink(outside, corpus / "good" / "reports" / "leak.md")
    site = root / "site"
    result = build(corpus, site)
    return result, site


@pytest.mark.parametrize(
    "named, problem",
    [
        pytest.param("good/reports/binary.md", "looks binary", id="binary_report"),
        pytest.param("good/reports/latin1.txt", "not valid UTF-8 (byte 3", id="invalid_utf8"),
        pytest.param("good/reports/empty.md", "is empty", id="empty_report"),
        pytest.param("good/reports/front.md", "malformed front matter", id="malformed_front_matter"),
        pytest.param("good/reports/leak.md", "leads out of the corpus", id="symlink_out"),
        pytest.param("no-source", "has no source file", id="missing_source"),
        pytest.param("two-sources", "several candidate sources (a.py, b.py)", id="two_candidates"),
        pytest.param("bad-truth", "defects[0].lines names line 90, outside app.py (5 lines)", id="truth_outside_source"),
        pytest.param("bad-yaml", "case.yaml is malformed YAML", id="malformed_case_yaml"),
    ],
)
def test_each_problem_is_one_line_naming_the_file(broken, named, problem):
    result, _ = broken
    lines = [l for l in result.stderr.splitlines() if l.startswith(f"reviewlens: {named}")]
    assert any(problem in l for l in lines), result.stderr


def test_exit_code_says_built_with_problems(broken):
    result, site = broken
    assert result.returncode == 1
    assert (site / "index.html").is_file()


@pytest.mark.parametrize(
    "page, note",
    [
        pytest.param("cases/good/binary/index.html", "looks binary", id="binary"),
        pytest.param("cases/good/front/index.html", "malformed front matter", id="front_matter"),
        pytest.param("cases/good/leak/index.html", "leads out of the corpus", id="symlink"),
        pytest.param("cases/no-source/index.html", "has no source file", id="no_source"),
        pytest.param("cases/two-sources/index.html", "several candidate sources", id="two_sources"),
        pytest.param("cases/bad-truth/index.html", "outside app.py", id="truth"),
        pytest.param("index.html", "binary.md", id="home_lists_problems"),
    ],
)
def test_the_site_shows_a_note_where_the_report_would_be(broken, page, note):
    _, site = broken
    assert note in (site / page).read_text()


def test_the_rest_is_built_and_read_right(broken):
    _, site = broken
    data = json.loads((site / "annotations.json").read_text())
    cases = {c["id"]: c for c in data["cases"]}
    good = {r["id"]: r for r in cases["good"]["reports"]}
    assert good["ok"]["claims"][0]["status"] == "correct"
    assert good["utf16"]["claims"][0]["status"] == "correct"  # read through its BOM
    crlf = [(c["kind"], c["lines"], c["status"]) for c in good["crlf"]["claims"]]
    assert ("line_quote", [5, 5], "correct") in crlf  # CRLF, lone CR and tabs
    (unicode_id,) = [rid for rid in good if rid.startswith("mon-bericht-1-")]  # a safe URL of its own
    assert (site / "cases" / "good" / unicode_id / "index.html").is_file()
    assert "not for the site" not in (site / "cases" / "good" / "leak" / "index.html").read_text()
    empty = cases["empty-source"]["reports"][0]["claims"]
    assert empty[0]["status"] == "not_in_source" and "beyond the file's 0 lines" in empty[0]["message"]
    assert cases["bad-truth"]["truth"]["defects"] == []  # the bad defect is left out, the case stays


def test_spans_hold_for_crlf_reports(broken):
    _, site = broken
    data = json.loads((site / "annotations.json").read_text())
    crlf = next(r for c in data["cases"] for r in c["reports"] if r["id"] == "crlf")
    raw = b"Line 4:\tdefines `run`\r\nLine 5: `os.system(cmd)`\rend\r\n".decode()
    for claim in crlf["claims"]:
        assert raw[claim["span"][0] : claim["span"][1]] == claim["text"]


def test_broken_site_links_and_anchors_resolve(broken):
    from tests.helpers import broken_links

    _, site = broken
    assert broken_links(site) == []
