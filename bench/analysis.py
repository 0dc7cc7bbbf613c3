"""How long the claim engine takes per report (issues 3 and 21's targets).

    python -m bench.analysis [--reports 40] [--repeat 5]

For a 100-line and a 2,000-line source it builds the case index once, then
times extract + verify + score for each report, and prints the median per
report against the target (5 ms and 50 ms); for a 6,000-line source, reviews
of about 60 line citations each (the styles below, one after another), against
200 ms. As a baseline measured in the
same run it times markdown-it parsing the same reports: the floor any
Markdown-aware reader pays. The machine is noisy: compare medians of one run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from markdown_it import MarkdownIt

from bench.synth import STYLES, report, source
from reviewlens.extract import extract_report
from reviewlens.model import Case, Report, Source
from reviewlens.score import score
from reviewlens.textio import split_lines
from reviewlens.verify import CaseSources, verify

# (source lines, styles per report): one style each, or every style together (a long review)
TARGETS_MS = {(100, 1): 5.0, (2000, 1): 50.0, (6000, 8): 200.0}


def run(n_lines: int, n_reports: int, repeat: int, seed: int, styles: int = 1) -> dict[str, float]:
    rng = random.Random(seed)
    text = source(rng, "python", n_lines)
    src = Source("main.py", text, split_lines(text), "python", "")
    reports = ["\n".join(report(rng, text, STYLES[(i + k) % len(STYLES)]) for k in range(styles)) for i in range(n_reports)]
    case = Case("c", "c", "c", "", (src,), (), None)

    t0 = time.perf_counter()
    sources = CaseSources((src,))
    index_ms = (time.perf_counter() - t0) * 1000

    per_report, baseline, claims, cited = [], [], 0, 0
    md = MarkdownIt("commonmark").enable("table")
    for _ in range(repeat):
        for i, body in enumerate(reports):
            r = Report(f"r{i}", f"reports/r{i}.md", body, 0, {})
            t0 = time.perf_counter()
            extraction = extract_report(r)
            checked = verify(list(extraction.claims), body, sources)
            score(r, "m", extraction, checked, case)
            per_report.append((time.perf_counter() - t0) * 1000)
            claims += len(checked)
            cited += sum(1 for c in checked if c.claim.lines is not None and c.claim.kind.value in ("line_ref", "line_quote"))
            t0 = time.perf_counter()
            md.parse(body)
            baseline.append((time.perf_counter() - t0) * 1000)
    return {
        "index_ms": index_ms,
        "median_ms": statistics.median(per_report),
        "p90_ms": sorted(per_report)[int(0.9 * len(per_report))],
        "baseline_ms": statistics.median(baseline),
        "claims_per_report": claims / len(per_report),
        "citations_per_report": cited / len(per_report),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"{'source':>12} {'index once':>11} {'median/report':>14} {'p90':>8} {'target':>8} {'ratio':>6} "
          f"{'markdown-it':>12} {'x baseline':>10} {'claims':>7} {'cited':>6}")
    worst = 0.0
    for (n_lines, styles), target in TARGETS_MS.items():
        r = run(n_lines, args.reports, args.repeat, args.seed, styles)
        ratio = r["median_ms"] / target
        worst = max(worst, ratio)
        print(f"{n_lines:>7} lines {r['index_ms']:>9.1f}ms {r['median_ms']:>12.2f}ms {r['p90_ms']:>6.2f}ms "
              f"{target:>6.1f}ms {ratio:>6.2f} {r['baseline_ms']:>10.2f}ms {r['median_ms'] / r['baseline_ms']:>10.1f} "
              f"{r['claims_per_report']:>7.1f} {r['citations_per_report']:>6.1f}")
    print("meets targets" if worst <= 1 else "MISSES a target (ratio > 1)")


if __name__ == "__main__":
    main()
