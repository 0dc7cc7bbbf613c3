"""Reading a report's code like a review, in Chromium: notes under the last line
of what they cite, one block per line, show / hide by status, j / k from problem
to problem, folded lines opened in place, and links to copy."""

import re

import pytest

REPORTS = ["/cases/py-fileshare/shifted/", "/cases/py-fileshare/narration/", "/cases/js-notes/invented/",
           "/cases/js-notes/accurate/"]


@pytest.mark.parametrize("path", REPORTS)
def test_each_note_stands_after_the_last_line_it_cites(page, server, path):
    page.goto(server + path)
    # (claim id, role, the id of the line just above the note's block)
    # (a missed defect's note stands under its lines too, and links to its item in the detection list)
    placed = page.eval_on_selector_all(".rl-source > .rl-notes .rl-note:not(.rl-role-missed)", """els => els.map(n => [
        n.querySelector('a.rl-note-claim').getAttribute('href').replace('#claim-', ''),
        n.classList.contains('rl-role-actual') ? 'actual' : 'cited',
        n.parentNode.previousElementSibling.id])""")
    assert placed
    rows = {row["id"]: row for row in page.eval_on_selector_all("tr[id^=claim-]", """rows => rows.map(r => ({
        id: r.id.replace('claim-', '').replace('-row', ''),
        cites: (r.querySelector('.rl-cites a') || {getAttribute: () => ''}).getAttribute('href'),
        actual: ([...r.querySelectorAll('.rl-cites a')][1] || {getAttribute: () => ''}).getAttribute('href')}))""")}
    for claim, role, above in placed:
        target = rows[claim]["actual" if role == "actual" else "cites"]
        last = re.fullmatch(r"#(?:f\d+-)?L(\d+)(?:-L(\d+))?", target)
        assert last, (claim, target)
        assert above.endswith("L" + (last.group(2) or last.group(1))), (claim, role, target, above)
    blocks = page.eval_on_selector_all(".rl-source > .rl-notes", "bs => bs.map(b => b.previousElementSibling.id)")
    assert len(blocks) == len(set(blocks))  # several notes on one line share one block


def test_j_and_k_go_from_problem_to_problem_and_switches_hide_notes_by_status(page, server):
    page.goto(server + "/cases/py-fileshare/shifted/")
    bar = page.locator(".rl-notes-bar")
    assert bar.is_visible() and "j" in bar.locator(".rl-keys").inner_text()
    problems = page.eval_on_selector_all(
        ".rl-note.rl-st-wrong_line, .rl-note.rl-st-not_in_source, .rl-note.rl-st-out_of_range",
        "ns => ns.map(n => n.querySelector('a.rl-note-claim').textContent + '|' + n.parentNode.previousElementSibling.id)")
    assert len(problems) >= 3

    def current():
        return page.eval_on_selector(".rl-note.rl-current", "n => n.querySelector('a.rl-note-claim').textContent + '|' + "
                                     "n.parentNode.previousElementSibling.id")

    page.keyboard.press("j")
    first = current()
    page.keyboard.press("j")
    assert problems.index(current()) == problems.index(first) + 1
    page.keyboard.press("k")
    assert current() == first
    assert page.locator(".rl-note.rl-current").is_visible()
    calm = page.locator(".rl-note.rl-st-unverifiable")
    assert calm.count() and calm.first.is_visible()
    page.uncheck("input[data-status=unverifiable]")
    assert all(not n.is_visible() for n in calm.all())
    assert page.locator(".rl-note.rl-st-wrong_line").first.is_visible()
    page.check("input[data-status=unverifiable]")
    assert calm.first.is_visible()
    page.locator("input[data-status=unverifiable]").focus()
    page.keyboard.press("j")  # keys typed into a form control are not shortcuts
    assert current() == first


