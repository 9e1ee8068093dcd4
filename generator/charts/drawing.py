"""Charts drawn by forked worker processes while the build goes on.

A build from a fresh clone draws every chart (matplotlib, about 0.1 s each, plus importing it),
while MkDocs converts the pages on one core. Workers started as soon as the charts are planned
draw on the other cores; the build asks for the SVGs only when it writes the files, so the two
overlap. The drawings of a process are kept in one `Drawings` (the plugin's lives in its session):
the French edition's build finds its charts already being drawn since the English one started them.

The preview runs threads, so its workers are started with "spawn" (a forked child could inherit a
lock another thread holds) and kept between rebuilds: starting one costs a second (matplotlib).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Collection
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from generator.charts.plan import Plan

MAX_WORKERS = 4
_PR_SET_PDEATHSIG = 1

Svgs = tuple[bytes, bytes]
T = TypeVar("T")


class DrawingFailed(Exception):
    """A chart could not be drawn: the error names the chart, whichever process drew it."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"chart '{name}' could not be drawn: {reason}")
        self.name = name


def can_fork() -> bool:
    """Forking copies only the calling thread: with other threads running (`mkdocs serve`) a lock one
    of them holds could stay locked forever in the child, so then charts are drawn in this process."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


class Drawings:
    """Charts being drawn, by cache key, and the pool of workers drawing them (started on first use,
    shut down once every drawing was collected or the build gave up)."""

    def __init__(self, method: str = "fork", keeps_workers: bool = False) -> None:
        self._method, self._keeps_workers = method, keeps_workers
        self._pool: ProcessPoolExecutor | None = None
        self._pending: dict[str, Future[Svgs]] = {}

    def start(self, work: list[tuple[str, Plan]], workers: int) -> bool:
        """Start drawing each (key, plan) not already being drawn; False when no worker can be used."""
        work = [(key, plan) for key, plan in work if key not in self._pending]
        if not work:
            return True
        if not self._started(workers):
            return False
        assert self._pool is not None
        for key, plan in work:
            self._pending[key] = self._pool.submit(draw_pair, plan)
        return True

    def prepare(self, workers: int, task: Callable[..., T], *args: object) -> Future[T] | None:
        """Start the workers before any chart is planned, one of them running `task(*args)` before any
        drawing (best effort: it only saves the build time, e.g. by importing matplotlib while the
        records load); its future, or None when no worker can be used."""
        if not self._started(workers):
            return None
        assert self._pool is not None
        return self._pool.submit(task, *args)

    def _started(self, workers: int) -> bool:
        if self._pool is not None:
            return True
        if workers < 1 or (self._method == "fork" and not can_fork()):
            return False
        try:
            self._pool = ProcessPoolExecutor(
                max_workers=min(workers, MAX_WORKERS),
                mp_context=multiprocessing.get_context(self._method),
                initializer=_die_with_parent,
                initargs=(os.getpid(),),
            )
            # A "fork" pool forks all its workers at the first submit, before its own thread starts: now,
            # while this process has a single thread, and here, where a failing fork is caught.
            self._pool.submit(int)
        except (BrokenProcessPool, OSError):  # no fork for us (limits): draw here
            self.close()
            return False
        return True

    def pending(self, key: str) -> bool:
        return key in self._pending

    @property
    def outstanding(self) -> int:
        """How many drawings were started and neither collected nor discarded."""
        return len(self._pending)

    def done(self, key: str) -> bool:
        """Whether the drawing of `key` is over (drawn or failed): collecting it will not wait."""
        future = self._pending.get(key)
        return future is None or future.done()

    def discard(self, keys: Collection[str]) -> None:
        """Forget these drawings (superseded by newer data): cancelled if not started, dropped when done."""
        for key in keys:
            future = self._pending.pop(key, None)
            if future is not None:
                future.cancel()

    def collect(self, key: str, name: str) -> Svgs:
        """The drawing of `key`, waiting for it; the pool is shut down with the last one collected
        (unless it keeps its workers).
        A worker that raised or died is an error naming the chart, never a wait for ever: the pool
        fails every drawing it still had when one of its processes dies."""
        future = self._pending.pop(key, None)
        if future is None:  # dropped with its pool: a worker died drawing another chart, or `close`
            raise DrawingFailed(name, "its worker was stopped before it was drawn")
        try:
            return future.result()
        except BrokenProcessPool as error:
            self.close()
            raise DrawingFailed(name, f"the worker process drawing it died ({error})") from None
        except Exception as error:
            raise DrawingFailed(name, f"{type(error).__name__}: {error}") from error
        finally:
            if not self._pending and not self._keeps_workers:
                self.close()

    def close(self) -> None:
        """Drop what is not collected yet and stop the workers."""
        pool, self._pool = self._pool, None
        for future in self._pending.values():
            future.cancel()
        self._pending.clear()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def draw_pair(plan: Plan) -> Svgs:
    """Drawn once, in the light theme: the dark SVG is the light one with each colour swapped."""
    import re

    from generator.charts.dark import to_dark
    from generator.charts.plan import canonical_json
    from generator.charts.svg import render
    from generator.charts.theme import LIGHT

    light = render(plan, LIGHT)
    # The base colours a chart's data names (vocabulary members' colours) are the ones it may shade.
    bases = tuple(sorted(set(re.findall(r"#[0-9a-f]{6}", canonical_json(plan.data)))))
    return light, to_dark(light, bases)


def _die_with_parent(parent: int) -> None:
    """A worker whose build was killed would wait for work forever (holding ~100 MB): the kernel
    kills it when its parent dies (Linux); elsewhere a thread watches for the parent to go."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
