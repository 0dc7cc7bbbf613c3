"""What a rebuild can reuse: each case's analysis and pages, by content hash.

A case's key hashes everything its results depend on: every file in its
folder, by content (CI checkouts reset modification times, so times prove
nothing), the corpus settings, and the code that makes them (reviewlens' own
files and the versions of the libraries that shape its output). The same key
always gives the same CaseResult and the same pages, byte for byte, so a case
whose key is in the cache is neither read, analysed nor rendered again.

Nothing in the cache can run code when read. It holds JSON, decoded by
msgspec straight into the typed records, which checks every field's type
(and a line range's order); page bodies, kept only for a shard's build, are
files named by the SHA-256 of their content and checked against it. An entry
that is damaged, foreign or of an older shape is a miss: the case is
analysed again, with a one-line note.

The default folder is the user's cache folder (platformdirs), one per
corpus path: outside the repository, so that a commit cannot plant an entry
that changes what a page says. Entries are files named by their key, so the
caches of several CI jobs (one per shard) merge by copying folders together.
"""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import msgspec
import platformdirs

from reviewlens.ingest import CorpusError
from reviewlens.ingest.files import read_file
from reviewlens.packagefiles import templates_dir
from reviewlens.render.rendered import RenderedPage
from reviewlens.render.searchindex import Entry
from reviewlens.results import CaseResult
from reviewlens.textio import MAX_BYTES
from reviewlens.view.addresses import Linker

FORMAT = 8  # bump when the stored records change shape: an entry of another format is a miss
LIBRARIES = ("reviewlens", "mkdocs", "mkdocs-material", "pygments", "markdown-it-py", "jinja2", "rapidfuzz", "pyyaml",
             "jieba")


def default_folder(corpus: Path) -> Path:
    """The user's cache folder for this corpus: ~/.cache/reviewlens/corpora/<path hash> on Linux."""
    name = hashlib.sha256(str(corpus.resolve()).encode()).hexdigest()[:16]
    return Path(platformdirs.user_cache_dir("reviewlens")) / "corpora" / name


@dataclass(frozen=True, slots=True)
class PageRecord:
    """What a later build needs to know of a page it does not render again."""

    uri: str
    title: str
    heading: str
    digest: str  # of the title and body: the page as MkDocs would make it
    body: str  # SHA-256 of the body alone: the name its stored copy has
    search: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class CaseOutput:
    """A case's analysis and what was made of it."""

    result: CaseResult
    pages: tuple[PageRecord, ...]
    annotations: str  # the case's part of annotations.json


@dataclass(frozen=True, slots=True)
class _Entry:
    format: int
    key: str  # the key it is stored under: a copy under another key is foreign
    output: CaseOutput


class _Bodies(msgspec.Struct):
    """Of an entry, only the names of its pages' stored bodies: what prune() needs, decoded without the
    analysis (msgspec skips the fields a type does not name)."""

    class _Output(msgspec.Struct):
        class _Page(msgspec.Struct):
            body: str

        pages: list[_Page]

    format: int
    output: _Output


@dataclass(frozen=True, slots=True)
class PageFile:
    """A page of the last build, as written into its site folder."""

    digest: str  # PageRecord.digest: what the page says
    dest: str  # its file, relative to the site folder
    sha256: str  # of the file's bytes: proof that the file is still what the build wrote


@dataclass(frozen=True, slots=True)
class SiteRecord:
    """The last build of one site folder."""

    format: int
    site: str  # what every page's frame depends on (code, theme, title, navigation)
    pages: dict[str, PageFile]  # by page uri


def record(page: RenderedPage) -> PageRecord:
    return PageRecord(page.uri, page.title, page.heading, page.digest, _sha256(page.html.encode("utf-8")), page.search)


