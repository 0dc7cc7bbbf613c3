"""Build time, size, memory and search index of a whole site (issue 5's targets).

    python -m bench.build [--cases 100] [--reports 10] [--seed 1] [--repeat 3] [--skip-baseline] [--work DIR]
    python -m bench.build --scale 10 [--repeat 1]    # 1,000 and 10,000 reports: linear growth, memory

In one run, on one synthetic corpus (bench/synth.py, deterministic from the seed):

- reviewlens: a full build with a cold cache, then a rebuild after adding
  one report, then one after editing one source file;
- the baseline: plain mkdocs-material with one page per report holding a
  fenced, highlighted copy of its case's source and a table of its claims,
  with MkDocs' default navigation;
- plain MkDocs building the same number of trivial one-line pages, kept out
  of the navigation (so it measures the per-page cost, without the quadratic
  navigation that would make it an easy yardstick).

Each build runs in its own process; its wall time and peak memory (the
largest resident set of any process in its tree) are measured, in rounds
that interleave all the builds; each figure is the median of its rounds. The
figures are printed with their targets and the ratios. The machine is noisy:
compare within one run, not across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synth import corpus as make_corpus

TARGETS = [
    # (label, figure, target, comparison)
    ("full build / baseline", "full_over_baseline", 0.12, "<="),
    ("full build / trivial pages", "full_over_trivial", 3.0, "<="),
    ("site size / baseline", "size_over_baseline", 0.2, "<="),
    ("add one report / baseline", "add_over_baseline", 0.03, "<="),
    ("edit one source / baseline", "edit_over_baseline", 0.03, "<="),
    ("search index per report (KB)", "search_kb_per_report", 3.0, "<="),
    ("peak memory (MB)", "peak_mb", 2048, "<="),
]


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds, and the peak memory in MB of the largest process of the
    command's tree (the child's own rusage, which takes in its workers')."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}\n{stderr[-3000:]}")
    return wall, usage.ru_maxrss / 1024


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def baseline_docs(corpus: Path, docs: Path) -> int:
    """One Markdown page per report: its case's source, fenced and highlighted, and its claims."""
    from reviewlens.analyze import analyze_corpus

    analysis = analyze_corpus(corpus)
    n = 0
    for case in analysis.cases:
        src = case.case.source
        ext = src.path.rsplit(".", 1)[-1]
        for r in case.reports:
            rows = "\n".join(
                f"| {c.id} | {c.claim.kind.value} | {c.claim.lines.label() if c.claim.lines else ''} | {c.status.value} |"
                for c in r.claims
            )
            page = docs / case.case.id / f"{r.report.id}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {r.reviewer} on {case.case.title}\n\n```{ext}\n{src.text}\n```\n\n"
                            f"| # | kind | lines | status |\n|---|---|---|---|\n{rows}\n")
            n += 1
    (docs / "index.md").write_text("# Baseline\n")
    return n


