"""The reviewlens command: build the site, or print the analysis as JSON.

Exit codes: 0 all input used; 1 done, but some input was skipped or partly
read (each problem named on stderr); 2 bad usage or an unusable corpus.
"""

from __future__ import annotations

import logging
import os
import shlex
import sys
from pathlib import Path

import click

from reviewlens import __version__
from reviewlens.analyze import analyze_corpus
from reviewlens.cliopts import Shard, cache_options
from reviewlens.ingest import CorpusError
from reviewlens.outputs import annotations, gate
from reviewlens.results import Analysis
from reviewlens.textio import printable
from reviewlens.view.vocabulary import pct

OK, PROBLEMS, UNUSABLE = 0, 1, 2


def say(line: str, err: bool = True) -> None:
    """Print one line. Names, titles and messages come from the corpus: each
    control character is printed as an escape, so that no value can start a
    line of its own in a CI log (a "::error::" workflow command) or drive the terminal."""
    click.echo(printable(line), err=err)


def _analyze_or_exit(corpus: Path, jobs: int | None = None, show_progress: bool = False) -> Analysis:
    try:
        return analyze_corpus(corpus, jobs=jobs, show_progress=show_progress)
    except CorpusError as err:
        say(f"reviewlens: {err}")
        sys.exit(UNUSABLE)


def _cached_build(corpus: Path, jobs: int | None, cache_dir: Path, shard: tuple[int, int] | None = None,
                  show_progress: bool = False):
    from reviewlens.mkdocsbuild.stream import through_cache

    try:
        return through_cache(corpus, cache_dir, jobs=jobs, shard=shard, show_progress=show_progress)
    except CorpusError as err:
        say(f"reviewlens: {err}")
        sys.exit(UNUSABLE)


def _shared_analysis(corpus: Path, jobs: int | None, cache_dir: Path | None, no_cache: bool) -> Analysis:
    """The analysis `check` and `export` read: taken from the build cache for
    every case whose files are unchanged (and put there for the others), so a
    CI job that checks, builds and exports analyses each case once."""
    if no_cache:
        return _analyze_or_exit(corpus, jobs)
    from reviewlens.mkdocsbuild.cache import default_folder

    built = _cached_build(corpus, jobs, cache_dir or default_folder(corpus))
    if built.from_cache:
        say(f"reviewlens: {built.from_cache} of {len(built.analysis.cases)} case(s) from the cache")
    return built.analysis


def _report_problems(analysis: Analysis) -> int:
    for problem in analysis.problems:
        say(f"reviewlens: {problem}")
    return PROBLEMS if analysis.problems else OK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewlens")
def cli() -> None:
    """Check AI-written code reviews against the code they review.

    A corpus is a folder with one sub-folder per reviewed file (a "case"):
    the source file, reports/ with one review per file (Markdown or text:
    .md, .markdown, .txt; a static analyser's SARIF: .sarif; bandit's or
    semgrep's JSON, or structured findings: .json; bandit's text report:
    .txt), and optional case.yaml and truth.yaml. See the README.
    """
    from reviewlens.workers import batch_gc

    batch_gc()  # every command is a batch run


@cli.command()
@click.argument("corpus", default="site_src", type=click.Path(path_type=Path))
@click.option("--site-dir", default="site", show_default=True, type=click.Path(path_type=Path),
              help="Where to write the site. It is replaced only when the build succeeds.")
@click.option("--cache-dir", type=click.Path(path_type=Path),
              help="What a rebuild can reuse: each case's analysis, by content hash (default: a folder per corpus "
                   "in your user cache folder, outside the repository). Keep it between CI runs, with the site "
                   "folder, for fast rebuilds.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the build cache.")
@click.option("--full", is_flag=True, help="Build every page, even those the last build made as they are.")
@click.option("--strict", is_flag=True, help="Fail on any MkDocs warning.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes for the analysis (default: one per core).")
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs' own log.")
@click.option("--docs-dir", type=click.Path(path_type=Path),
              help="Instead of a site, write a project folder (mkdocs.yml and docs/) that MkDocs and Zensical "
                   "both build into the same site, for builds that cannot run the plugin.")
