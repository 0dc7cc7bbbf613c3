"""Gold files: the annotations and rendered pages of a small hand-made corpus.

On a mismatch the actual output is written under tests/actual/; to accept it,
run: python -m pytest tests/test_gold.py --update-gold
"""


import pytest

from generator.analyze import analyze_corpus
from generator.outputs import annotations
from generator.site import addresses, render
from tests.helpers import REPO

CORPUS = REPO / "tests" / "fixtures" / "gold_corpus"
GOLD = REPO / "tests" / "gold"
ACTUAL = REPO / "tests" / "actual"


def outputs() -> dict[str, str]:
    analysis = analyze_corpus(CORPUS)
    out = {"annotations.json": annotations.dumps(analysis)}
    for page in render.render_site(analysis, addresses.Linker("", True)):
        out[f"pages/{page.uri[:-3]}.html"] = page.html
    return out


def _compare(name: str, actual: str, update: bool) -> None:
    gold = GOLD / name
    if update:
        gold.parent.mkdir(parents=True, exist_ok=True)
        gold.write_text(actual, encoding="utf-8")
        return
    expected = gold.read_text(encoding="utf-8") if gold.exists() else None
    if expected != actual:
        target = ACTUAL / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(actual, encoding="utf-8")
        pytest.fail(
            f"{name} differs from its gold file; see {target.relative_to(REPO)}. "
            "If the change is intended: python -m pytest tests/test_gold.py --update-gold"
        )


def test_gold_outputs_match(update_gold):
    produced = outputs()
    for name, text in sorted(produced.items()):
        _compare(name, text, update_gold)
    if not update_gold:
        stale = {p.relative_to(GOLD).as_posix() for p in GOLD.rglob("*") if p.is_file()} - set(produced)
        assert not stale, f"gold files no longer produced: {sorted(stale)}"


def test_gold_annotations_say_what_a_careful_reader_would():
    """The gold file is only as good as its content: the key judgements, by hand."""
    data = annotations.to_data(analyze_corpus(CORPUS))
    (case,) = data["cases"]
    reports = {r["id"]: r for r in case["reports"]}
    careful = {c["kind"]: c for c in reports["careful"]["claims"]}
    assert careful["line_quote"]["status"] == "correct"
    assert (careful["line_ref"]["lines"], careful["line_ref"]["status"]) == ([5, 6], "correct")
    assert (careful["finding"]["cwe"], careful["finding"]["lines"], careful["finding"]["status"]) == ("CWE-78", [5, 6], "correct")
    assert reports["careful"]["reviewer"] == "Careful <b>Model</b>"  # escaped on the page, kept in data
    assert reports["careful"]["verdict"] == "defects_found"
    plain = [(c["lines"], c["status"], c["actual_lines"]) for c in reports["plain"]["claims"] if c["kind"] != "verdict"]
    assert plain == [
        ([1, 1], "correct", None),  # the comment marker was dropped: same line
        ([3, 3], "wrong_line", [2, 2]),
        ([7, 7], "not_in_source", None),  # `command` is not `cmd`
        ([40, 42], "out_of_range", None),
    ]
    assert reports["plain"]["reviewer"] == "Plain reviewer"  # from corpus.yaml
    assert reports["plain"]["metrics"]["verdict_matches_truth"] is False
