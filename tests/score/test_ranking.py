"""Ranking by the Wilson lower bound: the sample counts, not only the rate."""

import math

from hypothesis import given
from hypothesis import strategies as st

from reviewlens.results import Metrics, wilson_lower
from reviewlens.score.ranking import ranked

counts = st.integers(min_value=1, max_value=500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))


@given(counts)
def test_the_bound_lies_under_the_rate_and_inside_zero_to_one(kn):
    k, n = kn
    bound = wilson_lower(k, n)
    assert 0.0 <= bound <= k / n + 1e-9


@given(counts, st.integers(min_value=2, max_value=20))
def test_the_same_rate_on_a_larger_sample_ranks_higher(kn, times):
    k, n = kn
    if 0 < k:  # at 0 of n both bounds are 0
        assert wilson_lower(k * times, n * times) > wilson_lower(k, n)


def test_the_bound_matches_the_formula_and_puts_many_checked_claims_above_one_lucky_one():
    z = 1.959964
    p, n = 18 / 21, 21
    by_hand = (p + z * z / (2 * n) - z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    assert wilson_lower(18, 21) == round(by_hand, 4) == 0.6536
    assert wilson_lower(1, 1) < wilson_lower(3, 3) < wilson_lower(18, 21)
    assert wilson_lower(0, 0) is None


def test_reports_are_ranked_by_the_bound_with_ties_shared_and_nothing_checkable_last():
    one_lucky = ("one lucky", Metrics(correct=1))
    many = ("many", Metrics(correct=18, wrong_line=3))
    twin = ("twin", Metrics(correct=18, wrong_line=3))
    advice = ("advice", Metrics(unverifiable=7))  # nothing checkable
    order = ranked([advice, one_lucky, twin, many], lambda item: item[1], lambda item: item[0])
    assert [(label, name) for label, (name, _) in order] == [
        ("=1", "many"), ("=1", "twin"), ("3", "one lucky"), ("—", "advice")]


def test_f1_breaks_a_tie_in_accuracy():
    found = ("found", Metrics(correct=5, judged=1, tp=1))
    missed = ("missed", Metrics(correct=5, judged=1, fn=1))
    order = ranked([missed, found], lambda item: item[1], lambda item: item[0])
    assert [(label, name) for label, (name, _) in order] == [("1", "found"), ("2", "missed")]


def test_what_was_found_comes_before_how_well_it_was_quoted():
    # A narrator quotes well (30 of 35) but finds 1 of 11 defects; a scanner quotes less and finds more.
    narrator = ("narrator", Metrics(correct=30, wrong_line=5, judged=1, tp=1, fn=10))
    scanner = ("scanner", Metrics(correct=6, wrong_line=2, judged=1, tp=5, fn=6))
    order = ranked([narrator, scanner], lambda item: item[1], lambda item: item[0])
    assert [name for _, (name, _) in order] == ["scanner", "narrator"]


def test_narration_or_generic_advice_that_found_nothing_never_outranks_a_report_that_found_something():
    idle = ("idle", Metrics(correct=20, judged=1, fn=3))
    finder = ("finder", Metrics(correct=1, wrong_line=4, judged=1, tp=1, fn=2))
    order = ranked([idle, finder], lambda item: item[1], lambda item: item[0], lambda item: item[0] == "idle")
    assert [name for _, (name, _) in order] == ["finder", "idle"]


def test_finding_the_defects_at_lines_never_right_does_not_outrank_finding_and_citing_them():
    # Another version of the file: every defect found, every citation off (0 of 11).
    shifted = ("shifted", Metrics(wrong_line=11, judged=1, tp=3, fn=3))
    scanner = ("scanner", Metrics(correct=12, judged=1, tp=4, fp=3, fn=2))
    order = ranked([shifted, scanner], lambda item: item[1], lambda item: item[0])
    assert [name for _, (name, _) in order] == ["scanner", "shifted"]


def test_on_the_bundled_corpus_the_narrator_does_not_outrank_the_scanner():
    from reviewlens.analyze import analyze_corpus
    from reviewlens.score.leaderboard import leaderboard
    from tests.helpers import REPO

    rank = {s.reviewer: i for i, s in enumerate(leaderboard(analyze_corpus(REPO / "site_src")))}
    assert rank["Bandit"] < rank["Model D (narrator)"]
    assert rank["Model A (careful)"] == 0


def test_on_nova_the_narration_does_not_outrank_a_short_accurate_review_by_names_alone():
    import pytest

    from reviewlens.analyze import analyze_corpus
    from reviewlens.score.leaderboard import leaderboard
    from tests.helpers import SHARED_CORPUS

    if not (SHARED_CORPUS / "nova-1679750").is_dir():
        pytest.skip("../shared/corpus is not beside this checkout (real reports are not redistributed)")
    rank = {s.reviewer[:3]: i for i, s in enumerate(leaderboard(analyze_corpus(SHARED_CORPUS)))}
    assert rank["002"] < rank["000"]


def test_only_reviewers_of_the_same_cases_are_ranked_and_the_others_say_why(tmp_path):
    from reviewlens.analyze import analyze_corpus
    from reviewlens.score.leaderboard import leaderboard
    from tests.helpers import write_tree

    code = "".join(f"value_{n} = compute({n})\n" for n in range(1, 21))
    files = {"shared/m.py": code, "alone/m.py": code}
    for name, line in (("ann", 5), ("bob", 7), ("cid", 9)):  # three reviewers of one file
        files[f"shared/reports/{name}.md"] = f"---\nreviewer: {name}\n---\n`{line} value_{line} = compute({line})`\n"
    files["alone/reports/dee.md"] = "---\nreviewer: dee\n---\n`3 value_3 = compute(3)`\n"  # right, on a file of its own
    files["pair/m.py"] = code  # two reviewers of another file: a smaller group
    for name in ("eve", "fay"):
        files[f"pair/reports/{name}.md"] = f"---\nreviewer: {name}\n---\n`4 value_4 = compute(4)`\n"
    rows = {s.reviewer: s for s in leaderboard(analyze_corpus(write_tree(tmp_path / "corpus", files)))}
    assert [rows[n].rank for n in ("ann", "bob", "cid")] == ["=1", "=1", "=1"]
    assert (rows["dee"].rank, rows["dee"].compared) == ("—", False)
    assert rows["dee"].unranked == "no other reviewer reviewed its files"
    assert rows["eve"].rank == rows["fay"].rank == "—"
    assert rows["eve"].unranked.startswith("it shares no case with the ranked reviewers")
    assert list(rows)[:3] == ["ann", "bob", "cid"]  # the ranked ones first


def test_reviewers_of_different_files_are_listed_and_none_is_ranked(tmp_path):
    from reviewlens.analyze import analyze_corpus
    from reviewlens.render import render
    from reviewlens.score.leaderboard import leaderboard
    from reviewlens.view.addresses import Linker
    from tests.helpers import write_tree

    code = "".join(f"value_{n} = compute({n})\n" for n in range(1, 21))
    files = {}
    for name, line in (("ann", 5), ("bob", 7)):
        files[f"{name}-case/m.py"] = code
        files[f"{name}-case/reports/r.md"] = f"---\nreviewer: {name}\n---\n`{line} value_{line} = compute({line})`\n"
    analysis = analyze_corpus(write_tree(tmp_path / "corpus", files))
    rows = leaderboard(analysis)
    assert [(r.rank, r.unranked) for r in rows] == [("—", "no other reviewer reviewed its files")] * 2
    page = next(p for p in render.corpus_pages(analysis, Linker("", True)) if p.uri.startswith("leaderboard"))
    assert "No two reviewers reviewed the same file" in page.html and "none is ranked" in page.html
    assert page.html.count("Not ranked: no other reviewer reviewed its files.") == 2
