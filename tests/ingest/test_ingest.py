import codecs
import os
import re

import pytest

from reviewlens.ingest import CorpusError, read_corpus
from reviewlens.model import Lines, Verdict
from tests.helpers import write_tree

SOURCE = "x = 1\n"


def one_case(tmp_path, files):
    corpus = write_tree(tmp_path / "corpus", files)
    return read_corpus(corpus)


def test_the_one_file_beside_reports_is_the_source(tmp_path):
    corpus = one_case(tmp_path, {"c/app.py": SOURCE, "c/reports/r.txt": "ok"})
    case = corpus.cases[0]
    assert case.source.path == "app.py"
    assert case.source.language == "python"
    assert case.source.lines == ("x = 1",)
    assert [r.id for r in case.reports] == ["r"]


def test_two_candidate_sources_ask_for_case_yaml(tmp_path):
    corpus = one_case(tmp_path, {"c/a.py": SOURCE, "c/b.py": SOURCE, "c/reports/r.txt": "ok"})
    (problem,) = corpus.cases[0].problems
    assert problem.path == "c"  # about the case: shown on its page
    assert "several candidate sources (a.py, b.py)" in problem.message and "case.yaml" in problem.message
    assert corpus.cases[0].source is None


def test_case_yaml_names_the_source_and_title(tmp_path):
    corpus = one_case(
        tmp_path,
        {
            "c/case.yaml": "title: T\nsource: b.js\nlanguage: javascript\n",
            "c/a.py": SOURCE,
            "c/b.js": "let a;\n",
            "c/truth.yaml": "verdict: no_defects\n",
            "c/reports/r.md": "ok",
        },
    )
    case = corpus.cases[0]
    assert (case.title, case.source.path, case.source.language) == ("T", "b.js", "javascript")
    assert case.truth_verdict is Verdict.NO_DEFECTS


def test_front_matter_is_read_and_spans_stay_file_offsets(tmp_path):
    text = "---\nreviewer: Ann\nmodel: m1\n---\nLine 1: x\n"
    corpus = one_case(tmp_path, {"c/a.py": SOURCE, "c/reports/r.md": text})
    report = corpus.cases[0].reports[0]
    assert report.meta == {"reviewer": "Ann", "model": "m1"}
    assert report.text == text
    assert report.body == "Line 1: x\n"


@pytest.mark.parametrize(
    "content, problem",
    [
        pytest.param("---\nreviewer: [unclosed\n---\nbody", "malformed front matter", id="bad_yaml"),
        pytest.param("---\n- a list\n---\nbody", "front matter that is not a mapping", id="list_front_matter"),
        pytest.param("", "is empty", id="empty"),
        pytest.param("   \n\n", "is empty", id="blank"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "looks binary", id="binary"),
        pytest.param(b"caf\xe9", "not valid UTF-8", id="invalid_utf8"),
    ],
)
def test_bad_reports_are_kept_with_a_named_problem(tmp_path, content, problem):
    corpus = one_case(tmp_path, {"c/a.py": SOURCE, "c/reports/bad.md": content, "c/reports/good.md": "fine"})
    reports = {r.id: r for r in corpus.cases[0].reports}
    assert set(reports) == {"bad", "good"}  # nothing lost
    assert any(problem in p.message and p.path == "c/reports/bad.md" for p in reports["bad"].problems)
    assert reports["good"].problems == ()


def test_malformed_front_matter_keeps_the_body_for_analysis(tmp_path):
    corpus = one_case(tmp_path, {"c/a.py": SOURCE, "c/reports/r.md": "---\na: [\n---\n`1 x = 1`\n"})
    report = corpus.cases[0].reports[0]
    assert report.readable and "`1 x = 1`" in report.body


