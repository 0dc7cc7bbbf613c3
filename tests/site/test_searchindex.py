"""The site search's entries for reviewlens pages, made at render time."""

import json
import re

from reviewlens.analyze import analyze_corpus
from reviewlens.site import addresses, render, searchindex
from reviewlens.site.rendered import RenderedPage
from tests.helpers import REPO


def _pages() -> list[RenderedPage]:
    return render.render_site(analyze_corpus(REPO / "tests" / "fixtures" / "gold_corpus"), addresses.Linker("", True))


def _report_page(uri_end: str) -> RenderedPage:
    return next(p for p in _pages() if p.uri.endswith(uri_end))


def test_dropping_claim_marks_before_parsing_changes_no_entry():
    for page in _pages():
        # every badge belongs to a claim marked in the text (the marks entries() drops are there to drop)
        assert page.html.count('class="rl-badge') == len(set(re.findall(r'data-claim="(\d+)"', page.html)))
        same_sections = searchindex._REPORT_HEADING_ID.sub("", page.html)  # what entries() reads as one entry
        assert searchindex.entries("u/", "t", page.html) == searchindex._entries("u/", "t", same_sections)


def test_a_report_is_found_by_its_words_not_its_code_or_badges():
    page = _report_page("tiny/careful.md")
    # One entry, the page's own (no #anchor): the theme links a result with the words that matched it
    # in that entry (?h=...), so the report's text stands there, not in a section under it.
    (report,) = page.search
    assert report["location"] == "cases/tiny/careful/"
    # The report's own words, as it wrote them: no claim badge numbers glued on.
    assert "a command injection (CWE-78)" in report["text"]
    assert "<code>cmd</code> to a shell" in report["text"]
    # The annotated source is not indexed for a report page (the case page has it).
    assert "def run" not in report["text"]


def test_our_entries_replace_what_the_index_held_for_our_pages(tmp_path):
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": [
        {"location": "user/", "title": "A user page", "text": "kept"},
        {"location": "cases/x/", "title": "stale", "text": "old"},
        {"location": "cases/x/#part", "title": "stale part", "text": "old"},
    ]}))
    ours = {"cases/x/": ({"location": "cases/x/", "title": "Case x", "text": "new"},)}
    searchindex.add_to_index(index, ours)
    data = json.loads(index.read_text())
    assert data["config"] == {"lang": ["en"]}
    assert data["docs"] == [{"location": "user/", "title": "A user page", "text": "kept"},
                            {"location": "cases/x/", "title": "Case x", "text": "new"}]
    searchindex.add_to_index(tmp_path / "no-search.json", ours)  # a site without search: nothing to do
    assert not (tmp_path / "no-search.json").exists()
