"""Quality flags fire on the pattern they name, and only on it."""

from reviewlens.analyze import analyze_corpus
from tests.helpers import write_tree

CODE = "".join(f"value_{n} = compute({n})\n" for n in range(1, 41))  # 40 lines


def flags_of(tmp_path, text):
    corpus = write_tree(tmp_path / "corpus", {"c/m.py": CODE, "c/reports/r.md": text})
    (report,) = analyze_corpus(corpus).cases[0].reports
    return {f.id: f.evidence for f in report.flags}


def test_narration_is_flagged_with_counts(tmp_path):
    text = "No security defects.\n" + "".join(f"{i}. `{n} value_{n} = compute({n})`: sets a value.\n"
                                             for i, n in enumerate(range(2, 40, 3), 1))
    flags = flags_of(tmp_path, text)
    assert "narration" in flags
    assert flags["narration"].startswith("13 claims cite lines, 100% of them in file order")


def test_a_review_that_jumps_around_is_not_narration(tmp_path):
    lines = [30, 4, 22, 9, 37, 15, 2, 26, 11, 33, 6, 19]
    text = "".join(f"- `{n} value_{n} = compute({n})` matters.\n" for n in lines)
    assert "narration" not in flags_of(tmp_path, text)


def test_generic_advice_is_flagged_with_an_example(tmp_path):
    text = ("No security defects are detected.\n\n1. Consider adding input validation.\n"
            "2. It is important to implement logging.\n3. Use strong authentication.\n")
    flags = flags_of(tmp_path, text)
    assert "generic_advice" in flags and "3 of its 3 recommendations" in flags["generic_advice"]


def test_advice_about_this_code_is_not_generic(tmp_path):
    text = ("1. Consider validating `value_3` on line 3.\n2. Use a constant for `value_4` (line 4).\n"
            "3. Avoid calling `compute` twice on lines 5 and 6.\n")
    assert "generic_advice" not in flags_of(tmp_path, text)


def test_recommending_an_api_the_file_lacks_is_flagged(tmp_path):
    text = "It is important to escape output, such as with the `html.safe()` function.\n"
    flags = flags_of(tmp_path, text)
    assert "ungrounded_recommendations" in flags and "`html.safe`" in flags["ungrounded_recommendations"]


def test_verbosity_is_words_per_source_line(tmp_path):
    flags = flags_of(tmp_path, "word " * 400)  # 400 words / 40 lines = 10 > 8
    assert flags["verbose"].startswith("400 words for a 40-line file: 10.0 words per line")
    assert "verbose" not in flags_of(tmp_path, "word " * 300)  # 7.5 per line
