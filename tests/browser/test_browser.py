"""The site as a reader uses it, in a real Chromium (Debian's, driven by Playwright)."""


import re
import time

import pytest

from tests.browser.support import ARTIFACTS


def highlighted(pg):
    return pg.eval_on_selector_all(".rl-line.rl-hl", "els => els.map(e => e.id)")


def test_home_to_report_to_claim(page, server):
    page.goto(server + "/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    page.click("a[href='cases/py-fileshare/shifted/']")
    page.wait_for_url("**/cases/py-fileshare/shifted/")
    badge = page.locator("#claim-3 ~ a.rl-badge").first
    target = badge.get_attribute("href")
    badge.click()  # the claim's note opens beside the text (a touch screen has no hover)
    note = page.locator(".rl-pop").first
    assert note.is_visible() and "Claim 3" in note.inner_text()
    assert badge.get_attribute("aria-expanded") == "true"
    note.locator("a", has_text="Show on the code").click()
    assert page.evaluate("location.hash") == target
    first, _, last = target[2:].partition("-L")
    lines = [f"L{n}" for n in range(int(first), int(last or first) + 1)]
    assert target.startswith("#L") and highlighted(page) == lines
    assert page.locator(f"#{lines[0]}").is_visible()
    page.screenshot(path=str(ARTIFACTS / "report.png"))


def test_pasted_range_link_highlights_the_range(page, server):
    page.goto(server + "/cases/py-fileshare/accurate/#L51-L56")
    page.wait_for_function("document.querySelectorAll('.rl-line.rl-hl').length > 0")
    assert highlighted(page) == [f"L{n}" for n in range(51, 57)]
    box = page.locator("#L51").bounding_box()
    assert 0 <= box["y"] <= 900  # scrolled into view


def test_shift_click_on_a_line_number_makes_a_range_link(page, server):
    page.goto(server + "/cases/js-notes/accurate/")
    page.click("#L17 .rl-ln")
    page.click("#L20 .rl-ln", modifiers=["Shift"])
    assert page.evaluate("location.hash") == "#L17-L20"
    assert highlighted(page) == ["L17", "L18", "L19", "L20"]


def test_a_note_links_back_to_its_claim_in_the_report(page, server):
    page.goto(server + "/cases/py-fileshare/narration/#L21")
    note = page.locator(".rl-note.rl-role-actual a.rl-note-claim").first
    href = note.get_attribute("href")
    note.click()
    assert page.evaluate("location.hash") == href
    assert page.locator(href).is_visible()


def test_theme_toggle_switches_palette(page, server):
    page.goto(server + "/")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.click("label.md-header__button[for^='__palette']:visible")
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == {"default", "slate"}


def test_comparison_table_sorts_by_a_column_and_filters(page, server):
    page.goto(server + "/cases/py-fileshare/")
    table = page.locator(".rl-sortable table").first
    header = table.locator("thead th", has_text="Accuracy")

    def column(name):
        index = [h.strip() for h in table.locator("thead th").all_inner_texts()].index(name)
        return [row.locator("td").nth(index).inner_text() for row in table.locator("tbody tr").all() if row.is_visible()]

    header.click()
    ascending = column("Accuracy")
    header.click()
    descending = column("Accuracy")
    assert descending[0].startswith("100% ") and ascending == descending[::-1]
    assert header.get_attribute("aria-sort") == "descending"
    totals = table.locator("tfoot .rl-totals")
    everything = totals.inner_text()
    page.fill(".rl-filter >> nth=0", "shifted")
    assert [who.endswith("shifted") for who in column("Report")] == [True]
    # The totals row now sums the one row left: its accuracy is that row's.
    assert totals.is_visible() and totals.inner_text() != everything
    assert totals.locator("[data-total=reports]").inner_text() == "1 of 6 reports (filtered)"
    assert totals.locator("[data-total=accuracy]").inner_text() == column("Accuracy")[0]
    page.fill(".rl-filter >> nth=0", "")
    assert totals.inner_text() == everything


def test_leaderboard_chart_and_page_render_in_dark_mode(page, server):
    page.goto(server + "/leaderboard/")
    page.click("label.md-header__button[for^='__palette']:visible")
    assert page.locator("figure.rl-chart svg").count() >= 1
    fill = page.eval_on_selector("figure.rl-chart .rl-fill-score", "el => getComputedStyle(el).fill")
    assert fill and fill != "none"
    page.screenshot(path=str(ARTIFACTS / "leaderboard-dark.png"), full_page=True)


def test_a_link_to_a_folded_line_unfolds_it_on_the_report_page(page, server):
    # The accurate report cites nothing near line 2: that line is folded away, and a pasted link to it
    # unfolds it in place (from the case page), the report's notes around it.
    page.goto(server + "/cases/py-fileshare/accurate/")
    assert page.locator(".rl-gap").count() >= 1 and page.locator("#L2").count() == 0
    page.goto(server + "/cases/py-fileshare/accurate/#L2-L3")
    page.wait_for_selector("#L3.rl-hl")  # (a string to evaluate is blocked by the page's policy)
    assert highlighted(page) == ["L2", "L3"]
    assert page.url.endswith("/cases/py-fileshare/accurate/#L2-L3")


@pytest.mark.parametrize("fragment", ["#L9007199254740992", "#L9007199254740990-L9007199254740999", "#L1-L9007199254740992",
                                      "#L0", "#L99999"])
def test_a_pasted_link_past_the_file_leaves_the_tab_responsive(page, server, fragment):
    # Past 2^53, n++ stood still and the highlight loop never ended: the tab froze.
    page.set_default_timeout(5000)
    page.goto(server + "/cases/py-fileshare/" + fragment)
    assert page.evaluate("1 + 1") == 2  # the page's thread answers
    lines = page.locator(".rl-source").first.get_attribute("data-lines")
    expected = [f"L{n}" for n in range(1, int(lines) + 1)] if fragment == "#L1-L9007199254740992" else []
    assert highlighted(page) == expected
    page.goto(server + "/cases/py-fileshare/#L3")
    page.wait_for_function("document.querySelectorAll('.rl-line.rl-hl').length === 1")


def test_search_finds_a_report_by_a_phrase_in_it(page, server):
    page.goto(server + "/")
    page.keyboard.press("s")  # Material's shortcut to the search box
    page.keyboard.type("returns every user's files")
    page.wait_for_selector(".md-search-result__item")
    first = page.locator(".md-search-result__item a").first
    href = first.get_attribute("href")
    assert "/cases/py-fileshare/accurate/" in href
    # The link carries the words it matched, and the report page marks them where they stand.
    assert "?h=" in href and href.split("?h=", 1)[1].split("#")[0] != "", href
    first.click()
    page.wait_for_selector("mark[data-md-highlight]")


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("case", ["py-fileshare", "js-notes"])
def test_case_gutter_marks_stand_under_their_report_and_open_a_claim_of_their_colour(page, server, case, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/cases/{case}/")
    geometry = page.evaluate("""() => {
      const sec = document.querySelector('.rl-overlay');
      const centre = b => (b.left + b.right) / 2;
      const head = [...sec.querySelectorAll('.rl-head .rl-cell')].map(c => centre(c.getBoundingClientRect()));
      const rows = [...sec.querySelectorAll('.rl-line:not(.rl-head)')];
      const off = rows.flatMap(l => [...l.querySelectorAll('.rl-cells > *')].map((c, i) =>
        Math.abs(centre(c.getBoundingClientRect()) - head[i])));
      return {off: Math.max(...off), heights: [...new Set(rows.map(l => Math.round(l.getBoundingClientRect().height)))]};
    }""")
    assert geometry["off"] < 1 and len(geometry["heights"]) == 1, geometry  # under its label; every row one height
    cells = page.eval_on_selector_all("a.rl-cell", "els => els.map(e => [e.className, e.href])")
    assert cells
    pages: dict[str, str] = {}
    for css, href in cells:
        status = re.search(r"rl-st-(\w+)", css).group(1)
        url, claim = href.split("#")
        if status == "defect":  # the truth column: a known defect, listed on this page
            assert claim == "defects" and page.locator("#defects").count() == 1
            continue
        html = pages.setdefault(url, page.request.get(url).text())
        mark = re.search(rf'<mark class="rl-claim rl-st-(\w+)" data-claim="\d+" id="{claim}"', html)
        assert mark and mark.group(1) == status, (href, status)


@pytest.mark.parametrize("path", ["/", "/leaderboard/"])
def test_on_a_phone_the_rank_and_report_stay_in_view_as_the_table_scrolls(page, server, path):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(server + path)
    wrap = page.locator(".rl-table-wrap").first
    first_row = wrap.locator("tbody tr").first
    before = first_row.locator("td").nth(1).bounding_box()
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    assert wrap.evaluate("w => w.scrollLeft") > 100  # the table does scroll in its box
    after = first_row.locator("td").nth(1).bounding_box()
    assert abs(after["x"] - before["x"]) <= 1  # the report (reviewer) column has not moved (a border's width)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _search(page, words: str) -> list[str]:
    """The result links of a search typed as a reader types it, once they stop changing."""
    page.keyboard.press("s")  # Material's shortcut to the search box
    page.keyboard.type(words, delay=20)
    # The theme searches on keyup. Playwright types characters off the keyboard (Chinese) as bare text
    # input with no key events; a reader's input method ends with a key (the one that commits the word).
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item")
    hrefs, deadline = None, time.time() + 10
    while time.time() < deadline:
        now = [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]
        if now == hrefs:
            return now
        hrefs = now
        time.sleep(0.5)
    return hrefs


def test_a_phrase_from_a_report_finds_the_report_before_the_site_s_own_pages(page, server):
    page.goto(server + "/")
    # "a" and "the" are widened to "a*" and "the*": with the theme's title weight, "About" and "Accuracy"
    # put the About page first. The report that holds the whole phrase comes first.
    hrefs = _search(page, "pass the value as a parameter")
    assert "/cases/py-fileshare/accurate/" in hrefs[0], hrefs


def test_a_function_name_finds_the_line_that_defines_it(page, server):
    page.goto(server + "/")
    hrefs = _search(page, "list_files")
    line = next(h for h in hrefs if "#L" in h)
    # Under its case page's result, linked with the name it matched: the line opens marked, the name highlighted.
    assert "/cases/py-fileshare/?h=list_files#L42" in line, hrefs
    page.locator(f'.md-search-result__item a[href="{line}"]').first.click()
    page.wait_for_selector("#L42.rl-hl")  # the page opens at that line, marked
    page.wait_for_selector("#L42 mark[data-md-highlight]")


def test_a_function_name_of_the_nova_file_finds_its_line(page, nova):
    page.goto(nova + "/")
    hrefs = _search(page, "_get_usages")
    assert any(h.endswith("/cases/nova-1679750/?h=_get_usages#L54") for h in hrefs), hrefs


def test_a_chinese_word_of_a_report_finds_it(page, wild):
    page.goto(wild + "/")
    hrefs = _search(page, "上下文")
    assert any("/cases/clawrise-secretstore/" in h for h in hrefs), hrefs
