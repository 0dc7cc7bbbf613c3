"""Progress of long builds: a bar on a terminal, plain lines in CI logs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def progress(total: int, what: str, enabled: bool = True) -> Iterator[Callable[[], None]]:
    """Yield a tick() to call once per item done."""
    if not enabled or total < 2:
        yield lambda: None
        return
    if sys.stderr.isatty():
        with tqdm(total=total, desc=f"reviewlens: {what}", unit="", leave=False, file=sys.stderr) as bar:
            yield bar.update
        return
    # Not a terminal (CI): a plain line at every tenth, no carriage returns.
    done = 0
    step = max(1, total // 10)

    def tick() -> None:
        nonlocal done
        done += 1
        if done % step == 0 or done == total:
            print(f"reviewlens: {what}: {done}/{total}", file=sys.stderr, flush=True)

    yield tick
