"""A long file is shown in parts, each page bounded, whatever the file holds (issue 25: a 4 MB file
of one-character lines wrote a 290 MB case page)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewlens.model import Case, Source
from reviewlens.textio import split_lines
from reviewlens.view import parts
from tests.helpers import build_site, write_tree


def _source(text: str) -> Source:
    return Source("app.py", text, split_lines(text), "python", "")


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
                        max_size=40), min_size=1, max_size=300), st.integers(1, 9))
@settings(max_examples=200, deadline=None)
def test_parts_cover_every_line_once_in_order_and_cut_ranges_at_their_starts(lines, n):
    text = "\n".join(lines)
    src = _source(text)
    starts = parts._starts(src, n)
    assert len(starts) == n and starts[0] == 1 and list(starts) == sorted(starts)
    p = parts.Parts("app.py", starts, len(src.lines), tuple(f"u{k}" for k in range(n)))
    shown = [n for i in range(n) if (lines_ := p.lines(i)) for n in lines_]
    assert shown == list(range(1, len(src.lines) + 1))
    for piece in p.cut(1, len(src.lines)):
        assert p.index(piece.start) == p.index(piece.end)


def test_a_part_holds_about_its_share_of_bytes():
    text = "".join(f"line {i:05d} {'x' * (i % 70)}\n" for i in range(20_000))
    n = parts.count(len(text.encode()))
    assert n > 1
    starts = parts._starts(_source(text), n) + (20_001,)
    sizes = [sum(len(line) + 1 for line in split_lines(text)[a - 1:b - 1]) for a, b in zip(starts, starts[1:])]
    share = -(-len(text.encode()) // n)  # each part its share of the bytes, give or take one line
    assert max(sizes) <= min(share + 90, parts.PART_BYTES + 90) and min(sizes[:-1]) >= share - 90


def test_a_file_of_one_part_has_no_part_pages_and_the_count_is_by_size_alone():
    assert [parts.count(s) for s in (0, 1, parts.PART_BYTES, parts.PART_BYTES + 1, 5 * 1024 * 1024)] == [1, 1, 1, 2, 80]
    case = Case("c", "c", "c", "", (_source("a = 1\n"),), (), None, sizes=(("app.py", 6),))
    assert not parts.of_case(case)["app.py"].split and parts.planned_pages(case.id, case.sizes) == []


@pytest.mark.slow  # a real build of a long file, on purpose
def test_a_long_file_of_tiny_lines_gives_bounded_pages_and_its_case_page_shows_what_is_cited(tmp_path):
    # 3 parts of one-character lines: the worst case for a page's size per byte of source.
    lines = 3 * parts.PART_BYTES // 2
    corpus = write_tree(tmp_path / "corpus", {
        "long/app.py": "a\n" * lines,
        "long/reports/r.md": "Line 5 is `a`, and so is line 70000.\n",
        "bin/blob.py": b"\x00\x01" * parts.PART_BYTES,  # long, but not text: its planned pages say so
        "bin/reports/r.md": "Nothing.\n",
    })
    build_site(corpus, tmp_path / "site", strict=False)  # the binary file is a problem, the rest builds
    case = tmp_path / "site" / "cases" / "long"
    pages = sorted((case / "lines").glob("*/index.html"))
    assert [p.parent.name for p in pages] == ["app.py-part-1", "app.py-part-2", "app.py-part-3"]
    assert max(p.stat().st_size for p in pages) < 6_000_000  # 32,768 lines each
    page = (case / "index.html").read_text()
    assert len(page) < 200_000
    assert 'id="L5"' in page and 'id="L70000"' in page and 'id="L40000"' not in page
    part_2 = (case / "lines" / "app.py-part-2" / "index.html").read_text()
    assert 'id="L40000"' in part_2 and "app.py, lines 32769-65536 of 98,304" in part_2
    # Every folded run links the part that holds all of it: a gap never spans two parts.
    bounds = {1: (1, 32768), 2: (32769, 65536), 3: (65537, 98304)}
    gaps = re.findall(r'href="lines/app\.py-part-(\d)/#L(\d+)-L(\d+)" data-lines="(\d+)-(\d+)"', page)
    assert len(gaps) >= 4
    for k, a, b, a2, b2 in gaps:
        low, high = bounds[int(k)]
        assert (a, b) == (a2, b2) and low <= int(a) <= int(b) <= high
    stub = (tmp_path / "site" / "cases" / "bin" / "lines" / "blob.py-part-1" / "index.html").read_text()
    assert "This file is not shown: it could not be read as text" in stub


def test_lines_is_a_name_the_site_keeps_for_itself():
    from reviewlens.textio import slug
    assert slug("lines") == "lines-" and slug("Lines") == "lines-"


def test_a_very_long_line_is_shown_cut_saying_how_much_is_not_shown():
    from reviewlens.render.highlight import LINE_SHOWN, code_html
    html = str(code_html((("k", "a" * 5000), ("s", "<" * (LINE_SHOWN + 2000)))))
    assert '<span class="k">' + "a" * 5000 + "</span>" in html  # the first token whole
    assert html.count("&lt;") == LINE_SHOWN - 5000
    assert html.endswith('<span class="rl-cut">… 7,000 more characters not shown</span></code>')
    assert "rl-cut" not in str(code_html((("k", "a" * LINE_SHOWN),)))
