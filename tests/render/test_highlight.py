
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from reviewlens.model import Source
from reviewlens.render.highlight import code_html, token_lines
from reviewlens.textio import split_lines
from tests.helpers import REPO


def source(text, language):
    return Source("f", text, split_lines(text), language, "")


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("abc def=():'\"#\t\r\n\\{}<>/*")), max_size=200),
    st.sampled_from(["python", "javascript", "c", "text", "no-such-language"]),
)
def test_tokens_give_every_line_back(text, language):
    src = source(text, language)
    lines = token_lines(src)
    assert len(lines) == len(src.lines)
    for tokens, line in zip(lines, src.lines):
        assert "".join(t for _, t in tokens) == line


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "k", "s1", "nf"]), st.text(min_size=1, max_size=20)), max_size=8))
def test_code_html_escapes_every_token_as_the_templates_do(tokens):
    # ... and shows each bidirectional control as its marked code point (Trojan Source), never applied
    from reviewlens.render.highlight import bidi_marked

    expected = "".join(f'<span class="{escape(c)}">{bidi_marked(str(escape(t)))}</span>' if c
                       else bidi_marked(str(escape(t))) for c, t in tokens)
    assert code_html(tuple(tokens)) == f'<code class="rl-code">{expected}</code>'


@pytest.mark.parametrize("path", sorted((REPO / "site_src").glob("*/*.*[!ml]")), ids=lambda p: p.name)
def test_bundled_sources_round_trip_and_use_pygments_classes(path):
    src = source(path.read_text(), "python" if path.suffix == ".py" else "javascript")
    lines = token_lines(src)
    assert ["".join(t for _, t in toks) for toks in lines] == list(src.lines)
    classes = {cls for toks in lines for cls, _ in toks}
    assert {"k", "s2"} & classes or {"kd", "s2"} & classes  # keywords and strings are coloured


def test_bidirectional_controls_in_code_and_reports_are_shown_not_applied():
    # Trojan Source: U+202E and its kin reorder what a reader sees; the page shows each as its code point.
    from reviewlens.render import reporttext
    from reviewlens.render.highlight import code_html, token_lines
    from reviewlens.textio import split_lines

    code = 'access = "user\u202e \u2066// admin\u2069 \u2066"\n'
    html = str(code_html(token_lines(Source("a.py", code, split_lines(code), "python", ""))[0]))
    assert "\u202e" not in html and "\u2066" not in html and "\u2069" not in html
    assert html.count('class="rl-bidi"') == 4 and "U+202E" in html
    report = str(reporttext.render("The check `if user\u202e` is [reversed](https://x.example/\u202e \"t\u202e\").\n"))
    assert "U+202E" in report and report.count('class="rl-bidi"') == 1  # the link title keeps it, in an attribute
    assert "\u202e" not in report.split('title="')[0]  # text and code: marked
