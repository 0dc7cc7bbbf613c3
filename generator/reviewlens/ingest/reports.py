"""A case's reports/ folder: which files are reports, their ids, and each
report read: Markdown or plain text with optional YAML front matter, or a
data format (SARIF, Bandit, Semgrep, reviewlens JSON; generator/reviewlens/formats).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reviewlens import formats
from reviewlens.ingest.files import NAME_MAX, TEXT_MAX, read_file
from reviewlens.ingest.settings import Said, nearest
from reviewlens.model import Problem, Report
from reviewlens.safedata import DataError, load_yaml
from reviewlens.textio import MAX_BYTES, decode, shown_name, url_names, utf8_names

REPORT_SUFFIXES = (".md", ".txt", ".markdown", ".sarif", ".json")
# The front matter keys reviewlens reads: who wrote the review, with what, when
FRONT_MATTER_KEYS = ("reviewer", "model", "prompt", "date", "status", "verdict", "result")

# YAML front matter at the very start of a Markdown report:
# ---\nreviewer: gpt-4\n---\n
FRONT_MATTER = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)(.*?)(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|\Z)", re.S)


@dataclass(frozen=True, slots=True)
class ReportFiles:
    reports: tuple[tuple[Path, str], ...]  # (file, report id), in page order
    skipped: tuple[Path, ...]  # files of no report format
    clashes: tuple[tuple[Path, ...], ...] = ()  # files whose names would give one URL: none of them is shown
    undecodable: tuple[Path, ...] = ()  # files whose names are not UTF-8


def report_files(case_dir: Path) -> ReportFiles:
    """A case's report files and their ids, from the folder listing alone (a
    build knows its pages from this before it reads any report)."""
    files, undecodable = utf8_names(
        sorted(p for p in (case_dir / "reports").iterdir() if not p.name.startswith(".") and not p.is_dir()))
    known = [p for p in files if p.suffix.lower() in REPORT_SUFFIXES]
    # A report's URL comes from its own name. Where stems would share one (one scan as bandit.json,
    # bandit.sarif and Bandit.txt), the extension joins each of them: bandit-json, bandit-sarif, bandit-txt.
    _, alike = url_names([p.stem for p in known])
    joined = {stem for group in alike for stem in group}
    names = {p: f"{p.stem}-{p.suffix[1:].lower()}" if p.stem in joined else p.stem for p in known}
    ids, clashes = url_names(list(names.values()))
    named_alike = [tuple(p for p in known if names[p] in group) for group in clashes]
    shown = tuple((p, ids[names[p]]) for p in known if names[p] in ids)
    return ReportFiles(shown, tuple(p for p in files if p not in known), tuple(named_alike), tuple(undecodable))


def read_reports(case_dir: Path, root: Path, folder: str) -> tuple[tuple[Report, ...], list[Problem]]:
    """The case's reports, and the problems of its reports/ folder (files skipped, names that clash)."""
    found = report_files(case_dir)
    problems = [Problem(folder, f"reports/{p.name}: not a .md, .txt, .sarif or .json report; skipped") for p in found.skipped]
    problems += [Problem(folder, f"reports/{shown_name(p.name)}: a file name that is not UTF-8; skipped (rename it)")
                 for p in found.undecodable]
    for group in found.clashes:
        names = " and ".join(f"reports/{p.name}" for p in group)
        problems.append(Problem(folder, f"{names} would have one URL (their names differ only in capitals or in how an accent is encoded); "
                                        "rename all but one: none of them is shown"))
    return tuple(read_report(p, report_id, root, folder) for p, report_id in found.reports), problems


def read_report(path: Path, report_id: str, root: Path, folder: str) -> Report:
    file = f"reports/{path.name}"
    problems: list[Problem] = []

    def tell(message: str) -> None:
        problems.append(Problem(f"{folder}/{file}", message))

    def unread(*messages: str, fmt: str = "text", text: str = "") -> Report:
        for m in messages:
            tell(m)
        return Report(report_id, file, text, 0, {}, tuple(problems), fmt, readable=False)

    read = read_file(path, root, MAX_BYTES)
    if read.data is None:
        return unread(read.problem or "cannot be read")
    decoded = decode(read.data)
    if decoded.text is None:
        return unread(decoded.problem or "cannot be read")
    text = decoded.text
    if not text.strip():
        tell("is empty")
    fmt, wrong = formats.identify(text, path.suffix) if text.strip() else (None, [])
    if fmt is not None:
        if wrong:
            return unread(*wrong, fmt=fmt, text=text)
        said = Said(lambda said: tell(f"has a {said}"))
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
            tell(f"has {said}; read as plain text")
        else:
            if isinstance(loaded, dict):
                # Tools write front matter of their own (phase, depth, findings ...): only a near miss of a key
                # reviewlens reads ("reviwer") is said, since it changes what the page shows in silence.
                for key in loaded:
                    # (0.9: "reviwer" is one; a tool's own "reviewed", a date, is not)
                    hint = nearest(str(key), FRONT_MATTER_KEYS, 0.9) if str(key) not in FRONT_MATTER_KEYS else ""
                    if hint:
                        tell(f"has front matter `{key}`, a key reviewlens does not read{hint}")
                said = Said(lambda said: tell(f"has front matter {said}"))
                meta = {said.text("key", k, NAME_MAX): said.text(f"`{k}`", v, NAME_MAX if k in ("reviewer", "model") else TEXT_MAX)
                        for k, v in loaded.items() if v is not None}
            elif loaded is not None:
                tell("has front matter that is not a mapping of keys to values; ignored")
    return Report(report_id, file, text, body_start, meta, tuple(problems), readable=bool(text.strip()))
