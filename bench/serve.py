"""How soon `mkdocs serve` shows an edited report (issue 16's target: under 2 s
on a 1,000-report corpus).

    python -m bench.serve [--cases 100] [--reports 10] [--edits 5] [--seed 1] [--work DIR]

In one run, on one synthetic corpus (bench/synth.py), one after another:
`mkdocs serve --dirty` with the reviewlens plugin (a rebuild writes only the
pages that change), plain `mkdocs serve` (MkDocs writes every page on every
rebuild), the same with the plugin's cache off (`cache: false`: every rebuild
analyses everything, the old behaviour), and plain MkDocs serving as many
trivial pages, with and without --dirty (the yardstick: MkDocs' own cost of a
rebuild). For each, after the first build, one report (or page) is
edited --edits times; each edit is timed from the write until the served page
holds the new text. Medians are printed, with the ratios to the yardstick
and the target. The machine is noisy: compare within one run.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.synth import corpus as make_corpus

TARGET_SECONDS = 2.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def wait_for(url: str, text: str, limit: float) -> float:
    """Seconds until the page at url holds text (polled every 20 ms)."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        page = fetch(url)
        if page is not None and text in page:
            return time.monotonic() - start
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {text!r} within {limit:.0f} s")


def serve(site: Path, edited: Path, page_url: str, edits: int, label: str, extra: tuple[str, ...] = ()) -> list[float]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-q", "-a", f"127.0.0.1:{port}", *extra], cwd=site,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        start = time.monotonic()
        original = edited.read_text(encoding="utf-8")
        wait_for(base + page_url, "<html", 600)
        print(f"  {label}: first build served after {time.monotonic() - start:.1f} s", flush=True)
        times = []
        for i in range(edits):
            marker = f"edit-marker-{label.replace(' ', '-')}-{i}"
            time.sleep(1.0)  # let the watcher settle after the last rebuild
            edited.write_text(original + f"\n\nA note added in {marker}.\n", encoding="utf-8")
            took = wait_for(base + page_url, marker, 300)
            times.append(took)
            print(f"  {label}: edit {i + 1} shown after {took:.2f} s", flush=True)
        edited.write_text(original, encoding="utf-8")
        return times
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--reports", type=int, default=10)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="reviewlens-bench-serve-"))
    corpus = make_corpus(work / "corpus", args.cases, args.reports, args.seed)
    n = args.cases * args.reports
    print(f"corpus: {args.cases} cases x {args.reports} reports = {n} reports, seed {args.seed}, in {work}")
    case = sorted(p for p in corpus.iterdir() if p.is_dir())[0]
    report = sorted((case / "reports").iterdir())[0]
    page = f"cases/{case.name}/{report.stem}/"

    figures = {}
    runs = (("reviewlens, serve --dirty", "true", ("--dirty",)), ("reviewlens", "true", ()),
            ("reviewlens, no cache", "false", ()))
    for label, cache, extra in runs:
        site = work / label.replace(", ", "-").replace(" ", "-")
        (site / "docs").mkdir(parents=True, exist_ok=True)
        (site / "mkdocs.yml").write_text(
            "site_name: bench\ntheme: {name: material, font: false}\n"
            f"plugins:\n  - search\n  - reviewlens:\n      corpus: {corpus}\n      cache: {cache}\n"
            f"      cache_dir: {work / ('cache-' + cache)}\n", encoding="utf-8")
        figures[label] = statistics.median(serve(site, report, page, args.edits, label, extra))

    trivial = work / "trivial"
    docs = trivial / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for i in range(n + args.cases + 4):  # as many pages as the reviewlens site has
        (docs / f"p{i:05d}.md").write_text(f"# Page {i}\n\nText.\n", encoding="utf-8")
    (trivial / "mkdocs.yml").write_text("site_name: trivial\ntheme: {name: material, font: false}\nnav: [p00000.md]\n"
                                        "plugins: [search]\n", encoding="utf-8")
    figures["trivial pages"] = statistics.median(serve(trivial, docs / "p00001.md", "p00001/", args.edits, "trivial"))
    figures["trivial pages, serve --dirty"] = statistics.median(
        serve(trivial, docs / "p00002.md", "p00002/", args.edits, "trivial dirty", ("--dirty",)))

    print()
    print(f"{'figure':<44} {'median':>8}")
    for label, value in figures.items():
        print(f"{'edit shown, ' + label + ' (s)':<44} {value:>8.2f}")
    ours, yardstick = figures["reviewlens"], figures["trivial pages"]
    dirty = figures["reviewlens, serve --dirty"]
    print(f"{'reviewlens / trivial pages':<44} {ours / yardstick:>8.2f}")
    print(f"{'reviewlens / no cache':<44} {ours / figures['reviewlens, no cache']:>8.2f}")
    print(f"{'reviewlens --dirty / trivial pages --dirty':<44} {dirty / figures['trivial pages, serve --dirty']:>8.2f}")
    for label, value in (("mkdocs serve", ours), ("mkdocs serve --dirty", dirty)):
        verdict = "meets" if value < TARGET_SECONDS else "MISSES"
        print(f"target: an edit shown in under {TARGET_SECONDS:.0f} s on {n} reports, {label}: {value:.2f} s, {verdict}")


if __name__ == "__main__":
    main()
