"""One corpus analysed by several CI jobs, then joined.

`reviewlens analyze --shard K/N` analyses the K-th of N contiguous blocks of
the corpus's cases and keeps, in its cache folder, every case's entry and
its part of annotations.json (parts/K-of-N.json). `reviewlens merge` copies
the shards' folders into one cache, checks that the parts are every shard
of one run, and joins them into the whole annotations.json: the same bytes
as analysing the corpus in one go. A build reading the merged cache then
analyses nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from reviewlens.ingest.files import read_file
from reviewlens.mkdocsbuild.cache import BODY_NAME, ENTRY_NAME, own_files, write_atomic
from reviewlens.outputs import annotations
from reviewlens.packagefiles import templates_dir
from reviewlens.safedata import DataError, load_json

T = TypeVar("T")
PART_MAX = 1 << 30  # bytes: a shard's part of annotations.json (10,000 cases write about 300 MB in all)
ENTRY_MAX = 256 << 20  # bytes: one case's cache entry or one page body


def shard_of(cases: tuple[T, ...], k: int, n: int) -> tuple[T, ...]:
    """The k-th (1-based) of n contiguous blocks, so the shards in order are the corpus in order."""
    return cases[(k - 1) * len(cases) // n: k * len(cases) // n]


def store_part(cache_folder: Path, shard: tuple[int, int], text: str) -> None:
    """A shard's part of annotations.json, kept with its cache entries for `merge`."""
    write_atomic(cache_folder / "parts" / f"{shard[0]}-of-{shard[1]}.json", text.encode("utf-8"))


def merge_into(shard_dirs: list[Path], dest: Path) -> list[dict]:
    """Copy every shard folder's entries into dest (they are named by content,
    so a copy never clashes); the shards' parts, each read once and checked
    against the annotations schema."""
    import jsonschema

    schema = load_json((templates_dir() / "annotations.schema.json").read_text(encoding="utf-8"))
    parts: dict[str, dict] = {}
    for folder in shard_dirs:
        found = sorted((folder / "parts").glob("*-of-*.json"))
        if not found:
            raise MergeError(f"{folder}: no shard part (parts/K-of-N.json); is it a folder `analyze --shard` wrote?")
        for part in found:
            read = read_file(part, folder, PART_MAX, within="its shard folder")  # the one read rule: no FIFO, no /dev/zero
            if read.data is None:
                raise MergeError(f"{part}: {read.problem}")
            try:
                data = load_json(read.data.decode("utf-8"))
                jsonschema.validate(data, schema)
            except (UnicodeDecodeError, DataError, jsonschema.ValidationError) as err:
                reason = getattr(err, "message", None) or getattr(err, "strerror", None) or str(err)
                raise MergeError(f"{part}: not a shard part reviewlens wrote ({reason})") from None
            if "shard" not in data:
                raise MergeError(f"{part}: not a shard part (it has no `shard`)")
            parts.setdefault(part.name, data)
        for entry in [*own_files(folder / "cases", ENTRY_NAME), *own_files(folder / "bodies", BODY_NAME)]:
            target = dest / entry.parent.parent.name / entry.parent.name / entry.name
            if not target.exists():
                read = read_file(entry, folder, ENTRY_MAX, within="its shard folder")
                if read.data is None:
                    raise MergeError(f"{entry}: {read.problem}")
                write_atomic(target, read.data)
    return [parts[name] for name in sorted(parts)]



class MergeError(Exception):
    """Shard parts that do not make one whole corpus."""


def join(parts: list[dict[str, Any]]) -> str:
    """One annotations.json from the parts of every shard of one run (the
    same bytes as analysing the corpus in one go)."""
    if not parts:
        raise MergeError("no shard parts to merge")
    counts = {p.get("shard", {}).get("count") for p in parts}
    if len(counts) != 1 or None in counts:
        raise MergeError(f"the parts come from different runs (shard counts {sorted(map(str, counts))})")
    count = counts.pop()
    by_index: dict[int, dict[str, Any]] = {}
    for part in parts:
        index = part["shard"]["index"]
        if not 1 <= index <= count:
            raise MergeError(f"a part says it is shard {index} of {count}")
        if index in by_index and by_index[index] != part:
            raise MergeError(f"two different parts for shard {index}/{count}")
        by_index[index] = part
    if len(by_index) < count:
        # Named from the parts present, never by counting to `count` (a part may say anything).
        missing = [k for k in range(1, min(count, len(by_index) + 10) + 1) if k not in by_index][:10]
        more = count - len(by_index) - len(missing)
        raise MergeError(f"shard(s) {', '.join(map(str, missing))}{f' and {more:,} more' if more else ''} of {count:,} missing")
    ordered = [by_index[k] for k in range(1, count + 1)]
    whole = {"schema": annotations.SCHEMA, "cases": [c for p in ordered for c in p["cases"]], "problems": ordered[0]["problems"]}
    return annotations.to_text(whole) + "\n"