def test_folded_lines_open_in_place(page, server):
    page.goto(server + "/cases/py-fileshare/shifted/")
    gap = page.locator(".rl-gap a").first
    first, last = map(int, gap.get_attribute("data-lines").split("-"))
    assert page.locator(f"#L{first}").count() == 0
    url = page.url
    gap.click()
    page.wait_for_selector(f"#L{last}")
    assert page.url == url  # the same page, not the case page
    shown = page.eval_on_selector_all(".rl-source > .rl-line", "ls => ls.map(l => l.id)")
    assert shown == sorted(set(shown), key=lambda i: int(i[1:]))  # in order, once each
    assert [f"L{n}" for n in range(first, last + 1)] == [i for i in shown if first <= int(i[1:]) <= last]
    assert page.locator(f"#L{first} .rl-cells").count() == 0  # the case page's report columns stay there


def test_a_line_number_and_a_claim_badge_offer_their_link_to_copy(page, server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(server + "/cases/js-notes/accurate/")
    line = page.locator(".rl-source .rl-cited").first
    n = line.get_attribute("id")
    line.locator("a.rl-ln").click()
    line.locator("button.rl-copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == server + f"/cases/js-notes/accurate/#{n}"
    badge = page.locator("a.rl-badge").nth(1)
    claim = "".join(ch for ch in badge.inner_text() if ch.isdigit())  # after its status glyph
    badge.click()
    note = page.locator(".rl-pop")
    assert note.is_visible() and note.inner_text().startswith(f"Claim {claim}:")
    note.locator("button.rl-copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == server + f"/cases/js-notes/accurate/#claim-{claim}"
    badge.click()  # a second click closes it
    assert page.locator(".rl-pop").count() == 0


def test_a_claim_note_opens_with_the_keyboard_too(page, server):
    page.goto(server + "/cases/js-notes/shifted/")
    badge = page.locator("a.rl-badge").first
    badge.focus()
    page.keyboard.press("Enter")
    assert page.locator(".rl-pop").first.is_visible()


def test_the_header_and_the_tab_name_the_case(page, server):
    page.goto(server + "/cases/js-notes/shifted/")
    title = page.title()
    assert "JavaScript: an Express notes service" in title and "Model B" in title
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(300)
    assert "Express notes service" in page.locator(".md-header__topic").last.inner_text()


def test_a_note_says_where_its_link_goes_and_stands_outside_inline_code(page, server):
    page.goto(server + "/cases/py-fileshare/shifted/")
    verdict = page.locator("a.rl-badge[href$='-row']").first  # a claim with no lines: its row in the table
    verdict.click()
    link = page.locator(".rl-pop a").first
    assert link.inner_text() == "Its row in the claims table"
    assert re.fullmatch(r"#claim-\d+-row", link.get_attribute("href"))
    in_code = page.locator("code a.rl-badge").first
    in_code.click()
    assert page.locator("code .rl-pop").count() == 0  # the note follows the code, in the text's own font
    assert page.locator(".rl-pop a", has_text="Show on the code").count() == 1


def test_copying_code_from_the_report_text_copies_no_badge(page, server):
    # A badge inside the reviewer's code block used to be copied with it ("masterKey10 := ...").
    page.goto(server + "/cases/py-fileshare/bandit/")
    assert page.locator(".rl-report pre .rl-badge").count() > 0
    copied, code = page.evaluate("""() => {
      const pre = document.querySelector('.rl-report pre');
      const range = document.createRange();
      range.selectNodeContents(pre);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      const bare = pre.cloneNode(true);
      bare.querySelectorAll('.rl-badge').forEach(b => b.remove());
      return [selection.toString(), bare.textContent];
    }""")
    assert copied.rstrip("\n") == code.rstrip("\n")


def test_a_badge_says_its_status_by_a_glyph_not_by_colour_alone(page, server):
    page.goto(server + "/cases/py-fileshare/shifted/")
    texts = page.eval_on_selector_all(".rl-report .rl-badge", "bs => bs.map(b => b.textContent)")
    assert texts and all(t[0] in "✓↕✗⇥?" and t[1:].isdigit() for t in texts), texts[:5]


def test_a_pasted_link_to_a_folded_line_of_a_report_page_stays_on_the_report(page, server):
    page.goto(server + "/cases/py-fileshare/shifted/")
    gap = page.locator(".rl-gap a").first
    first, last = map(int, gap.get_attribute("data-lines").split("-"))
    page.goto(server + f"/cases/py-fileshare/shifted/#L{first + 1}")
    page.wait_for_selector(f"#L{first + 1}.rl-hl")
    assert "/cases/py-fileshare/shifted/" in page.url  # this report's notes stay in view
    assert page.locator(".rl-note").count() > 0


def test_a_claims_row_named_in_the_address_is_highlighted(page, server):
    page.goto(server + "/cases/py-fileshare/shifted/#claim-3-row")
    colour = lambda sel: page.eval_on_selector(sel, "el => getComputedStyle(el).backgroundColor")
    assert colour("#claim-3-row > td") != colour("#claim-4-row > td")


def test_a_count_at_the_top_shows_only_those_claims_in_the_table(page, server):
    page.goto(server + "/cases/py-fileshare/shifted/")
    link = page.locator(".rl-facts a.rl-count.rl-st-wrong_line")
    n = int(link.inner_text().split()[-1])
    link.click()
    page.wait_for_url("**/shifted/#claims")
    shown = page.locator(".rl-claims tbody tr:visible")
    assert shown.count() == n and all("rl-st-wrong_line" in (shown.nth(i).get_attribute("class") or "")
                                      for i in range(n))
    page.locator(".rl-status-filter button[data-status='']").click()
    assert page.locator(".rl-claims tbody tr:visible").count() == page.locator(".rl-claims tbody tr").count()


def test_j_from_the_top_visits_each_problem_once(page, server):
    page.goto(server + "/cases/py-fileshare/shifted/")
    assert page.locator(".rl-keys").first.is_visible()  # announced at the top, with the report's facts
    problems = page.locator(".rl-note.rl-st-wrong_line:not(.rl-role-actual), .rl-note.rl-st-missed").count()
    seen = []
    for _ in range(problems):
        page.keyboard.press("j")
        current = page.locator(".rl-note.rl-current a.rl-note-claim")
        seen.append(current.inner_text() + current.get_attribute("href"))
    assert len(seen) == len(set(seen)) == problems  # each once: a claim's "it is here" note is no second stop


def test_a_missed_defect_has_a_note_on_its_lines_and_its_item_links_there(page, server):
    page.goto(server + "/cases/py-fileshare/narration/")
    item = page.locator(".rl-detection .rl-fn a").first
    href = item.get_attribute("href")
    assert href.startswith("#L")
    item.click()
    page.wait_for_selector(".rl-line.rl-hl")
    note = page.locator(".rl-note.rl-st-missed").first
    assert note.is_visible() and "a known defect that no finding of this report matches" in note.inner_text()
    page.goto(server + "/cases/py-fileshare/")
    assert page.locator(".rl-overlay .rl-head .rl-cell").first.inner_text() == "T"  # the grid's truth column
    assert page.locator(".rl-overlay a.rl-cell.rl-st-defect").count() > 0


def test_a_reviewer_on_the_leaderboard_links_its_reports(page, server):
    page.goto(server + "/leaderboard/")
    row = page.locator(".rl-summary tbody tr", has_text="Model D (narrator)")
    assert row.locator(".rl-reports-of a").count() == 1  # its second report, beside the first
    row.locator(".rl-who > a").click()
    page.wait_for_url("**/cases/*/narration/")
    assert "Model D (narrator)" in page.locator("h1").inner_text()


@pytest.mark.parametrize("width", [1400, 390])
def test_back_to_top_waits_in_a_corner_not_over_the_lines_read(page, server, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(server + "/cases/py-fileshare/accurate/")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(400)
    page.mouse.wheel(0, -400)  # scrolling up is what shows the button
    page.wait_for_selector(".md-top:not(.md-top--hidden)")
    box = page.locator(".md-top").bounding_box()
    assert box["height"] < 60  # the button, not a column stretched over the page
    assert box["y"] > 800 * 0.8 and box["x"] + box["width"] > width * 0.8, box