def test_utf16_report_and_crlf_source_are_read(tmp_path):
    corpus = one_case(
        tmp_path,
        {
            "c/a.py": "a = 1\r\nb = 2\r\n",
            "c/reports/r.txt": codecs.BOM_UTF16_LE + "`2 b = 2`".encode("utf-16-le"),
        },
    )
    case = corpus.cases[0]
    assert case.source.lines == ("a = 1", "b = 2")
    assert case.reports[0].text == "`2 b = 2`"


def test_reports_of_one_stem_each_get_a_page_with_their_extension_in_the_url(tmp_path):
    # One scan written as JSON, SARIF and text: each format is a report of its own.
    corpus = one_case(tmp_path, {"c/a.py": SOURCE, "c/reports/r.md": "a", "c/reports/r.txt": "b",
                                 "c/reports/s.md": "c"})
    assert [r.id for r in corpus.cases[0].reports] == ["r-md", "r-txt", "s"]  # s keeps its URL whatever else arrives
    assert not corpus.cases[0].problems


def test_reports_whose_names_differ_only_in_capitals_are_a_problem_not_each_others_url(tmp_path):
    corpus = one_case(tmp_path, {"c/a.py": SOURCE, "c/reports/R.md": "a", "c/reports/r.md": "b",
                                 "c/reports/s.md": "c"})
    assert [r.id for r in corpus.cases[0].reports] == ["s"]
    assert any("reports/R.md and reports/r.md would have one URL" in p.message for p in corpus.cases[0].problems)


def test_report_names_with_spaces_and_unicode_get_url_safe_ids(tmp_path):
    corpus = one_case(tmp_path, {"c/a.py": SOURCE, "c/reports/Mön report 1.md": "a", "c/reports/mon-report-1.md": "b"})
    ids = {r.file: r.id for r in corpus.cases[0].reports}
    assert ids["reports/mon-report-1.md"] == "mon-report-1"
    assert re.fullmatch(r"mon-report-1-[0-9a-f]{6}", ids["reports/Mön report 1.md"])  # its own URL, not the other's


def test_a_new_folder_cannot_take_an_existing_cases_url(tmp_path):
    before = one_case(tmp_path / "one", {"py-fileshare/a.py": SOURCE, "py-fileshare/reports/r.md": "a"})
    after = one_case(tmp_path / "two", {"py-fileshare/a.py": SOURCE, "py-fileshare/reports/r.md": "a",
                                        "py fileshare/a.py": SOURCE, "py fileshare/reports/r.md": "a",
                                        "ｐｙ-fileshare/a.py": SOURCE, "ｐｙ-fileshare/reports/r.md": "a"})
    old = {c.folder: c.id for c in before.cases}
    new = {c.folder: c.id for c in after.cases}
    assert new["py-fileshare"] == old["py-fileshare"] == "py-fileshare"
    assert len(set(new.values())) == 3


def test_folder_without_reports_is_named_not_read(tmp_path):
    corpus = one_case(tmp_path, {"c/a.py": SOURCE, "c/reports/r.md": "a", "notes/readme.txt": "x"})
    assert [c.folder for c in corpus.cases] == ["c"]
    assert any(p.path == "notes" and "no reports/" in p.message for p in corpus.problems)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_a_link_out_of_the_corpus_is_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    corpus_dir = write_tree(tmp_path / "corpus", {"c/a.py": SOURCE, "c/reports/r.md": "a"})
    os.symlink(secret, corpus_dir / "c" / "reports" / "leak.md")
    reports = {r.id: r for r in read_corpus(corpus_dir).cases[0].reports}
    assert reports["leak"].text == ""
    assert "leads out of the corpus" in reports["leak"].problems[0].message


def test_missing_corpus_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="not a folder"):
        read_corpus(tmp_path / "nope")


