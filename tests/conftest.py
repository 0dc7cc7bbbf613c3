import os
import tempfile

import pytest

from tests.helpers import SHARED_CORPUS

# Builds keep their cache in the user's cache folder by default; the tests'
# builds (and the commands they start) keep theirs in a folder of the run's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="reviewlens-test-cache-")


def pytest_addoption(parser):
    parser.addoption(
        "--update-gold",
        action="store_true",
        help="Rewrite the gold files under tests/gold/ from the current output.",
    )


@pytest.fixture
def update_gold(request) -> bool:
    return request.config.getoption("--update-gold")


@pytest.fixture
def shared_corpus():
    """The real corpus beside the checkout (../shared/corpus), when present."""
    if not (SHARED_CORPUS / "nova-1679750").is_dir():
        pytest.skip("../shared/corpus is not beside this checkout (real reports are not redistributed)")
    return SHARED_CORPUS
