"""Wiring a case through the stages: one report never stops the others."""

from reviewlens import analyze
from reviewlens.analyze import analyze_case
from reviewlens.model import Case, Report, Source, Status
from reviewlens.textio import split_lines

CODE = "import os\n\n\ndef run(cmd):\n    os.system(cmd)\n"


def test_a_fault_in_one_reports_analysis_is_a_problem_and_the_others_are_scored(monkeypatch):
    real = analyze.verify

    def faulty(claims, text, *rest):
        if "boom" in text:
            raise IndexError("list index out of range")
        return real(claims, text, *rest)

    monkeypatch.setattr(analyze, "verify", faulty)
    reports = tuple(Report(rid, f"reports/{rid}.md", text, 0, {})
                    for rid, text in (("bad", "boom `5 os.system(cmd)`"), ("good", "`5 os.system(cmd)`")))
    case = Case("c", "c", "c", "", (Source("app.py", CODE, split_lines(CODE), "python", ""),), reports, None)
    bad, good = analyze_case(case, {}).reports
    (problem,) = bad.report.problems
    assert problem.path == "c/reports/bad.md"
    assert problem.message.startswith("could not be analysed (a reviewlens fault: IndexError: list index out of range)")
    assert not bad.report.readable and bad.claims == ()
    assert [c.status for c in good.claims] == [Status.CORRECT]
