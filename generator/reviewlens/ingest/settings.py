"""The settings files: corpus.yaml, and each case's case.yaml and truth.yaml
(or their .yml twins), read once per build.

What they may hold is a JSON Schema per file. A field of the wrong shape is
dropped with a problem that names it ("sources must be a list of file paths,
not 5"), and the rest of the file is used; each schema's "title" says what
was expected. Text fields are cut to their length limits, with a problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from reviewlens.ingest.files import NAME_MAX, TEXT_MAX, capped, read_file
from reviewlens.model import Problem
from reviewlens.safedata import DataError, load_yaml
from reviewlens.textio import decode

SETTINGS_BYTES = 1024 * 1024  # corpus.yaml, case.yaml, truth.yaml

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

TRUTH_SETTINGS = {
    "type": "object",
    "properties": {
        "note": _TEXT,  # about the case's truth, for its readers
        "verdict": {"enum": ["no_defects", "defects_found"], "title": "no_defects or defects_found"},
        "defects": {"type": "array", "title": "a list of defects", "items": {
            "type": "object", "title": "a defect (id, title, cwe, lines, note, file)",
            "properties": {k: {} for k in ("id", "title", "cwe", "lines", "note", "file")},
        }},
    },
}

Tell = Callable[[str, str], None]  # tell(file relative to the corpus root, what is wrong with it)


def nearest(word: str, known, cutoff: float = 0.6) -> str:
    """' (did you mean `defects`?)' for a word close to one of known, else ''."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return f" (did you mean `{close[0]}`?)" if close else ""


def unknown_keys(data: Any, schema: dict, path: list | None = None) -> list[tuple[list, str]]:
    """(path, key) of every key of data that its schema does not list, where the schema lists its keys."""
    path = path or []
    found: list[tuple[list, str]] = []
    if isinstance(data, dict) and "properties" in schema and "additionalProperties" not in schema:
        for key in list(data):
            if key not in schema["properties"]:
                found.append((path, str(key)))
            else:
                found += unknown_keys(data[key], schema["properties"][key], path + [key])
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(data):
            found += unknown_keys(item, schema["items"], path + [i])
    return found


@dataclass(frozen=True, slots=True)
class CaseSettings:
    """A case's case.yaml and truth.yaml, read once: when the build plans its
    pages (the title), and handed to the worker that reads the case."""

    title: str  # the folder's name when case.yaml gives none
    description: str
    upstream: dict[str, str]
    language: str  # of the main source, when case.yaml declares it
    source: str  # the main source's file name, when case.yaml names it
    sources: tuple[str, ...]  # further files case.yaml lists
    truth: dict[str, Any]  # truth.yaml as loaded; checked against the sources when they are read
    problems: tuple[Problem, ...]


def read_case_settings(root: Path, folder: str) -> CaseSettings:
    problems: list[Problem] = []

    def tell(rel: str, message: str) -> None:  # shown on the case page as "case.yaml title is ..."
        problems.append(Problem(folder, f"{Path(rel).name} {message}"))

    case_dir = root / folder
    settings = read_settings(case_dir / "case.yaml", root, CASE_SETTINGS, tell)
    truth = read_settings(case_dir / "truth.yaml", root, TRUTH_SETTINGS, tell)
    said = Said(lambda said: tell("case.yaml", said))
    return CaseSettings(
        title=said.text("title", settings.get("title"), NAME_MAX) or folder,
        description=said.text("description", settings.get("description"), TEXT_MAX),
        upstream={said.text("upstream", k, NAME_MAX): said.text(f"upstream.{k}", v, TEXT_MAX)
                  for k, v in settings.get("upstream", {}).items()},
        language=text(settings.get("language")),
        source=text(settings.get("source")),
        sources=tuple(text(x["path"] if isinstance(x, dict) else x) for x in settings.get("sources", [])),
        truth=truth,
        problems=tuple(problems),
    )


def read_settings(path: Path, root: Path, schema: dict, tell: Tell) -> dict[str, Any]:
    """A settings file (or its .yml twin) as a mapping; a field of the wrong
    shape is left out, with a problem naming it."""
    alt = path.with_suffix(".yml")
    if not path.exists() and not path.is_symlink() and alt.exists():
        path = alt
    if not path.exists() and not path.is_symlink():
        return {}
    rel = (path.parent.relative_to(root) / path.name).as_posix()
    read = read_file(path, root, SETTINGS_BYTES)
    if read.data is None:
        tell(rel, read.problem or "cannot be read")
        return {}
    decoded = decode(read.data, limit=SETTINGS_BYTES)
    if decoded.text is None:
        tell(rel, decoded.problem or "cannot be read")
        return {}
    try:
        loaded = load_yaml(decoded.text)
    except DataError as err:
        tell(rel, f"{err}; ignored")
        return {}
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        tell(rel, "is not a mapping of keys to values; ignored")
        return {}
    for where, key in reversed(unknown_keys(loaded, schema)):  # a misspelt key changes results in silence: said
        known = _at(schema, where).get("properties", {})
        tell(rel, f"{_field(where + [key])} is not a key it knows{nearest(key, known)}; ignored")
        _drop(loaded, where + [key])
    errors = sorted(Draft202012Validator(schema).iter_errors(loaded), key=lambda e: [str(p) for p in e.path], reverse=True)
    for error in errors:  # deepest and last first, so that a removal moves no other error's place
        path_ = list(error.path)
        tell(rel, f"{_field(path_) or 'the file'} must be {error.schema.get('title', 'valid')}, "
                  f"not {_shown_value(error.instance)}; ignored")
        _drop(loaded, path_)
    return loaded


def _at(schema: dict, path: list) -> dict:
    """The part of a schema that describes the value at path."""
    for part in path:
        schema = schema.get("items", {}) if isinstance(part, int) else schema.get("properties", {}).get(part, {})
    return schema


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


class Said:
    """Text values of one file, each cut to its length limit, with a problem
    naming the field where one was longer: `tell` records the phrase."""

    def __init__(self, tell: Callable[[str], None]) -> None:
        self.tell = tell

    def text(self, field: str, value: Any, limit: int) -> str:
        shown, problem = capped(text(value), limit)
        if problem:
            self.tell(f"{field} {problem}")
        return shown


def text(value: Any) -> str:
    """A settings value as text: "" for none, numbers as written, a list as its items joined by commas and a
    mapping as "key: value" pairs (front matter such as `files_reviewed: [a.go, b.go]`, `findings: {critical: 1}`),
    never a Python repr."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{text(k)}: {text(v)}" for k, v in value.items())
    return str(value).strip()
