"""Nothing from a corpus runs in a reader's browser (issue 6).

A corpus carries 57 injection vectors in every text field (tests/browser/hostile.py).
The built pages are checked twice: as markup (no script, handler or
dangerous URL in any page's content; a CSP on every page) and in a real
Chromium, which loads every page and watches for dialogs, calls and
injected elements.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.browser.hostile import FILE_VECTORS, VECTORS, hostile_corpus
from tests.browser.support import serving
from tests.helpers import build_site

DANGEROUS_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.I)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    site = root / "site"
    build_site(hostile_corpus(root / "corpus"), site, strict=False)
    return site


class Content(HTMLParser):
    """Collects what stands inside the page's content article."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside <article class="md-content__inner ...">
        self.problems = []
        self.scripts_outside = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article" and "md-content__inner" in (a.get("class") or ""):
            self.depth = 1
            return
        if self.depth:
            self.depth += tag not in ("br", "img", "hr", "input", "meta", "link")
            if tag in ("script", "iframe", "object", "embed", "base", "meta", "link", "form", "style", "template"):
                self.problems.append(f"<{tag}> in content")
            for key, value in attrs:
                if key.startswith("on"):
                    self.problems.append(f"{key}= on <{tag}>")
                if key in ("href", "src", "action", "data", "formaction", "xlink:href") and value and DANGEROUS_URL.match(value):
                    self.problems.append(f"{key}={value!r} on <{tag}>")
                if key == "data-pwned":
                    self.problems.append(f"data-pwned on <{tag}>")
        elif tag == "script" and "src" not in a and a.get("type") != "application/json":
            self.scripts_outside += 1

    def handle_endtag(self, tag):
        if self.depth and tag not in ("br", "img", "hr", "input", "meta", "link"):
            self.depth -= 1


def test_the_vectors_are_many_and_reach_every_kind_of_page(hostile_site):
    assert len(VECTORS) + len(FILE_VECTORS) >= 50
    pages = list(hostile_site.rglob("*.html"))
    reports = [p for p in pages if p.parent.parent.parent.name == "cases"]
    assert len(reports) == 2 * len(FILE_VECTORS)  # every report built, hostile names and all
    text = "".join(p.read_text() for p in reports)
    assert "__pwned(1)" in text  # the payloads are on the pages, as text


def test_every_payload_appears_only_escaped(hostile_site):
    for page in hostile_site.rglob("*.html"):
        parser = Content()
        parser.feed(page.read_text())
        assert parser.problems == [], page


def test_every_page_declares_a_policy_that_forbids_inline_script_from_content(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    assert hostile_site / "404.html" in pages  # the not-found page too: the README says every page
    for page in pages:
        html = page.read_text()
        m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert m, page
        script_src = re.search(r"script-src ([^;]+);", m.group(1)).group(1)
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert script_src.split()[0] == "'self'" and all(t.startswith("'sha256-") for t in script_src.split()[1:])
        assert html.index("Content-Security-Policy") < html.index("<script")  # before any script


def test_template_syntax_is_shown_not_evaluated(hostile_site):
    text = "".join(p.read_text() for p in hostile_site.rglob("*.html"))
    assert "{{7*7}}" in text or "{{ 7*7 }}" in text.replace("&#123;", "{")
    assert "pwnedpwnedpwned" not in text


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    with serving(hostile_site) as url:
        yield url, hostile_site


def test_no_payload_runs_in_a_real_browser(browser, hostile_server):
    base, site = hostile_server
    context = browser.new_context()
    context.add_init_script("window.__calls = []; window.__pwned = (n) => window.__calls.push(n);")
    page = context.new_page()
    dialogs, violations = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    urls = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        urls.append(f"{base}/{rel + '/' if rel != '.' else ''}")
    assert len(urls) >= 2 * len(FILE_VECTORS) + len(FILE_VECTORS) + 3
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__calls") == [], url
        assert page.evaluate("document.querySelectorAll('[data-pwned]').length") == 0, url
        injected = page.evaluate(
            "[...document.querySelectorAll('article *')].filter(e => [...e.attributes].some(a => a.name.startsWith('on')))"
            ".map(e => e.outerHTML.slice(0, 80))")
        assert injected == [], url
    assert dialogs == []
    # Material's own inline scripts are allowed by hash: nothing of the theme was blocked.
    assert violations == []
    context.close()


def test_hostile_site_links_and_anchors_resolve(hostile_site):
    from tests.helpers import broken_links

    assert broken_links(hostile_site) == []
