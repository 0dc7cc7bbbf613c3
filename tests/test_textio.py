import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewlens.textio import decode, line_starts, slug, split_lines, url_names


@pytest.mark.parametrize(
    "data, text, problem",
    [
        pytest.param(b"abc\n", "abc\n", None, id="plain_utf8"),
        pytest.param(codecs.BOM_UTF8 + b"abc", "abc", None, id="utf8_bom_dropped"),
        pytest.param(codecs.BOM_UTF16_LE + "héllo".encode("utf-16-le"), "héllo", None, id="utf16_le_bom"),
        pytest.param(codecs.BOM_UTF16_BE + "héllo".encode("utf-16-be"), "héllo", None, id="utf16_be_bom"),
        pytest.param(b"a\x00b", None, "looks binary", id="nul_means_binary"),
        pytest.param(b"caf\xe9", None, "not valid UTF-8 (byte 3", id="latin1_is_named"),
        pytest.param(b"x" * 11, None, "over the 10-byte limit", id="too_large"),
    ],
)
def test_decode_reads_text_or_says_why_not(data, text, problem):
    decoded = decode(data, limit=10 if len(data) == 11 else 1000)
    assert decoded.text == text
    if problem is None:
        assert decoded.problem is None
    else:
        assert problem in decoded.problem


@pytest.mark.parametrize(
    "text, lines",
    [
        pytest.param("", (), id="empty_has_no_lines"),
        pytest.param("a\nb\n", ("a", "b"), id="final_newline_opens_no_line"),
        pytest.param("a\r\nb\rc\n", ("a", "b", "c"), id="crlf_and_lone_cr"),
        pytest.param("a\x0cb\u2028c", ("a\x0cb\u2028c",), id="form_feed_is_not_a_break"),
        pytest.param("\n\n", ("", ""), id="blank_lines_count"),
    ],
)
def test_split_lines_counts_lines_as_editors_do(text, lines):
    assert split_lines(text) == lines


@given(st.text(alphabet=st.sampled_from("ab\r\n\t "), max_size=60))
def test_line_starts_agrees_with_split_lines(text):
    starts = line_starts(text)
    lines = split_lines(text)
    if lines:
        assert len(starts) == len(lines)
        for start, line in zip(starts, lines):
            assert text[start : start + len(line)] == line


@pytest.mark.parametrize(
    "name, expected",
    [
        pytest.param("nova-1679750", "nova-1679750", id="already_safe"),
        pytest.param("My Report (v2)", "my-report-v2", id="spaces_and_brackets"),
        pytest.param("résumé", "resume", id="accents_folded"),
        pytest.param("index", "index-", id="index_would_clash_with_folder_page"),
        pytest.param("отчёт", "xd0bed182d187d191", id="no_ascii_gets_a_stable_hex_name"),
    ],
)
def test_slug_makes_url_segments(name, expected):
    assert slug(name) == expected


def test_a_url_name_depends_on_its_own_name_alone():
    ids, clashes = url_names(["py-fileshare", "py fileshare", "ｐｙ-fileshare", "Nova_1679750", "a", "A"])
    assert ids["py-fileshare"] == "py-fileshare"  # a clean name keeps its own name
    assert ids["Nova_1679750"] == "nova_1679750"  # capitals alone are lowered
    assert ids["py fileshare"].startswith("py-fileshare-") and ids["ｐｙ-fileshare"].startswith("py-fileshare-")
    assert len({ids["py-fileshare"], ids["py fileshare"], ids["ｐｙ-fileshare"]}) == 3
    assert url_names(["py fileshare"])[0] == {"py fileshare": ids["py fileshare"]}  # the same whatever else is there
    assert clashes == [["A", "a"]] and "a" not in ids and "A" not in ids  # neither takes the other's URL
