"""The site folder a user names: what a build may replace, and how.

A build never deletes what it did not make. It writes the new site into a
work folder beside the target and swaps it in only when the build
succeeded. The target is replaced only when it is missing, empty, or marked
as a reviewlens site by the marker file every build writes into it; anything
else (a project, the corpus, a file) is refused before any work starts, as
are the corpus, the current folder and every folder above either.

A killed build leaves its work folder behind; the next build of the same
target removes the ones whose build is no longer running, recognised by the
note each work folder holds (its builder's process id). Nothing else beside
the target is touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

MARKER = ".reviewlens-site"  # in every site a build writes: "this folder may be replaced by the next build"
_MARKER_TEXT = "A site built by reviewlens. The next `reviewlens build` into this folder replaces it whole.\n"
_WORK_NOTE = ".reviewlens-build"  # in a work folder: the process id of the build that made it


class SiteDirRefused(Exception):
    """The named site folder is not one a build may replace (exit code 2)."""


def check(site_dir: Path, *, corpus: Path, cwd: Path | None = None, others: tuple[Path, ...] = ()) -> Path:
    """The site folder, resolved, once it is known to be safe to replace; else SiteDirRefused."""
    site = site_dir.resolve()
    shown = str(site_dir)
    cwd = (cwd or Path.cwd()).resolve()
    theirs = [("the current folder", cwd), ("the corpus", corpus.resolve()), *((what, path.resolve()) for what, path in others)]
    for name, folder in theirs:
        if site == folder:
            raise SiteDirRefused(f"--site-dir {shown} is {name}; the site needs a folder of its own")
    for name, folder in theirs:
        if folder.is_relative_to(site):
            raise SiteDirRefused(f"--site-dir {shown} holds {name} ({folder}); the site needs a folder of its own")
    if site.is_relative_to(corpus.resolve()):
        raise SiteDirRefused(f"--site-dir {shown} is inside the corpus; the next build would read it as a case")
    if site_dir.is_symlink() or (site.exists() and not site.is_dir()):
        raise SiteDirRefused(f"--site-dir {shown} is not a folder; it is left as it is")
    if site.is_dir() and not is_site(site) and any(site.iterdir()):
        raise SiteDirRefused(
            f"--site-dir {shown} holds files that reviewlens did not write (it has no {MARKER} marker); "
            "it is left as it is: name an empty or new folder, or one an earlier build wrote")
    return site


def is_site(folder: Path) -> bool:
    return (folder / MARKER).is_file() and not (folder / MARKER).is_symlink()


@contextlib.contextmanager
def work_folder(site: Path) -> Iterator[Path]:
    """A fresh folder beside the site, removed afterwards; stale ones of killed builds are removed first."""
    site.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(site)
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}.", dir=site.parent))
    try:
        (work / _WORK_NOTE).write_text(f"{os.getpid()}\n")
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _remove_stale(site: Path) -> None:
    for folder in site.parent.glob(f".{site.name}.*"):
        if folder.is_symlink() or not folder.is_dir():
            continue
        note = folder / _WORK_NOTE
        try:
            pid = int(note.read_text().strip()) if note.is_file() and not note.is_symlink() else None
        except (OSError, ValueError):
            continue
        if pid is not None and not _running(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def publish(site: Path, work: Path) -> None:
    """Swap the site built in work/site in, with renames, so that a reader
    never sees half a site. The site it replaces (checked to be a site, or
    empty) moves into the work folder, which goes when the build ends."""
    built = work / "site"
    (built / MARKER).write_text(_MARKER_TEXT)
    if site.exists():
        site.rename(work / "replaced")
    built.rename(site)
