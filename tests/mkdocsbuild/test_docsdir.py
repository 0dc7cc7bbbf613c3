"""`reviewlens build --docs-dir`: the reviews as a documentation folder that MkDocs and Zensical
both build into the site `reviewlens build` makes (issue 22: Zensical skips the plugin silently)."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts the command and MkDocs

from tests.helpers import REPO, reviewlens, write_tree


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).parent.as_posix() for p in site.rglob("index.html")}


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("docsdir")
    done = reviewlens("build", str(REPO / "site_src"), "--docs-dir", str(root / "reviews"), cwd=root)
    assert done.returncode == 0, done.stderr
    assert "mkdocs build (or zensical build)" in done.stderr
    return root / "reviews"


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("plugin")
    done = reviewlens("build", str(REPO / "site_src"), "--site-dir", str(root / "site"), "--no-cache", cwd=root)
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.mark.slow  # builds sites
def test_mkdocs_builds_the_folder_into_the_same_pages_as_the_plugin(docs, plugin_site, tmp_path):
    site = tmp_path / "site"
    done = subprocess.run([REPO / ".venv" / "bin" / "mkdocs", "build", "-q", "-f", docs / "mkdocs.yml", "-d", site],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _pages(site) == _pages(plugin_site)
    page = (site / "cases" / "py-fileshare" / "shifted" / "index.html").read_text()
    assert 'id="claim-1-row"' in page and "reviewlens-assets/reviewlens.js" in page
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert any("returns every user" in doc["text"] for doc in index["docs"])
    assert (site / "annotations.json").read_bytes() == (plugin_site / "annotations.json").read_bytes()
    checked = reviewlens("check", str(REPO / "site_src"), "--fail-under", "0", "--site", str(site), cwd=tmp_path)
    assert checked.returncode == 0 and "has all 18 review pages" in checked.stderr, checked.stderr


@pytest.mark.slow  # builds a site with Zensical
def test_zensical_builds_the_folder_into_the_same_pages_as_the_plugin(docs, plugin_site, tmp_path):
    zensical = os.environ.get("REVIEWLENS_ZENSICAL") or shutil.which("zensical")
    if not zensical or not Path(zensical).exists():
        pytest.skip("Zensical is not installed (.ci/run installs it in .venv-zensical from PyPI)")
    project = tmp_path / "reviews"
    shutil.copytree(docs, project)
    done = subprocess.run([zensical, "build"], cwd=project, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    site = project / "site"
    assert _pages(site) == _pages(plugin_site)
    page = (site / "cases" / "py-fileshare" / "shifted" / "index.html").read_text()
    assert 'id="claim-1-row"' in page and "reviewlens-assets/reviewlens.js" in page


def test_check_notices_a_site_built_without_the_reviews(tmp_path):
    # What MkDocs or Zensical make of a site that lists the plugin but cannot run it: no review page.
    site = write_tree(tmp_path / "site", {"index.html": "<p>my docs</p>"})
    done = reviewlens("check", str(REPO / "site_src"), "--fail-under", "0", "--site", str(site), cwd=tmp_path)
    assert done.returncode == 1
    assert "lacks 17 of the 18 review pages" in done.stderr and "--docs-dir" in done.stderr  # the home page is there


def test_a_page_is_one_inert_line_that_no_markdown_extension_or_template_reads(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {
        "c/app.py": "def run(cmd):\n    return cmd\n",
        "c/reports/r.md": "The `run` function is fine.\n\n--8<-- \"/etc/passwd\"\n\n{{ config.site_name }} {% include 'x' %}\n",
    })
    done = reviewlens("build", str(corpus), "--docs-dir", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "out" / "docs" / "cases" / "c" / "r.md").read_text()
    front, body = re.fullmatch(r"---\n(.*?)---\n\n(.*)\n", text, re.S).groups()
    assert "\n" not in body and body.startswith('<div class="rl-page">')
    assert "{" not in body and "}" not in body
    assert not any(line.lstrip().startswith("--8<--") for line in text.splitlines())  # pymdownx.snippets' include
    assert "title: 'r'" in front or "title: r" in front


def test_the_folder_is_written_only_where_a_build_may_write(tmp_path):
    mine = write_tree(tmp_path / "mine", {"notes.md": "my own notes\n"})
    done = reviewlens("build", str(REPO / "site_src"), "--docs-dir", str(mine), cwd=tmp_path)
    assert done.returncode == 2 and "--docs-dir" in done.stderr
    assert (mine / "notes.md").read_text() == "my own notes\n" and len(list(mine.iterdir())) == 1
