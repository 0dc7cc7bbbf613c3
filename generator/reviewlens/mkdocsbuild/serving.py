"""What one `mkdocs serve` keeps between its rebuilds.

On every change, plain `mkdocs serve` empties its site folder and has the
theme write every page again: on 1,000 reports that alone is over 2 s.
Most of those pages are the same bytes as before. So, before MkDocs empties
the folder, each case's folder of pages moves aside (a rename), and once the
rebuild knows which cases are unchanged and that the frame around every
page (theme, settings, navigation) is too, those folders move back; MkDocs
renders only the rest. `mkdocs serve --dirty` leaves the folder in place, and
the same record tells which of its pages still hold what was written.

A page is reused only while its file has the bytes this process wrote (reuse.py: the
same rule as the CLI's incremental build).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from reviewlens.mkdocsbuild import reuse
from reviewlens.mkdocsbuild.cache import PageFile


class ServedSite:
    """The pages the last build of this server wrote, and the folders that hold them."""

    def __init__(self) -> None:
        self.site: Path | None = None  # the site folder that build wrote: nothing else is touched
        self.pages: dict[str, PageFile] = {}  # page uri -> what was written, and where
        self.nav: list | None = None  # reviewlens' navigation those pages were written with
        self.frame = ""  # frame_key of that build
        self.folders: dict[str, tuple[str, ...]] = {}  # a case's folder in the site -> the uris of its pages
        self._aside: Path | None = None  # where the folders wait while MkDocs empties the site
        self._set_aside = False  # this rebuild moved them there

    def record(self, site: Path, pages: dict[str, PageFile], nav: list, frame: str,
               cases: Iterable[tuple[str, ...]]) -> None:
        """A build succeeded: what it wrote (or reused) into `site`, for the next one to prove."""
        self.site, self.pages, self.nav, self.frame = site, pages, nav, frame
        self.folders = {}
        for uris in cases:
            folder = case_folder([pages[u].dest for u in uris]) if all(u in pages for u in uris) else None
            if folder is not None:
                self.folders[folder] = uris

    def reusable(self, site: Path) -> dict[str, PageFile]:
        """The pages of the last build into `site` whose files still hold the bytes it wrote (reuse.py):
        in the site (serve --dirty), or where set_aside moved them (serve, which empties the site)."""
        folder = self._aside if self._set_aside else site
        if site != self.site or folder is None:
            return {}
        return reuse.reusable(self.pages, folder)

    def drop_gone(self, site: Path, now: set[str]) -> None:
        """Remove the pages the last build wrote into `site` that this one no
        longer makes (a removed report): `--dirty` leaves the folder as it is.
        Only files that still hold what that build wrote, and folders left empty."""
        if site != self.site:
            return
        for page in reuse.reusable(self.pages, site, wanted=set(self.pages) - now).values():
            path = site / page.dest
            path.unlink()
            for folder in path.parents:
                if folder == site or any(folder.iterdir()):
                    break
                folder.rmdir()

    def set_aside(self, site: Path) -> None:
        """Move each case's folder out of the site (before MkDocs empties it).
        A rebuild that failed before it put them back left them there: they
        stay (reusable() proves them). Anything else there goes."""
        self._set_aside = site == self.site
        if not self._set_aside:
            return
        if self._aside is None:
            self._aside = Path(tempfile.mkdtemp(prefix="reviewlens-reused-", dir=site.parent))
        _empty(self._aside, keep={self._aside / folder for folder in self.folders})
        for folder in self.folders:
            source, target = site / folder, self._aside / folder
            if source.is_dir() and not source.is_symlink():
                shutil.rmtree(target, ignore_errors=True)  # older than the site's
                target.parent.mkdir(parents=True, exist_ok=True)
                with contextlib.suppress(OSError):  # another file system, a name taken: rendered again
                    os.rename(source, target)

    def put_back(self, site: Path, reused: frozenset[str]) -> set[str]:
        """Move back the folders of the cases whose every page is reused (this build makes it
        the same); the uris of their pages. The rest is dropped."""
        back: set[str] = set()
        if not self._set_aside:
            return back
        for folder, uris in self.folders.items():
            if all(u in reused for u in uris) and (self._aside / folder).is_dir() and not (site / folder).exists():
                (site / folder).parent.mkdir(parents=True, exist_ok=True)
                with contextlib.suppress(OSError):  # another file system, a name taken: rendered again
                    os.rename(self._aside / folder, site / folder)
                    back.update(uris)
        _empty(self._aside)
        self._set_aside = False
        return back

    def close(self) -> None:
        if self._aside is not None:
            shutil.rmtree(self._aside, ignore_errors=True)
            self._aside = None


def case_folder(dests: list[str]) -> str | None:
    """The folder that holds all of a case's pages (its own page's folder), or None."""
    if not dests:
        return None
    folder = PurePosixPath(dests[0]).parent
    if folder == PurePosixPath(".") or not all(PurePosixPath(d).is_relative_to(folder) for d in dests):
        return None
    return folder.as_posix()


def _empty(folder: Path, keep: set[Path] = frozenset()) -> None:
    """Remove everything under folder but the paths in keep (and the folders that lead to them)."""
    for child in folder.iterdir():
        if child in keep:
            continue
        if child.is_dir() and not child.is_symlink():
            if any(k.is_relative_to(child) for k in keep):
                _empty(child, keep)
            else:
                shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