def mkdocs_yml(path: Path, docs: Path, site: Path, highlight: bool, nav: list | None = None) -> None:
    extensions = ["pymdownx.highlight", "pymdownx.superfences", "tables"] if highlight else []
    config = {
        "site_name": "baseline", "docs_dir": str(docs), "site_dir": str(site),
        "theme": {"name": "material", "font": False}, "plugins": ["search"],
        "markdown_extensions": extensions,
    }
    if nav is not None:
        config["nav"] = nav
    path.write_text(json.dumps(config))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--reports", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-baseline", action="store_true", help="only build with reviewlens")
    parser.add_argument("--work", type=Path, help="keep the corpus and sites here")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; each figure is the median (default 3)")
    parser.add_argument("--scale", type=int, metavar="K",
                        help="instead: full builds of the corpus and of one K times bigger, in one run")
    args = parser.parse_args()
    if args.scale:
        return scale(args)

    work = args.work or Path(tempfile.mkdtemp(prefix="rl-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    make_corpus(corpus, args.cases, args.reports, args.seed)
    n_reports = args.cases * args.reports
    py = sys.executable
    figures: dict[str, float] = {}
    print(f"corpus: {args.cases} cases x {args.reports} reports = {n_reports} reports, seed {args.seed}, in {work}")

    site, cache = work / "site", work / "cache"
    ours = [py, "-m", "reviewlens", "build", str(corpus), "--site-dir", str(site), "--cache-dir", str(cache)]
    new = corpus / "case-0000" / "reports" / "model-new.md"
    source = next(p for p in sorted((corpus / "case-0001").iterdir()) if p.is_file() and not p.name.endswith(".yaml"))
    original = source.read_bytes()

    baseline = [py, "-m", "mkdocs", "build", "-q", "-f", str(work / "baseline.yml")]
    trivial = [py, "-m", "mkdocs", "build", "-q", "-f", str(work / "trivial.yml")]
    if not args.skip_baseline:
        docs, tdocs = work / "baseline-docs", work / "trivial-docs"
        shutil.rmtree(docs, ignore_errors=True)
        shutil.rmtree(tdocs, ignore_errors=True)
        baseline_docs(corpus, docs)
        mkdocs_yml(work / "baseline.yml", docs, work / "baseline-site", highlight=True)
        for i in range(n_reports):
            (tdocs / f"p{i // 100}").mkdir(parents=True, exist_ok=True)
            (tdocs / f"p{i // 100}" / f"page{i}.md").write_text(f"# Page {i}\n")
        (tdocs / "index.md").write_text("# Trivial\n")
        # Out of the navigation: per-page cost only, the strictest yardstick.
        mkdocs_yml(work / "trivial.yml", tdocs, work / "trivial-site", highlight=False, nav=["index.md"])

    # Rounds interleave every measurement, so a slow spell of the machine
    # touches all of them alike; each figure is the median of its rounds.
    times: dict[str, list[float]] = {k: [] for k in ("full", "add", "edit", "base", "trivial")}
    peaks: list[float] = []
    for round_no in range(1, args.repeat + 1):
        new.unlink(missing_ok=True)
        source.write_bytes(original)
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)  # the full build starts cold, as in a fresh CI job
        wall, peak = run(ours)
        times["full"].append(wall)
        peaks.append(peak)
        new.write_text("---\nreviewer: model-new\n---\nNo security defects are detected. `1 import os`\n")
        times["add"].append(run(ours)[0])
        source.write_bytes(original + b"\n# edited\n")
        times["edit"].append(run(ours)[0])
        if not args.skip_baseline:
            times["base"].append(run(baseline)[0])
            times["trivial"].append(run(trivial)[0])
        print(f"round {round_no}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items() if v), flush=True)

    med = {k: statistics.median(v) for k, v in times.items() if v}
    figures["peak_mb"] = max(peaks)
    figures["search_kb_per_report"] = (site / "search" / "search_index.json").stat().st_size / 1e3 / n_reports
    ours_mb = size_mb(site)
    print(f"reviewlens full build (cold cache): median {med['full']:.1f} s, {ours_mb:.0f} MB, "
          f"peak {figures['peak_mb']:.0f} MB, search {figures['search_kb_per_report']:.2f} KB/report")
    print(f"reviewlens after adding one report: median {med['add']:.2f} s")
    print(f"reviewlens after editing one source: median {med['edit']:.2f} s")
    if not args.skip_baseline:
        base_mb = size_mb(work / "baseline-site")
        print(f"baseline (plain mkdocs-material, highlighted source per report): median {med['base']:.1f} s, {base_mb:.0f} MB")
        print(f"plain mkdocs, {n_reports} trivial pages: median {med['trivial']:.1f} s")
        figures["full_over_baseline"] = med["full"] / med["base"]
        figures["full_over_trivial"] = med["full"] / med["trivial"]
        figures["size_over_baseline"] = ours_mb / base_mb
        figures["add_over_baseline"] = med["add"] / med["base"]
        figures["edit_over_baseline"] = med["edit"] / med["base"]

    print()
    print(f"{'figure':32} {'value':>9} {'target':>8}  result")
    for label, key, target, _ in TARGETS:
        if key not in figures:
            continue
        value = figures[key]
        print(f"{label:32} {value:9.3f} {target:8g}  {'meets' if value <= target else 'MISSES'}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


def scale(args) -> None:
    """Does the cost grow linearly? Full cold builds of N and K x N cases,
    interleaved over the rounds; the ratio of the medians, and peak memory."""
    work = args.work or Path(tempfile.mkdtemp(prefix="rl-bench-"))
    sizes = (args.cases, args.cases * args.scale)
    times: dict[int, list[float]] = {n: [] for n in sizes}
    peaks: dict[int, float] = {n: 0.0 for n in sizes}
    for n in sizes:
        shutil.rmtree(work / f"corpus-{n}", ignore_errors=True)
        make_corpus(work / f"corpus-{n}", n, args.reports, args.seed)
    for round_no in range(1, args.repeat + 1):
        for n in sizes:
            site, cache = work / f"site-{n}", work / f"cache-{n}"
            shutil.rmtree(site, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            wall, peak = run([sys.executable, "-m", "reviewlens", "build", str(work / f"corpus-{n}"),
                              "--site-dir", str(site), "--cache-dir", str(cache)])
            times[n].append(wall)
            peaks[n] = max(peaks[n], peak)
            print(f"round {round_no}: {n * args.reports} reports: {wall:.1f} s, peak {peak:.0f} MB", flush=True)
    small, big = (statistics.median(times[n]) for n in sizes)
    print(f"\n{sizes[1] * args.reports} reports / {sizes[0] * args.reports} reports: "
          f"{big:.1f} s / {small:.1f} s = {big / small:.2f} (target <= {args.scale * 1.2:g}); "
          f"peak memory {peaks[sizes[1]]:.0f} MB (target < 2048)")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
