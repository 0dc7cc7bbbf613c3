import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewlens.model import Lines
from reviewlens.view.addresses import Linker, line_anchor, lines_fragment, safe_title, url_of
from tests.helpers import REPO


@pytest.mark.parametrize(
    "src, directory_urls, url",
    [
        pytest.param("index.md", True, "", id="home"),
        pytest.param("cases/a/index.md", True, "cases/a/", id="case"),
        pytest.param("cases/a/r.md", True, "cases/a/r/", id="report"),
        pytest.param("cases/a/r.md", False, "cases/a/r.html", id="report_flat"),
        pytest.param("index.md", False, "index.html", id="home_flat"),
    ],
)
def test_url_of_matches_mkdocs(src, directory_urls, url):
    assert url_of(src, directory_urls) == url


@pytest.mark.parametrize(
    "prefix, directory_urls, src, dst, href",
    [
        pytest.param("", True, "cases/a/r.md", "index.md", "../../../", id="report_to_home"),
        pytest.param("", True, "cases/a/r.md", "cases/a/index.md", "../", id="report_to_case"),
        pytest.param("", True, "index.md", "cases/a/r.md", "cases/a/r/", id="home_to_report"),
        pytest.param("", True, "cases/a/index.md", "cases/a/index.md", "./", id="self"),
        pytest.param("reviews/", True, "cases/a/r.md", "index.md", "../../../", id="prefixed"),
        pytest.param("", False, "cases/a/r.md", "index.md", "../../index.html", id="flat_urls"),
    ],
)
def test_relative_links(prefix, directory_urls, src, dst, href):
    assert Linker(prefix, directory_urls).href(src, dst) == href


def test_safe_title_cannot_make_markup():
    title = safe_title('</title><script>alert("x")</script>')
    assert not set("<>&\"'") & set(title)
    assert "script" in title  # still readable


RANGE = re.compile(re.search(r"var RANGE = /(.+)/;", (REPO / "templates" / "assets" / "reviewlens.js").read_text()).group(1))


@given(st.integers(1, 40), st.integers(1, 10**6), st.integers(0, 10**6))
def test_line_links_are_read_back_by_the_page_script(file_no, start, extra):
    """A pasted #L21-L53 (or #f2-L3-L9) highlights exactly the lines the site linked:
    reviewlens.js parses the fragments addresses.py makes."""
    prefix = "" if file_no == 1 else f"f{file_no}-"
    lines = Lines(start, start + extra)
    m = RANGE.match("#" + lines_fragment(prefix, lines))
    assert m is not None
    assert (m.group(1), int(m.group(2)), int(m.group(3) or m.group(2))) == (prefix, lines.start, lines.end)
    assert line_anchor(prefix, start) == m.group(1) + "L" + m.group(2)
