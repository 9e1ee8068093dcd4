"""When Python's cyclic garbage collector runs during a build.

The records of the fact base, and the blocks rendered from them, live as long as the process
(`mkdocs serve` keeps them for the next build), and every automatic collection would walk all of
them again: at 10,000 events a third of a cold load, and 15% of each later build. So loading pauses
the collector, and what survives the first load and the first build of a process is frozen: left
out of later collections, though still freed by reference counting when dropped. Freezing would
also keep garbage that is not collected yet, so it comes right after a collection, and only those
two times: the builds that follow an edit only pause, and their garbage is collected as usual.
Loading makes no reference cycles (a collection after a load finds none).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_FROZEN: set[str] = set()


@contextmanager
def loading() -> Iterator[None]:
    """No collection inside; the first time in a process, collect before and freeze after."""
    was_enabled = gc.isenabled()
    first = was_enabled and "load" not in _FROZEN
    if first:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if first:
            gc.freeze()
            _FROZEN.add("load")
        if was_enabled:
            gc.enable()


def first_build_done() -> None:
    """Freeze what survives the first build of a process (its reusable blocks, charts, templates)."""
    if gc.isenabled() and "build" not in _FROZEN:
        _FROZEN.add("build")
        gc.collect()
        gc.freeze()
