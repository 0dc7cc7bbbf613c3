"""The claim engine against careful hand labels of real reviews (issues 13 and 21).

../shared/corpus-wild (seven cases) and ../shared/corpus-wild2 (five cases,
gathered after the engine was tuned on the first) hold real reviews (coding-
agent reviews committed to repositories, AI audit issues, a scanner pull
request; English, Chinese, Russian) with hand labels of every line citation,
identifier and verdict (corpus-wild's README explains them). The reports are
read there at test time and never copied here. This test scores the engine
against the labels of each set separately, prints the agreement per case and
in total, and holds the targets on each set, so that a regression fails CI:

- own-file line references: the status agrees with the label (correct, or one
  of wrong_line / out_of_range / not_in_source for a wrong one), >= 0.95;
- other-file references: every one unverifiable, its message naming the file;
- identifiers: correct where the name is in the file, anything else where it
  is not, >= 0.90;
- verdicts: every one right;
- false accusations: a correct citation or name (or a citation of another
  file) marked wrong_line, not_in_source or out_of_range: at most one;
- correctly cited own-file lines left unverifiable: at most 10%;
- no report meets a fault of reviewlens (it would be scored as unread).

Run with -s to see the table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest

from reviewlens.analyze import analyze_corpus
from reviewlens.outputs import annotations
from tests.helpers import REPO

SETS = {"corpus-wild": REPO.parent / "shared" / "corpus-wild", "corpus-wild2": REPO.parent / "shared" / "corpus-wild2"}
NEGATIVE = {"wrong_line", "out_of_range", "not_in_source"}


@dataclass
class Tally:
    own: list[bool] = field(default_factory=list)  # own-file line references: agreed?
    other: list[bool] = field(default_factory=list)  # other-file references: unverifiable, naming the file?
    names: list[bool] = field(default_factory=list)
    verdicts: list[bool] = field(default_factory=list)
    accusations: list[str] = field(default_factory=list)
    undecided: list[bool] = field(default_factory=list)  # correctly cited own-file lines: left unverifiable?
    faults: list[str] = field(default_factory=list)  # reports that met a fault of reviewlens
    misses: list[str] = field(default_factory=list)  # what disagreed, for the printout

    def add(self, other: Tally) -> None:
        for name in ("own", "other", "names", "verdicts", "accusations", "undecided", "faults", "misses"):
            getattr(self, name).extend(getattr(other, name))


def _ratio(values: list[bool]) -> str:
    return f"{sum(values)}/{len(values)}" if values else "-"


def _offsets(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _cited(claim: dict) -> tuple[int, int] | None:
    return tuple(claim["lines"]) if claim.get("lines") else None


def _ref_claims(report_text: str, claims: list[dict], label: dict) -> list[dict]:
    """The engine's claims for a labelled citation: within the label's text, citing its lines."""
    parts = [tuple(p) for p in label.get("parts") or [label["claimed"]]]
    first, last = label["claimed"]
    found = []
    for at in _offsets(report_text, label["text"]):
        end = at + len(label["text"])
        for c in claims:
            if c["kind"] not in ("line_ref", "line_quote", "finding") or c["span"][1] <= at or c["span"][0] >= end:
                continue
            lines = _cited(c)
            if lines and (lines in parts or (first <= lines[0] and lines[1] <= last)):
                found.append(c)
            elif lines and at <= c["span"][0] and c["span"][1] <= end and lines[0] <= first and last <= lines[1]:
                found.append(c)  # the same citation read as one passage ("Lines: 45, 46" as 45-46)
        if found:
            break
    located = [c for c in found if c["kind"] != "finding"]
    return located or found


def _name_claims(claims: list[dict], name: str) -> list[dict]:
    """The engine's claims about a labelled name: its claims on exactly that name;
    failing those, claims naming it qualified (`s.writeKeyFile`, `MassiveDataSource._poll_once`)
    or as the qualifier of a member (`HybridLiveSource.poll` for `HybridLiveSource`);
    failing those, code quotes that hold it."""
    bare = name.removesuffix("()")
    ids = [c for c in claims if c["kind"] == "identifier"]
    exact = [c for c in ids if c.get("name") == bare]
    if exact:
        return exact
    qualified = [c for c in ids if c.get("name", "").endswith("." + bare) or c.get("name", "").startswith(bare + ".")]
    if qualified:
        return qualified
    return [c for c in claims if c["kind"] == "code_quote" and re.search(rf"(?<![\w]){re.escape(bare)}(?!\w)", c["text"])]


def score_report(label: dict, report: dict, report_text: str, where: str) -> Tally:
    t = Tally()
    claims = report["claims"]
    for ref in label["line_refs"]:
        found = _ref_claims(report_text, claims, ref)
        said = f"{where} {ref['text'][:60]!r} {ref['claimed']}"
        statuses = {c["status"] for c in found}
        if ref["target"] == "other_file":
            ok = bool(found) and statuses == {"unverifiable"} and all(c.get("file") for c in found)
            t.other.append(ok)
            if statuses & NEGATIVE:
                t.accusations.append(f"{said}: another file's citation marked {sorted(statuses)}")
        else:
            if ref["correct"]:
                ok = bool(found) and statuses == {"correct"}
                t.undecided.append(not found or "unverifiable" in statuses)
                if statuses & NEGATIVE:
                    t.accusations.append(f"{said}: correct, marked {sorted(statuses & NEGATIVE)}")
            else:
                ok = bool(found) and bool(statuses) and statuses <= NEGATIVE
            t.own.append(ok)
        if not ok:
            t.misses.append(f"{said}: label {ref['target']} {ref['correct']}, engine "
                            f"{[(c['kind'], c['lines'], c['status']) for c in found] or 'nothing'}")
    for name in label["identifiers"]:
        found = _name_claims(claims, name["name"])
        statuses = {c["status"] for c in found}
        ok = bool(found) and ((statuses == {"correct"}) if name["in_source"] else "correct" not in statuses)
        t.names.append(ok)
        if name["in_source"] and statuses & NEGATIVE:
            t.accusations.append(f"{where} name `{name['name']}`: in the file, marked {sorted(statuses & NEGATIVE)}")
        if not ok:
            t.misses.append(f"{where} name `{name['name']}`: in_source {name['in_source']}, engine "
                            f"{[(c['kind'], c['status'], c['message'][:70]) for c in found] or 'nothing'}")
    t.faults += [f"{where}: {p['message']}" for p in report["problems"] if "reviewlens fault" in p["message"]]
    right = report["verdict"] == label["verdict"]
    t.verdicts.append(right)
    if not right:
        t.misses.append(f"{where} verdict: label {label['verdict']}, engine {report['verdict']}")
    return t


def score_set(root) -> dict[str, Tally]:
    data = annotations.to_data(analyze_corpus(root))
    tallies = {}
    for case in data["cases"]:
        folder = root / case["id"]
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))["reports"]
        tally = Tally()
        for report in case["reports"]:
            name = report["file"].removeprefix("reports/")
            text = (folder / report["file"]).read_text(encoding="utf-8")
            tally.add(score_report(labels[name], report, text, f"{case['id']}/{name}"))
        tallies[case["id"]] = tally
    total = Tally()
    for tally in tallies.values():
        total.add(tally)
    print(f"\n{root.name}\ncase                                 own refs  other refs  names   verdicts  accusations  undecided")
    for case_id, t in [*tallies.items(), ("TOTAL", total)]:
        print(f"{case_id:<36} {_ratio(t.own):>8}  {_ratio(t.other):>10}  {_ratio(t.names):>6}  {_ratio(t.verdicts):>8}"
              f"  {len(t.accusations):>11}  {_ratio(t.undecided):>9}")
    for line in total.faults:
        print("  FAULT", line)
    for line in total.accusations:
        print("  ACCUSATION", line)
    for line in total.misses:
        print("  miss", line)
    tallies["TOTAL"] = total
    return tallies


@pytest.fixture(scope="module", params=list(SETS))
def wild(request) -> dict[str, Tally]:
    root = SETS[request.param]
    if not (root / "README.md").is_file():
        pytest.skip(f"../shared/{request.param} is not beside this checkout (real reviews are not redistributed)")
    return {**score_set(root), "SET": request.param}


def _share(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 1.0


# Issue 21's targets, on each set separately: own-file references >= 0.95, identifiers >= 0.90, at most
# 10% of correct citations left unverifiable (every verdict right and at most one false accusation below).
OWN, NAMES, UNDECIDED = 0.95, 0.90, 0.10


def test_own_file_line_references_agree_with_the_labels(wild):
    assert _share(wild["TOTAL"].own) >= OWN


def test_other_file_references_are_unverifiable_naming_their_file(wild):
    assert all(wild["TOTAL"].other)


def test_identifiers_agree_with_the_labels(wild):
    assert _share(wild["TOTAL"].names) >= NAMES


def test_every_verdict_is_right(wild):
    assert all(wild["TOTAL"].verdicts)


def test_at_most_one_false_accusation(wild):
    assert len(wild["TOTAL"].accusations) <= 1, wild["TOTAL"].accusations


def test_few_correct_citations_are_left_unverifiable(wild):
    assert _share(wild["TOTAL"].undecided) <= UNDECIDED


def test_no_report_meets_a_fault_of_reviewlens(wild):
    assert not wild["TOTAL"].faults
