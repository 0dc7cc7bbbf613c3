"""Real, in-process MkDocs builds of whole corpora."""

import json
import re
from pathlib import Path

import pytest

from tests.helpers import REPO, broken_links, build, build_site, parse_links, write_tree

pytestmark = pytest.mark.slow  # builds sites


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("bundled") / "site"
    build_site(REPO / "site_src", site, strict=True)  # strict: any MkDocs warning fails
    return site


def test_every_report_and_case_has_a_page(bundled_site):
    data = json.loads((bundled_site / "annotations.json").read_text())
    assert data["schema"] == "reviewlens/annotations@1"
    on_disk = {p.name: p for p in (REPO / "site_src").iterdir() if (p / "reports").is_dir()}
    assert sorted(c["id"] for c in data["cases"]) == sorted(on_disk)  # every case folder, nothing else
    for case in data["cases"]:
        assert (bundled_site / "cases" / case["id"] / "index.html").is_file()
        reports = {p.stem for p in (on_disk[case["id"]] / "reports").iterdir() if p.is_file()}
        assert sorted(r["id"] for r in case["reports"]) == sorted(reports)  # each report file has its page
        for report in case["reports"]:
            assert (bundled_site / "cases" / case["id"] / report["id"] / "index.html").is_file()


def test_every_internal_link_and_anchor_resolves(bundled_site):
    assert broken_links(bundled_site) == []


def test_every_claim_has_an_anchor_and_a_link_back(bundled_site):
    data = json.loads((bundled_site / "annotations.json").read_text())
    for case in data["cases"]:
        for report in case["reports"]:
            page = bundled_site / "cases" / case["id"] / report["id"] / "index.html"
            links = parse_links(page.read_text())
            for claim in report["claims"]:
                assert f"claim-{claim['id']}" in links.ids, (page, claim)
                if claim["lines"] and claim["status"] != "out_of_range" and claim["kind"] != "verdict":
                    assert f"#claim-{claim['id']}" in links.hrefs, (page, claim)  # the note links back


def test_lines_have_anchors_on_report_and_case_pages(bundled_site):
    page = bundled_site / "cases" / "py-fileshare" / "index.html"
    ids = parse_links(page.read_text()).ids
    n_lines = len((REPO / "site_src" / "py-fileshare" / "fileshare.py").read_text().splitlines())
    assert {f"L{n}" for n in range(1, n_lines + 1)} <= ids


def test_home_has_a_summary_row_per_report(bundled_site):
    html = (bundled_site / "index.html").read_text()
    data = json.loads((bundled_site / "annotations.json").read_text())
    for case in data["cases"]:
        for report in case["reports"]:
            assert f'href="cases/{case["id"]}/{report["id"]}/"' in html


def test_navigation_lists_cases_not_reports(bundled_site):
    html = (bundled_site / "index.html").read_text()
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "cases/py-fileshare/" in nav
    assert "cases/py-fileshare/accurate/" not in nav


def test_no_request_leaves_the_readers_machine(bundled_site):
    for page in bundled_site.rglob("*.html"):
        html = page.read_text()
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for tag in ("<script src=\"http", "<link href=\"http", "<img src=\"http"):
            assert tag not in html, page


def test_the_same_corpus_builds_the_same_bytes(tmp_path, bundled_site):
    again = tmp_path / "site"
    build_site(REPO / "site_src", again, strict=True)
    first = {p.relative_to(bundled_site): p.read_bytes() for p in bundled_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    differ = [str(k) for k in first if first[k] != second[k] and k.suffix != ".gz"]
    assert differ == []


def test_real_nova_corpus_builds_with_every_report_checked(tmp_path, shared_corpus):
    site = tmp_path / "site"
    build_site(shared_corpus, site, strict=True)
    assert broken_links(site) == []
    data = json.loads((site / "annotations.json").read_text())
    (case,) = [c for c in data["cases"] if c["id"] == "nova-1679750"]
    reports = sorted(shared_corpus.glob("nova-1679750/reports/*"))
    assert len(case["reports"]) == len(reports) == 5
    for report in case["reports"]:
        assert report["problems"] == []
        assert (site / "cases" / case["id"] / report["id"] / "index.html").is_file()
        for claim in report["claims"]:
            if claim["kind"] == "line_quote":  # every numbered quote was checked against the source
                assert claim["status"] != "unverifiable", claim
    source_lines = case["source"]["lines"]
    assert source_lines == len((shared_corpus / "nova-1679750" / "test_bug_1679750.py").read_text().splitlines())


def test_scores_leaderboard_and_charts_are_on_the_site(bundled_site):
    assert (bundled_site / "leaderboard" / "index.html").is_file()
    scores = (bundled_site / "scores" / "index.html").read_text()
    for metric in ("Claim accuracy", "Hallucinations", "Precision", "Localization", "generic advice", "verbose"):
        assert metric in scores
    case = (bundled_site / "cases" / "py-fileshare" / "index.html").read_text()
    assert case.count("<svg") >= 2 and 'class="rl-sr-only"' in case  # bar chart, heatmap and its table
    data = json.loads((bundled_site / "annotations.json").read_text())
    n = len(next(c for c in data["cases"] if c["id"] == "py-fileshare")["reports"])
    assert f"All {n} reports" in case  # the totals row
    report = (bundled_site / "cases" / "py-fileshare" / "narration" / "index.html").read_text()
    assert "contradicted by its own findings" in report and "narrates the file line by line" in report


def test_search_index_holds_report_prose_not_code_or_tables(bundled_site):
    index = json.loads((bundled_site / "search" / "search_index.json").read_text())
    text = " ".join(d["text"] for d in index["docs"])
    plain = text.replace("<code>", "").replace("</code>", "")
    assert "returns every user's files" in plain  # a phrase of a report's own text is searchable
    source = (REPO / "site_src" / "py-fileshare" / "fileshare.py").read_text()
    reports = " ".join(p.read_text() for p in (REPO / "site_src" / "py-fileshare" / "reports").iterdir())
    unquoted = 'DATABASE = "/srv/fileshare/files.db"'
    assert unquoted in source and unquoted not in reports
    assert unquoted not in plain  # the source itself is not indexed, only what reports say
    assert "correct: it is here" not in plain and "The report cites line" not in plain  # nor the notes under code lines


def test_a_home_page_titled_as_the_site_is_not_titled_twice(tmp_path):
    # With no corpus.yaml the home page's <title> read "reviewlens - reviewlens".
    corpus = write_tree(tmp_path / "corpus", {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n"})
    done = build(corpus, tmp_path / "site", "--no-cache", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    title = re.search(r"<title>(.*?)</title>", (tmp_path / "site" / "index.html").read_text()).group(1)
    assert title == "Home - reviewlens", title  # not "reviewlens - reviewlens"
