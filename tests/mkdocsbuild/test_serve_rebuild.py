"""`mkdocs serve` without --dirty: a rebuild keeps the pages of unchanged
cases as the last build wrote them, and every page it serves is what a full
`mkdocs build` of the same files makes, whatever changed (a report, the
settings, the site's own pages, a served file)."""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.helpers import write_tree

pytestmark = pytest.mark.slow  # each test runs MkDocs builds in-process

CORPUS = {
    "c/a.py": "import os\n", "c/reports/one.md": "`1 import os`\n", "c/reports/two.md": "`1 import sys`\n",
    "d/b.py": "import sys\n", "d/reports/r.md": "`1 import sys`\n",
    "e/e.py": "print(1)\n", "e/reports/r.md": "`1 print(1)`\n",
}


def _mkdocs_yml(name: str = "My project") -> str:
    return (f"site_name: {name}\ntheme: {{name: material, font: false}}\n"
            "plugins:\n  - search\n  - reviewlens:\n      corpus: ../corpus\n      prefix: reviews\n"
            "      cache_dir: ../cache\n")


class Server:
    """MkDocs' serve loop without its HTTP server: one plugin object, one
    temporary site folder, a rebuild on request (what serve does on a change)."""

    def __init__(self, root: Path, dirty: bool = False) -> None:
        from mkdocs.config import load_config

        self.root, self.site = root, Path(tempfile.mkdtemp(prefix="mkdocs_", dir=root))
        self.config = lambda: load_config(str(root / "mysite" / "mkdocs.yml"), site_dir=str(self.site))
        config = self.config()
        self.plugin = config.plugins["reviewlens"]
        config.plugins.on_startup(command="serve", dirty=dirty)
        self.dirty = dirty
        self.build(config)

    def build(self, config=None) -> None:
        from mkdocs.commands.build import build

        build(config or self.config(), serve_url="http://127.0.0.1:8000/", dirty=self.dirty)

    def close(self) -> None:
        self.plugin.on_shutdown()


def _site(tmp_path, own_pages: bool = True) -> None:
    write_tree(tmp_path / "corpus", CORPUS)
    own = {"docs/index.md": "# Welcome\n", "docs/guide.md": "# Guide\n"} if own_pages else {"docs/.keep": ""}
    write_tree(tmp_path / "mysite", {**own, "mkdocs.yml": _mkdocs_yml()})


@pytest.fixture
def server(tmp_path):
    _site(tmp_path)
    server = Server(tmp_path)
    yield server
    server.close()


def _full_build(root: Path) -> Path:
    out = root / "full"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=root / "mysite",
                   check=True, capture_output=True, timeout=300)
    return out


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def _identity(site: Path) -> dict[str, tuple[int, int]]:
    """Each page's file (inode) and its time: a page that was rewritten gets another."""
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*.html")}


def _same_as_a_full_build(server: Server) -> None:
    served, full = _pages(server.site), _pages(_full_build(server.root))
    assert served.keys() == full.keys()
    assert [uri for uri in served if served[uri] != full[uri]] == []


def test_an_edited_report_rewrites_its_case_and_keeps_the_others_as_they_were(server, caplog):
    before = _identity(server.site)
    (server.root / "corpus/c/reports/one.md").write_text("`1 import os` and `1 import json`, marker-edited\n")
    with caplog.at_level(logging.INFO):
        server.build()
    after = _identity(server.site)
    kept = sorted(uri for uri in after if before.get(uri) == after[uri])
    assert kept == ["reviews/cases/d/index.html", "reviews/cases/d/r/index.html",
                    "reviews/cases/e/index.html", "reviews/cases/e/r/index.html"]
    assert "marker-edited" in (server.site / "reviews/cases/c/one/index.html").read_text()
    assert "reviewlens: 4 pages are as the last build wrote them; the other 7 are written" in caplog.text
    assert "Page skipped" not in caplog.text  # MkDocs' note on each page it does not write is not shown for ours
    _same_as_a_full_build(server)