def code_fingerprint() -> str:
    """Changes whenever reviewlens' code, templates or output-shaping libraries do."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in LIBRARIES:
        try:
            h.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} -\n".encode())
    for folder in (Path(__file__).resolve().parent.parent, templates_dir()):  # the whole package, and its templates
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(f"{path.relative_to(folder).as_posix()}\n".encode())
                h.update(path.read_bytes())
    return h.hexdigest()


FOLDER_DEPTH = 64  # folders deeper than this in a case count by their name alone (ingest reads two levels)


def folder_fingerprint(folder: Path, root: Path) -> str:
    """Every file under folder, by name and by what ingest reads of it (the
    same rule: a file linked out of the corpus, a pipe or an oversized file
    counts by that fact, and is never read). The walk keeps its own stack, so a
    folder 1,200 levels deep is no RecursionError, and a name that is not UTF-8
    counts by its bytes."""
    h = hashlib.sha256()
    root = root.resolve()
    seen: set[str] = set()
    stack = [(folder, 0)]
    while stack:
        dirpath, depth = stack.pop()
        real = os.path.realpath(dirpath)
        if real in seen or not Path(real).is_relative_to(root):
            continue  # a loop, or a link out of the corpus: ingest does not follow it either
        seen.add(real)
        h.update(b"D " + _name_bytes(dirpath.relative_to(folder).as_posix()) + b"\n")
        if depth >= FOLDER_DEPTH:
            h.update(b"(deeper not read)\n")
            continue
        try:
            entries = sorted(os.scandir(dirpath), key=lambda e: e.name)
        except OSError as err:
            h.update(f"! {err.strerror}\n".encode())
            continue
        dirs = []
        for entry in entries:
            path = dirpath / entry.name
            if entry.is_dir(follow_symlinks=True):
                dirs.append(path)
                continue
            h.update(b"F " + _name_bytes(entry.name) + b"\n")
            if path.is_symlink():
                h.update(b"-> " + os.fsencode(os.readlink(path)) + b"\n")
            read = read_file(path, root, MAX_BYTES)
            h.update(hashlib.sha256(read.data).digest() if read.data is not None else f"! {read.problem}\n".encode())
        stack.extend((d, depth + 1) for d in reversed(dirs))
    return h.hexdigest()


def _name_bytes(name: str) -> bytes:
    return name.encode("utf-8", "surrogateescape")


class CacheDirRefused(CorpusError):
    """A cache folder that is, holds or lies inside the user's data (exit code 2)."""


# The only files a cache prunes: the names it makes itself (a case entry, a page body), in the
# two-character folder it puts them in. Anything else found there is left as it is.
ENTRY_NAME = re.compile(r"([0-9a-f]{2})[0-9a-f]{62}\.json")
BODY_NAME = re.compile(r"([0-9a-f]{2})[0-9a-f]{62}\.z")


def check_folder(folder: Path, corpus: Path, cwd: Path | None = None) -> Path:
    """The cache folder, once it is known not to be the user's data: it may not be, hold or lie
    inside the corpus, nor be or hold the current folder (a build prunes the cache's old entries)."""
    cache, data, here = folder.resolve(), corpus.resolve(), (cwd or Path.cwd()).resolve()
    theirs = (("the current folder", here), ("the corpus", data))
    found = next(((f"is {name}") for name, path in theirs if cache == path), None) or next(
        ((f"holds {name}") for name, path in theirs if path.is_relative_to(cache)), None)
    if found:
        raise CacheDirRefused(f"--cache-dir {folder} {found}; the cache needs a folder of its own "
                              "(a build deletes the entries it no longer uses)")
    if cache.is_relative_to(data):
        raise CacheDirRefused(f"--cache-dir {folder} is inside the corpus; the cache needs a folder of its own")
    return cache


