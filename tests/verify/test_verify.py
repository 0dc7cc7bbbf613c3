import pytest

from reviewlens.extract import extract
from reviewlens.messages import say
from reviewlens.model import Lines, Report, Source, Status
from reviewlens.textio import split_lines
from reviewlens.verify import CaseSources, verify

CODE = "import os\nimport sys\n\ndef main():\n    os.system('ls')\n"


def sources(code=CODE, path="m.py"):
    return CaseSources((Source(path, code, split_lines(code), "python", ""),))


def check(text, code=CODE):
    report = Report("r", "reports/r.md", text, 0, {})
    return verify(extract(report), text, sources(code))


@pytest.mark.parametrize(
    "text, status, actual, message",
    [
        pytest.param("`1 import os`", Status.CORRECT, None, "Line 1 is `import os`.", id="right_line"),
        pytest.param("`2 import os`", Status.WRONG_LINE, Lines(1, 1),
                     "Line 2 quotes `import os`; that code is on line 1.", id="off_by_one"),
        pytest.param("`40 import sys`", Status.OUT_OF_RANGE, Lines(2, 2),
                     "Cites line 40, but the file has 5 lines; the quoted `import sys` is on line 2.",
                     id="beyond_the_end_but_quote_found"),
        pytest.param("`5 os.system('rm')`", Status.NOT_IN_SOURCE, None,
                     "Quotes `os.system('rm')`, which is not in the source; the closest is line 5, "
                     "which has `ls` where the quote has `rm`.", id="changed_argument"),
        pytest.param("`1 import subprocess`", Status.NOT_IN_SOURCE, None,
                     "Quotes `import subprocess`, which is not in the source.", id="nothing_similar"),
        pytest.param("`5 os.system('ls')`", Status.CORRECT, None, "Line 5 is `os.system('ls')`.", id="indent_ignored"),
        pytest.param("Line 9: runs a shell", Status.OUT_OF_RANGE, None, "Cites line 9, but the file has 5 lines.",
                     id="line_ref_out_of_range"),
        pytest.param("Line 0: header", Status.OUT_OF_RANGE, None, "Cites line 0, but the file has 5 lines.",
                     id="line_zero"),
        pytest.param("Lines 4-5: the main function runs a system command", Status.CORRECT, None,
                     "Lines 4-5 are `main`, as described.", id="line_ref_described_content_inside"),
    ],
)
def test_statuses(text, status, actual, message):
    (c,) = [c for c in check(text) if c.claim.kind.value != "verdict"]
    assert (c.status, c.actual_lines, say(c.reason)) == (status, actual, message)


def test_claim_text_is_the_report_slice_and_ids_follow_span_order():
    text = "A `2 import sys` then `1 import os`"
    checked = check(text)
    assert [c.id for c in checked] == [1, 2]
    for c in checked:
        assert c.text == text[c.claim.start : c.claim.end]


def test_nearest_occurrence_is_named_when_code_repeats():
    code = "x = 1\n" + "pass\n" * 10 + "x = 1\n"
    (c,) = check("`10 x = 1`", code)
    assert c.actual_lines == Lines(12, 12) and "and 1 other place" in say(c.reason)


def test_no_source_means_unverifiable():
    text = "`1 import os`"
    (c,) = verify(extract(Report("r", "r.md", text, 0, {})), text, CaseSources(()))
    assert c.status is Status.UNVERIFIABLE


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = ["Line", "line", "lines", "L", "`", "import", "os", "sys", "main", "def", "-", "2", "5", "40", "0", ":", " ",
         "\n", "SQL injection", "no defects", "parameter", "the", "(", ")", "`3 import os`", "os.system('ls')"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_any_report_gives_claims_whose_annotations_stay_inside_the_file(words):
    text = "".join(words)
    n = len(CODE.splitlines())
    for c in check(text):
        assert c.text == text[c.claim.start : c.claim.end]
        if c.actual_lines is not None:
            assert 1 <= c.actual_lines.start <= c.actual_lines.end <= n
        lines = c.claim.lines
        if lines is not None and not (1 <= lines.start and lines.end <= n):
            # Only a claim the file disproves may cite lines the file lacks.
            assert c.status in (Status.OUT_OF_RANGE, Status.WRONG_LINE, Status.NOT_IN_SOURCE), c


SHIFTED = "import os\n\n\nTOKEN = 's3cr3t-admin'\n\n\ndef run(cmd):\n    os.system(cmd)\n" + "\n" * 10


def _refs(text):
    return [c for c in check(text, SHIFTED) if c.claim.kind.value == "line_ref"]


def test_a_reference_two_lines_off_is_a_wrong_line_not_close_enough():
    (ref,) = _refs("- Line 10 calls `os.system(cmd)`.\n")
    assert (ref.status, ref.actual_lines) == (Status.WRONG_LINE, Lines(8, 8)), say(ref.reason)


def test_a_reference_named_only_by_its_defect_class_cannot_be_placed():
    """"Hard-coded secret (line 6)": a blank line, the secret two lines up. The defect
    class's code confirms a citation but cannot place one: unverifiable, and said so."""
    (ref,) = _refs("1. **Hard-coded secret** (line 6).\n")
    assert ref.status is Status.UNVERIFIABLE, say(ref.reason)
    assert say(ref.reason) == ("Code that assigns a literal secret is not on line 6; the kind of code a defect needs "
                           "confirms a citation but cannot place one.")
    (far,) = _refs("1. **Command injection** (line 15).\n")  # its code far away: this crashed the build
    assert far.status is Status.UNVERIFIABLE and "not on line 15" in say(far.reason)


@pytest.mark.parametrize("a, b, same", [
    ("models.py", "models.py", True), ("app/models.py", "models.py", True), ("models.py", "app/models.py", True),
    ("xmodels.py", "models.py", False), ("app/models.py", "lib/models.py", False), ("a/b/c.go", "b/c.go", True),
])
def test_two_written_paths_name_one_file_when_one_is_the_other_s_tail(a, b, same):
    from reviewlens.lexicon import same_file_path

    assert same_file_path(a, b) is same
