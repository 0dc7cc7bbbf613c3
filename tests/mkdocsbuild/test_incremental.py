"""Rebuilds reuse the last build (issue 5): only the pages that change are
written again, and the site is the same, byte for byte, as a full build."""

import json
import os
from pathlib import Path

import pytest

from reviewlens.analyze import analyze_corpus
from reviewlens.outputs import annotations
from tests.helpers import REPO, build, digest, many_cases

pytestmark = pytest.mark.slow  # builds sites


def rebuild(corpus: Path, site: Path, *args: str) -> str:
    """`reviewlens build`, its cache beside the site; its stderr."""
    proc = build(corpus, site, "--cache-dir", site.parent / "cache", *args)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {p for p in after if before.get(p) != after[p]}


def full_build(corpus: Path, tmp: Path) -> dict[str, str]:
    site = tmp / "full"
    assert build(corpus, site, "--no-cache").returncode == 0
    return digest(site)


def test_rebuilds_write_only_what_changed_and_equal_a_full_build(tmp_path):
    corpus = many_cases(tmp_path / "corpus", cases=4, reports=3)
    site = tmp_path / "site"
    rebuild(corpus, site)

    # A new report: its page, its case's page and the corpus pages.
    before = times(site)
    (corpus / "case-0000" / "reports" / "late.md").write_text("---\nreviewer: late model\n---\nLine 1 imports os.\n")
    err = rebuild(corpus, site)
    # 21 pages: home, leaderboard, two about pages, 4 cases, 13 reports. Rewritten:
    # home and leaderboard (new row), the case page (new row), the new report.
    assert "4 of 21 pages rewritten" in err
    assert {p for p in changed(before, times(site)) if p.startswith("cases/")} == {
        "cases/case-0000/index.html", "cases/case-0000/late/index.html"}
    assert digest(site) == full_build(corpus, tmp_path)

    # An edited source: that case's pages only (its claims may all change).
    before = times(site)
    source = next(p for p in (corpus / "case-0001").iterdir() if p.is_file() and not p.name.endswith(".yaml"))
    source.write_text("# edited\n" + source.read_text())
    rebuild(corpus, site)
    rewritten = {p for p in changed(before, times(site)) if p.startswith("cases/")}
    assert rewritten == {p for p in before if p.startswith("cases/case-0001/")}
    assert digest(site) == full_build(corpus, tmp_path)

    # A removed report: its page is gone, not left behind.
    gone = next((corpus / "case-0002" / "reports").iterdir())
    gone.unlink()
    rebuild(corpus, site)
    assert not (site / "cases" / "case-0002" / gone.stem).exists()
    assert digest(site) == full_build(corpus, tmp_path)


def test_a_damaged_cache_entry_is_a_miss_with_a_note(tmp_path):
    corpus = many_cases(tmp_path / "corpus", cases=2, reports=2)
    site = tmp_path / "site"
    rebuild(corpus, site)
    entries = sorted((tmp_path / "cache" / "cases").rglob("*.json"))
    assert len(entries) == 2
    entries[0].write_bytes(b"not json")
    entries[1].write_text(entries[1].read_text().replace('"status":"correct"', '"status":"perfect"', 1))
    err = rebuild(corpus, site)
    notes = [line for line in err.splitlines() if "cache entry" in line]
    assert len(notes) == 2 and all("its case is analysed again" in n for n in notes), err
    assert "Invalid enum value 'perfect'" in err
    assert digest(site) == full_build(corpus, tmp_path)
    # The damaged entries were replaced; the next build reuses everything
    # (10 pages: home, leaderboard, two about pages, 2 cases, 4 reports).
    assert "0 of 10 pages rewritten" in rebuild(corpus, site)


def test_a_tampered_site_is_repaired_not_published(tmp_path):
    corpus = many_cases(tmp_path / "corpus", cases=2, reports=2)
    site = tmp_path / "site"
    rebuild(corpus, site)
    page = site / "cases" / "case-0000" / "index.html"
    page.write_text(page.read_text().replace("</h1>", "</h1><p>edited by hand</p>"))
    (site / "evil.html").write_text("<script>alert(1)</script>")
    (site / "cases" / "stray").mkdir()
    (site / "cases" / "stray" / "index.html").write_text("stray")
    err = rebuild(corpus, site)
    assert "1 of 10 pages rewritten" in err  # the edited page, written anew; the rest proven unchanged
    assert "edited by hand" not in page.read_text()
    assert not (site / "evil.html").exists() and not (site / "cases" / "stray").exists()
    assert digest(site) == full_build(corpus, tmp_path)


def test_a_planted_cache_entry_cannot_run_or_change_anything(tmp_path):
    """A pull request can add files to the repository, so a cache kept there
    could be planted. The default cache is the user's cache folder, and what it
    holds is JSON read into typed records: a pickle is never loaded."""
    import pickle

    from reviewlens.ingest import read_outline
    from reviewlens.mkdocsbuild.cache import BuildCache, default_folder
    from reviewlens.mkdocsbuild.site import LINK

    corpus = many_cases(tmp_path / "corpus", cases=1, reports=1)
    ran = tmp_path / "payload-ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(ran), "w"))

    outline = read_outline(corpus)
    folder, case_id = outline.cases[0]
    key = BuildCache(tmp_path / "x", LINK).case_key(corpus, folder, case_id, outline.reviewers)
    planted = pickle.dumps(Payload())
    for where in (tmp_path / ".reviewlens-cache", default_folder(corpus)):  # the old default, and the new one
        for name in (f"{key}.pickle", f"{key}.json"):
            path = where / "cases" / key[:2] / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(planted)
    done = build(corpus, tmp_path / "site", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not ran.exists()
    assert "is damaged or of another shape" in done.stderr  # the one in the cache it reads: a miss, said once
    assert str(default_folder(corpus)).startswith(os.environ["XDG_CACHE_HOME"])  # outside the checkout


def test_a_new_site_title_rebuilds_every_page(tmp_path):
    corpus = many_cases(tmp_path / "corpus", cases=2, reports=2)
    site = tmp_path / "site"
    rebuild(corpus, site)
    before = times(site)
    (corpus / "corpus.yaml").write_text("title: Renamed\n")
    rebuild(corpus, site)
    assert changed(before, times(site)) == set(before)
    assert digest(site) == full_build(corpus, tmp_path)


def test_annotations_made_from_case_parts_are_the_whole_file():
    for analysis in (analyze_corpus(REPO / "site_src"), analyze_corpus(REPO / "tests" / "fixtures" / "gold_corpus")):
        whole = json.dumps(annotations.to_data(analysis), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        assert annotations.dumps(analysis) == whole
    empty = analysis.__class__(analysis.corpus, ())
    assert json.loads(annotations.dumps(empty))["cases"] == []


def test_one_plugin_building_twice_shows_what_changed_in_between(tmp_path):
    """A host that keeps the plugin across builds (mkdocs serve may) sees new reports."""
    import os

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from reviewlens.packagefiles import templates_dir

    corpus = many_cases(tmp_path / "corpus", cases=1, reports=1)
    (tmp_path / "docs").mkdir()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    config = load_config(config_file=str(templates_dir() / "mkdocs.base.yml"), site_name="t",
                         docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"),
                         plugins=["search", {"reviewlens": {"corpus": str(corpus)}}])
    mkdocs_build(config)
    (corpus / "case-0000" / "reports" / "second.md").write_text("Line 1 imports os.\n")
    mkdocs_build(config)
    assert (tmp_path / "site" / "cases" / "case-0000" / "second" / "index.html").is_file()
