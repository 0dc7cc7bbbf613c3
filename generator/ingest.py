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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.util import ClassNotFound

from generator import structured
from generator.model import Case, Corpus, Problem, Report, Source
from generator.textio import decode, split_lines, unique_slugs
from generator.truth import read_truth

REPORT_SUFFIXES = (".md", ".txt", ".markdown", ".sarif", ".json")
STRUCTURED = {".sarif": "sarif", ".json": "json"}
CASE_FILES = {"case.yaml", "case.yml", "truth.yaml", "truth.yml"}

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
    settings = _read_yaml(root / "corpus.yaml", problems, root)
    folders = sorted(
        p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )
    ids = unique_slugs(folders)
    cases = []
    for name in folders:
        case_dir = root / name
        if _escapes(case_dir, root):
            problems.append(Problem(name, "is a link that leads out of the corpus; skipped"))
            continue
        if not (case_dir / "reports").is_dir():
            problems.append(Problem(name, "has no reports/ folder; not a case, skipped"))
            continue
        cases.append((name, ids[name]))
    return Outline(
        root=root.resolve().name,
        title=_text(settings.get("title")) or "reviewlens",
        description=_text(settings.get("description")),
        reviewers={str(k): _text(v) for k, v in _mapping(settings.get("reviewers")).items()},
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
    settings = _read_yaml(case_dir / "case.yaml", sink, root)
    truth = _read_yaml(case_dir / "truth.yaml", sink, root)
    problems += [f"{p.path.split('/')[-1]} {p.message}" for p in sink]

    sources = _read_sources(case_dir, settings, problems)
    reports = _read_reports(case_dir, root, problems)
    verdict, defects, truth_problems = read_truth(truth, sources)
    problems += truth_problems
    return Case(
        id=case_id,
        folder=case_dir.name,
        title=_title_of(settings, case_dir.name),
        description=_text(settings.get("description")),
        sources=sources,
        reports=reports,
        truth_verdict=verdict,
        defects=defects,
        upstream={str(k): _text(v) for k, v in _mapping(settings.get("upstream")).items()},
        problems=tuple(problems),
    )


def _read_sources(case_dir: Path, settings: dict[str, Any], problems: list[str]) -> tuple[Source, ...]:
    """The main source (case.yaml `source`, or the one file beside reports/) and
    any further files case.yaml lists under `sources`."""
    named = _text(settings.get("source"))
    listed = [_text(x.get("path") if isinstance(x, dict) else x) for x in settings.get("sources") or []
              if isinstance(x, (str, dict))]
    if not isinstance(settings.get("sources") or [], list):
        problems.append("case.yaml: `sources` must be a list of file paths")
        listed = []
    wanted = ([named] if named else []) + [p for p in listed if p and p != named]
    if not wanted:
        candidates = sorted(
            p.name for p in case_dir.iterdir()
            if p.is_file() and p.name not in CASE_FILES and not p.name.startswith(".")
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
        if not path.is_file() or _escapes(path, case_dir):
            problems.append(f"case.yaml names source {rel!r}, which is not a file in the case folder")
            continue
        source = _read_source(path, case_dir, settings if rel == wanted[0] else {}, problems)
        if source is not None:
            sources.append(source)
    return tuple(sources)


def _read_source(path: Path, case_dir: Path, settings: dict[str, Any], problems: list[str]) -> Source | None:
    rel = path.relative_to(case_dir).as_posix()
    try:
        data = path.read_bytes()
    except OSError as err:
        problems.append(f"source {rel}: cannot be read ({err.strerror})")
        return None
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
    return tuple(_read_report(p, report_id, case_dir, root) for p, report_id in found.reports)


@dataclass(frozen=True, slots=True)
class ReportFiles:
    reports: tuple[tuple[Path, str], ...]  # (file, report id), in page order
    skipped: tuple[Path, ...]  # files of no report format


def report_files(case_dir: Path) -> ReportFiles:
    """A case's report files and their ids, from the folder listing alone (a
    build knows its pages from this before it reads any report)."""
    files = sorted(
        p for p in (case_dir / "reports").iterdir() if not p.name.startswith(".") and not p.is_dir()
    )
    known = [p for p in files if p.suffix.lower() in REPORT_SUFFIXES]
    stems = [p.stem for p in known]
    # Two files with one stem (a.md, a.txt) are told apart by their full name.
    names = [p.stem if stems.count(p.stem) == 1 else p.name for p in known]
    ids = unique_slugs(names)
    return ReportFiles(tuple((p, ids[n]) for p, n in zip(known, names)), tuple(p for p in files if p not in known))


def case_title(root: Path, folder: str) -> str:
    """The case's title, as read_case gives it, without reading the rest."""
    return _title_of(_read_yaml(root / folder / "case.yaml", [], root), folder)


def _title_of(settings: dict[str, Any], folder: str) -> str:
    return _text(settings.get("title")) or folder


def _read_report(path: Path, report_id: str, case_dir: Path, root: Path) -> Report:
    file = f"reports/{path.name}"
    if _escapes(path, root):
        return Report(report_id, file, "", 0, {}, ("is a link that leads out of the corpus; not read",))
    try:
        data = path.read_bytes()
    except OSError as err:
        return Report(report_id, file, "", 0, {}, (f"cannot be read ({err.strerror})",))
    decoded = decode(data)
    if decoded.text is None:
        return Report(report_id, file, "", 0, {}, (decoded.problem or "cannot be read",))
    text = decoded.text
    problems: list[str] = []
    if not text.strip():
        problems.append("is empty")
    fmt = STRUCTURED.get(path.suffix.lower())
    if fmt is not None and text.strip():
        wrong = structured.problems(text, fmt)
        if wrong:
            return Report(report_id, file, text, 0, {}, tuple(f"is not a valid {fmt.upper()} report: {w}" for w in wrong), fmt)
        return Report(report_id, file, text, 0, structured.meta(text, fmt), (), fmt)
    meta: dict[str, str] = {}
    body_start = 0
    match = FRONT_MATTER.match(text)
    if match:
        body_start = match.end()
        try:
            loaded = load_yaml(match.group(1))
        except yaml.YAMLError as err:
            problems.append(f"has malformed front matter ({_yaml_reason(err)}); read as plain text")
        else:
            if isinstance(loaded, dict):
                meta = {str(k): _text(v) for k, v in loaded.items() if v is not None}
            elif loaded is not None:
                problems.append("has front matter that is not a mapping of keys to values; ignored")
    return Report(report_id, file, text, body_start, meta, tuple(problems))


def _read_yaml(path: Path, problems: list[Problem], root: Path) -> dict[str, Any]:
    alt = path.with_suffix(".yml")
    if not path.exists() and alt.exists():
        path = alt
    if not path.exists():
        return {}
    rel = path.relative_to(root).as_posix()
    try:
        decoded = decode(path.read_bytes(), limit=1024 * 1024)
    except OSError as err:
        problems.append(Problem(rel, f"cannot be read ({err.strerror})"))
        return {}
    if decoded.text is None:
        problems.append(Problem(rel, decoded.problem or "cannot be read"))
        return {}
    try:
        loaded = load_yaml(decoded.text)
    except yaml.YAMLError as err:
        problems.append(Problem(rel, f"is malformed YAML ({_yaml_reason(err)}); ignored"))
        return {}
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        problems.append(Problem(rel, "is not a mapping of keys to values; ignored"))
        return {}
    return loaded


def load_yaml(text: str) -> Any:
    """yaml.safe_load, with libyaml when PyYAML has it (four times faster: a
    corpus has a front matter per report). A document libyaml refuses is
    read again by PyYAML's own parser, whose messages the problems quote."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # noqa: S506 (CSafeLoader is the safe loader)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def _yaml_reason(err: yaml.YAMLError) -> str:
    mark = getattr(err, "problem_mark", None)
    what = getattr(err, "problem", None) or "cannot be parsed"
    return f"{what} at line {mark.line + 1}" if mark else str(what)


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


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}
