"""What the view model decides for a reader: the order of a table and each
row's one-line reason, where a note sits, and what a verdict claim shows."""

import pytest

from reviewlens.analyze import analyze_corpus
from reviewlens.view.addresses import Linker
from reviewlens.view.pages import case_page
from reviewlens.view.reportpage import report_page
from tests.helpers import write_tree

CODE = "".join(f"value_{n} = compute({n})\n" for n in range(1, 41))  # 40 distinct lines

REPORTS = {
    # Three checkable claims, all right; says no defects against a truth of defects found.
    "calm.md": "---\nreviewer: Calm\n---\nNo security defects are detected.\n\n"
               "- `3 value_3 = compute(3)`\n- `4 value_4 = compute(4)`\n- `5 value_5 = compute(5)`\n",
    # One lucky claim.
    "lucky.md": "---\nreviewer: Lucky\n---\nI found defects.\n\n- `7 value_7 = compute(7)`\n",
    # Six quotes, four on the wrong line; a range claim over lines 10-12.
    "shifted.md": "---\nreviewer: Shifted\n---\nI found defects.\n\n"
                  + "".join(f"- `{n + 1} value_{n} = compute({n})`\n" for n in (20, 21, 22, 23))
                  + "- `30 value_30 = compute(30)`\n- `31 value_31 = compute(31)`\n"
                  + "- Lines 10-12 assign the values.\n",
    # Nothing checkable.
    "vague.md": "---\nreviewer: Vague\n---\nThe code has defects; validate all input.\n",
}


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    files = {"c/m.py": CODE, "c/truth.yaml": "verdict: defects_found\n"}
    files.update({f"c/reports/{k}": v for k, v in REPORTS.items()})
    analysis = analyze_corpus(write_tree(tmp_path_factory.mktemp("view") / "corpus", files))
    return analysis.cases[0]


def test_rows_rank_by_the_bound_and_each_says_why(case):
    page = case_page(case, Linker("", True))
    rows = [(r.rank, r.reviewer, r.accuracy, r.accuracy_of, r.reason) for r in page.rows]
    # Raw accuracy would put Lucky (1 of 1) level with Calm and above Shifted's 2 of 6.
    assert rows == [
        ("1", "Calm", "100%", "3/3", "Verdict contradicts the ground truth; all 3 counted claims hold"),
        ("2", "Lucky", "100%", "1/1", "Its one counted claim holds"),
        ("3", "Shifted", "33%", "2/6", "4 of 6 counted claims cite the wrong line; reviewed another version"),
        ("—", "Vague", "n/a", "", "No checkable claims"),
    ]


def test_a_note_sits_under_the_last_line_of_its_range_and_one_line_has_one_block(case):
    result = next(r for r in case.reports if r.reviewer == "Shifted")
    page = report_page(case, result, Linker("", True))
    (block,) = page.sources
    noted = {line.n: line.notes for line in block.lines if not getattr(line, "gap", False) and line.notes}
    ranged = next(c for c in result.claims if c.claim.lines and len(c.claim.lines) == 3)
    assert (ranged.claim.lines.start, ranged.claim.lines.end) == (10, 12) and [n.claim_id for n in noted[12]] == [ranged.id]
    assert 10 not in noted and 11 not in noted  # not between the lines of the statement
    # Line 21 holds what claim "21" quotes, and is cited by claim "22" too: two notes, one line.
    assert sorted(n.role for n in noted[21]) == ["actual", "cited"]


def test_a_verdict_claim_shows_its_comparison_not_unverifiable(case):
    calm = next(r for r in case.reports if r.reviewer == "Calm")
    page = report_page(case, calm, Linker("", True))
    verdict = next(c for c in page.claims if c.kind == "verdict")
    assert (verdict.badge.label, verdict.badge.status) == ("contradicts truth", "verdict_bad")
    assert verdict.message == "The report concludes no defects; the ground truth is defects found."


def test_front_matter_lists_and_mappings_read_as_text_not_python(tmp_path):
    # A report's facts showed ['internal/cli/root.go', ...] and {'critical': 1}.
    from reviewlens.ingest import read_case

    corpus = write_tree(tmp_path / "corpus", {
        "c/a.py": "import os\n",
        "c/reports/r.md": "---\nfiles_reviewed: [internal/cli/root.go, store.go]\nfindings: {critical: 1, warning: 5}\n---\n"
                          "`1 import os`\n",
    })
    (report,) = read_case(corpus, "c", "c").reports
    assert report.meta["files_reviewed"] == "internal/cli/root.go, store.go"
    assert report.meta["findings"] == "critical: 1, warning: 5"


def test_an_upstream_web_address_is_a_link_and_nothing_else_is(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {
        "c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n",
        "c/case.yaml": "upstream:\n  repo: https://example.com/o/r\n  commit: 0123abc\n  path: javascript:alert(1)\n",
    })
    (result,) = analyze_corpus(corpus).cases
    links = {key: href for key, _, href in case_page(result, Linker("", True)).upstream}
    assert links == {"commit": "", "path": "", "repo": "https://example.com/o/r"}
