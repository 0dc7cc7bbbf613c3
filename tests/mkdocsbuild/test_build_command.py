"""`reviewlens build` and the MkDocs plugin as a user runs them: exit codes,
messages, the site written, a failed build keeping the old site, and the
plugin inside a site of the user's own (with `mkdocs build` and `serve`)."""

import json
import re
import subprocess
import sys
import time

import pytest

from tests.helpers import REPO, MkdocsServe, broken_links, reviewlens, write_tree

pytestmark = pytest.mark.slow


@pytest.fixture
def corpus(tmp_path):
    return write_tree(tmp_path / "corpus", {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n"})


def test_build_writes_site_and_annotations_and_exits_0(tmp_path, corpus):
    result = reviewlens("build", corpus, "--site-dir", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "cases" / "c" / "r" / "index.html").is_file()
    data = json.loads((tmp_path / "out" / "annotations.json").read_text())
    assert data["cases"][0]["reports"][0]["claims"][0]["status"] == "correct"
    assert "built 1 case(s), 1 report(s)" in result.stderr
    # From file:// folder links open listings and search fails: the build says how to read it.
    assert "serve the folder: python3 -m http.server -d out 8000" in result.stderr


def test_skipped_input_is_named_and_exits_1_but_the_site_is_built(tmp_path, corpus):
    (corpus / "c" / "reports" / "bad.md").write_bytes(b"\xff\xfe\x00broken")
    (corpus / "c" / "reports" / "fm.md").write_text("---\na: [\n---\n`1 import os`\n")
    result = reviewlens("build", corpus, "--site-dir", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "c/reports/fm.md: has malformed front matter" in result.stderr
    assert "c/reports/bad.md:" in result.stderr
    page = (tmp_path / "out" / "cases" / "c" / "fm" / "index.html").read_text()
    assert "Problems reading this report" in page and "malformed front matter" in page
    assert (tmp_path / "out" / "cases" / "c" / "r" / "index.html").is_file()  # the rest goes on


def test_missing_corpus_exits_2_and_keeps_the_old_site(tmp_path, corpus):
    out = tmp_path / "out"
    assert reviewlens("build", corpus, "--site-dir", out, cwd=tmp_path).returncode == 0
    result = reviewlens("build", tmp_path / "nope", "--site-dir", out, cwd=tmp_path)
    assert result.returncode == 2 and "not a folder" in result.stderr
    assert (out / "index.html").is_file()


def test_defaults_build_site_src_into_site(tmp_path):
    write_tree(tmp_path / "site_src", {"c/a.py": "x = 1\n", "c/reports/r.txt": "`1 x = 1`"})
    result = reviewlens("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def test_repository_mkdocs_yml_builds_the_bundled_corpus(tmp_path):
    """`mkdocs build` / `mkdocs serve` with the repository's mkdocs.yml work too."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path / "s")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "s" / "cases" / "js-notes" / "shifted" / "index.html").is_file()


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
    assert broken_links(built) == []


def _user_site(tmp_path, mkdocs_yml, corpus=None, extra=None):
    site = tmp_path / "mysite"
    write_tree(site, {"docs/index.md": "# My project\n", "docs/guide/start.md": "# Getting started\n",
                      "mkdocs.yml": mkdocs_yml, **(extra or {})})
    write_tree(tmp_path / "corpus", corpus or {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n"})
    return site, subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                                capture_output=True, text=True, timeout=300)


def _nav_links(page):
    return re.findall(r'<a href="([^"]*)" class="md-nav__link', page.read_text())


PLUGIN = "plugins:\n  - search\n  - reviewlens:\n      corpus: ../corpus\n      prefix: reviews\n"


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_without_a_nav_the_sites_own_pages_keep_mkdocs_navigation_and_the_reviews_join_it(tmp_path, theme):
    """No `nav:`: MkDocs would list every page itself; the plugin's section must not
    replace that list (with the plain theme nothing else would lead to the pages)."""
    site, result = _user_site(tmp_path, f"site_name: My project\ntheme: {{name: {theme}}}\n" + PLUGIN)
    assert result.returncode == 0, result.stderr
    assert "not included in the nav" not in result.stderr
    home = site / "site" / "index.html"
    text = home.read_text()
    assert 'href="guide/start/"' in text and "Getting started" in text
    assert 'href="reviews/"' in text and "Reviews" in text


def test_with_a_nav_it_is_kept_as_written_and_the_reviews_appended(tmp_path):
    site, result = _user_site(tmp_path, "site_name: My project\ntheme: {name: material, font: false}\n"
                              "nav: [{Start: guide/start.md}, {Home: index.md}]\n" + PLUGIN)
    assert result.returncode == 0, result.stderr
    links = _nav_links(site / "site" / "index.html")
    firsts = [links.index(h) for h in ("guide/start/", ".", "reviews/")]
    assert firsts == sorted(firsts), links


def test_a_corpus_problem_is_a_mkdocs_warning_and_fails_strict(tmp_path):
    corpus = {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n", "c/case.yaml": "title: [unclosed\n"}
    site, result = _user_site(tmp_path, "site_name: My project\n" + PLUGIN, corpus)
    assert result.returncode == 1
    assert "WARNING" in result.stderr and "c: case.yaml is malformed YAML" in result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr


def test_a_page_of_the_site_is_never_replaced_by_a_review_page(tmp_path):
    site, result = _user_site(tmp_path, "site_name: My project\nplugins:\n  - reviewlens:\n      corpus: ../corpus\n")
    assert result.returncode == 1
    assert "index.md would be replaced by a reviewlens page; set the plugin's prefix" in result.stderr


def test_a_page_of_the_site_that_writes_a_review_pages_file_is_not_replaced_either(tmp_path):
    # docs/reviews/cases/c.md writes reviews/cases/c/index.html, as the case c does: the source paths
    # differ, the page is the same, and the site's page was silently replaced.
    site, result = _user_site(tmp_path, "site_name: My project\n" + PLUGIN, extra={"docs/reviews/cases/c.md": "# Mine\n"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "reviews/cases/c.md would be replaced by a reviewlens page" in result.stderr


def test_mkdocs_serve_shows_a_new_report_on_reload_and_leaves_nothing_behind(tmp_path):
    """`mkdocs serve` watches the corpus: a report dropped in appears without a restart."""
    corpus = write_tree(tmp_path / "corpus", {"c/a.py": "import os\n", "c/reports/one.md": "`1 import os`\n"})
    write_tree(tmp_path, {"docs/.keep": "", "mkdocs.yml": (
        "site_name: s\ntheme: {name: material, font: false}\n"
        f"plugins: [search, {{reviewlens: {{corpus: {corpus}, cache_dir: {tmp_path / 'cache'}}}}}]\n")})
    server = MkdocsServe(tmp_path)
    try:
        server.wait("/cases/c/one/", "import os")
        assert server.fetch("/cases/c/two/") is None
        (corpus / "c" / "reports" / "two.md").write_text("`1 import os`\n")
        server.wait("/cases/c/two/", "import os")
    finally:
        server.stop()
    assert list(server.temp.iterdir()) == []  # MkDocs' site folder and the plugin's folder of kept pages are gone


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve-dirty"])
def test_mkdocs_serve_shows_an_edited_report_and_every_page_it_changes(tmp_path, dirty):
    """With the build cache (and, with --dirty, writing only the pages that change),
    an edited report shows on its page, its case page and the home page, and the
    other case's pages stay as they were."""
    corpus = write_tree(tmp_path / "corpus", {"c/a.py": "import os\n", "c/reports/one.md": "`1 import os`\n",
                                              "d/b.py": "import sys\n", "d/reports/r.md": "`1 import sys`\n"})
    write_tree(tmp_path, {"docs/.keep": "", "mkdocs.yml": (
        "site_name: s\ntheme: {name: material, font: false}\n"
        f"plugins: [search, {{reviewlens: {{corpus: {corpus}, cache_dir: {tmp_path / 'cache'}}}}}]\n")})
    server = MkdocsServe(tmp_path, *(["--dirty"] if dirty else []))

    def body(page):  # the served page without the live-reload script, which serve stamps anew
        return re.search(r"<article.*</article>", page, re.S).group()

    try:
        server.wait("/cases/c/one/", "import os")
        other = server.wait("/cases/d/r/", "import sys")
        home = server.wait("/", "100%")
        time.sleep(1)
        (corpus / "c" / "reports" / "one.md").write_text("`1 import os` and `1 import json`, marker-edited\n")
        server.wait("/cases/c/one/", "marker-edited")
        assert "50%" in server.wait("/", "50%") and server.fetch("/") != home  # the home page's table follows
        assert "50%" in server.wait("/cases/c/", "50%")
        assert body(server.fetch("/cases/d/r/")) == body(other)  # the other case's page is as it was
    finally:
        server.stop()
    assert list(server.temp.iterdir()) == []


def test_a_host_site_can_let_the_review_pages_load_its_themes_assets(tmp_path):
    # The review pages' policy blocked what the host site's theme loads (Material's Google font).
    plugin = PLUGIN + "      csp_allow: [https://fonts.googleapis.com, https://fonts.gstatic.com]\n"
    site, result = _user_site(tmp_path, "site_name: My project\n" + plugin)
    assert result.returncode == 0, result.stderr
    page = (site / "site" / "reviews" / "cases" / "c" / "r" / "index.html").read_text()
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "font-src 'self' https://fonts.googleapis.com https://fonts.gstatic.com data:" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    bad = tmp_path / "bad"
    bad.mkdir()
    site, result = _user_site(bad, "site_name: My project\n" + PLUGIN + "      csp_allow: [\"'unsafe-inline'\"]\n")
    assert result.returncode == 1 and "csp_allow \"'unsafe-inline'\" is not an origin" in result.stderr
