import atexit
import os
import shutil
import tempfile
from contextlib import chdir
from pathlib import Path

import pytest

from tests.helpers import SHARED_CORPUS

# Builds keep their cache in the user's cache folder by default; the tests'
# builds (and the commands they start) keep theirs in a folder of the run's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="reviewlens-test-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], True)  # each run left 8 MB in /tmp


def pytest_addoption(parser):
    parser.addoption(
        "--update-gold",
        action="store_true",
        help="Rewrite the rendered pages' gold files under tests/gold/ from the current output (and remove stale ones).",
    )
    parser.addoption(
        "--update-expectations",
        action="store_true",
        help="Rewrite the hand-checked style expectations (tests/fixtures/styles/*/expected/) from the engine's "
             "output; review every changed line before committing it.",
    )


@pytest.fixture
def update_gold(request) -> bool:
    return request.config.getoption("--update-gold")


@pytest.fixture
def update_expectations(request) -> bool:
    return request.config.getoption("--update-expectations")


@pytest.fixture
def cli(monkeypatch):
    """The reviewlens command in this process, through click's runner: for
    commands that build no site. cli(*args, cwd=folder) -> click's Result
    (exit_code, stdout, stderr)."""
    from click.testing import CliRunner

    from reviewlens import cli as command
    from reviewlens import workers

    monkeypatch.setattr(workers, "batch_gc", lambda: None)  # leave this process's garbage collector alone
    runner = CliRunner()

    def invoke(*args, cwd: Path | None = None):
        with chdir(cwd or Path.cwd()):
            return runner.invoke(command.cli, [str(a) for a in args], prog_name="reviewlens")

    return invoke


@pytest.fixture
def shared_corpus():
    """The real corpus beside the checkout (../shared/corpus), when present."""
    if not (SHARED_CORPUS / "nova-1679750").is_dir():
        pytest.skip("../shared/corpus is not beside this checkout (real reports are not redistributed)")
    return SHARED_CORPUS
