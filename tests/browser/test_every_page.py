"""Every page type, as readers open it: at 1400 px and on a 390 px phone, in the
light and the dark palette. The page never scrolls sideways, axe-core finds no
serious or critical violation (contrast included, the theme's own markup too),
and a screenshot of each lands in tests/artifacts/ for a person to look at."""

import pytest

from tests.browser.support import ARTIFACTS

PAGE_TYPES = {"home": "/", "case": "/cases/js-notes/", "report": "/cases/py-fileshare/shifted/",
              "leaderboard": "/leaderboard/", "about": "/about/", "scores": "/scores/"}
NOVA_PAGES = {"nova-case": "/cases/nova-1679750/", "nova-report": "/cases/nova-1679750/000_32b1634911eec46b/"}
VIEWS = [pytest.param(width, palette, id=f"{width}-{palette}") for width in (1400, 390) for palette in ("light", "dark")]


def open_as_reader(page, url, width, palette):
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=palette)  # the theme picks its palette from the reader's setting
    page.goto(url)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == ("slate" if palette == "dark" else "default")


def serious_violations(page, context=None):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    page.wait_for_timeout(400)  # the theme fades buttons in: judge their colours when they have arrived
    found = axe.run(page, context=context).response["violations"]
    return [(v["id"], v["impact"], [(n["target"], n["html"][:120], n.get("failureSummary", "")[-260:]) for n in v["nodes"]][:3]) for v in found
            if v["impact"] in ("serious", "critical")]


def check(page, url, name, width, palette):
    open_as_reader(page, url, width, palette)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # tables and code scroll in their own boxes
    assert serious_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}-{palette}.png"), full_page=width == 390 or name not in
                    ("case", "report", "nova-case", "nova-report"))


@pytest.mark.parametrize("width, palette", VIEWS)
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_every_page_type_fits_the_screen_and_passes_axe(page, server, name, width, palette):
    check(page, server + PAGE_TYPES[name], name, width, palette)


@pytest.mark.parametrize("width, palette", VIEWS)
@pytest.mark.parametrize("name", list(NOVA_PAGES))
def test_the_real_nova_reviews_fit_the_screen_and_pass_axe(page, nova, name, width, palette):
    check(page, nova + NOVA_PAGES[name], name, width, palette)


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_what_opens_on_a_click_passes_axe_too(page, server, palette):
    """The search dialog, a claim's note and the notes' switches, once open."""
    open_as_reader(page, server + PAGE_TYPES["report"], 1400, palette)
    page.locator("a.rl-badge").first.click()
    page.locator(".rl-source .rl-cited a.rl-ln").first.click()
    page.keyboard.press("j")
    assert serious_violations(page) == []
    page.keyboard.press("s")  # Material's shortcut: the search dialog opens
    page.keyboard.type("upload")
    page.wait_for_selector(".md-search-result__item")
    assert serious_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-1400-{palette}.png"))
