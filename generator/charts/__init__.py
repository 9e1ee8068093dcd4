"""Charts of the report as deterministic light and dark SVGs, cached on disk.

Planning a chart (what it draws, its alt text, caption and CSV) needs no matplotlib; matplotlib is
imported only when a chart is not in the cache, so a rebuild with unchanged data stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.charts.cache import SvgCache, chart_key, code_version
from generator.charts.catalogue import plan_charts
from generator.charts.drawing import MAX_WORKERS, DrawingFailed, Drawings, Svgs, draw_pair
from generator.charts.plan import WIDTH, Plan
from generator.i18n import DEFAULT_LANGUAGE
from generator.model.report import Report

PLANS_PER_WORKER = 4
"""A worker costs about as much as drawing a few charts (it imports matplotlib)."""


class Drawing:
    """A chart's light and dark SVGs: at hand (from the cache, or drawn in this process), or being drawn
    by a worker and collected (then kept, and stored in the cache) the first time they are asked for."""

    def __init__(
        self,
        name: str,
        key: str,
        svgs: Svgs | None = None,
        drawings: Drawings | None = None,
        cache: SvgCache | None = None,
        cache_name: str = "",
    ) -> None:
        self.name, self.key = name, key
        self._svgs, self._drawings, self._cache, self._cache_name = svgs, drawings, cache, cache_name

    @property
    def ready(self) -> bool:
        return self._svgs is not None

    def svgs(self) -> Svgs:
        if self._svgs is None:
            assert self._drawings is not None and self._cache is not None
            self._svgs = self._drawings.collect(self.key, self.name)
            self._cache.store(self._cache_name, self.key, self._svgs)
        return self._svgs


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    caption: str
    alt: str
    source_ids: list[str]
    data_csv: bytes
    key: list[dict[str, str]]
    size: tuple[int, int]
    """The drawing's size in CSS px (its points x 4/3): the page reserves this room before the lazy image
    loads. Known from the plan, so pages are written while the picture is still being drawn."""
    drawing: Drawing = field(compare=False)

    @property
    def svg_light(self) -> bytes:
        return self.drawing.svgs()[0]

    @property
    def svg_dark(self) -> bytes:
        return self.drawing.svgs()[1]


def render_charts(
    report: Report,
    content_dir: Path,
    cache_dir: Path | None,
    progress: Callable[[str], None] | None = None,
    language: str = DEFAULT_LANGUAGE,
    drawings: Drawings | None = None,
) -> tuple[list[Chart], int]:
    """Every chart of the report in `language`, and how many of them had to be rendered (not served from cache).

    Without `drawings` every chart is drawn before this returns. With it, the charts not in the cache
    are drawn by its workers (or were started by `start_charts`) and each chart's SVGs are waited for
    only when first asked for; where no worker can be used they are drawn here, before returning.
    """
    cache = SvgCache(cache_dir)
    plans, keys, names, found = _look_up(report, content_dir, cache, language)
    missing = [index for index, cached in enumerate(found) if cached is None]
    if missing and progress is not None:
        progress(f"drawing {len(missing)} charts not in the cache ({len(plans)} in all)")
    deferred = drawings is not None and drawings.start(
        [(keys[index], plans[index]) for index in missing], chart_workers(len(missing))
    )
    if not deferred:
        drawn = (
            [draw_pair(plans[index]) for index in missing]
            if drawings is not None
            else _draw_now([plans[index] for index in missing])
        )
        for index, pair in zip(missing, drawn, strict=True):
            cache.store(names[index], keys[index], pair)
            found[index] = pair
    charts = []
    for plan, key, name, svgs in zip(plans, keys, names, found, strict=True):
        drawing = Drawing(plan.name, key, svgs, drawings, cache, name)
        charts.append(
            Chart(
                plan.name,
                plan.title,
                plan.caption,
                plan.alt,
                plan.source_ids,
                plan.csv(),
                plan.key,
                size(plan),
                drawing,
            )
        )
    return charts, len(missing)


def start_charts(report: Report, content_dir: Path, cache_dir: Path | None, language: str, drawings: Drawings) -> None:
    """Start drawing the charts of `language` that are not in the cache, for a build that comes later in
    this process (another edition): its `render_charts` finds them being drawn. Nothing where no worker can be used."""
    plans, keys, _, found = _look_up(report, content_dir, SvgCache(cache_dir), language)
    missing = [index for index, cached in enumerate(found) if cached is None]
    if missing:
        drawings.start([(keys[index], plans[index]) for index in missing], chart_workers(len(missing)))


def size(plan: Plan) -> tuple[int, int]:
    """The figure's size as the SVG states it (`svg.render` keeps the figure's size: no tight bounding box)."""
    return round(_points(WIDTH) * 4 / 3), round(_points(plan.height) * 4 / 3)


def _points(inches: float) -> float:
    """Inches to points as matplotlib writes them in the SVG's width and height (`short_float_fmt`)."""
    return float(f"{inches * 72:f}".rstrip("0").rstrip("."))


def _look_up(
    report: Report, content_dir: Path, cache: SvgCache, language: str
) -> tuple[list[Plan], list[str], list[str], list[Svgs | None]]:
    """The plans of `language`, their keys and cache names, and their SVGs where the cache has them."""
    version = code_version()
    plans = plan_charts(report, content_dir, language)
    keys = [chart_key(plan, version, language) for plan in plans]
    # Each language's drawings under their own name: storing one never prunes the other's.
    names = [plan.name if language == DEFAULT_LANGUAGE else f"{plan.name}-{language}" for plan in plans]
    found = [cache.load(name, key) for name, key in zip(names, keys, strict=True)]
    return plans, keys, names, found


def chart_workers(count: int | None = None) -> int:
    """Workers for `count` drawings (all of a report's by default) that run beside the build: one per core
    but the one MkDocs converts the pages on (bench/README.md: on 2 cores a second worker only competed
    with MkDocs), none on a single core."""
    cores = os.cpu_count() or 1
    return min(cores - 1, MAX_WORKERS if count is None else -(-count // PLANS_PER_WORKER))


def _draw_now(plans: list[Plan]) -> list[Svgs]:
    """Light and dark SVGs of each plan, before returning; on several cores in parallel when there are
    enough to amortise starting the workers. The output is byte-identical whichever process draws it."""
    if min(os.cpu_count() or 1, len(plans) // PLANS_PER_WORKER) < 2:
        return [draw_pair(plan) for plan in plans]
    drawings = Drawings()
    work = [(str(index), plan) for index, plan in enumerate(plans)]
    if not drawings.start(work, min(os.cpu_count() or 1, len(plans) // PLANS_PER_WORKER)):
        return [draw_pair(plan) for plan in plans]
    try:
        return [drawings.collect(key, plan.name) for key, plan in work]
    finally:
        drawings.close()


__all__ = ["Chart", "DrawingFailed", "Drawings", "chart_workers", "render_charts", "start_charts"]