def build(corpus: Path, site_dir: Path, cache_dir: Path, no_cache: bool, full: bool, strict: bool,
          jobs: int | None, verbose: bool, docs_dir: Path | None) -> None:
    """Analyse CORPUS (default: site_src) and build the site, with annotations.json.

    A rebuild reuses the cases whose files have not changed and rewrites only
    the pages that differ; the result is the same as a full build.
    """
    if docs_dir is not None:
        _docs_dir(corpus, docs_dir, jobs)
        return
    from reviewlens.mkdocsbuild.cache import default_folder
    from reviewlens.mkdocsbuild.site import BuildFailed, build_site
    from reviewlens.mkdocsbuild.sitedir import SiteDirRefused

    logging.basicConfig(format="%(levelname)s %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.INFO if verbose else logging.WARNING)
    # Reproducible output (sitemap dates): the same corpus gives the same bytes.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

    title = _title(corpus)  # also: exit 2 before anything is written when the corpus is unusable
    try:
        done = build_site(corpus, site_dir, title=title,
                          cache_dir=None if no_cache else cache_dir or default_folder(corpus), full=full,
                          strict=strict, jobs=jobs)
    except (CorpusError, SiteDirRefused) as err:
        say(f"reviewlens: {err}")
        sys.exit(UNUSABLE)
    except BuildFailed as err:
        say(f"reviewlens: the site build failed, {_shown(site_dir.resolve())} is unchanged: {err}")
        sys.exit(UNUSABLE)

    analysis = done.built.analysis
    for note in done.notes:
        say(f"reviewlens: {note}")
    code = _report_problems(analysis)
    n_reports = sum(len(c.reports) for c in analysis.cases)
    cached = f" ({done.built.from_cache} from the cache)" if done.built.from_cache else ""
    written = f", {done.pages_written} of {done.pages_total} pages rewritten" if done.incremental else ""
    say(
        f"reviewlens: built {len(analysis.cases)} case(s){cached}, {n_reports} report(s) into {_shown(site_dir.resolve())}"
        + written + (f" with {len(analysis.problems)} problem(s)" if analysis.problems else ""),
    )
    # Opened from disk, folder links show listings and search cannot load: say how to read it.
    say(f"reviewlens: to read it, serve the folder: python3 -m http.server -d {shlex.quote(_shown(site_dir.resolve()))} 8000, "
        "then open http://localhost:8000/")
    sys.exit(code)


def _docs_dir(corpus: Path, docs_dir: Path, jobs: int | None) -> None:
    from reviewlens.mkdocsbuild import docsdir
    from reviewlens.mkdocsbuild.sitedir import SiteDirRefused

    title = _title(corpus)
    analysis = _analyze_or_exit(corpus, jobs, show_progress=True)
    try:
        folder = docsdir.write(corpus, docs_dir, analysis, title)
    except (CorpusError, SiteDirRefused) as err:
        say(f"reviewlens: {str(err).replace('--site-dir', '--docs-dir')}")
        sys.exit(UNUSABLE)
    code = _report_problems(analysis)
    say(f"reviewlens: wrote {len(analysis.cases)} case(s) as a documentation folder into {_shown(folder)}; "
        f"build it with: cd {shlex.quote(_shown(folder))} && mkdocs build (or zensical build)")
    sys.exit(code)


def _title(corpus: Path) -> str:
    from reviewlens.ingest import read_outline

    try:
        return read_outline(corpus).title
    except CorpusError as err:
        say(f"reviewlens: {err}")
        sys.exit(UNUSABLE)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@cli.command()
@click.argument("corpus", default="site_src", type=click.Path(path_type=Path))
@click.option("--json", "json_file", type=click.Path(path_type=Path),
              help="Write annotations.json here instead of standard output.")
@click.option("--shard", type=Shard(),
              help="Analyse only the K-th of N blocks of cases, for a CI matrix: writes that part of "
                   "annotations.json, and the cases' analyses and pages into --cache-dir for `merge` and `build`.")
@click.option("--cache-dir", type=click.Path(path_type=Path),
              help="With --shard (and required there): where this shard's analyses, pages and part go.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes for the analysis (default: one per core).")
def analyze(corpus: Path, json_file: Path | None, shard: tuple[int, int] | None, cache_dir: Path, jobs: int | None) -> None:
    """Analyse CORPUS and print annotations.json (no site)."""
    if shard is not None and cache_dir is None:
        raise click.UsageError("--shard needs --cache-dir: the folder `merge` will read")
    if shard is None:
        analysis = _analyze_or_exit(corpus, jobs, show_progress=json_file is not None)
        text = annotations.dumps(analysis)
    else:
        analysis, text = _analyze_shard(corpus, shard, cache_dir, jobs)
    if json_file is None:
        click.echo(text, nl=False)
    else:
        json_file.write_text(text, encoding="utf-8")
    sys.exit(_report_problems(analysis))


def _analyze_shard(corpus: Path, shard: tuple[int, int], cache_dir: Path, jobs: int | None) -> tuple[Analysis, str]:
    from reviewlens.mkdocsbuild.shards import store_part

    built = _cached_build(corpus, jobs, cache_dir, shard, show_progress=True)
    store_part(cache_dir, shard, built.annotations)
    return built.analysis, built.annotations


@cli.command()
@click.argument("shard_dirs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--cache-dir", required=True, type=click.Path(path_type=Path),
              help="The cache `reviewlens build --cache-dir` will read: every shard's entries are copied here.")
@click.option("--json", "json_file", type=click.Path(path_type=Path),
              help="Write the whole annotations.json here (default: standard output).")
def merge(shard_dirs: tuple[Path, ...], cache_dir: Path, json_file: Path | None) -> None:
    """Join the cache folders that `analyze --shard K/N` wrote, one per shard.

    Checks that every shard of one run is there, writes the whole
    annotations.json (the same bytes as one unsharded `analyze`), and merges
    the folders into --cache-dir, so that `build --cache-dir` analyses nothing.
    """
    from reviewlens.mkdocsbuild.shards import MergeError, join, merge_into

    try:
        parts = merge_into(list(shard_dirs), cache_dir)
        text = join(parts)
    except MergeError as err:
        say(f"reviewlens: cannot merge: {err}")
        sys.exit(UNUSABLE)
    if json_file is None:
        click.echo(text, nl=False)
    else:
        json_file.write_text(text, encoding="utf-8")
    n = sum(len(p["cases"]) for p in parts)
    say(f"reviewlens: merged {len(parts)} shard(s), {n} case(s), into {cache_dir}")


@cli.command()
@click.argument("corpus", default="site_src", type=click.Path(path_type=Path))
@click.option("--fail-under", type=click.FloatRange(0, 100), required=True,
              help="Lowest claim accuracy, in percent, that a report may have.")
@click.option("--max-hallucinations", "--max-not-in-source", "max_hallucinations", type=click.IntRange(min=0),
              help="Most hallucinations (quoted code or names that are nowhere in the file) a report may have; "
                   "the site, annotations.json and SARIF's RL002 count the same. --max-not-in-source is its old name.")
@cache_options
@click.option("--markdown", type=click.Path(path_type=Path, dir_okay=False),
              help="Append the table as Markdown to this file (in GitHub Actions: \"$GITHUB_STEP_SUMMARY\").")
@click.option("--changed", multiple=True, type=click.Path(path_type=Path),
              help="Only the reports these files touch (repeatable; e.g. what a pull request adds or changes): a "
                   "report file itself, and every report of a case whose source, case.yaml or truth.yaml is given. "
                   "Other paths are ignored.")
@click.option("--site", "site", type=click.Path(path_type=Path, file_okay=False),
              help="A site built from CORPUS (by MkDocs, Zensical or reviewlens): fail unless it has every review page. "
                   "A build that runs without the reviewlens plugin skips them silently.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes for the analysis.")
def check(corpus: Path, fail_under: float, max_hallucinations: int | None, cache_dir: Path | None, no_cache: bool,
          markdown: Path | None, changed: tuple[Path, ...], site: Path | None, jobs: int | None) -> None:
    """Gate CI on reports: a table, and exit 1 when a report falls under the bar or input was skipped.

    A report with no checkable claims has no accuracy and is not failed for it.
    """
    from reviewlens.outputs.sarif import gate_rows

    analysis = _shared_analysis(corpus, jobs, cache_dir, no_cache)
    rows = gate.touched(gate_rows(analysis), corpus, changed) if changed else gate_rows(analysis)
    results = [gate.result(row, fail_under, max_hallucinations) for row in rows]
    width = max([len(row.name) for row in rows] + [6])
    say(f"{'report':<{width}}  {'reviewer':<24} {'accuracy':>8} {'hallucinations':>14}  result", err=False)
    for row, result in zip(rows, results):
        m = row.result.metrics
        say(f"{row.name:<{width}}  {printable(row.result.reviewer)[:24]:<24} {pct(m.accuracy):>8} {m.hallucinated:>14}  "
            + result, err=False)
    failing = sum(result != "ok" for result in results)
    say(f"{len(rows) - failing} of {len(rows)} reports pass.", err=False)
    if markdown is not None:
        with markdown.open("a", encoding="utf-8") as out:
            out.write(gate.markdown_table(rows, results, fail_under, bool(changed)))
    problems = _report_problems(analysis)
    missing = _missing_pages(corpus, site) if site is not None else 0
    sys.exit(PROBLEMS if failing or problems or missing else OK)


def _missing_pages(corpus: Path, site: Path) -> int:
    """How many of the corpus's review pages the built site lacks, each said (the first few)."""
    from reviewlens.mkdocsbuild.stream import plan_corpus

    uris = plan_corpus(corpus).uris()
    missing, total = gate.missing_pages(uris, site), len(uris)
    if missing:
        say(f"reviewlens: {_shown(site)} lacks {len(missing)} of the {total} review pages "
            f"({', '.join(missing[:3])}{' ...' if len(missing) > 3 else ''}): it was built without the reviewlens "
            "plugin, which MkDocs without it and Zensical skip silently. Build it with `reviewlens build`, or write "
            "a folder any of them builds with `reviewlens build --docs-dir`.")
    else:
        say(f"reviewlens: {_shown(site)} has all {total} review pages.")
    return len(missing)


@cli.command()
@click.argument("corpus", default="site_src", type=click.Path(path_type=Path))
@click.option("--sarif", "sarif_file", type=click.Path(path_type=Path), required=True,
              help="Write every claim that is not correct as a SARIF 2.1.0 result here.")
@click.option("--repo-root", type=click.Path(path_type=Path, file_okay=False),
              help="The repository's root, that SARIF locations are relative to (default: git's, else the current folder).")
@cache_options
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes for the analysis.")
def export(corpus: Path, sarif_file: Path, repo_root: Path | None, cache_dir: Path | None, no_cache: bool,
           jobs: int | None) -> None:
    """Export the analysis for other tools (SARIF, for GitHub code scanning)."""
    import json

    from reviewlens.outputs.sarif import git_root, sarif

    root = (repo_root or git_root(corpus) or Path.cwd()).resolve()
    try:
        inside = corpus.resolve().relative_to(root).as_posix()
    except ValueError:
        say(f"reviewlens: the corpus {corpus} is not inside the repository root {root}; give --repo-root")
        sys.exit(UNUSABLE)
    analysis = _shared_analysis(corpus, jobs, cache_dir, no_cache)
    data = sarif(analysis, "" if inside == "." else inside)
    sarif_file.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    n = len(data["runs"][0]["results"])
    say(f"reviewlens: {n} result(s) written to {sarif_file}")
    sys.exit(_report_problems(analysis))


# Where GitHub's Markdown starts a link by itself: "https:" before "//", "www" before "."
def main() -> None:
    cli(prog_name="reviewlens")
