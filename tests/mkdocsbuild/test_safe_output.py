"""A build that fails or is killed leaves the previous site as it was;
two builds of one corpus give the same bytes (issue 6)."""

import signal
import time
from pathlib import Path

import pytest

from tests.helpers import REPO, digest, many_cases, start_reviewlens, write_tree

pytestmark = pytest.mark.slow  # builds sites


def build(corpus: Path, site: Path, **options):
    return start_reviewlens("build", corpus, "--site-dir", site, **options)


def test_a_killed_build_leaves_the_previous_site_intact(tmp_path):
    small = write_tree(tmp_path / "small", {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n"})
    site = tmp_path / "site"
    assert build(small, site).wait(timeout=300) == 0
    before = digest(site)
    big = many_cases(tmp_path / "big", cases=40, reports=5)
    proc = build(big, site)
    # Kill it once it is well under way: when the site build has started.
    deadline = time.time() + 120
    while time.time() < deadline and not any(p.name.startswith(".site.") for p in tmp_path.iterdir()):
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert digest(site) == before  # not half of a new site, not an empty one
    # Nor processes left behind: its workers end with it.
    deadline = time.time() + 30
    while time.time() < deadline and _processes_about(big):
        time.sleep(0.2)
    assert _processes_about(big) == []
    # Its work folder is left beside the site; the next build removes it.
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]
    assert build(small, site).wait(timeout=300) == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []


def test_a_killed_rebuild_leaves_the_previous_site_intact(tmp_path):
    # A rebuild starts from hard links to the last site's pages: killed after
    # it has written pages anew, it must not have written through the links.
    corpus = many_cases(tmp_path / "corpus", cases=40, reports=5)
    site = tmp_path / "site"
    assert build(corpus, site, cwd=tmp_path).wait(timeout=300) == 0
    before = digest(site)
    for source in corpus.glob("case-*/*.*"):
        if source.suffix not in (".yaml", ".yml"):
            source.write_text(source.read_text() + "\n# edited\n")
    proc = build(corpus, site, cwd=tmp_path)
    deadline, rewritten = time.time() + 120, []
    while time.time() < deadline and not rewritten and proc.poll() is None:
        for page in tmp_path.glob(".site.*/site/cases/*/index.html"):
            old = site / page.relative_to(page.parents[2])
            try:
                if old.exists() and not page.samefile(old):
                    rewritten.append(page)
            except FileNotFoundError:
                continue  # the build removed it between the listing and the look: it is writing it anew
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert rewritten, "the rebuild ended before it wrote a page; the test saw nothing"
    assert digest(site) == before


def _processes_about(path: Path) -> list[str]:
    """Live processes whose command line names path (Linux /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
            state = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and str(path).encode() in args:
            found.append(cmdline.parent.name)
    return found


def test_a_failed_build_leaves_the_previous_site_intact(tmp_path):
    corpus = write_tree(tmp_path / "c", {"c/a.py": "import os\n", "c/reports/r.md": "`1 import os`\n"})
    site = tmp_path / "site"
    assert build(corpus, site).wait(timeout=300) == 0
    before = digest(site)
    proc = build(tmp_path / "no-such-corpus", site)
    assert proc.wait(timeout=300) == 2
    assert digest(site) == before


def test_two_builds_of_one_corpus_are_byte_identical(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    for site in (first, second):
        assert build(REPO / "site_src", site, cwd=tmp_path).wait(timeout=300) == 0
    a, b = digest(first), digest(second)
    assert "annotations.json" in a and "sitemap.xml.gz" in a
    assert a == b


def test_a_script_the_theme_does_not_ship_is_refused_anywhere_on_the_page():
    # The policy hashed every inline script outside the article: one injected into the title or the
    # navigation would have been allowed. Only the theme's own shapes are, the base URL the one part that varies.
    from reviewlens.render import csp

    theme = ('<script>__md_scope=new URL("..",location),__md_hash=1</script>'
             '<script>var palette=__md_get("__palette")</script>')
    known = csp.theme_scripts(f"<html><head>{theme}</head><body></body></html>")
    page = ('<html><head>' + theme.replace('"..",location', '"../../..",location') + '</head><body>'
            f'{csp.ARTICLE_OPEN}<p>text</p></article></body></html>')
    assert "Content-Security-Policy" in csp.add_policy(page, known)
    for injected in ('<script>alert(1)</script>', '<script>__md_scope=new URL("https://evil.example",location)</script>'):
        hostile = page.replace("<body>", f"<body><nav>{injected}</nav>")
        with pytest.raises(csp.ScriptInContent, match="does not ship"):
            csp.add_policy(hostile, known)
