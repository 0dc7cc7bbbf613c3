"""Scores on small cases whose right answers were worked out by hand."""

import pytest

from reviewlens.analyze import analyze_corpus
from reviewlens.ingest.truth import read_truth
from reviewlens.messages import say
from reviewlens.model import Checked, Claim, Defect, Kind, Lines, Reason, Source, Status
from reviewlens.results import Metrics
from reviewlens.score.detection import TOLERANCE, detect, same_class
from reviewlens.score.leaderboard import leaderboard
from reviewlens.textio import split_lines
from tests.helpers import write_tree

CODE = "".join(f"line_{n} = {n}\n" for n in range(1, 61))  # a 60-line file


def finding(fid, lines, cwe="CWE-89", start=None):
    claim = Claim(Kind.FINDING, start if start is not None else fid * 10, fid * 10 + 5,
                  Lines(*lines) if lines else None, cwe=cwe, title="t")
    return Checked(fid, claim, "x", Status.CORRECT, None, Reason("verdict.unclear"))


def defect(did, lines, cwe="CWE-89"):
    return Defect(did, did, cwe, Lines(*lines))


@pytest.mark.parametrize(
    "findings, defects, matches, fps, fns, localized",
    [
        pytest.param([finding(1, (10, 12))], [defect("a", (11, 11))], [(1, "a")], [], [], 1, id="overlap"),
        pytest.param([finding(1, (14, 14))], [defect("a", (10, 11))], [(1, "a")], [], [], 0, id="within_tolerance_3"),
        pytest.param([finding(1, (15, 15))], [defect("a", (10, 11))], [], [1], ["a"], 0, id="beyond_tolerance"),
        pytest.param([finding(1, (10, 10), "CWE-78")], [defect("a", (10, 10), "CWE-89")], [], [1], ["a"], 0, id="cwe_disagrees"),
        pytest.param([finding(1, (10, 10), "CWE-77")], [defect("a", (10, 10), "CWE-78")], [(1, "a")], [], [], 1, id="cwe_same_class"),
        pytest.param([finding(1, (10, 10), None)], [defect("a", (10, 10))], [(1, "a")], [], [], 1, id="finding_names_no_cwe"),
        pytest.param([finding(1, (10, 10)), finding(2, (11, 11))], [defect("a", (10, 11))], [(1, "a")], [2], [], 1,
                     id="one_defect_counted_once"),
        pytest.param([finding(1, (10, 20))], [defect("a", (10, 10)), defect("b", (20, 20))], [(1, "a")], [], ["b"], 1,
                     id="one_finding_finds_one_defect"),
        pytest.param([finding(1, (12, 12)), finding(2, (10, 10))], [defect("a", (10, 10)), defect("b", (13, 13))],
                     [(1, "b"), (2, "a")], [], [], 1, id="best_pairs_first"),
        pytest.param([finding(1, None)], [defect("a", (10, 10))], [], [1], ["a"], 0, id="no_lines_matches_nothing"),
    ],
)
def test_findings_match_defects(findings, defects, matches, fps, fns, localized):
    d = detect(findings, tuple(defects), "m.py")
    assert (list(d.matches), list(d.false_positives), list(d.false_negatives), d.localized) == (matches, fps, fns, localized)


@pytest.mark.parametrize("away, matches", [(0, True), (TOLERANCE, True), (TOLERANCE + 1, False)])
def test_a_finding_matches_a_defect_within_the_tolerance_and_no_further(away, matches):
    d = detect([finding(1, (30 + away, 30 + away))], (defect("a", (28, 30)),), "m.py")
    assert (d.tp == 1) is matches and d.localized == (away == 0)


@pytest.mark.parametrize("said, known, matches", [
    ("CWE-95", "CWE-94", True),  # eval injection is code injection
    ("CWE-79", "CWE-89", False),  # XSS is not SQL injection
    ("CWE-89", "CWE-89", True),
])
def test_a_finding_matches_only_a_defect_of_its_class(said, known, matches):
    d = detect([finding(1, (10, 10), cwe=said)], (defect("a", (10, 10), cwe=known),), "m.py")
    assert (d.tp == 1) is matches and same_class(said, known) is matches


def test_the_scores_page_states_the_tolerance_the_matching_uses():
    from reviewlens.render import render
    from reviewlens.view import addresses
    from reviewlens.view.pages import scores_page

    page = render.environment().get_template("scores.html").render(page=scores_page(addresses.Linker("", True)))
    assert f"{TOLERANCE} lines" in page


