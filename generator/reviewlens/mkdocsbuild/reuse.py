"""Which pages on disk are still right: the one rule by which a build reuses a page.

A build records, for each page it leaves in a site folder, a PageFile: the page's digest (what it
says: its case's inputs and the code that made it), its file, and the SHA-256 of that file's bytes.
A later build reuses a page (neither renders nor writes it) only when both still hold:

- the file has the bytes that were recorded (an edited, replaced, linked or vanished file is
  written anew; nothing else in the folder is taken), which `reusable` proves, and
- this build makes the page with the same digest, which the case stream decides as each case comes
  (CaseStream.must_write, CaseStream.reused), from `digests(reusable(...))`.

Every mode asks the same question of a different folder:

- `reviewlens build`: the last site; its reusable pages are hard-linked into the new site
  (`link_into`), which MkDocs then completes (mkdocsbuild/site.py);
- `mkdocs serve --dirty`: the site folder itself, which MkDocs leaves in place;
- `mkdocs serve`: each case's folder, moved aside before MkDocs empties the site and moved back
  once the case is known to be made the same (serving.py).

A shard's build stores its pages in the build cache instead (cache.py): a later build takes those
as made, not from a site folder.
"""

from __future__ import annotations

import os
from collections.abc import Container, Iterable, Mapping
from pathlib import Path

from reviewlens.mkdocsbuild.cache import PageFile, PageRecord, sha256_file


def reusable(pages: Mapping[str, PageFile], folder: Path, wanted: Container[str] | None = None) -> dict[str, PageFile]:
    """The recorded pages (those in `wanted`, if given) whose files in `folder` still hold the bytes recorded."""
    found = {}
    for uri, page in pages.items():
        if wanted is not None and uri not in wanted:
            continue
        path = folder / page.dest
        if not inside(folder, page.dest) or path.is_symlink() or sha256_file(path) != page.sha256:
            continue
        found[uri] = page
    return found


def digests(pages: Mapping[str, PageFile]) -> dict[str, str]:
    """uri -> digest: what the case stream compares each page it makes with."""
    return {uri: page.digest for uri, page in pages.items()}


def link_into(pages: Mapping[str, PageFile], source: Path, target: Path) -> None:
    """Hard-link the pages' files from `source` into `target` (copies, file times kept, where the
    file system has no hard links). Links, not copies: most of a site stays as it is. MkDocs must
    never write through such a link: a page written anew is unlinked first (the plugin does)."""
    for page in pages.values():
        src, dst = source / page.dest, target / page.dest
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, dst)
        except OSError:
            dst.write_bytes(src.read_bytes())
            os.utime(dst, ns=(src.stat().st_atime_ns, src.stat().st_mtime_ns))


def after_build(records: Iterable[PageRecord], dest: Mapping[str, str], written: Mapping[str, str],
                reused: Mapping[str, PageFile]) -> dict[str, PageFile]:
    """What each page's file holds once a build is done: the bytes it wrote now, or those it reused.
    A page neither written nor reused (not in this site) is left out."""
    files = {}
    for r in records:
        sha = written.get(r.uri) or (reused[r.uri].sha256 if r.uri in reused else None)
        if sha is not None and r.uri in dest:
            files[r.uri] = PageFile(r.digest, dest[r.uri], sha)
    return files


def inside(folder: Path, rel: str) -> bool:
    """Whether folder/rel stays inside folder (a record is data: it may have been edited)."""
    return (folder / rel).resolve().is_relative_to(folder.resolve())
