"""The real Nova reports, marked as a careful human reviewer marks them.

Claims are picked out by the line they cite, so no report text is copied here.
"""

import pytest

from reviewlens.analyze import analyze_corpus
from reviewlens.outputs import annotations


@pytest.fixture(scope="module")
def nova(request):
    from tests.helpers import SHARED_CORPUS

    if not (SHARED_CORPUS / "nova-1679750").is_dir():
        pytest.skip("../shared/corpus is not beside this checkout (real reports are not redistributed)")
    data = annotations.to_data(analyze_corpus(SHARED_CORPUS))
    (case,) = [c for c in data["cases"] if c["id"] == "nova-1679750"]
    return {r["id"][:3]: r for r in case["reports"]}


def quotes(report):
    return [(c["lines"][0], c["status"], c["actual_lines"]) for c in report["claims"] if c["kind"] == "line_quote"]


def test_narration_report_numbered_quotes(nova):
    q = quotes(nova["000"])
    assert (1, "correct", None) in q  # licence line, cited right
    assert (3, "correct", None) in q  # comment marker dropped: still line 3
    assert (15, "wrong_line", [16, 16]) in q  # an import one line off
    assert (113, "out_of_range", [13, 13]) in q  # past the 102-line file's end; the quoted import is line 13
    assert (20, "wrong_line", [21, 22]) in q  # the class statement joined from two lines
    assert (18, "not_in_source", None) in q  # an import of a module path the file does not use
    assert (29, "not_in_source", None) in q  # an attribute that differs from the file's
    assert not any(n == 10 for n, _, _ in q)  # "10" with nothing after it stands for a blank line
    assert len(q) > 50


def test_list_numbers_are_never_read_as_lines(nova):
    # The narration numbers its list 1..62 with slips such as "111." and "555.";
    # no claim may cite those numbers.
    cited = {c["lines"][0] for c in nova["000"]["claims"] if c["lines"]}
    assert not {111, 555, 557} & cited


def test_every_report_concludes_no_defects(nova):
    for rid, report in nova.items():
        assert report["verdict"] == "no_defects", rid
        assert report["metrics"]["verdict_matches_truth"] is True


def test_line_ranges_are_read_and_in_range(nova):
    refs = [c["lines"] for c in nova["001"]["claims"] if c["kind"] == "line_ref"]
    assert refs == [[21, 53], [59, 101]]
    refs3 = [c for c in nova["003"]["claims"] if c["kind"] == "line_ref"]
    assert len(refs3) == 21 and all(c["status"] != "out_of_range" for c in refs3)


def refs(report):
    """Line references by cited range; the first claim citing a range wins."""
    found = {}
    for c in report["claims"]:
        if c["kind"] == "line_ref":
            found.setdefault((c["lines"][0], c["lines"][1]), (c["status"], c["actual_lines"]))
    return found


def test_line_descriptions_are_located_by_structure(nova):
    r = refs(nova["003"])
    assert r[(1, 5)] == ("correct", None)  # inside the licence header (1-11)
    assert r[(7, 9)] == ("wrong_line", [13, 18])  # "imports": the import block
    assert r[(19, 21)] == ("correct", None)  # the class statement starts on 21
    assert r[(34, 36)] == ("correct", None)  # "the admin API" spells `admin_api`, on line 35
    assert r[(54, 56)][0] == "wrong_line" and r[(54, 56)][1] == [59, 59]  # the named test method's def
    # Prose that names no code ("sets up the compute service and starts it") cannot place
    # a line, so it accuses none: unverifiable, with the reason.
    for cited in ((29, 31), (49, 51), (79, 81)):
        assert r[cited] == ("unverifiable", None), cited


def test_advice_items_cite_the_lines_of_the_code_they_name(nova):
    # "Line 13-15: Consider ... a mock policy instead of a real policy fixture": the real
    # policy fixture (`RealPolicyFixture`, from `policy_fixture`) is used on line 25.
    cited = [(c["status"], c["actual_lines"]) for c in nova["003"]["claims"] if c["kind"] == "line_ref" and c["lines"] == [13, 15]]
    assert cited == [("unverifiable", None), ("wrong_line", [25, 25])]  # the setup item names no code; the advice item does


def test_a_range_that_stops_one_line_short_of_its_method_is_right_and_says_so(nova):
    (ref,) = [c for c in nova["001"]["claims"] if c["kind"] == "line_ref" and c["lines"] == [59, 101]]
    assert ref["status"] == "correct"
    assert "`test_local_delete_removes_allocations` (lines 59-102)" in ref["message"]


def test_line_ranges_of_the_summary_report_hold_what_they_describe(nova):
    assert set(refs(nova["001"]).values()) == {("correct", None)}


def test_identifiers_and_what_they_are_said_to_be(nova):
    ids = {c["name"]: (c["status"], c.get("role")) for c in nova["004"]["claims"] if c["kind"] == "identifier"}
    assert ids["cast_as_call.CastAsCall"][0] == "correct"
    assert ids["nova.compute.api.API"][0] == "not_in_source"  # the file never names it
    assert ids["image_id"] == ("not_in_source", "parameter")  # an attribute, not a parameter
    assert ids["server"] == ("not_in_source", "parameter")  # a local variable
    assert ids["TestLocalDeleteAllocations"] == ("correct", "class")
    assert ids["html.safe"][0] == "unverifiable"  # named in advice, not claimed to be in the file


def test_no_report_is_said_to_contradict_itself(nova):
    # The five reports conclude "no defects" and describe no defect as present:
    # advice such as "validate inputs to prevent SQL injection" is not a finding.
    for rid, report in nova.items():
        assert report["metrics"]["verdict_contradicted"] is False, rid
        assert [c for c in report["claims"] if c["kind"] == "finding"] == [], rid


def test_behaviour_the_file_never_names_is_marked_with_where_to_look(nova):
    # Report 002 says the compute service is "disabled" and "re-enabled"; the file stops it,
    # forces it down and starts it again, and never says disable or enable.
    said = [c for c in nova["002"]["claims"] if c["kind"] == "behaviour"]
    assert {c["text"] for c in said} >= {"disabled", "re-enabled"}
    for c in said:
        assert c["status"] == "unverifiable"
        assert c["message"].startswith(f"No name, string or comment of the file says `{c['name']}`")
        assert "the file mentions the compute service on lines 36, 47, 86, 88" in c["message"]