@pytest.mark.parametrize(
    "tp, fp, fn, expected",
    [
        pytest.param(3, 0, 3, (1.0, 0.5, 0.6667), id="half_found_no_noise"),
        pytest.param(1, 3, 5, (0.25, 0.1667, 0.2), id="mostly_wrong"),
        pytest.param(0, 0, 5, (None, 0.0, 0.0), id="found_nothing_is_zero_not_na"),
        pytest.param(0, 2, 0, (0.0, None, 0.0), id="nothing_to_find_but_claims_some"),
        pytest.param(0, 0, 0, (None, None, None), id="nothing_either_way_is_na"),
    ],
)
def test_precision_recall_f1(tp, fp, fn, expected):
    m = Metrics(judged=1, tp=tp, fp=fp, fn=fn)
    assert (m.precision, m.recall, m.f1) == expected


SRC = (Source("m.py", CODE, split_lines(CODE), "python", ""),)


@pytest.mark.parametrize(
    "truth, problem",
    [
        pytest.param({"verdict": "maybe"}, "verdict 'maybe' is not one of", id="bad_verdict"),
        pytest.param({"defects": {"a": 1}}, "defects must be a list", id="defects_not_a_list"),
        pytest.param({"defects": [{"id": "a", "lines": "10"}]}, "defects[0].lines must be [first, last]", id="lines_not_a_list"),
        pytest.param({"defects": [{"id": "a", "lines": [70, 72]}]}, "defects[0].lines names line 72, outside m.py (60 lines)",
                     id="lines_outside_source"),
        pytest.param({"defects": [{"id": "a", "lines": [9, 5]}]}, "ends before it starts", id="reversed"),
        pytest.param({"defects": [{"id": "a", "lines": [5, 5], "cwe": "SQLi"}]}, "defects[0].cwe 'SQLi' is not a CWE id",
                     id="bad_cwe"),
        pytest.param({"defects": [{"id": "a", "lines": [5, 5]}, {"id": "a", "lines": [6, 6]}]}, "defects[1].id 'a' is used twice",
                     id="duplicate_id"),
        pytest.param({"verdict": "no_defects", "defects": [{"id": "a", "lines": [5, 5]}]}, "no_defects but defects are listed",
                     id="verdict_disagrees_with_defects"),
    ],
)
def test_truth_problems_name_the_field(truth, problem):
    _, _, problems = read_truth(truth, SRC)
    assert any(problem in p for p in problems), problems


def test_truth_cwe_is_normalised_and_good_defects_kept():
    verdict, defects, problems = read_truth(
        {"verdict": "defects_found", "defects": [{"id": "a", "lines": [5, 6], "cwe": "89"}, {"id": "b", "lines": [99, 99]}]}, SRC)
    assert [(d.id, d.cwe, d.lines) for d in defects] == [("a", "CWE-89", Lines(5, 6))]
    assert len(problems) == 1


REPORTS = {
    # Finds the SQL injection on the right line and invents one quote: 1 TP, 0 FP, 1 FN.
    "good.md": "---\nreviewer: Ann\n---\nThe following vulnerabilities were found.\n\n"
               "1. SQL injection (line 10): `10 line_10 = 10`\n2. `11 os.system(cmd)` runs a shell.\n",
    # Says no defects, cites nothing checkable.
    "none.md": "---\nreviewer: Bob\n---\nNo security defects are detected.\n",
}


@pytest.fixture
def small(tmp_path):
    files = {"c1/m.py": CODE, "c1/truth.yaml": "verdict: defects_found\ndefects:\n"
             "  - {id: sqli, title: SQL injection, cwe: CWE-89, lines: [10, 10]}\n"
             "  - {id: cmd, title: Command injection, cwe: CWE-78, lines: [40, 40]}\n"}
    files.update({f"c1/reports/{k}": v for k, v in REPORTS.items()})
    files["c2/m.py"] = CODE
    files["c2/reports/good.md"] = REPORTS["good.md"]  # Ann again; Bob has no report here
    return analyze_corpus(write_tree(tmp_path / "corpus", files))


def test_report_metrics_by_hand(small):
    c1 = {r.report.id: r for r in small.cases[0].reports}
    good = c1["good"].metrics
    # claims: finding (correct? line 10 has no SQL: wrong_line or not_in_source), line_ref 10, quote 10 correct, quote 11 absent
    assert (good.tp, good.fp, good.fn) == (1, 0, 1)
    assert (good.precision, good.recall, good.f1) == (1.0, 0.5, 0.6667)
    assert good.localization == 1.0
    assert good.hallucinated == 1  # `os.system(cmd)` is not in the file
    assert c1["good"].verdict_matches_truth is True
    none = c1["none"].metrics
    assert (none.total, none.accuracy, none.hallucination_rate) == (0, None, None)  # n/a, not an error
    assert (none.precision, none.recall, none.f1) == (None, 0.0, 0.0)
    assert c1["none"].verdict_matches_truth is False


