"""Test helpers: write corpora, run the reviewlens command, build sites
in-process, fingerprint a folder, check links."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create files under root from {relative path: text or bytes}."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


# A case of many_cases(): a small module with one injection, on a line that moves with the case's number.
_APP = """import sqlite3


def connect(path):
    return sqlite3.connect(path)
{padding}

def find_user(db, name):
    query = "SELECT * FROM users WHERE name = '" + name + "'"
    return db.execute(query).fetchall()


def count_users(db):
    return db.execute("SELECT count(*) FROM users").fetchone()[0]
"""
# The reports' ways of being right and wrong: a right line, a wrong line, a quote, a name that is not there.
_REPORTS = (
    "SQL injection in `find_user` on line {sink}: `name` is concatenated into the query.\n",
    "Line {wrong}: `count_users` builds its query from user input (SQL injection).\n",
    "The query in `find_user` is built by hand:\n\n```python\n{sink_code}\n```\n\nUse a parameter.\n",
    "`sanitize_input` on line {sink} escapes the name, so no injection is possible.\n",
)


def many_cases(root: Path, cases: int, reports: int) -> Path:
    """A corpus of `cases` small cases with `reports` reports each, case k differing from the others
    (its sink moves by k lines, its reports take turns at being right and wrong), with truth files."""
    for k in range(cases):
        # Sixty-odd helpers: each case's work is a real file's, so a build of many cases takes seconds.
        padding = "".join(f"\n\ndef helper_{n}(value):\n    return value * {n} + len(str(value))\n" for n in range(60 + k % 7))
        src = _APP.format(padding=padding)
        lines = src.splitlines()
        sink = next(n for n, line in enumerate(lines, 1) if "WHERE name" in line)
        files = {
            "app.py": src,
            "case.yaml": f"title: Case {k}\nsource: app.py\nlanguage: python\n",
            "truth.yaml": f"verdict: defects_found\ndefects:\n  - {{id: sqli, title: SQL injection, cwe: CWE-89, lines: [{sink}, {sink + 1}]}}\n",
        }
        for r in range(reports):
            text = _REPORTS[(k + r) % len(_REPORTS)].format(sink=sink, wrong=sink + 5, sink_code=lines[sink - 1].strip())
            files[f"reports/model-{r:02d}.md"] = f"---\nreviewer: model-{r:02d}\n---\n" + text
        write_tree(root / f"case-{k:04d}", files)
    return root


def reviewlens(*args, cwd: Path | None = None, timeout: float = 600, **options) -> subprocess.CompletedProcess:
    """The reviewlens command, run as a user runs it: in its own process, with
    its output captured as text."""
    return subprocess.run([sys.executable, "-m", "reviewlens", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, **options)


def start_reviewlens(*args, cwd: Path | None = None, **options) -> subprocess.Popen:
    """The reviewlens command, started and left running (to be killed, or waited for)."""
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen([sys.executable, "-m", "reviewlens", *map(str, args)], cwd=cwd, **options)


def build(corpus: Path, site: Path, *args, **options) -> subprocess.CompletedProcess:
    """`reviewlens build CORPUS --site-dir SITE [args]`, as reviewlens() runs it."""
    return reviewlens("build", corpus, "--site-dir", site, *args, **options)


def digest(folder: Path) -> dict[str, str]:
    """Every file under folder, by relative path, with the SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def tool(name: str) -> str | None:
    """A command-line tool installed beside this Python (in its environment),
    whatever the environment is called; None when it is not installed."""
    path = Path(sys.executable).parent / name
    return str(path) if path.is_file() else None


def build_site(corpus: Path, site_dir: Path, *, strict: bool = True) -> None:
    """An in-process MkDocs build of a corpus, as `reviewlens build` sets it up."""
    from mkdocs.commands.build import build

    from reviewlens.mkdocsbuild.site import mkdocs_config

    docs = site_dir.parent / (site_dir.name + "-docs")
    docs.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    build(mkdocs_config(corpus, "test", docs, site_dir, strict))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"])


def parse_links(html: str) -> _Links:
    p = _Links()
    p.feed(html)
    return p


def broken_links(site: Path) -> list[str]:
    """Every internal link or #fragment in the site that leads nowhere."""
    pages = {p: parse_links(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    broken = []
    for page, links in pages.items():
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):  # root-absolute (MkDocs' 404 page): served at /
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse_links(target.read_text()).ids
                fragment = unquote(parts.fragment)
                if fragment not in ids and not _line_range_ok(fragment, ids):
                    broken.append(f"{page.relative_to(site)}: {href} (no #{fragment} there)")
    return broken


def _line_range_ok(fragment: str, ids: set[str]) -> bool:
    """#L21-L53 is resolved by the page's script from #L21 and #L53."""
    if fragment.startswith("L") and "-L" in fragment:
        first, last = fragment.split("-", 1)
        return first in ids and last in ids
    return False


class MkdocsServe:
    """`mkdocs serve` in tmp_path, as a user runs it and stops it (Ctrl-C),
    with its temporary folders under tmp_path/tmp so that what it leaves
    behind can be seen."""

    def __init__(self, tmp_path, *options: str) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.temp = tmp_path / "tmp"
        self.temp.mkdir()
        self.proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *options],
                                     cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env={**os.environ, "TMPDIR": str(self.temp)})

    def fetch(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as r:
                return r.read().decode()
        except OSError:
            return None

    def wait(self, path: str, text: str) -> str:
        deadline = time.time() + 120
        while time.time() < deadline:
            page = self.fetch(path)
            if page is not None and text in page:
                return page
            time.sleep(0.2)
        raise AssertionError(f"{path} never showed {text!r}")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=60)
