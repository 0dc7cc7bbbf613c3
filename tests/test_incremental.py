"""Rebuilds reuse the last build (issue 5): only the pages that change are
written again, and the site is the same, byte for byte, as a full build."""

import json
import subprocess
import sys
from pathlib import Path

from bench.synth import corpus as synthetic
from generator import annotations
from generator.analyze import analyze_corpus
from tests.helpers import REPO
from tests.test_safe_output import digest


def build(corpus: Path, site: Path, *args: str) -> str:
    """`reviewlens build`, its cache beside the site; its stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(corpus), "--site-dir", str(site),
         "--cache-dir", str(site.parent / "cache"), *args],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {p for p in after if before.get(p) != after[p]}


def full_build(corpus: Path, tmp: Path) -> dict[str, str]:
    site = tmp / "full"
    subprocess.run([sys.executable, "-m", "generator", "build", str(corpus), "--site-dir", str(site), "--no-cache"],
                   capture_output=True, check=True, timeout=600)
    return digest(site)


def test_rebuilds_write_only_what_changed_and_equal_a_full_build(tmp_path):
    corpus = synthetic(tmp_path / "corpus", cases=4, reports=3, seed=5)
    site = tmp_path / "site"
    build(corpus, site)

    # A new report: its page, its case's page and the corpus pages.
    before = times(site)
    (corpus / "case-0000" / "reports" / "late.md").write_text("---\nreviewer: late model\n---\nLine 1 imports os.\n")
    err = build(corpus, site)
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
    build(corpus, site)
    rewritten = {p for p in changed(before, times(site)) if p.startswith("cases/")}
    assert rewritten == {p for p in before if p.startswith("cases/case-0001/")}
    assert digest(site) == full_build(corpus, tmp_path)

    # A removed report: its page is gone, not left behind.
    gone = next((corpus / "case-0002" / "reports").iterdir())
    gone.unlink()
    build(corpus, site)
    assert not (site / "cases" / "case-0002" / gone.stem).exists()
    assert digest(site) == full_build(corpus, tmp_path)


def test_a_damaged_cache_or_a_changed_site_means_a_full_build(tmp_path):
    corpus = synthetic(tmp_path / "corpus", cases=2, reports=2, seed=6)
    site = tmp_path / "site"
    build(corpus, site)
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    with (site / "annotations.json").open("a") as f:
        f.write(" ")  # the folder no longer holds the build the cache recorded
    err = build(corpus, site)
    assert "rewritten" not in err  # a full build
    assert digest(site) == full_build(corpus, tmp_path)
    # The damaged entries were replaced; the next build reuses everything
    # (10 pages: home, leaderboard, two about pages, 2 cases, 4 reports).
    assert all(entry.read_bytes() != b"not a pickle" for entry in (tmp_path / "cache").rglob("*.pickle"))
    assert "0 of 10 pages rewritten" in build(corpus, site)


def test_a_new_site_title_rebuilds_every_page(tmp_path):
    corpus = synthetic(tmp_path / "corpus", cases=2, reports=2, seed=7)
    site = tmp_path / "site"
    build(corpus, site)
    before = times(site)
    (corpus / "corpus.yaml").write_text("title: Renamed\n")
    build(corpus, site)
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

    from generator.render import templates_dir

    corpus = synthetic(tmp_path / "corpus", cases=1, reports=1, seed=8)
    (tmp_path / "docs").mkdir()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    config = load_config(config_file=str(templates_dir() / "mkdocs.base.yml"), site_name="t",
                         docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"),
                         plugins=["search", {"reviewlens": {"corpus": str(corpus)}}])
    mkdocs_build(config)
    (corpus / "case-0000" / "reports" / "second.md").write_text("Line 1 imports os.\n")
    mkdocs_build(config)
    assert (tmp_path / "site" / "cases" / "case-0000" / "second" / "index.html").is_file()
