"""One home for the sentences: every reason a check gives has its English in messages.py, and
every output (site, annotations.json, SARIF) reads that one sentence."""

import json
import re

import msgspec

from reviewlens.messages import SENTENCES, because, say
from reviewlens.model import Lines, Place, Reason
from tests.helpers import REPO

GIVEN = re.compile(r"""because\(\s*["']([a-z_]+\.[a-z_]+)["']""")


def _codes_given() -> set[str]:
    return {code for path in (REPO / "generator" / "reviewlens").rglob("*.py") if path.name != "messages.py"
            for code in GIVEN.findall(path.read_text(encoding="utf-8"))}


def test_every_reason_given_has_a_sentence_and_every_sentence_is_given():
    given = _codes_given()
    assert given - set(SENTENCES) == set()
    assert set(SENTENCES) - given == set(), "a sentence no check gives: remove it"


def test_no_check_builds_its_own_sentence():
    # The checks say why in facts; an f-string sentence in a check is English outside messages.py.
    for name in ("quotes.py", "refs.py", "names.py", "findings.py", "behaviour.py", "judge.py", "__init__.py"):
        text = (REPO / "generator" / "reviewlens" / "verify" / name).read_text(encoding="utf-8")
        assert not re.search(r'Outcome\([^)]*(?<![\w"])f"', text), name


def test_a_reason_read_back_from_the_cache_says_the_same_sentence():
    place = Place(headed=(("function", "run", Lines(3, 9), False),))
    reason = because("version.moved", shift=-2,
                     here=because("ref.held", cited=Lines(4, 5), where=place, held=("`x`",), rest=("`y`",)))
    back = msgspec.json.decode(msgspec.json.encode(reason), type=Reason)
    assert back == reason
    assert say(back) == ("Lines 4-5 are `run` (lines 3-9), with `x`, as described; `y` is elsewhere. "
                         "(Moved up 2 lines, as throughout this report: it read another version of the file.)")


def test_annotations_carry_the_reason_code_beside_its_sentence():
    gold = json.loads((REPO / "tests" / "gold" / "annotations.json").read_text(encoding="utf-8"))
    claims = [c for case in gold["cases"] for r in case["reports"] for c in r["claims"]]
    assert claims and all(c["reason"] in SENTENCES for c in claims)


SAMPLE = {"cited": Lines(1, 2), "found": Lines(3, 3), "n": 10, "quote": "x = 1", "note": (("adds", (";",)),), "others": 1,
          "beyond": False, "hint": (3, (("replace", "a", "b"),)), "name": "x", "files": ("a/x.py", "b/x.py"), "count": 2,
          "here": Reason("name.absent", (("name", "x"),)), "file": "y.py", "shift": 2, "moved": Lines(3, 4),
          "span": Lines(1, 3), "annotations": 1, "changed": 1, "first_changed": "y", "missing": 1, "code": 3, "first": "z",
          "line": 4, "theirs": '"a"', "ours": '"b"', "verdict": "defects found", "said": "no defects",
          "truth": "defects found", "region": "imports", "kind": "function", "header": Lines(5, 6), "where": Place(),
          "held": ("`x`",), "rest": (), "named": ("`x`",), "there": Place(), "words": ("w",), "names": ("x",),
          "subject": Lines(7, 8), "lines": (1, 2), "method": "m", "member": "m", "owner": "C", "what": "parameter",
          "role": "function", "is_": ("local", (4,)), "taker": "f", "title": "SQL injection", "cwe": "CWE-89",
          "needs": "builds or runs SQL", "near": Lines(9, 9), "verb": "disable", "thing": "cache", "last": "run",
          "last_occurs": True}
PER_CODE = {"file.maybe_theirs": {"others": ("a.py", "b.py")}, "name.only_in_text": {"where": "comment"},
            "name.in_text": {"where": "string"}}


def test_every_sentence_renders_from_its_facts():
    import inspect

    for code, fn in SENTENCES.items():
        facts = {k: PER_CODE.get(code, {}).get(k, SAMPLE[k]) for k in inspect.signature(fn).parameters}
        text = say(Reason(code, tuple(facts.items())))
        assert text[:1].isupper() or text[:1] in "`0123456789", (code, text)  # a sentence, as a reader sees it
        assert "{" not in text and "None" not in text, (code, text)
