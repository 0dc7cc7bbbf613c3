import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewlens.extract import extract
from reviewlens.model import Kind, Lines, Report, Verdict


def claims_of(text, kinds=None):
    report = Report("r", "reports/r.md", text, 0, {})
    return [c for c in extract(report) if kinds is None or c.kind in kinds]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("`14 from x import y`", [(14, "from x import y")], id="inline_numbered_quote"),
        pytest.param("1. `3 a = 1`: sets a", [(3, "a = 1")], id="list_number_is_not_a_line"),
        pytest.param("111. `15 import os`", [(15, "import os")], id="mangled_list_number"),
        pytest.param("`4 #\n5 # Unless required`", [(4, "#"), (5, "# Unless required")], id="two_lines_in_one_span"),
        pytest.param("`10 \n113 from a import b`", [(113, "from a import b")], id="blank_numbered_line_skipped"),
        pytest.param("`` 44 res.send(`<b>${x}</b>`); ``", [(44, "res.send(`<b>${x}</b>`); ")], id="double_backticks"),
        pytest.param("`2 + 2`", [], id="arithmetic_is_not_a_quote"),
        pytest.param("`404`", [], id="bare_number_is_not_a_quote"),
        pytest.param("`x = 1`", [], id="no_number_no_line_quote"),
    ],
)
def test_numbered_quotes(text, expected):
    found = claims_of(text, {Kind.LINE_QUOTE})
    assert [(c.lines.start, c.quote) for c in found] == expected
    for c in found:  # the span covers the number and the code, nothing outside the backticks
        assert text[c.start : c.end].lstrip().startswith(str(c.lines.start))


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Line 7-9: This code imports", [Lines(7, 9)], id="line_range_colon"),
        pytest.param("Setup Phase (Lines 21-53): The test", [Lines(21, 53)], id="parenthesised"),
        pytest.param("the call on line 42 is unsafe", [Lines(42, 42)], id="in_a_sentence"),
        pytest.param("lines 5 through 9 do it", [Lines(5, 9)], id="through"),
        pytest.param("lines 21–53", [Lines(21, 53)], id="en_dash"),
        pytest.param("see L21-L53 and L7", [Lines(21, 53), Lines(7, 7)], id="l_prefixed"),
        pytest.param("Lines 9-5 reversed", [Lines(5, 9)], id="reversed_range_ordered"),
        pytest.param("HTML5 and L2TP and URL3", [], id="words_with_l_and_digits"),
        pytest.param("the headline 4 times", [], id="headline_is_not_line"),
    ],
)
def test_line_refs(text, expected):
    assert [c.lines for c in claims_of(text, {Kind.LINE_REF})] == expected


def test_line_ref_carries_its_description():
    (c,) = claims_of("2. Line 7-9: This code imports the modules. Then more.", {Kind.LINE_REF})
    assert c.description == "This code imports the modules."


def test_numbered_quote_wins_over_a_line_ref_on_the_same_text():
    found = claims_of("`12 line 4 = x`")
    assert [c.kind for c in found] == [Kind.LINE_QUOTE]


@pytest.mark.parametrize(
    "text, verdict",
    [
        pytest.param("No security defects are detected in the code.", Verdict.NO_DEFECTS, id="none_detected"),
        pytest.param("I did not find any security defects.", Verdict.NO_DEFECTS, id="did_not_find"),
        pytest.param("The code looks secure. No vulnerabilities were found.", Verdict.NO_DEFECTS, id="no_vulns"),
        pytest.param("The following vulnerabilities were found:", Verdict.DEFECTS_FOUND, id="following"),
        pytest.param("I found two security defects.", Verdict.DEFECTS_FOUND, id="found_two"),
        pytest.param("The code contains a SQL injection vulnerability.", Verdict.DEFECTS_FOUND, id="contains_a"),
        pytest.param("This code sets up a test.", None, id="no_conclusion"),
    ],
)
def test_verdicts(text, verdict):
    found = claims_of(text, {Kind.VERDICT})
    assert (found[0].verdict if found else None) is verdict


def test_spans_move_past_front_matter():
    text = "---\nreviewer: a\n---\n`3 x = 1`"
    report = Report("r", "reports/r.md", text, text.index("`"), {"reviewer": "a"})
    (c,) = extract(report)
    assert text[c.start : c.end] == "3 x = 1"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("`Ll ine0123456789-:.\n#()abc")), max_size=120))
def test_extraction_never_fails_and_spans_stay_inside(text):
    for c in claims_of(text):
        assert 0 <= c.start < c.end <= len(text)
        if c.lines is not None:
            assert c.lines.start <= c.lines.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text_extracts_without_error_and_spans_hold(text):
    report = Report("r", "reports/r.md", text, 0, {})
    for c in extract(report):
        assert 0 <= c.start < c.end <= len(text)
