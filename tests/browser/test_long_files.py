"""A long file in a reader's browser: its case page folds what no report cites, and every line,
pasted or folded, is one click or one link away on the part page that holds it."""

import pytest

from tests.browser.support import serving
from tests.helpers import build_site, write_tree

LINES = 5000  # about 200 KB of code: four part pages


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("long")
    code = "".join(f"def step_{i}(x):\n" if i % 10 == 0 else f"    x = x + {i}  # step {i} of the long run\n"
                   for i in range(1, LINES + 1))
    corpus = write_tree(root / "corpus", {
        "long/app.py": code,
        "long/reports/r.md": "# Review\n\n`step_10` is defined at line 10; `step_4900` at line 4900.\n",
    })
    build_site(corpus, root / "site")
    with serving(root / "site") as url:
        yield url


def _highlighted(page) -> list[str]:
    return page.eval_on_selector_all(".rl-line.rl-hl", "ls => ls.map(l => l.id)")


def test_a_pasted_link_to_a_folded_line_unfolds_it_in_place_from_its_part(page, long_site):
    page.goto(long_site + "/cases/long/")
    assert page.locator("#L2500").count() == 0  # folded away on the case page
    page.goto(long_site + "/cases/long/#L2500-L2502")
    page.wait_for_selector("#L2500.rl-hl")
    assert page.url.endswith("/cases/long/#L2500-L2502")  # the page pasted, its grid around the lines
    assert _highlighted(page) == ["L2500", "L2501", "L2502"]
    assert page.locator("#L2500 .rl-cells").count() == 1


def test_a_link_to_another_parts_line_goes_there_through_the_case_page(page, long_site):
    page.goto(long_site + "/cases/long/lines/app.py-part-1/#L4800")
    page.wait_for_url("**/cases/long/#L4800")
    page.wait_for_selector("#L4800.rl-hl")


def test_show_lines_on_a_long_files_case_page_keeps_the_report_columns(page, long_site):
    page.goto(long_site + "/cases/long/")
    gap = page.locator(".rl-gap a").nth(1)
    first, last = map(int, gap.get_attribute("data-lines").split("-"))
    assert "lines/app.py-part-" in gap.get_attribute("href")
    gap.click()
    page.wait_for_selector(f"#L{last}")
    assert page.url.rstrip("/").endswith("/cases/long")
    assert page.locator(f"#L{first} .rl-cells").count() == 1  # the grid's columns come with the lines


def test_a_report_page_folds_to_the_part_that_holds_the_lines(page, long_site):
    page.goto(long_site + "/cases/long/r/")
    gaps = page.locator(".rl-gap a")
    hrefs = [gaps.nth(i).get_attribute("href") for i in range(gaps.count())]
    assert hrefs and all("lines/app.py-part-" in h for h in hrefs), hrefs
    gap = gaps.nth(1)
    first, last = map(int, gap.get_attribute("data-lines").split("-"))
    gap.click()
    page.wait_for_selector(f"#L{last}")
    assert page.locator(f"#L{first} .rl-cells").count() == 0  # a report page has no report columns


def test_a_part_page_steps_to_its_neighbours(page, long_site):
    page.goto(long_site + "/cases/long/lines/app.py-part-2/")
    assert page.locator("h1").inner_text().startswith("app.py, lines ")
    page.locator(".rl-pager a[rel=next]").click()
    page.wait_for_url("**/lines/app.py-part-3/")
    page.locator(".rl-pager a[rel=prev]").click()
    page.wait_for_url("**/lines/app.py-part-2/")
