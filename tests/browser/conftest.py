"""Fixtures for tests in a real Chromium (Debian's, driven by Playwright):
the browser, a page that fails on console errors or requests leaving the
machine, and the bundled site, served. Every test here is slow."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.support import ARGS, CHROMIUM, serving
from tests.helpers import REPO, SHARED_CORPUS, build_site


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The bundled corpus's site, served."""
    site = tmp_path_factory.mktemp("browser") / "site"
    build_site(REPO / "site_src", site)
    with serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def nova(tmp_path_factory):
    """The real Nova reviews' site, served (the corpus is not ours to ship: it sits beside the checkout)."""
    if not (SHARED_CORPUS / "nova-1679750").is_dir():
        pytest.skip("../shared/corpus is not beside this checkout (real reports are not redistributed)")
    site = tmp_path_factory.mktemp("nova") / "site"
    build_site(SHARED_CORPUS, site)
    with serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def wild(tmp_path_factory):
    """The real wild reviews' site, served (beside the checkout, as the Nova corpus)."""
    corpus = SHARED_CORPUS.parent / "corpus-wild"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus-wild is not beside this checkout (real reports are not redistributed)")
    site = tmp_path_factory.mktemp("wild") / "site"
    build_site(corpus, site)
    with serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: .ci/run installs Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    pg.errors, pg.outside = [], []
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if host not in ("127.0.0.1", "localhost"):
            pg.outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    pg.route("**/*", guard)
    yield pg
    assert pg.errors == [], "console errors"
    assert pg.outside == [], "requests left the machine"
    context.close()


