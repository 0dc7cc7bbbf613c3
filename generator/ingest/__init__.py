"""Stage 1: read a corpus folder into Corpus/Case/Source/Report records.

The layout (see README): CORPUS/[corpus.yaml] and one folder per case holding
[case.yaml], the reviewed source, [truth.yaml] and reports/*.md|*.txt.
Bad input never stops the read: it becomes a problem message on the record it
belongs to, and the rest goes on.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.util import ClassNotFound

from generator import formats
from generator.ingest.files import NAME_MAX, TEXT_MAX, DataError, capped, load_yaml, read_file
from generator.ingest.truth import read_truth
from generator.model import Case, Corpus, Problem, Report, Source
from generator.textio import MAX_BYTES, decode, split_lines, url_names

REPORT_SUFFIXES = (".md", ".txt", ".markdown", ".sarif", ".json")
CASE_FILES = {"case.yaml", "case.yml", "truth.yaml", "truth.yml"}
SETTINGS_BYTES = 1024 * 1024  # corpus.yaml, case.yaml, truth.yaml

# What the settings files may hold. A field of the wrong shape is dropped with
# a problem that names it ("sources must be a list of file paths, not 5"); the
# rest of the file is used. Each schema's "title" says what was expected.
_TEXT = {"type": ["string", "number"], "title": "text"}
_NAMES = {"type": "object", "additionalProperties": _TEXT, "title": "a mapping of names to text"}
CORPUS_SETTINGS = {
    "type": "object",
    "properties": {"title": _TEXT, "description": _TEXT, "reviewers": _NAMES},
}
CASE_SETTINGS = {
    "type": "object",
    "properties": {
        "title": _TEXT, "description": _TEXT, "language": _TEXT, "upstream": _NAMES,
        "source": {"type": "string", "title": "a file name"},
        "sources": {"type": "array", "title": "a list of file paths", "items": {
            "title": "a file path (or a mapping with `path`)",
            "anyOf": [{"type": "string"}, {"type": "object", "required": ["path"], "properties": {"path": {"type": "string"}}}],
        }},
    },
}

# YAML front matter at the very start of a Markdown report:
# ---\nreviewer: gpt-4\n---\n
FRONT_MATTER = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)(.*?)(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|\Z)", re.S)


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
    settings = _read_settings(root / "corpus.yaml", root, CORPUS_SETTINGS, problems)
    folders = sorted(
        p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )
    ids, clashes = url_names(folders)
    for group in clashes:
        for name in group:
            others = ", ".join(repr(o) for o in group if o != name)
            problems.append(Problem(name, f"would have the same URL as {others} (their names differ only in "
                                          "capitals); rename one of them: neither is shown"))
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
        cases.append((name, ids[name]))
    said = _Said(lambda said: problems.append(Problem("corpus.yaml", said)))
    return Outline(
        root=root.resolve().name,
        title=said.text("title", settings.get("title"), NAME_MAX) or "reviewlens",
        description=said.text("description", settings.get("description"), TEXT_MAX),
        reviewers={said.text("reviewers", k, NAME_MAX): said.text(f"reviewers.{k}", v, NAME_MAX)
                   for k, v in settings.get("reviewers", {}).items()},
        cases=tuple(cases),
        problems=tuple(problems),
    )


def with_cases(outline: Outline, cases: tuple[Case, ...]) -> Corpus:
    return Corpus(outline.root, outline.title, outline.description, outline.reviewers, cases, outline.problems)


def read_case(root: Path, folder: str, case_id: str) -> Case:
    return _read_case(root / folder, root, case_id)


def _read_case(case_dir: Path, root: Path, case_id: str) -> Case:
    problems: list[str] = []
    sink: list[Problem] = []
    settings = _read_settings(case_dir / "case.yaml", root, CASE_SETTINGS, sink)
    truth = _read_settings(case_dir / "truth.yaml", root, {"type": "object"}, sink)
    said = _Said(lambda said: sink.append(Problem(f"{case_dir.name}/case.yaml", said)))
    title = said.text("title", settings.get("title"), NAME_MAX) or case_dir.name
    description = said.text("description", settings.get("description"), TEXT_MAX)
    upstream = {said.text("upstream", k, NAME_MAX): said.text(f"upstream.{k}", v, TEXT_MAX)
                for k, v in settings.get("upstream", {}).items()}
    problems += [f"{p.path.split('/')[-1]} {p.message}" for p in sink]

    sources = _read_sources(case_dir, root, settings, problems)
    reports = _read_reports(case_dir, root, problems)
    verdict, defects, truth_problems = read_truth(truth, sources)
    problems += truth_problems
    return Case(
        id=case_id,
        folder=case_dir.name,
        title=title,
        description=description,
        sources=sources,
        reports=reports,
        truth_verdict=verdict,
        defects=defects,
        upstream=upstream,
        problems=tuple(problems),
    )


def _read_sources(case_dir: Path, root: Path, settings: dict[str, Any], problems: list[str]) -> tuple[Source, ...]:
    """The main source (case.yaml `source`, or the one file beside reports/) and
    any further files case.yaml lists under `sources`."""
    named = _text(settings.get("source"))
    listed = [_text(x["path"] if isinstance(x, dict) else x) for x in settings.get("sources", [])]
    wanted = ([named] if named else []) + [p for p in listed if p and p != named]
    from_settings = bool(wanted)
    if not wanted:
        candidates = sorted(
            p.name for p in case_dir.iterdir()
            if (p.is_file() or p.is_symlink()) and p.name not in CASE_FILES and not p.name.startswith(".")
        )
        if not candidates:
            problems.append("has no source file beside reports/")
            return ()
        if len(candidates) > 1:
            problems.append(
                f"has several candidate sources ({', '.join(candidates)}); "
                "name the reviewed one in case.yaml as `source: FILE`"
            )
            return ()
        wanted = candidates
    sources = []
    for rel in wanted:
        path = case_dir / rel
        if from_settings and not (path.exists() or path.is_symlink()):
            problems.append(f"case.yaml names source {rel!r}, which is not a file in the case folder")
            continue
        source = _read_source(path, case_dir, rel, settings if rel == wanted[0] else {}, problems)
        if source is not None:
            sources.append(source)
    return tuple(sources)


def _read_source(path: Path, case_dir: Path, rel: str, settings: dict[str, Any], problems: list[str]) -> Source | None:
    read = read_file(path, case_dir, MAX_BYTES, within="the case folder")
    if read.data is None:
        problems.append(f"source {rel} {read.problem}")
        return None
    rel = path.resolve().relative_to(case_dir.resolve()).as_posix() if path.is_symlink() else rel
    data = read.data
    decoded = decode(data)
    if decoded.text is None:
        problems.append(f"source {rel} {decoded.problem}")
        return None
    return Source(
        path=rel,
        text=decoded.text,
        lines=split_lines(decoded.text),
        language=_language(path.name, _text(settings.get("language")), decoded.text),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _language(filename: str, declared: str, text: str) -> str:
    for attempt in (lambda: get_lexer_by_name(declared), lambda: get_lexer_for_filename(filename, text)):
        try:
            return attempt().aliases[0]
        except (ClassNotFound, IndexError):
            continue
    return "text"


def _read_reports(case_dir: Path, root: Path, problems: list[str]) -> tuple[Report, ...]:
    found = report_files(case_dir)
    for p in found.skipped:
        problems.append(f"reports/{p.name}: not a .md, .txt, .sarif or .json report; skipped")
    for group in found.clashes:
        names = " and ".join(f"reports/{p.name}" for p in group)
        problems.append(f"{names} would have one URL (their names differ only in extension or capitals); "
                        "rename all but one: none of them is shown")
    return tuple(_read_report(p, report_id, case_dir, root) for p, report_id in found.reports)


@dataclass(frozen=True, slots=True)
class ReportFiles:
    reports: tuple[tuple[Path, str], ...]  # (file, report id), in page order
    skipped: tuple[Path, ...]  # files of no report format
    clashes: tuple[tuple[Path, ...], ...] = ()  # files whose names would give one URL: none of them is shown


def report_files(case_dir: Path) -> ReportFiles:
    """A case's report files and their ids, from the folder listing alone (a
    build knows its pages from this before it reads any report)."""
    files = sorted(
        p for p in (case_dir / "reports").iterdir() if not p.name.startswith(".") and not p.is_dir()
    )
    known = [p for p in files if p.suffix.lower() in REPORT_SUFFIXES]
    # A report's URL comes from its own name: a.md and a.txt would share one.
    ids, clashes = url_names([p.stem for p in known])
    by_stem: dict[str, list[Path]] = {}
    for p in known:
        by_stem.setdefault(p.stem, []).append(p)
    same_stem = [tuple(group) for group in by_stem.values() if len(group) > 1]
    named_alike = [tuple(p for stem in group for p in by_stem[stem]) for group in clashes]
    shown = tuple((p, ids[p.stem]) for p in known if p.stem in ids and len(by_stem[p.stem]) == 1)
    return ReportFiles(shown, tuple(p for p in files if p not in known), tuple(same_stem + named_alike))


def case_title(root: Path, folder: str) -> str:
    """The case's title, as read_case gives it, without reading the rest."""
    settings = _read_settings(root / folder / "case.yaml", root, CASE_SETTINGS, [])
    return _Said(lambda said: None).text("title", settings.get("title"), NAME_MAX) or folder


