"""The site search's entries for reviewlens pages, made at render time."""

import json
import re

import pytest
from material.plugins.search.plugin import Parser

from reviewlens.analyze import analyze_corpus
from reviewlens.render import render, searchindex
from reviewlens.render.rendered import RenderedPage
from reviewlens.view import addresses
from tests.helpers import REPO


def _pages() -> list[RenderedPage]:
    return render.render_site(analyze_corpus(REPO / "tests" / "fixtures" / "gold_corpus"), addresses.Linker("", True))


def _report_page(uri_end: str) -> RenderedPage:
    return next(p for p in _pages() if p.uri.endswith(uri_end))


def test_dropping_claim_marks_before_parsing_changes_no_entry():
    for page in _pages():
        # every badge belongs to a claim marked in the text (the marks entries() drops are there to drop)
        assert page.html.count('class="rl-badge') == len(set(re.findall(r'data-claim="(\d+)"', page.html)))
        # The theme's own parser over the whole page, marks and badges in (heading ids out: entries() keeps a
        # report one entry), finds the same sections and words.
        parser = Parser()
        parser.feed(re.sub(r' id="rh-[^"]*"', "", page.html))
        parser.close()
        slow = tuple({"location": f"u/#{s.id}" if s.id else "u/", "title": "".join(s.title).strip() or "t",
                      "text": "".join(s.text).strip()} for s in parser.data if not s.is_excluded())
        assert searchindex.entries("u/", "t", page.html) == slow


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


def _defined_names(language: str, code: str) -> list[str | None]:
    from reviewlens.model import Source
    from reviewlens.render.highlight import token_lines
    from reviewlens.textio import split_lines

    src = Source("f", code, tuple(split_lines(code)), language, "")
    return [searchindex.defined(tokens) for tokens in token_lines(src)]


@pytest.mark.parametrize("language, code, names", [
    ("python", "class Store:\n    def _get_usages(self):\n        return usages(self)\n", ["Store", "_get_usages", None]),
    ("javascript", "function merge(a, b) {\n  return a\n}\nconst run = async (x) => x\nconst y = 3\n",
     ["merge", None, None, "run", None]),
    ("go", "func (s *Store) Get(ctx context.Context) error {\n\treturn nil\n}\ntype Store struct {}\n",
     ["Get", None, None, "Store"]),
    ("java", "public class JWTRefreshEndpoint {\n  public ResponseEntity login(String a) {\n  }\n}\n",
     ["JWTRefreshEndpoint", "login", None, None]),
    ("rust", "fn parse_expr(input: &str) -> T {\n}\npub struct Parser {}\n", ["parse_expr", None, "Parser"]),
    ("bash", "install_deps() {\n  LOCAL=1\n}\nexport PARALLEL_INSTALL=1\nLOG_FILE=/tmp/x\necho $LOG_FILE\n",
     ["install_deps", None, None, "PARALLEL_INSTALL", "LOG_FILE", None]),
])
def test_the_name_a_line_defines_is_found_in_every_language(language, code, names):
    assert _defined_names(language, code) == names


def test_a_defining_line_is_one_entry_linked_to_its_line_and_escaped():
    lines = [(3, "render", 'def render(x="<script>alert(1)</script>"):')]
    (entry,) = searchindex.code_entries(lambda n: f"cases/c/#L{n}", "app.py", lines)
    assert entry["location"] == "cases/c/#L3" and entry["title"] == "render (app.py, line 3)"
    assert "<script>" not in entry["text"] and "&lt;script&gt;" in entry["text"]


def test_chinese_is_cut_into_words_the_search_separator_splits():
    cut = searchindex.segment("可能在日志记录中丢失上下文 (ExitError)")
    assert re.fullmatch(searchindex.SEPARATOR.replace("+", ""), "\u200b")
    assert "\u200b上下文\u200b" in cut and cut.replace("\u200b", "") == "可能在日志记录中丢失上下文 (ExitError)"
    assert searchindex.segment("no Chinese here") == "no Chinese here"


def test_a_file_s_definitions_are_indexed_up_to_a_bound():
    lines = [(("k", "def"), ("", " "), ("nf", f"f{n}"), ("p", "():")) for n in range(searchindex.CODE_ENTRIES + 5)]
    found = searchindex.defining(lines)
    assert len(found) == searchindex.CODE_ENTRIES and found[-1][:2] == (searchindex.CODE_ENTRIES, f"f{searchindex.CODE_ENTRIES - 1}")


def test_without_jieba_chinese_is_indexed_as_written(monkeypatch):
    monkeypatch.setattr(searchindex, "_jieba", lambda: None)  # the optional `zh` extra not installed
    assert searchindex.segment("丢失上下文 (ExitError)") == "丢失上下文 (ExitError)"


def test_the_repository_s_mkdocs_yml_sets_search_as_the_command_does():
    """`mkdocs serve` on this repository previews the site `reviewlens build` makes: the same search settings."""
    import yaml

    plugins = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
    search = next(p for p in plugins if isinstance(p, dict) and "search" in p)
    assert search == searchindex.search_plugin()
