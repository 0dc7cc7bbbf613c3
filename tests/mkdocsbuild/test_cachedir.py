"""The folder named by --cache-dir is the user's too (issue 25): a build prunes the
entries it no longer uses, so a cache folder that is, holds or lies inside the corpus,
or is or holds the current folder, is refused before any work; and pruning deletes
only files whose names the cache itself makes."""

from pathlib import Path

import pytest

from reviewlens.mkdocsbuild.cache import BuildCache
from reviewlens.view.addresses import Linker
from tests.helpers import digest, reviewlens, write_tree


@pytest.fixture
def project(tmp_path) -> Path:
    """A corpus whose case folder happens to be called "cases", as a user may name one."""
    return write_tree(tmp_path / "project", {
        "corpus/cases/a.py": "import os\n", "corpus/cases/case.yaml": "title: A\n",
        "corpus/cases/reports/r.md": "`1 import os`\n", "notes.txt": "my notes\n",
    })


@pytest.mark.slow  # starts the command
@pytest.mark.parametrize("command", ["check", "build", "export"])
@pytest.mark.parametrize("cache, said", [
    pytest.param("corpus", "is the corpus", id="the_corpus"),
    pytest.param(".", "is the current folder", id="the_current_folder"),
    pytest.param("..", "holds the current folder", id="above_the_current_folder"),
    pytest.param("corpus/cases", "is inside the corpus", id="inside_the_corpus"),
])
def test_a_cache_folder_that_is_the_users_data_is_refused_and_nothing_is_lost(project, command, cache, said):
    before = digest(project.parent)
    extra = {"check": ["--fail-under", "0"], "build": ["--site-dir", "site"], "export": ["--sarif", "out.sarif"]}[command]
    done = reviewlens(command, "corpus", "--cache-dir", cache, *extra, cwd=project)
    assert done.returncode == 2, done.stderr
    assert f"--cache-dir {cache} {said}" in done.stderr and "Traceback" not in done.stderr
    assert digest(project.parent) == before  # nothing deleted, nothing added


def test_pruning_deletes_only_the_files_the_cache_named_itself(tmp_path):
    cache_dir = write_tree(tmp_path / "cache", {
        "cases/ab/" + "ab" + "0" * 62 + ".json": "{}",  # an entry of the cache's, no longer used: pruned
        "cases/cd/case.yaml": "title: mine\n",  # a user's file that happens to sit there: kept
        "cases/ef/" + "00" + "0" * 62 + ".json": "{}",  # a hash name in the wrong folder: not the cache's
        "bodies/12/" + "12" + "0" * 62 + ".z": "x",  # a body no entry uses: pruned
        "bodies/34/notes.txt": "mine\n",
    })
    BuildCache(cache_dir, Linker("", True)).prune(keep=set())
    left = sorted(str(p.relative_to(cache_dir)) for p in cache_dir.rglob("*") if p.is_file())
    assert left == ["bodies/34/notes.txt", "cases/cd/case.yaml", "cases/ef/" + "00" + "0" * 62 + ".json"]
