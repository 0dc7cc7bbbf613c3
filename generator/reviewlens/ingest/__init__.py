"""Stage 1: read a corpus folder into Corpus/Case/Source/Report records.

The layout (see README): CORPUS/[corpus.yaml] and one folder per case holding
[case.yaml], the reviewed source, [truth.yaml] and reports/*.md|*.txt.
Bad input never stops the read: it becomes a Problem on the record it
belongs to, naming the file, and the rest goes on. The settings files are
read in settings.py, the reports in reports.py.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.util import ClassNotFound

from reviewlens.ingest.files import NAME_MAX, TEXT_MAX, file_size, read_file
from reviewlens.ingest.reports import read_reports
from reviewlens.ingest.settings import CORPUS_SETTINGS, CaseSettings, Said, nearest, read_case_settings, read_settings
from reviewlens.ingest.truth import read_truth
from reviewlens.lexing import trusted
from reviewlens.model import Case, Corpus, Problem, Source
from reviewlens.textio import MAX_BYTES, decode, shown_name, split_lines, url_names, utf8_names

CASE_FILES = {"case.yaml", "case.yml", "truth.yaml", "truth.yml"}


class CorpusError(Exception):
    """The corpus as a whole cannot be used (exit code 2)."""


def read_corpus(root: Path) -> Corpus:
    """The whole corpus, read in this process."""
    outline = read_outline(root)
    cases = tuple(read_case(root, folder, case_id) for folder, case_id in outline.cases)
    return with_cases(outline, cases)


@dataclass(frozen=True, slots=True)
class Outline:
    """A corpus before its cases are read: settings, case folders and their ids."""

    root: str
    title: str
    description: str
    reviewers: dict[str, str]
    cases: tuple[tuple[str, str], ...]  # (folder, case id)
    problems: tuple[Problem, ...]


def read_outline(root: Path) -> Outline:
    if not root.is_dir():
        raise CorpusError(f"{root}: not a folder (expected a corpus: one folder per case)")
    problems: list[Problem] = []
    settings = read_settings(root / "corpus.yaml", root, CORPUS_SETTINGS, lambda rel, said: problems.append(Problem(rel, said)))
    folders, undecodable = utf8_names(sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))))
    for name in undecodable:
        problems.append(Problem(shown_name(name), "is a folder whose name is not UTF-8; skipped (rename it)"))
    ids, clashes = url_names(folders)
    for group in clashes:
        for name in group:
            others = ", ".join(ascii(o) if not o.isascii() else repr(o) for o in group if o != name)  # é vs e + ◌́ show apart
            problems.append(Problem(name, f"would have the same URL as {others} (their names differ only in "
                                          "capitals or in how an accent is encoded); rename one of them: neither is shown"))
    cases = []
    for name in folders:
        if name not in ids:
            continue
        case_dir = root / name
        if _escapes(case_dir, root):
            problems.append(Problem(name, "is a link that leads out of the corpus; skipped"))
            continue
        if not (case_dir / "reports").is_dir():
            problems.append(Problem(name, "has no reports/ folder; not a case, skipped"))
            continue
        if _escapes(case_dir / "reports", root):  # its file names would be listed on the site
            problems.append(Problem(name, "reports/ is a link that leads out of the corpus; skipped"))
            continue
        cases.append((name, ids[name]))
    if not cases:
        raise CorpusError(_no_case(root))
    said = Said(lambda said: problems.append(Problem("corpus.yaml", said)))
    return Outline(
        root=root.resolve().name,
        title=said.text("title", settings.get("title"), NAME_MAX) or "reviewlens",
        description=said.text("description", settings.get("description"), TEXT_MAX),
        reviewers={said.text("reviewers", k, NAME_MAX): said.text(f"reviewers.{k}", v, NAME_MAX)
                   for k, v in settings.get("reviewers", {}).items()},
        cases=tuple(cases),
        problems=tuple(problems),
    )


def _no_case(root: Path) -> str:
    """Why a folder holds no case, and which folder to give instead."""
    if (root / "reports").is_dir():
        return (f"{root}: this looks like one case (it has a reports/ folder); give its parent folder, "
                "the corpus, which holds one folder per case")
    if root.name == "reports" and any(p.is_file() for p in root.parent.iterdir()):
        return f"{root}: this is a case's reports/ folder; give the corpus, the folder that holds the case folders"
    return f"{root}: no case found (a case is a folder with the reviewed file and a reports/ folder)"


def with_cases(outline: Outline, cases: tuple[Case, ...]) -> Corpus:
    return Corpus(outline.root, outline.title, outline.description, outline.reviewers, cases, outline.problems)


def read_case(root: Path, folder: str, case_id: str, settings: CaseSettings | None = None) -> Case:
    """The case in root/folder; settings when the build has read them already."""
    settings = settings or read_case_settings(root, folder)
    case_dir = root / folder
    problems = list(settings.problems)
    sources, sizes = _read_sources(case_dir, folder, settings, problems)
    reports, report_problems = read_reports(case_dir, root, folder)
    verdict, defects, truth_problems = read_truth(settings.truth, sources)
    problems += report_problems + [Problem(folder, p) for p in truth_problems]
    return Case(
        id=case_id,
        folder=folder,
        title=settings.title,
        description=settings.description,
        sources=sources,
        sizes=sizes,
        reports=reports,
        truth_verdict=verdict,
        defects=defects,
        upstream=settings.upstream,
        problems=tuple(problems),
    )


def _read_sources(case_dir: Path, folder: str, settings: CaseSettings,
                  problems: list[Problem]) -> tuple[tuple[Source, ...], tuple[tuple[str, int], ...]]:
    """The main source (case.yaml `source`, or the one file beside reports/) and
    any further files case.yaml lists under `sources`; and the size in bytes of
    each file read, decoded or not (a long file's pages are planned by it)."""
    def tell(message: str) -> None:
        problems.append(Problem(folder, message))

    wanted, from_settings = _wanted(case_dir, settings, tell)
    sources, sizes = [], []
    for rel in wanted:
        path = case_dir / rel
        if from_settings and not (path.exists() or path.is_symlink()):
            tell(f"case.yaml names source {rel!r}, which is not a file in the case folder")
            continue
        read = read_file(path, case_dir, MAX_BYTES, within="the case folder")
        if read.data is None:
            tell(f"source {rel} {read.problem}")
            continue
        sizes.append((_as_read(path, case_dir, rel), len(read.data)))
        source = _read_source(read.data, path, case_dir, rel, settings.language if rel == wanted[0] else "", tell)
        if source is not None:
            sources.append(source)
    return tuple(sources), tuple(sizes)


def source_sizes(root: Path, folder: str, settings: CaseSettings) -> tuple[tuple[str, int], ...]:
    """The size of each source file of a case that ingest will read, known without reading it
    (same files, same rule): what read_case's `sizes` will say unless a file changes meanwhile."""
    case_dir = root / folder
    wanted, _ = _wanted(case_dir, settings, lambda message: None)
    sizes = []
    for rel in wanted:
        path = case_dir / rel
        size = file_size(path, case_dir, MAX_BYTES)
        if size is not None:
            sizes.append((_as_read(path, case_dir, rel), size))
    return tuple(sizes)


def _wanted(case_dir: Path, settings: CaseSettings, tell) -> tuple[list[str], bool]:
    """The source files a case names (case.yaml), or else the one file beside reports/; and whether
    case.yaml named them."""
    named = settings.source
    wanted = ([named] if named else []) + [p for p in settings.sources if p and p != named]
    if wanted:
        return wanted, True
    try:
        entries = sorted(p.name for p in case_dir.iterdir()
                         if (p.is_file() or p.is_symlink()) and p.name not in CASE_FILES and not p.name.startswith("."))
    except OSError:
        entries = []
    candidates, undecodable = utf8_names(entries)
    for name in undecodable:
        tell(f"{shown_name(name)}: a file name that is not UTF-8; skipped (rename it)")
    if not candidates:
        tell("has no source file beside reports/")
        return [], False
    if len(candidates) > 1:
        tell(f"has several candidate sources ({', '.join(candidates)}); "
             "name the reviewed one in case.yaml as `source: FILE`")
        return [], False
    return candidates, False


def _as_read(path: Path, case_dir: Path, rel: str) -> str:
    """A source's path as the case knows it: a link's, where it leads."""
    return path.resolve().relative_to(case_dir.resolve()).as_posix() if path.is_symlink() else rel


def _read_source(data: bytes, path: Path, case_dir: Path, rel: str, language: str, tell) -> Source | None:
    rel = _as_read(path, case_dir, rel)
    decoded = decode(data)
    if decoded.text is None:
        tell(f"source {rel} {decoded.problem}")
        return None
    if language and not _known_language(language):
        tell(f"case.yaml language `{language}` is not a language reviewlens knows{nearest(language, _aliases())}; "
             "the file's name decides")
    chosen = _language(path.name, language, decoded.text)
    if not trusted(chosen):
        tell(f"source {rel}: the {chosen} highlighter is too slow on some text to be run on a corpus (measured); "
             "shown as plain text")
        chosen = "text"
    return Source(
        path=rel,
        text=decoded.text,
        lines=split_lines(decoded.text),
        language=chosen,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _known_language(name: str) -> bool:
    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _aliases() -> tuple[str, ...]:
    """Every language name Pygments knows (for "did you mean")."""
    from pygments.lexers import get_all_lexers

    return tuple(alias for _, aliases, _, _ in get_all_lexers() for alias in aliases)


def _language(filename: str, declared: str, text: str) -> str:
    for attempt in (lambda: get_lexer_by_name(declared), lambda: get_lexer_for_filename(filename, text)):
        try:
            return attempt().aliases[0]
        except (ClassNotFound, IndexError):
            continue
    return "text"


def _escapes(path: Path, root: Path) -> bool:
    """True when path, after following links, lies outside root."""
    try:
        return os.path.commonpath([path.resolve(), root.resolve()]) != str(root.resolve())
    except (OSError, ValueError):
        return True
