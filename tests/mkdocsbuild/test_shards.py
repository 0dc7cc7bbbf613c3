"""A CI matrix analyses a corpus in shards; one job merges them and builds
the site without analysing anything again (issue 5)."""

import json

import jsonschema
import pytest

from reviewlens.packagefiles import templates_dir
from tests.helpers import digest, many_cases, reviewlens

pytestmark = pytest.mark.slow  # builds sites


def test_shards_merge_into_the_whole_analysis_and_a_build_that_analyses_nothing(tmp_path):
    corpus = many_cases(tmp_path / "corpus", cases=5, reports=2)
    schema = json.loads((templates_dir() / "annotations.schema.json").read_text())
    seen = []
    for k in (1, 2, 3):
        done = reviewlens("analyze", corpus, "--shard", f"{k}/3", "--cache-dir", f"s{k}", "--json", f"p{k}.json", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        part = json.loads((tmp_path / f"p{k}.json").read_text())
        jsonschema.validate(part, schema)
        assert part["shard"] == {"index": k, "count": 3}
        seen += [c["id"] for c in part["cases"]]
    assert sorted(seen) == seen and len(seen) == 5  # each case once, the blocks in corpus order

    merged = reviewlens("merge", "s1", "s2", "s3", "--cache-dir", "merged", "--json", "all.json", cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr
    whole = reviewlens("analyze", corpus, cwd=tmp_path)
    assert (tmp_path / "all.json").read_text() == whole.stdout  # byte for byte

    # One stored page body damaged: its case's pages are made again from its analysis.
    damaged = sorted((tmp_path / "merged" / "bodies").glob("*/*.z"))[0]
    damaged.write_bytes(damaged.read_bytes()[:100])
    built = reviewlens("build", corpus, "--site-dir", "site", "--cache-dir", "merged", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "5 case(s) (5 from the cache)" in built.stderr
    assert "analysing" not in built.stderr
    plain = reviewlens("build", corpus, "--site-dir", "plain", "--no-cache", cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert digest(tmp_path / "site") == digest(tmp_path / "plain")


def test_merge_names_the_missing_shard_and_bad_shards_are_refused(tmp_path):
    corpus = many_cases(tmp_path / "corpus", cases=3, reports=1)
    for k in (1, 3):
        assert reviewlens("analyze", corpus, "--shard", f"{k}/3", "--cache-dir", f"s{k}", "--json", "-.json",
                          cwd=tmp_path).returncode == 0
    merged = reviewlens("merge", "s1", "s3", "--cache-dir", "merged", cwd=tmp_path)
    assert merged.returncode == 2
    assert "shard(s) 2 of 3 missing" in merged.stderr
    bad = reviewlens("analyze", corpus, "--shard", "4/3", cwd=tmp_path)
    assert bad.returncode == 2 and "K must be between 1 and N" in bad.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    lost = reviewlens("merge", empty, "--cache-dir", "merged", cwd=tmp_path)
    assert lost.returncode == 2 and "no shard part" in lost.stderr


def test_a_malformed_or_boastful_part_is_refused_with_a_message(tmp_path):
    corpus = many_cases(tmp_path / "corpus", cases=2, reports=1)
    assert reviewlens("analyze", corpus, "--shard", "1/2", "--cache-dir", "s1", "--json", "p.json",
                      cwd=tmp_path).returncode == 0
    part = tmp_path / "s1" / "parts" / "1-of-2.json"
    good = json.loads(part.read_text())

    part.write_text("[" * 5000 + "]" * 5000)
    nested = reviewlens("merge", "s1", "--cache-dir", "m", cwd=tmp_path)
    assert nested.returncode == 2 and "not a shard part reviewlens wrote (is nested" in nested.stderr
    assert "Traceback" not in nested.stderr

    part.write_text(json.dumps({**good, "cases": "not a list"}))
    shaped = reviewlens("merge", "s1", "--cache-dir", "m", cwd=tmp_path)
    assert shaped.returncode == 2 and "not a shard part reviewlens wrote" in shaped.stderr

    # A part that says the run had a trillion shards: named, not counted to.
    part.write_text(json.dumps({**good, "shard": {"index": 1, "count": 10**12}}))
    boast = reviewlens("merge", "s1", "--cache-dir", "m", cwd=tmp_path, timeout=60)
    assert boast.returncode == 2
    assert "shard(s) 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 999,999,999,989 more of 1,000,000,000,000 missing" in boast.stderr


@pytest.mark.parametrize("plant", ["fifo", "dev_zero", "entry_to_dev_zero"])
def test_merge_reads_its_parts_by_the_one_read_rule(tmp_path, plant):
    # A part that is a FIFO hung merge; a link to /dev/zero read 1.9 GB and died of MemoryError.
    import os

    corpus = many_cases(tmp_path / "corpus", cases=2, reports=1)
    assert reviewlens("analyze", corpus, "--shard", "1/1", "--cache-dir", "s1", "--json", "p.json",
                      cwd=tmp_path).returncode == 0
    part = tmp_path / "s1" / "parts" / "1-of-1.json"
    if plant == "fifo":
        part.unlink()
        os.mkfifo(part)
    elif plant == "dev_zero":
        part.unlink()
        part.symlink_to("/dev/zero")
    else:
        entry = next((tmp_path / "s1" / "cases").glob("*/*.json"))
        entry.unlink()
        entry.symlink_to("/dev/zero")
    merged = reviewlens("merge", "s1", "--cache-dir", "m", cwd=tmp_path, timeout=60)
    assert "Traceback" not in merged.stderr
    if plant == "entry_to_dev_zero":  # a link is not an entry the cache wrote: not copied (the case is analysed again)
        assert merged.returncode == 0, merged.stderr
        assert not [p for p in (tmp_path / "m").rglob("*") if p.is_symlink() or p.stat().st_size > 10**7]
    else:
        assert merged.returncode == 2, merged.stderr
        assert "not a regular file" in merged.stderr or "leads out of" in merged.stderr