class BuildCache:
    def __init__(self, folder: Path, link: Linker, corpus: Path | None = None) -> None:
        """corpus: the corpus the cache serves; the folder is refused (CacheDirRefused) where it is its data."""
        if corpus is not None:
            check_folder(folder, corpus)
        self.folder = folder
        self.salt = f"{code_fingerprint()}\n{link.prefix}|{link.directory_urls}"  # what every case's pages depend on
        self.notes: list[str] = []  # one line per entry that could not be used

    def case_key(self, root: Path, folder: str, case_id: str, reviewers: dict[str, str],
                 content: str | None = None) -> str:
        """The key of a case's entry; content: its folder_fingerprint, when known already."""
        content = folder_fingerprint(root / folder, root) if content is None else content
        named = msgspec.json.encode(dict(sorted(reviewers.items()))).decode()
        return hashlib.sha256(f"{self.salt}\n{named}\n{folder}\n{case_id}\n{content}".encode()).hexdigest()

    def _case_path(self, key: str) -> Path:
        return self.folder / "cases" / key[:2] / f"{key}.json"

    def load(self, key: str) -> CaseOutput | None:
        """The stored output, or None when there is none or it cannot be used."""
        path = self._case_path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as err:
            self.notes.append(f"cache entry {path} cannot be read ({err.strerror}); its case is analysed again")
            return None
        try:
            entry = msgspec.json.decode(data, type=_Entry)
        except (msgspec.DecodeError, msgspec.ValidationError) as err:
            self.notes.append(f"cache entry {path} is damaged or of another shape ({_first_line(err)}); "
                              "its case is analysed again")
            return None
        if entry.format != FORMAT or entry.key != key:
            self.notes.append(f"cache entry {path} was not stored under its name; its case is analysed again")
            return None
        return entry.output

    def store(self, key: str, output: CaseOutput, pages: list[RenderedPage] | None = None) -> None:
        """The case's output and, for a shard (whose build has no site to
        hold them), its pages' bodies, each in a file named by its hash."""
        if pages is not None:
            for page in pages:
                data = page.html.encode("utf-8")
                path = self._body_path(_sha256(data))
                if not path.exists():
                    write_atomic(path, zlib.compress(data, 1))
        write_atomic(self._case_path(key), msgspec.json.encode(_Entry(FORMAT, key, output)))

    def _body_path(self, sha256: str) -> Path:
        return self.folder / "bodies" / sha256[:2] / f"{sha256}.z"

    def has_pages(self, output: CaseOutput) -> bool:
        return all(self._body_path(p.body).is_file() for p in output.pages)

    def load_pages(self, output: CaseOutput) -> list[RenderedPage] | None:
        """The stored pages of a case; None when any body is missing or is not
        what its name says (it is then made again from the analysis)."""
        pages = []
        for p in output.pages:
            try:
                data = zlib.decompress(self._body_path(p.body).read_bytes())
            except (OSError, zlib.error):
                return None
            if _sha256(data) != p.body:
                return None
            page = RenderedPage(p.uri, p.title, data.decode("utf-8"), p.search, p.heading)
            if page.digest != p.digest:
                return None
            pages.append(page)
        return pages

    # The last build of a site folder: which page went to which file, with
    # what bytes, so that a rebuild can prove a page is still what it wrote.
    def _site_path(self, site_dir: Path) -> Path:
        name = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
        return self.folder / "sites" / f"{name}.json"

    def last_build(self, site_dir: Path) -> SiteRecord | None:
        try:
            found = msgspec.json.decode(self._site_path(site_dir).read_bytes(), type=SiteRecord)
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return None
        return found if found.format == FORMAT else None

    def record_build(self, site_dir: Path, site: str, pages: dict[str, PageFile]) -> None:
        write_atomic(self._site_path(site_dir), msgspec.json.encode(SiteRecord(FORMAT, site, dict(sorted(pages.items())))))

    def prune(self, keep: set[str]) -> None:
        """Drop case entries no current case uses, and the page bodies only they
        used, so that the cache does not grow forever. Only files the cache named
        itself are deleted; anything else in its folder is left as it is."""
        bodies: set[str] = set()
        for path in own_files(self.folder / "cases", ENTRY_NAME):
            if path.name.removesuffix(".json") not in keep:
                path.unlink(missing_ok=True)
                continue
            try:
                entry = msgspec.json.decode(path.read_bytes(), type=_Bodies)
            except (OSError, msgspec.DecodeError, msgspec.ValidationError):
                continue  # unreadable or damaged: load() says so when a build asks for it
            if entry.format == FORMAT:
                bodies |= {p.body for p in entry.output.pages}
        for path in own_files(self.folder / "bodies", BODY_NAME):
            if path.name.removesuffix(".z") not in bodies:
                path.unlink(missing_ok=True)


def own_files(folder: Path, name: re.Pattern) -> list[Path]:
    """The files under folder/xx/ that the cache named itself: xx is their name's first two characters."""
    return [p for p in folder.glob("*/*") if (m := name.fullmatch(p.name)) and m.group(1) == p.parent.name
            and p.is_file() and not p.is_symlink()]


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _first_line(err: Exception) -> str:
    return str(err).splitlines()[0][:120]


def sha256_file(path: Path) -> str | None:
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None
