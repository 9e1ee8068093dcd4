"""Charts of the report as deterministic light and dark SVGs, cached on disk.

Planning a chart (what it draws, its alt text, caption and CSV) needs no matplotlib; matplotlib is
imported only when a chart is not in the cache, so a rebuild with unchanged data stays fast.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from generator.charts.cache import SvgCache, chart_key, code_version
from generator.charts.catalogue import plan_charts
from generator.charts.plan import Plan, canonical_json
from generator.i18n import DEFAULT_LANGUAGE
from generator.model.report import Report

MAX_WORKERS = 4
PLANS_PER_WORKER = 4
"""A worker costs about as much as drawing a few charts (it imports matplotlib)."""
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    caption: str
    alt: str
    source_ids: list[str]
    svg_light: bytes
    svg_dark: bytes
    data_csv: bytes
    key: list[dict[str, str]]

    @property
    def size(self) -> tuple[int, int]:
        """The drawing's size in CSS px (its points x 4/3): the page reserves this room before the lazy image loads."""
        head = self.svg_light[: self.svg_light.index(b">", self.svg_light.index(b"<svg"))]
        found = [re.search(rb'\s%s="([\d.]+)pt"' % name, head) for name in (b"width", b"height")]
        width, height = (float(match.group(1)) for match in found if match is not None)
        return round(width * 4 / 3), round(height * 4 / 3)


def render_charts(
    report: Report,
    content_dir: Path,
    cache_dir: Path | None,
    progress: Callable[[str], None] | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> tuple[list[Chart], int]:
    """Every chart of the report in `language`, and how many of them had to be rendered (not served from cache)."""
    version = code_version()
    cache = SvgCache(cache_dir)
    plans = plan_charts(report, content_dir, language)
    keys = [chart_key(plan, version, language) for plan in plans]
    # Each language's drawings under their own name: storing one never prunes the other's.
    names = [plan.name if language == DEFAULT_LANGUAGE else f"{plan.name}-{language}" for plan in plans]
    found: list[tuple[bytes, bytes] | None] = [cache.load(name, key) for name, key in zip(names, keys, strict=True)]
    missing = [index for index, cached in enumerate(found) if cached is None]
    if missing and progress is not None:
        progress(f"drawing {len(missing)} charts not in the cache ({len(plans)} in all)")
    for index, rendered in zip(missing, _render_all([plans[i] for i in missing]), strict=True):
        cache.store(names[index], keys[index], rendered)
        found[index] = rendered
    charts = []
    for plan, svgs in zip(plans, found, strict=True):
        assert svgs is not None
        charts.append(
            Chart(
                plan.name, plan.title, plan.caption, plan.alt, plan.source_ids, svgs[0], svgs[1], plan.csv(), plan.key
            )
        )
    return charts, len(missing)


def _render_all(plans: list[Plan]) -> list[tuple[bytes, bytes]]:
    """Light and dark SVGs of each plan; on several cores, in parallel when there are enough to amortise it.

    Workers are forked, which copies this process without re-running the caller's main module,
    and only while this process has a single thread (`mkdocs serve` runs several: forking them
    is unsafe, so it draws here). The output is byte-identical whichever process draws it.
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS, len(plans) // PLANS_PER_WORKER)
    if workers < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_render_pair(plan) for plan in plans]
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            return list(pool.map(_render_pair, plans))
    except (BrokenProcessPool, OSError):
        return [_render_pair(plan) for plan in plans]


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


def _render_pair(plan: Plan) -> tuple[bytes, bytes]:
    """Drawn once, in the light theme: the dark SVG is the light one with each colour swapped."""
    from generator.charts.dark import to_dark
    from generator.charts.svg import render
    from generator.charts.theme import LIGHT

    light = render(plan, LIGHT)
    # The base colours a chart's data names (vocabulary members' colours) are the ones it may shade.
    bases = tuple(sorted(set(re.findall(r"#[0-9a-f]{6}", canonical_json(plan.data)))))
    return light, to_dark(light, bases)


__all__ = ["Chart", "render_charts"]