def test_a_new_setting_rewrites_every_page(server):
    before = _identity(server.site)
    (server.root / "mysite/mkdocs.yml").write_text(_mkdocs_yml("Renamed project"))
    server.build()
    after = _identity(server.site)
    assert [uri for uri in after if before.get(uri) == after[uri]] == []
    assert "Renamed project" in (server.site / "reviews/cases/d/r/index.html").read_text()
    _same_as_a_full_build(server)


def test_a_renamed_page_of_the_site_is_in_every_pages_navigation(server):
    """Without `nav:` the site's page titles come from their headings: a new
    heading changes the navigation every page carries."""
    (server.root / "mysite/docs/guide.md").write_text("# Handbook\n")
    server.build()
    assert "Handbook" in (server.site / "reviews/cases/d/r/index.html").read_text()
    _same_as_a_full_build(server)


def test_a_served_file_changed_on_disk_is_written_again(server):
    page = server.site / "reviews/cases/d/r/index.html"
    page.write_text("tampered")
    (server.root / "corpus/c/reports/one.md").write_text("`1 import os`, edited\n")
    server.build()
    assert "tampered" not in page.read_text()
    _same_as_a_full_build(server)


def test_a_removed_report_and_a_new_case_show_at_once(server):
    (server.root / "corpus/c/reports/two.md").unlink()
    write_tree(server.root / "corpus", {"f/f.py": "x = 1\n", "f/reports/r.md": "`1 x = 1`\n"})
    server.build()
    assert not (server.site / "reviews/cases/c/two").exists()
    assert (server.site / "reviews/cases/f/r/index.html").is_file()
    _same_as_a_full_build(server)


def test_with_dirty_a_removed_report_is_gone_and_a_new_one_there(tmp_path):
    """--dirty leaves MkDocs' folder as it is; the plugin removes the pages it
    wrote that the corpus no longer makes, so the served site is still what
    a full build makes. (A site with pages of its own is not: MkDocs does not
    read an unchanged page under --dirty, so its title is missing from the
    navigation of the pages it writes. That is MkDocs' own warning.)"""
    _site(tmp_path, own_pages=False)
    server = Server(tmp_path, dirty=True)
    try:
        before = _identity(server.site)
        (tmp_path / "corpus/c/reports/two.md").unlink()
        write_tree(tmp_path / "corpus", {"d/reports/new.md": "`1 import sys`, new\n"})
        server.build()
        assert not (server.site / "reviews/cases/c/two").exists()
        assert "new" in (server.site / "reviews/cases/d/new/index.html").read_text()
        after = _identity(server.site)
        unchanged = ["reviews/cases/e/index.html", "reviews/cases/e/r/index.html"]
        assert [after[uri] for uri in unchanged] == [before[uri] for uri in unchanged]  # not written again
        _same_as_a_full_build(server)
    finally:
        server.close()


def test_a_rebuild_that_fails_loses_nothing_the_next_one_keeps(server, monkeypatch):
    """A build that stops after the case folders were set aside (here: the
    corpus plan fails) must not cost the next build the pages it can reuse."""
    from reviewlens.mkdocsbuild import buildio

    before = _identity(server.site)

    def broken(*args, **kwargs):
        raise OSError("disk trouble")

    with monkeypatch.context() as m:
        m.setattr(buildio, "plan_corpus", broken)
        with pytest.raises(OSError):
            server.build()
    server.build()
    after = _identity(server.site)
    assert len([uri for uri in after if before.get(uri) == after[uri]]) == 7  # every case page, reused
    _same_as_a_full_build(server)


def test_a_plain_build_after_serving_in_the_same_process_touches_nothing_of_the_served_site(server, tmp_path):
    """MkDocs keeps the plugin object for the whole process: a later
    `mkdocs build` must not take the served site's pages for its own."""
    server.close()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    served = _pages(server.site)
    config = load_config(str(tmp_path / "mysite" / "mkdocs.yml"), site_dir=str(tmp_path / "other"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert _pages(server.site) == served
    assert _pages(tmp_path / "other") == _pages(_full_build(tmp_path))
