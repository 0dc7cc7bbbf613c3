"""What a rebuild can reuse: each case's analysis and pages, by content hash.

A case's key hashes everything its results depend on: every file in its
folder, by content (CI checkouts reset modification times, so times prove
nothing), the corpus settings, and the code that makes them (reviewlens' own
files and the versions of the libraries that shape its output). The same key
always gives the same CaseResult and the same pages, byte for byte, so a case
whose key is in the cache is neither read, analysed nor rendered again.

The cache folder holds, per case key, a pickle of its output and one of its
pages' HTML, plus, per site folder, a record of the last build (which page
had which digest). Entries are files named by their key: the caches of
several CI jobs (one per shard) merge by copying the folders together. Pickles run code when
loaded: the folder must be as trusted as the build itself (a CI cache of this
repository's own builds, not a download from elsewhere).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.annotations import MergeError
from generator.model import CaseResult
from generator.render import RenderedPage
from generator.searchindex import Entry
from generator.view import Linker

FORMAT = 1  # bump when the pickled records change shape
LIBRARIES = ("reviewlens", "mkdocs", "mkdocs-material", "pygments", "markdown-it-py", "jinja2", "rapidfuzz", "pyyaml")


@dataclass(frozen=True, slots=True)
class PageRecord:
    """What a later build needs to know of a page it does not render again."""

    uri: str
    title: str
    digest: str
    search: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class CaseOutput:
    """A case's analysis and what was made of it."""

    result: CaseResult
    pages: tuple[PageRecord, ...]
    annotations: str  # the case's part of annotations.json


def code_fingerprint() -> str:
    """Changes whenever reviewlens' code, templates or output-shaping libraries do."""
    from generator.render import templates_dir

    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in LIBRARIES:
        try:
            h.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} -\n".encode())
    for folder in (Path(__file__).resolve().parent, templates_dir()):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(f"{path.relative_to(folder).as_posix()}\n".encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def folder_fingerprint(folder: Path, root: Path) -> str:
    """Every file under folder, by name and content; links by where they lead
    and, when that is a file inside root, its content too."""
    h = hashlib.sha256()
    root = root.resolve()
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen or not Path(real).is_relative_to(root):
            dirnames[:] = []  # a loop, or a link out of the corpus: ingest does not follow it either
            continue
        seen.add(real)
        dirnames.sort()
        rel_dir = Path(dirpath).relative_to(folder).as_posix()
        h.update(f"D {rel_dir}\n".encode())
        for name in sorted(filenames):
            path = Path(dirpath) / name
            h.update(f"F {name}\n".encode())
            if path.is_symlink():
                h.update(f"-> {os.readlink(path)}\n".encode())
            try:
                if not path.is_file():  # a FIFO or a device: never read (it could block)
                    h.update(b"not a regular file\n")
                elif Path(os.path.realpath(path)).is_relative_to(root):
                    h.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError as err:
                h.update(f"unreadable {err.strerror}\n".encode())
    return h.hexdigest()


class BuildCache:
    def __init__(self, folder: Path, link: Linker) -> None:
        self.folder = folder
        self.salt = f"{code_fingerprint()}\n{link.prefix}|{link.directory_urls}"  # what every case's pages depend on

    def case_key(self, root: Path, folder: str, case_id: str, reviewers: dict[str, str]) -> str:
        content = folder_fingerprint(root / folder, root)
        named = json.dumps(reviewers, sort_keys=True)
        return hashlib.sha256(f"{self.salt}\n{named}\n{folder}\n{case_id}\n{content}".encode()).hexdigest()

    def _case_path(self, key: str) -> Path:
        return self.folder / "cases" / key[:2] / f"{key}.pickle"

    def load(self, key: str) -> CaseOutput | None:
        """The stored output, or None when there is none (or it cannot be used)."""
        path = self._case_path(key)
        try:
            with path.open("rb") as f:
                found = pickle.load(f)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001: a damaged or foreign entry is a miss, and is replaced
            return None
        return found if isinstance(found, CaseOutput) else None

    def store(self, key: str, output: CaseOutput, pages: list[RenderedPage] | None = None) -> None:
        """The case's output, and apart from it (read only when a site lacks
        them) its pages' HTML, compressed: mostly repeated markup. A build
        does not keep pages (its site holds them); a shard does, for the
        build that merges it."""
        if pages is not None:
            _write_atomic(self._pages_path(key), zlib.compress(pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL), 1))
        _write_atomic(self._case_path(key), pickle.dumps(output, protocol=pickle.HIGHEST_PROTOCOL))

    def _pages_path(self, key: str) -> Path:
        return self.folder / "cases" / key[:2] / f"{key}.pages"

    def has_pages(self, key: str) -> bool:
        return self._pages_path(key).is_file()

    def load_pages(self, key: str) -> list[RenderedPage] | None:
        try:
            found = pickle.loads(zlib.decompress(self._pages_path(key).read_bytes()))
        except Exception:  # noqa: BLE001: missing or damaged: the pages are rendered again
            return None
        return found if isinstance(found, list) else None

    # The last build of a site folder: its site key, its annotations.json
    # digest (proof that the folder still holds that build) and its pages.
    def _site_path(self, site_dir: Path) -> Path:
        name = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
        return self.folder / "sites" / f"{name}.json"

    def last_build(self, site_dir: Path) -> dict | None:
        try:
            return json.loads(self._site_path(site_dir).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def record_build(self, site_dir: Path, record: dict) -> None:
        _write_atomic(self._site_path(site_dir), json.dumps(record, sort_keys=True).encode())

    def prune(self, keep: set[str]) -> None:
        """Drop case entries no current case uses, so the cache does not grow forever."""
        for path in (self.folder / "cases").glob("*/*"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)

    # A shard's part of annotations.json, kept with its entries for `merge`.
    def store_part(self, shard: tuple[int, int], text: str) -> None:
        _write_atomic(self.folder / "parts" / f"{shard[0]}-of-{shard[1]}.json", text.encode("utf-8"))


def merge_into(shard_dirs: list[Path], dest: Path) -> list[dict]:
    """Copy every shard folder's case entries into dest (they are named by
    content, so a copy never clashes); the shards' parts, each read once."""
    parts: dict[str, dict] = {}
    for folder in shard_dirs:
        found = sorted((folder / "parts").glob("*-of-*.json"))
        if not found:
            raise MergeError(f"{folder}: no shard part (parts/K-of-N.json); is it a folder `analyze --shard` wrote?")
        for part in found:
            parts.setdefault(part.name, json.loads(part.read_text(encoding="utf-8")))
        for entry in (folder / "cases").glob("*/*"):
            target = dest / "cases" / entry.parent.name / entry.name
            if not target.exists():
                _write_atomic(target, entry.read_bytes())
    return [parts[name] for name in sorted(parts)]


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def sha256_file(path: Path) -> str | None:
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None
