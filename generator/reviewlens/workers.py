"""Running a corpus's cases on every core: the worker pool, and how it reports.

Cases are independent, so each task is one whole case. With fewer than
PARALLEL_FROM tasks (or one job) they run here, one by one, each when its
result is asked for. Workers tune the garbage collector for a batch run and
end when the build that started them is killed. Long runs show a progress
bar on a terminal and plain lines in CI logs.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing, contextmanager
from typing import TypeVar

from tqdm import tqdm

PARALLEL_FROM = 8  # fewer cases than this are not worth starting processes for
R = TypeVar("R")


def map_cases(tasks: Sequence[Callable[[], R]], jobs: int | None, what: str, show_progress: bool) -> list[R]:
    """task() for every task, in task order, on every core once there are enough."""
    results: list[R] = []
    with closing(CasePool(tasks, jobs)) as results_in, progress(len(tasks), what, enabled=show_progress) as tick:
        for result in results_in:
            results.append(result)
            tick()
    return results


class CasePool(Iterator[R]):
    """task() for every task, in task order, each as soon as it is done:
    started at once on every core when there are enough tasks, else run here,
    each when asked for. close() cancels the tasks not yet started.

    A task is a picklable callable of no arguments: a frozen dataclass that
    names what it does (analyze.AnalyseCase, stream.RenderCase, ...)."""

    def __init__(self, tasks: Sequence[Callable[[], R]], jobs: int | None, chunksize: int | None = None,
                 before_fork: Callable[[], object] | None = None) -> None:
        jobs = jobs or os.cpu_count() or 1
        self._pool = None
        if jobs == 1 or len(tasks) < PARALLEL_FROM:
            self._results = (task() for task in tasks)
            return
        if before_fork:  # what every worker needs, made once, here
            before_fork()
        self._pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(os.getpid(),))
        self._results = self._pool.map(_run, tasks, chunksize=chunksize or max(1, len(tasks) // (jobs * 8)))

    def __next__(self) -> R:
        return next(self._results)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _run(task: Callable[[], R]) -> R:
    return task()


def batch_gc() -> None:
    """Garbage collection for a batch run, which makes many short-lived objects
    and few cycles: the objects alive now (the imported code) are never
    scanned again, the young generation is collected every 10,000
    allocations instead of 700 and the older ones less often still. Cuts the
    collector's share of a case's work from 5% to under 1%, and of MkDocs'
    part of a build from 0.46 s to 0.19 s, for no more memory."""
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


def _start_worker(parent: int) -> None:
    batch_gc()
    _die_with(parent)


def _die_with(parent: int) -> None:
    """A worker ends when the build that started it is killed, instead of
    waiting forever on a queue nobody feeds (Linux; elsewhere a no-op)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


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
