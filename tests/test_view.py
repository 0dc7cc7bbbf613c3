import pytest

from generator.site.view import Linker, safe_title, url_of


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
