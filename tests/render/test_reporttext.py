import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewlens.render.reporttext import render
from reviewlens.view.reportmarks import MarkSpec

VOID = {"br", "hr", "img", "input", "meta", "link"}


class Balance(HTMLParser):
    """Checks that tags nest, and collects ids and tag names."""

    def __init__(self):
        super().__init__()
        self.stack, self.ids, self.tags, self.errors = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.ids += [v for k, v in attrs if k == "id"]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):  # <hr />: opens and closes itself
        self.tags.append(tag)
        self.ids += [v for k, v in attrs if k == "id"]

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def parsed(html):
    b = Balance()
    b.feed(html)
    b.close()
    return b


def mark(i, start, end):
    return MarkSpec(i, start, end, "rl-st-correct", f"#L{i}", f"claim {i}")


@pytest.mark.parametrize(
    "text, forbidden",
    [
        pytest.param("<script>alert(1)</script>", "<script", id="script_tag"),
        pytest.param('<img src=x onerror="alert(1)">', "<img", id="event_handler"),
        pytest.param("[x](javascript:alert(1))", 'href="javascript', id="javascript_link"),
        pytest.param("![x](http://tracker.example/p.png)", "<img", id="remote_image"),
        pytest.param("<svg><script>alert(1)</script></svg>", "<svg", id="svg"),
        pytest.param("```html\n<script>x</script>\n```", "<script", id="fenced_html"),
    ],
)
def test_report_html_is_never_live(text, forbidden):
    html = render(text)
    assert forbidden not in html


def test_links_cannot_track_or_open_the_opener():
    html = render("[a](https://example.com)")
    assert 'rel="nofollow noopener noreferrer"' in html


def test_report_headings_sit_below_the_page_heading_as_written_each_with_its_own_id():
    html = render("# Title\n\n## IN-04: `PluginSecretStore` 中 Context\n\n## IN-04: `PluginSecretStore` 中 Context\n")
    assert '<h3 id="rh-title" class="rl-report-heading">Title</h3>' in html
    # The words as written (the page's style keeps their case), an id made of them, each id once.
    assert '<h4 id="rh-in-04-pluginsecretstore-context" class="rl-report-heading">IN-04: <code>PluginSecretStore</code> 中 Context</h4>' in html
    assert 'id="rh-in-04-pluginsecretstore-context-2"' in html


def test_a_claim_is_marked_in_place_with_anchor_and_badge():
    text = "see `14 from x import y` here"
    html = render(text, [mark(3, 5, 23)])
    assert '<mark class="rl-claim rl-st-correct" data-claim="3" id="claim-3">14 from x import y</mark>' in html
    assert '<a class="rl-badge rl-st-correct" href="#L3" data-note="claim 3" data-search-exclude>3</a>' in html


def test_marks_across_formatting_are_split_but_anchored_once():
    text = "a **bold `code` text** b"
    html = render(text, [mark(1, 0, len(text))])
    p = parsed(html)
    assert p.errors == [] and p.ids.count("claim-1") == 1
    assert html.count("<mark") >= 3


def test_a_claim_inside_a_link_target_keeps_its_anchor():
    text = "[x](http://a/line-5)"
    html = render(text, [mark(1, text.index("line"), text.index("line") + 6)])
    assert parsed(html).ids == ["claim-1"]
    assert "\U000f0001" not in html and "%F3" not in html


def test_sentinel_lookalikes_in_the_report_are_neutralised():
    html = render("a \U000f0001 b \U00100001 c", [])
    assert "<mark" not in html and "\ufffd" in html


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab `*_[]()#>-1.\n|<&")), max_size=80),
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=5),
)
def test_any_marks_on_any_text_give_nested_html_with_each_anchor_once(text, spans):
    marks = [mark(i + 1, min(a, b, len(text)), min(max(a, b), len(text))) for i, (a, b) in enumerate(spans)]
    marks = [m for m in marks if m.start < m.end]
    html = render(text, marks)
    p = parsed(html)
    assert p.errors == [], html
    for m in marks:
        assert p.ids.count(f"claim-{m.id}") == 1
    assert "script" not in p.tags


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200)), max_size=4))
def test_any_unicode_text_renders_nested_and_inert(text, spans):
    marks = [mark(i + 1, min(a, b, len(text)), min(max(a, b), len(text))) for i, (a, b) in enumerate(spans)]
    html = render(text, [m for m in marks if m.start < m.end])
    p = parsed(html)
    assert p.errors == []
    assert not {"script", "img", "iframe", "object", "embed", "style"} & set(p.tags)


@pytest.mark.parametrize(
    "text, link",
    [
        pytest.param("[docs](https://example.com/a)", True, id="web_link_kept"),
        pytest.param("[mail](mailto:a@example.com)", True, id="mail_link_kept"),
        pytest.param("[x](x.png)", False, id="relative_link_is_text"),
        pytest.param("[top](#top)", False, id="fragment_link_is_text"),
        pytest.param("[up](../../index.html)", False, id="parent_link_is_text"),
    ],
)
def test_only_web_and_mail_links_stay_links(text, link):
    html = render(text)
    assert ("<a " in html) is link
    assert text[1:text.index("]")] in html  # the link text is kept either way


@given(st.lists(st.integers(min_value=0, max_value=999_999_999), min_size=1, max_size=12))
def test_an_ordered_list_shows_the_numbers_the_report_wrote(numbers):
    """HTML renumbers list items 1, 2, 3...; the report's own numbers ("111." after
    "3.") are part of what the reader judges, so each item shows the number written."""
    text = "".join(f"{n}. item {i}\n" for i, n in enumerate(numbers))
    html = str(render(text))
    start = re.search(r"<ol(?: start=\"(\d+)\")?>", html)
    shown, expected = [], int(start.group(1) or 1)
    for value in re.findall(r"<li(?: value=\"(\d+)\")?>", html):
        expected = int(value) if value else expected
        shown.append(expected)
        expected += 1
    assert shown == numbers