def _read_report(path: Path, report_id: str, case_dir: Path, root: Path) -> Report:
    file = f"reports/{path.name}"
    read = read_file(path, root, MAX_BYTES)
    if read.data is None:
        return Report(report_id, file, "", 0, {}, (read.problem,), readable=False)
    decoded = decode(read.data)
    if decoded.text is None:
        return Report(report_id, file, "", 0, {}, (decoded.problem or "cannot be read",), readable=False)
    text = decoded.text
    problems: list[str] = []
    if not text.strip():
        problems.append("is empty")
    fmt, wrong = formats.identify(text, path.suffix) if text.strip() else (None, [])
    if fmt is not None:
        if wrong:
            return Report(report_id, file, text, 0, {}, tuple(wrong), fmt, readable=False)
        said = _Said(lambda said: problems.append(f"has a {said}"))
        meta = {k: said.text(k, v, NAME_MAX) for k, v in formats.meta(text, fmt).items()}
        return Report(report_id, file, text, 0, meta, tuple(problems), fmt)
    meta: dict[str, str] = {}
    body_start = 0
    match = FRONT_MATTER.match(text)
    if match:
        body_start = match.end()
        try:
            loaded = load_yaml(match.group(1))
        except DataError as err:
            said = f"malformed front matter ({err.syntax})" if err.syntax else f"front matter that {err}"
            problems.append(f"has {said}; read as plain text")
        else:
            if isinstance(loaded, dict):
                said = _Said(lambda said: problems.append(f"has front matter {said}"))
                meta = {said.text("key", k, NAME_MAX): said.text(f"`{k}`", v, NAME_MAX if k in ("reviewer", "model") else TEXT_MAX)
                        for k, v in loaded.items() if v is not None}
            elif loaded is not None:
                problems.append("has front matter that is not a mapping of keys to values; ignored")
    return Report(report_id, file, text, body_start, meta, tuple(problems), readable=bool(text.strip()))


