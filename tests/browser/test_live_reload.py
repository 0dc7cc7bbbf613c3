"""`mkdocs serve` reloads a review page when its report is edited (issue 22): MkDocs
injects its live-reload script inline, and the page's Content-Security-Policy
blocked it, so an edit never showed until a manual reload."""

import time

from tests.helpers import REPO, MkdocsServe, write_tree


def test_an_edited_report_shows_in_the_open_page_within_seconds(tmp_path, page):
    write_tree(tmp_path, {
        "mkdocs.yml": f"INHERIT: {REPO / 'templates' / 'mkdocs.base.yml'}\nsite_name: Reload\n"
                      f"docs_dir: {REPO / 'templates' / 'docs_dir'}\nplugins:\n  - search\n  - reviewlens:\n"
                      f"      corpus: corpus\n",
        "corpus/c/a.py": "import os\n\n\ndef run(cmd):\n    os.system(cmd)\n",
        "corpus/c/reports/r.md": "The call `os.system(cmd)` runs a shell.\n",
    })
    server = MkdocsServe(tmp_path)
    try:
        server.wait("/cases/c/r/", "runs a shell")
        page.goto(f"http://127.0.0.1:{server.port}/cases/c/r/")
        assert "runs a shell" in page.inner_text("article")
        time.sleep(1.5)  # the page's reload poll is connected
        (tmp_path / "corpus" / "c" / "reports" / "r.md").write_text("The call `os.system(cmd)` runs a command, edited.\n")
        edited = time.monotonic()
        while "edited" not in _article(page) and time.monotonic() - edited < 15:
            time.sleep(0.1)  # (the page's policy forbids the string evaluation wait_for_function uses)
        took = time.monotonic() - edited
        assert "edited" in _article(page), "the page never reloaded"
        assert took < 3.0, took
    finally:
        server.stop()


def _article(page) -> str:
    try:
        return page.inner_text("article")
    except Exception:  # the page is between two loads
        return ""
