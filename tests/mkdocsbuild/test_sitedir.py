"""The folder named by --site-dir is the user's: a build replaces it only when
it is empty or an earlier build wrote it, and refuses the rest (issue 12)."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import build, digest, write_tree

pytestmark = pytest.mark.slow  # builds sites


@pytest.fixture
def project(tmp_path) -> Path:
    """A user's project: a corpus, notes and code of their own."""
    root = write_tree(tmp_path / "project", {
        "corpus/c/a.py": "import os\n", "corpus/c/reports/r.md": "`1 import os`\n",
        "notes.txt": "my notes\n", "src/main.py": "print('mine')\n", "docs/index.md": "# Mine\n",
    })
    return root


@pytest.mark.parametrize("target, said", [
    pytest.param("docs", "holds files that reviewlens did not write", id="a_folder_of_the_users"),
    pytest.param(".", "is the current folder", id="the_current_folder"),
    pytest.param("..", "holds the current folder", id="above_the_current_folder"),
    pytest.param("corpus", "is the corpus", id="the_corpus"),
    pytest.param("corpus/c", "is inside the corpus", id="inside_the_corpus"),
    pytest.param("notes.txt", "is not a folder", id="a_file"),
    pytest.param("/", "holds the current folder", id="the_root"),
])
def test_a_folder_the_build_did_not_make_is_refused_and_left_whole(project, target, said):
    before = digest(project.parent)
    done = build(project / "corpus", target, cwd=project)
    assert done.returncode == 2, done.stderr
    assert said in done.stderr and "Traceback" not in done.stderr
    assert digest(project.parent) == before  # nothing moved, nothing deleted, nothing added
    assert not list(project.parent.glob(".*.*")) and not list(project.glob(".*"))


def test_an_empty_or_marked_folder_is_replaced_and_later_builds_go_on(project):
    (project / "site").mkdir()
    first = build(project / "corpus", "site", cwd=project)
    assert first.returncode == 0, first.stderr
    assert (project / "site" / ".reviewlens-site").is_file()
    again = build(project / "corpus", "site", cwd=project)  # the marker says it may be replaced
    assert again.returncode == 0, again.stderr
    refused = build(project / "corpus", "notes.txt", cwd=project)
    assert refused.returncode == 2 and (project / "notes.txt").read_text() == "my notes\n"
    assert build(project / "corpus", "site", cwd=project).returncode == 0  # a refusal breaks nothing after it


def test_a_killed_builds_work_folder_is_removed_by_the_next_build_and_no_other(project):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = project / ".site.abc123"  # what a killed build leaves
    write_tree(stale, {".reviewlens-build": f"{dead.pid}\n", "site/index.html": "half a site"})
    running = write_tree(project / ".site.live99", {".reviewlens-build": "1\n"})  # pid 1 is alive: not ours to take
    foreign = write_tree(project / ".site.mine", {"keep.txt": "a user's folder that happens to match"})
    done = build(project / "corpus", "site", cwd=project)
    assert done.returncode == 0, done.stderr
    assert not stale.exists()
    assert running.exists() and (foreign / "keep.txt").is_file()


@pytest.mark.parametrize("prefix", ["../../x", "reviews/../../x", "/..", "a\\..\\b", "a//b"])
def test_a_plugin_prefix_that_leaves_the_site_is_refused(tmp_path, prefix):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    corpus = write_tree(tmp_path / "corpus", {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n"})
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Mine\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"),
                         site_dir=str(tmp_path / "a" / "b" / "site"),
                         plugins=["search", {"reviewlens": {"corpus": str(corpus), "prefix": prefix}}])
    with pytest.raises(PluginError, match="must name a folder inside the site"):
        config.plugins.on_config(config)
        mkdocs_build(config)
    assert not (tmp_path / "x").exists() and not (tmp_path / "a" / "x").exists()