def _read_settings(path: Path, root: Path, schema: dict, problems: list[Problem]) -> dict[str, Any]:
    """A settings file (corpus.yaml, case.yaml, truth.yaml, or its .yml twin)
    as a mapping; a field of the wrong shape is left out, with a problem naming it."""
    alt = path.with_suffix(".yml")
    if not path.exists() and not path.is_symlink() and alt.exists():
        path = alt
    if not path.exists() and not path.is_symlink():
        return {}
    rel = (path.parent.relative_to(root) / path.name).as_posix()
    read = read_file(path, root, SETTINGS_BYTES)
    if read.data is None:
        problems.append(Problem(rel, read.problem or "cannot be read"))
        return {}
    decoded = decode(read.data, limit=SETTINGS_BYTES)
    if decoded.text is None:
        problems.append(Problem(rel, decoded.problem or "cannot be read"))
        return {}
    try:
        loaded = load_yaml(decoded.text)
    except DataError as err:
        problems.append(Problem(rel, f"{err}; ignored"))
        return {}
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        problems.append(Problem(rel, "is not a mapping of keys to values; ignored"))
        return {}
    errors = sorted(Draft202012Validator(schema).iter_errors(loaded), key=lambda e: [str(p) for p in e.path], reverse=True)
    for error in errors:  # deepest and last first, so that a removal moves no other error's place
        path_ = list(error.path)
        problems.append(Problem(rel, f"{_field(path_) or 'the file'} must be {error.schema.get('title', 'valid')}, "
                                     f"not {_shown_value(error.instance)}; ignored"))
        _drop(loaded, path_)
    return loaded


def _field(path: list) -> str:
    """['sources', 0, 'path'] -> 'sources[0].path'"""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shown_value(value: Any) -> str:
    shown = repr(value) if not isinstance(value, str) else f"{value!r}"
    return shown if len(shown) <= 60 else shown[:59] + "…"


def _drop(data: Any, path: list) -> None:
    """Remove the value at path (a key of a mapping, an item of a list)."""
    if not path:
        return
    parent = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return
    try:
        del parent[path[-1]]
    except (KeyError, IndexError, TypeError):
        pass


class _Said:
    """Text values of one file, each cut to its length limit, with a problem
    naming the field where one was longer: `tell` records the phrase."""

    def __init__(self, tell: Callable[[str], None]) -> None:
        self.tell = tell

    def text(self, field: str, value: Any, limit: int) -> str:
        text, problem = capped(_text(value), limit)
        if problem:
            self.tell(f"{field} {problem}")
        return text


def _escapes(path: Path, root: Path) -> bool:
    """True when path, after following links, lies outside root."""
    try:
        return os.path.commonpath([path.resolve(), root.resolve()]) != str(root.resolve())
    except (OSError, ValueError):
        return True


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()
