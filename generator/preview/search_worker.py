"""A process that makes search entries, so that the preview's own interpreter stays free.

Material parses a page's whole HTML in pure Python: a timeline part of 10,000 events takes about two
seconds, during which the server and the next save's rebuild would share the interpreter with it.
One worker per preview, started on first use with "spawn" (the preview runs threads: a forked child
could inherit a lock held by one of them), takes one page at a time, so that a page recorded again
by a newer save is dropped before it is sent rather than indexed for nothing. A worker that cannot
start or dies fails the futures it had: the caller then indexes those pages itself.

"Spawn" imports the program's main module again in the worker (as `__mp_main__`): `python -m
generator serve` runs none of its own code there (a package's `__main__` is left out), but a script
that drives `PreviewBuilder` itself must keep its work under `if __name__ == "__main__":`.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from concurrent.futures import Future
from multiprocessing.connection import Connection
from typing import Any

from generator.preview.search_entries import PageData, entries_from_config

MAX_STARTS = 3
"""A worker that keeps dying (a page that kills it) is not started again for every save."""

Entries = list[dict[str, Any]]
_Job = tuple[Future[Entries], dict[str, Any], PageData]


class WorkerGone(Exception):
    """The worker could not start, died or was closed before it answered."""


class SearchWorker:
    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._queue: deque[_Job] = deque()
        self._running: Future[Entries] | None = None
        self._process: Any = None
        self._conn: Connection | None = None
        self._threads: list[threading.Thread] = []
        self._starts = 0
        self._closed = False

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def entries(self, config: dict[str, Any], page: PageData) -> Future[Entries]:
        """The entries of `page` for a `SearchIndex(**config)`, made in the worker (started now if need
        be). Cancel the future to drop a page not sent yet."""
        future: Future[Entries] = Future()
        with self._changed:
            try:
                self._start()
            except Exception as error:  # no worker: the caller indexes the page itself
                future.set_exception(WorkerGone(f"no search worker: {type(error).__name__}: {error}"))
                return future
            self._queue.append((future, config, page))
            self._changed.notify_all()
        return future

    def _start(self) -> None:
        if self._conn is not None:
            return
        if self._closed or self._starts >= MAX_STARTS:
            raise WorkerGone("closed" if self._closed else f"started {self._starts} times already")
        self._starts += 1
        context = multiprocessing.get_context("spawn")
        here, there = context.Pipe()
        # Daemonic: multiprocessing terminates it at exit if `close` was never called.
        process = context.Process(target=_serve, args=(there,), name="preview-search", daemon=True)
        try:
            process.start()
        except BaseException:
            here.close()
            raise
        finally:
            there.close()  # the worker's end lives in the worker only: its death reads as EOF here
        self._process, self._conn = process, here
        # Sent from a thread of its own: a page of megabytes fills the pipe until the worker reads it
        # (it is still importing at first), and the caller must stay free to notice a newer save.
        self._threads = [
            threading.Thread(target=self._write, args=(here,), name="preview-search-write", daemon=True),
            threading.Thread(target=self._read, args=(here, process), name="preview-search-read", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _write(self, conn: Connection) -> None:
        """Sends the next page not cancelled once the worker has answered the last one."""
        while True:
            with self._changed:
                while self._conn is conn and (self._running is not None or not self._queue):
                    self._changed.wait()
                if self._conn is not conn:
                    return
                future, config, page = self._queue.popleft()
                if not future.set_running_or_notify_cancel():
                    continue
                self._running = future
            try:
                conn.send((config, page))  # pickled before anything is written: an unpicklable page fails alone
            except Exception as error:
                with self._changed:
                    if self._running is future:
                        self._running = None
                if not future.done():
                    future.set_exception(error)
                if isinstance(error, OSError):  # the worker is gone: `_read` fails the rest
                    return

    def _read(self, conn: Connection, process: Any) -> None:
        """Hands each answer to its future until the worker's end closes (it died or was closed)."""
        while True:
            try:
                ok, value = conn.recv()
            except (EOFError, OSError):
                break
            with self._changed:
                future, self._running = self._running, None
                self._changed.notify_all()
            if future is not None and not future.done():
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(RuntimeError(value))
        with self._changed:
            died = self._conn is conn  # else `close` stopped it, and reaps it
            if died:
                self._process = self._conn = None
            lost = [self._running] if self._running is not None else []
            self._running = None
            for future, _, _ in self._queue:
                if future.set_running_or_notify_cancel():
                    lost.append(future)
            self._queue.clear()
            self._changed.notify_all()
        for future in lost:
            if not future.done():
                future.set_exception(WorkerGone("the search worker died"))
        if died:
            process.join()

    def close(self) -> None:
        """Stop the worker at once (a page being indexed is dropped) and fail what it still had."""
        with self._changed:
            self._closed = True
            process, conn, threads = self._process, self._conn, self._threads
            self._process = self._conn = None
            self._threads = []
            self._changed.notify_all()
        if process is not None:
            process.terminate()
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join()
        for thread in threads:
            if thread is not threading.current_thread():  # a finalizer may run on either of them
                thread.join()
        if conn is not None:
            conn.close()


def _serve(conn: Connection) -> None:
    """The worker: one page at a time until the preview's end of the pipe closes."""
    while True:
        try:
            config, page = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[bool, Any] = (True, entries_from_config(config, page))
        except Exception as error:  # the preview indexes the page itself and reports what it raises
            answer = (False, f"{type(error).__name__}: {error}")
        try:
            conn.send(answer)
        except (BrokenPipeError, OSError):
            return
