"""How soon `mkdocs serve` shows an edited report (issue 16's target: under 2 s
on a 1,000-report corpus).

    python -m bench.serve [--cases 100] [--reports 10] [--edits 5] [--seed 1] [--work DIR]

In one run, on one synthetic corpus (bench/synth.py), one after another:
plain `mkdocs serve` with the reviewlens plugin (MkDocs empties its folder
on every rebuild; the plugin puts back the pages of unchanged cases),
`mkdocs serve --dirty` (MkDocs leaves the folder; the plugin writes only the
pages that change), the plugin with its cache off (`cache: false`: every
rebuild analyses and writes everything, the old behaviour), and plain MkDocs
serving as many trivial pages, with and without --dirty (the yardstick:
MkDocs' own cost of a rebuild). For each, after the first build, one report
(or page) is edited --edits times, then a new one is added as many times;
each is timed from the write until the served page holds the new text.
Medians are printed, with the ratios to the yardstick and the target. The
machine is noisy: compare within one run.
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
from collections.abc import Callable
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


def wait_gone(url: str, limit: float) -> None:
    """Until the page at url is no longer served, or limit seconds (plain
    MkDocs under --dirty never removes a page whose file went)."""
    start = time.monotonic()
    while fetch(url) is not None and time.monotonic() - start < limit:
        time.sleep(0.05)


def serve(site: Path, edited: Path, page_url: str, edits: int, label: str, added: Callable[[int], tuple[Path, str]],
          extra: tuple[str, ...] = ()) -> tuple[list[float], list[float]]:
    """The times an edit of `edited` took to show, and those of a new file
    (added(i): its path and its page's url)."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (site / ("serve-dirty.log" if "--dirty" in extra else "serve.log")).open("w")  # MkDocs' account of each rebuild
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *extra], cwd=site,
                            stdout=log, stderr=log, env=env, start_new_session=True)
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
        adds = []
        for i in range(edits):
            new, url = added(i)
            marker = f"add-marker-{label.replace(' ', '-')}-{i}"
            time.sleep(1.0)
            new.write_text(original + f"\n\nA note added in {marker}.\n", encoding="utf-8")
            adds.append(wait_for(base + url, marker, 300))
            print(f"  {label}: new file {i + 1} shown after {adds[-1]:.2f} s", flush=True)
            new.unlink()
            wait_gone(base + url, 10)
        return times, adds
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


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

    def new_report(i: int) -> tuple[Path, str]:
        return case / "reports" / f"added-{i}.md", f"cases/{case.name}/added-{i}/"

    figures: dict[str, tuple[float, float]] = {}  # label -> medians: an edit shown, a new file shown
    runs = (("reviewlens", "true", ()), ("reviewlens, serve --dirty", "true", ("--dirty",)),
            ("reviewlens, no cache", "false", ()))
    for label, cache, extra in runs:
        site = work / label.replace(", ", "-").replace(" ", "-")
        (site / "docs").mkdir(parents=True, exist_ok=True)
        (site / "mkdocs.yml").write_text(
            "site_name: bench\ntheme: {name: material, font: false}\n"
            f"plugins:\n  - search\n  - reviewlens:\n      corpus: {corpus}\n      cache: {cache}\n"
            f"      cache_dir: {work / ('cache-' + cache)}\n", encoding="utf-8")
        edits, adds = serve(site, report, page, args.edits, label, new_report, extra)
        figures[label] = statistics.median(edits), statistics.median(adds)

    trivial = work / "trivial"
    docs = trivial / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for i in range(n + args.cases + 4):  # as many pages as the reviewlens site has
        (docs / f"p{i:05d}.md").write_text(f"# Page {i}\n\nText.\n", encoding="utf-8")
    (trivial / "mkdocs.yml").write_text("site_name: trivial\ntheme: {name: material, font: false}\nnav: [p00000.md]\n"
                                        "plugins: [search]\n", encoding="utf-8")
    for label, page_name, extra in (("trivial pages", "p00001", ()), ("trivial pages, serve --dirty", "p00002", ("--dirty",))):
        edits, adds = serve(trivial, docs / f"{page_name}.md", f"{page_name}/", args.edits, label,
                            lambda i: (docs / f"added-{i}.md", f"added-{i}/"), extra)
        figures[label] = statistics.median(edits), statistics.median(adds)

    print()
    print(f"{'medians (s)':<32} {'edit shown':>11} {'new shown':>10}")
    for label, (edit, add) in figures.items():
        print(f"{label:<32} {edit:>11.2f} {add:>10.2f}")
    print()
    ours, dirty, yardstick = figures["reviewlens"], figures["reviewlens, serve --dirty"], figures["trivial pages"]
    print(f"{'reviewlens / trivial pages':<44} {ours[0] / yardstick[0]:>8.2f}")
    print(f"{'reviewlens / no cache':<44} {ours[0] / figures['reviewlens, no cache'][0]:>8.2f}")
    print(f"{'reviewlens --dirty / trivial pages --dirty':<44} {dirty[0] / figures['trivial pages, serve --dirty'][0]:>8.2f}")
    for label, (edit, add) in (("mkdocs serve", ours), ("mkdocs serve --dirty", dirty)):
        for what, value in (("an edited report", edit), ("a new report", add)):
            verdict = "meets" if value < TARGET_SECONDS else "MISSES"
            print(f"target: {what} shown in under {TARGET_SECONDS:.0f} s on {n} reports, {label}: {value:.2f} s, {verdict}")


if __name__ == "__main__":
    main()
