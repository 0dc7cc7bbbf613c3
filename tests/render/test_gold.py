"""Gold files: the annotations and rendered pages of a small hand-made corpus.

A mismatch names every file that differs, each with a unified diff, and
writes the actual output under tests/actual/. To accept the output
(rewriting the gold files, and removing those no longer produced):

    python -m pytest tests/render/test_gold.py --update-gold
"""

import difflib

import pytest

from reviewlens.analyze import analyze_corpus
from reviewlens.outputs import annotations
from reviewlens.render import render
from reviewlens.view import addresses
from tests.helpers import REPO

CORPUS = REPO / "tests" / "fixtures" / "gold_corpus"
GOLD = REPO / "tests" / "gold"
ACTUAL = REPO / "tests" / "actual"
DIFF_LINES = 40  # of each file's diff shown in the failure; the whole file is under tests/actual/


def outputs() -> dict[str, str]:
    analysis = analyze_corpus(CORPUS)
    out = {"annotations.json": annotations.dumps(analysis)}
    for page in render.render_site(analysis, addresses.Linker("", True)):
        out[f"pages/{page.uri[:-3]}.html"] = page.html
    return out


def _gold_files() -> set[str]:
    return {p.relative_to(GOLD).as_posix() for p in GOLD.rglob("*") if p.is_file()}


def _update(produced: dict[str, str]) -> None:
    for name in _gold_files() - set(produced):
        (GOLD / name).unlink()
    for name, text in produced.items():
        path = GOLD / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for folder in sorted((p for p in GOLD.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def _differences(produced: dict[str, str]) -> list[str]:
    """One entry per file that differs from its gold: a unified diff, or a note."""
    found = []
    for name in sorted(_gold_files() - set(produced)):
        found.append(f"{name}: a gold file no longer produced")
    for name, text in sorted(produced.items()):
        gold = GOLD / name
        expected = gold.read_text(encoding="utf-8") if gold.exists() else None
        if expected == text:
            continue
        target = ACTUAL / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if expected is None:
            found.append(f"{name}: new output with no gold file (see {target.relative_to(REPO)})")
            continue
        diff = list(difflib.unified_diff(expected.splitlines(), text.splitlines(), f"gold/{name}", f"actual/{name}",
                                         lineterm="", n=1))
        more = f"\n... {len(diff) - DIFF_LINES} more diff lines in {target.relative_to(REPO)}" if len(diff) > DIFF_LINES else ""
        found.append("\n".join(diff[:DIFF_LINES]) + more)
    return found


def test_gold_outputs_match(update_gold):
    produced = outputs()
    if update_gold:
        _update(produced)
        return
    differences = _differences(produced)
    if differences:
        pytest.fail(f"{len(differences)} file(s) differ from the gold; if intended: "
                    "python -m pytest tests/render/test_gold.py --update-gold\n\n" + "\n\n".join(differences),
                    pytrace=False)


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