def test_a_twenty_megabyte_report_is_refused_unread_and_its_case_goes_on(tmp_path):
    corpus = one_case(tmp_path, {"c/app.py": SOURCE, "c/reports/huge.txt": b"x" * (20 * 1024 * 1024),
                                 "c/reports/ok.md": "`1 x = 1`\n"})
    reports = {r.id: r for r in corpus.cases[0].reports}
    huge = reports["huge"]
    assert not huge.readable and huge.text == ""  # not a byte of it kept
    (problem,) = huge.problems
    assert problem.path == "c/reports/huge.txt"
    assert problem.message == "is 20,971,520 bytes, over the 5,242,880-byte limit; not read"
    assert reports["ok"].readable


@pytest.mark.slow  # 2.5 s of Pygments lexing 100,000 lines
def test_a_hundred_thousand_line_source_is_checked_to_its_last_line(tmp_path):
    from reviewlens.analyze import analyze_case

    source = "".join(f"value_{n} = {n}\n" for n in range(100_000))
    report = "`99999 value_99999 = 99999` (really line 100000) and Line 100001: beyond.\n"
    corpus = one_case(tmp_path, {"c/app.py": source, "c/reports/r.md": report})
    (result,) = analyze_case(corpus.cases[0], {}).reports
    said = [(c.claim.kind.value, c.claim.lines.as_list(), c.status.value, c.actual_lines) for c in result.claims]
    assert ("line_quote", [99999, 99999], "wrong_line", Lines(100000, 100000)) in said
    assert ("line_ref", [100001, 100001], "out_of_range", None) in said


def test_a_misspelt_key_or_value_is_a_problem_naming_the_nearest_known_one(tmp_path):
    # `defect:` for `defects:` took every report's F1 to 0 with exit 0; `sourse:`, `titel:` and
    # `language: pyhton` passed without a word.
    corpus = write_tree(tmp_path / "corpus", {
        "corpus.yaml": "titl: Corpus\n",
        "c/a.py": "import os\n",
        "c/case.yaml": "titel: X\nsourse: a.py\nlanguage: pyhton\n",
        "c/truth.yaml": "verdict: defects_found\ndefect:\n  - {id: d1, title: SQLi, lines: [1, 1]}\n",
        "c/reports/r.md": "---\nreviwer: Bob\nphase: 2\n---\n`1 import os`\n",
    })
    from reviewlens.analyze import analyze_corpus

    analysis = analyze_corpus(corpus)
    said = [str(p) for p in analysis.corpus.problems] + [str(p) for c in analysis.cases for p in c.case.problems] + \
        [str(p) for c in analysis.cases for r in c.case.reports for p in r.problems]
    for expected in ("corpus.yaml: titl is not a key it knows (did you mean `title`?)",
                     "case.yaml titel is not a key it knows (did you mean `title`?)",
                     "case.yaml sourse is not a key it knows (did you mean `source`?)",
                     "case.yaml language `pyhton` is not a language reviewlens knows (did you mean `python`?)",
                     "truth.yaml defect is not a key it knows (did you mean `defects`?)",
                     "verdict is defects_found but no defect is listed",
                     "has front matter `reviwer`, a key reviewlens does not read (did you mean `reviewer`?)"):
        assert any(expected in s for s in said), (expected, said)
    assert not any("phase" in s for s in said)  # a tool's own front matter is its business


def test_a_misspelt_key_inside_a_defect_is_named_by_its_place(tmp_path):
    corpus = write_tree(tmp_path / "corpus", {
        "c/a.py": "import os\nimport sys\n",
        "c/truth.yaml": "verdict: defects_found\ndefects:\n  - {id: d1, title: SQLi, lines: [1, 1], cwee: CWE-89}\n",
        "c/reports/r.md": "`1 import os`\n",
    })
    from reviewlens.analyze import analyze_corpus

    (case,) = analyze_corpus(corpus).cases
    assert any("truth.yaml defects[0].cwee is not a key it knows (did you mean `cwe`?)" in str(p) for p in case.case.problems)
    assert [d.id for d in case.case.defects] == ["d1"]  # the defect is kept