def test_no_truth_means_no_detection_figures(small):
    (good,) = small.cases[1].reports
    assert good.detection is None and good.metrics.f1 is None and good.verdict_matches_truth is None


def test_leaderboard_sums_before_dividing_and_shows_coverage(small):
    rows = {s.reviewer: s for s in leaderboard(small)}
    ann, bob = rows["Ann"], rows["Bob"]
    assert (ann.reports, ann.cases, bob.reports, bob.cases) == (2, 2, 1, 1)
    assert (ann.tp, ann.fp, ann.fn) == (1, 0, 1)  # only the case with truth counts for detection
    assert ann.hallucinations == 2
    assert bob.accuracy is None and bob.rank == "2"  # nothing checkable, and found none of the defects: last
    assert ann.rank == "1"


def test_equal_scores_share_a_rank(tmp_path):
    files = {"c/m.py": CODE}
    for name in ("x", "y"):
        files[f"c/reports/{name}.md"] = f"---\nreviewer: {name}\n---\n`5 line_5 = 5`\n"
    rows = leaderboard(analyze_corpus(write_tree(tmp_path / "corpus", files)))
    assert [r.rank for r in rows] == ["=1", "=1"]


def test_a_report_without_a_reviewer_still_gets_a_row(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {"c/m.py": CODE, "c/reports/anon report.txt": "`5 line_5 = 5`"})
    rows = leaderboard(analyze_corpus(corpus))
    assert [r.reviewer for r in rows] == ["anon report"]  # its file's name, as written


def test_metrics_add_up_and_ratios_come_from_the_sums():
    """A totals row is the sum of its rows, and its ratios are micro-averaged:
    one lucky report does not lift a reviewer with many to its score."""
    lucky = Metrics(correct=1, judged=1, tp=1, reports=1)
    poor = Metrics(correct=1, wrong_line=9, judged=1, tp=1, fp=9, reports=1)
    both = sum([lucky, poor])
    assert (both.correct, both.wrong_line, both.tp, both.fp, both.reports) == (2, 9, 2, 9, 2)
    assert both.accuracy == round(2 / 11, 4) and both.precision == round(2 / 11, 4)
    assert Metrics().accuracy is None and Metrics().f1 is None  # nothing judged is n/a, not 0


def test_names_any_reader_finds_are_shown_but_not_counted_in_the_accuracy(tmp_path):
    # `else` is a keyword, `ctx` stands on every line of the file: both are there, neither is worth a point.
    code = "".join(f"def step_{i}(ctx):\n    if ctx: ctx.run({i})\n    else: ctx.stop()\n" for i in range(20))
    corpus = write_tree(tmp_path / "corpus", {
        "c/app.py": code,
        "c/reports/r.md": "The `ctx` object and the `else` branch; `step_3` is defined at line 10; `missing_fn` runs.\n",
    })
    (case,) = analyze_corpus(corpus).cases
    (r,) = case.reports
    by_name = {c.claim.name: c for c in r.claims if c.claim.kind.value == "identifier"}
    assert by_name["ctx"].status.value == by_name["else"].status.value == "correct"
    assert "common" in by_name["ctx"].tags and "common" in by_name["else"].tags
    assert "common" not in by_name["step_3"].tags
    m = r.metrics
    assert m.trivial == 2 and m.counted == m.checkable - 2
    assert m.accuracy == round(m.counted_correct / m.counted, 4) and m.accuracy < m.correct / m.checkable


def test_a_name_placed_in_another_file_is_unverifiable_unless_this_file_defines_it(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {
        "c/app.py": "import time\n\ndef run(clock):\n    return time.time() + clock\n\n\ndef stop():\n    pass\n",
        "c/reports/r.md": ("In `models.py`, `time` is imported and never used.\n\n"
                           "In `worker.py`, `stop` is never called.\n\nHere `run` takes `clock`.\n"),
    })
    (case,) = analyze_corpus(corpus).cases
    (r,) = case.reports
    by_name = {c.claim.name: c for c in r.claims if c.claim.kind.value == "identifier"}
    # Only an import here: that says nothing of models.py.
    said = by_name["time"]
    assert said.status.value == "unverifiable" and said.claim.file == "models.py", said
    assert say(said.reason) == ("The claim is about `models.py`, a file this case does not hold; that this one has the "
                                "name too proves nothing of it: `time` occurs in the code on lines 1 and 4.")
    # Defined here: the report's placement, read from the file named before it, is the doubtful part.
    own = by_name["stop"]
    assert own.status.value == "correct" and "elsewhere" in own.tags, own
    assert "it is this file's own" in say(own.reason)
    assert "elsewhere" not in by_name["run"].tags
    assert r.metrics.trivial >= 1 and r.metrics.counted == r.metrics.checkable - r.metrics.trivial  # `stop` not counted
