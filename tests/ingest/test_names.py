"""Names that killed the build (issue 25): every name a corpus can hold is a page or a
one-line problem naming it, and the rest is built."""

import os
import unicodedata
from pathlib import Path

import pytest

from reviewlens.analyze import analyze_corpus
from reviewlens.mkdocsbuild.cache import folder_fingerprint
from tests.helpers import build, write_tree

APP = "import os\n"


def test_a_report_named_like_a_page_the_site_writes_gets_its_own_url(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {"c/a.py": APP, "c/reports/index.html.md": "`1 import os`\n",
                                              "c/reports/assets.md": "`1 import os`\n"})
    (case,) = analyze_corpus(corpus).cases
    ids = sorted(r.report.id for r in case.reports)
    assert not {"index.html", "index", "assets"} & set(ids) and len(ids) == 2


@pytest.mark.slow  # builds a site
def test_a_report_named_index_html_builds(tmp_path):
    # `index.html.md` needed a folder cases/c/index.html/ where the case page is: [Errno 17], no site.
    corpus = write_tree(tmp_path / "corpus", {"c/a.py": APP, "c/reports/index.html.md": "`1 import os`\n"})
    done = build(corpus, tmp_path / "site", "--no-cache", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "cases" / "c" / "index.html").is_file()


@pytest.mark.parametrize("stem", ["a" * 249, "a" * 236 + "㎯" * 5, "㎯" * 60, "x" * 120 + ".html"])
def test_every_url_segment_fits_a_file_name(tmp_path, stem):
    corpus = write_tree(tmp_path / "corpus", {"c/a.py": APP, f"c/reports/{stem}.md": "`1 import os`\n"})
    (case,) = analyze_corpus(corpus).cases
    (report,) = case.reports
    assert len(report.report.id.encode()) <= 120


def test_a_name_that_is_not_utf8_is_a_problem_naming_it_and_the_rest_is_read(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {"c/a.py": APP, "c/reports/ok.md": "`1 import os`\n"})
    root = os.fsencode(corpus)
    open(root + b"/c/reports/r\xff.md", "w").write("x")
    os.makedirs(root + b"/d\xfe/reports")
    open(root + b"/c/s\xfd.py", "w").write("x")
    analysis = analyze_corpus(corpus)
    said = [str(p) for p in analysis.corpus.problems] + [str(p) for c in analysis.cases for p in c.case.problems]
    assert any("reports/r\\xff.md: a file name that is not UTF-8" in s for s in said), said
    assert any("d\\xfe: is a folder whose name is not UTF-8" in s for s in said), said
    assert [r.report.id for c in analysis.cases for r in c.reports] == ["ok"]


def test_a_folder_1200_levels_deep_is_fingerprinted_without_recursion(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {"c/a.py": APP, "c/reports/ok.md": "`1 import os`\n"})
    here = os.getcwd()
    try:
        os.chdir(corpus / "c")
        for _ in range(1200):
            os.mkdir("d")
            os.chdir("d")
    finally:
        os.chdir(here)
    try:
        assert len(folder_fingerprint(corpus / "c", corpus)) == 64
    finally:
        _remove_deep(corpus / "c" / "d")  # shutil.rmtree (and so pytest's own cleanup) recurses, and would fail


def _remove_deep(top: Path) -> None:
    """Remove a chain of nested folders from the bottom up, without recursion."""
    here = os.getcwd()
    try:
        os.chdir(top)
        depth = 1
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_names_that_differ_only_in_unicode_normalization_clash_visibly(tmp_path):
    nfc, nfd = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    corpus = write_tree(tmp_path / "corpus", {f"{nfc}/a.py": APP, f"{nfc}/reports/r.md": "`1 import os`\n",
                                              f"{nfd}/a.py": APP, f"{nfd}/reports/r.md": "`1 import os`\n",
                                              "other/a.py": APP, "other/reports/r.md": "`1 import os`\n"})
    if len({p.name for p in Path(corpus).iterdir()}) < 3:
        pytest.skip("this file system normalizes names itself")
    analysis = analyze_corpus(corpus)
    assert [c.case.id for c in analysis.cases] == ["other"]
    assert sum("how an accent is encoded" in str(p) for p in analysis.corpus.problems) == 2


def test_a_reports_folder_linked_out_of_the_corpus_is_not_listed(tmp_path):
    # A reports link to /etc/ssh published the names of the files there ("reports/ssh_config: not a report").
    outside = write_tree(tmp_path / "private", {"ssh_config": "Host *\n", "id_rsa.pub": "key\n"})
    corpus = write_tree(tmp_path / "corpus", {"c/a.py": APP, "ok/a.py": APP, "ok/reports/r.md": "`1 import os`\n"})
    (corpus / "c" / "reports").symlink_to(outside, target_is_directory=True)
    analysis = analyze_corpus(corpus)
    said = " ".join(str(p) for p in analysis.corpus.problems)
    assert "c: reports/ is a link that leads out of the corpus; skipped" in said
    assert "ssh_config" not in said and "id_rsa" not in said
    assert [c.case.id for c in analysis.cases] == ["ok"]
