"""Charts of the report as deterministic light and dark SVGs, cached on disk.

Planning a chart (what it draws, its alt text, caption and CSV) needs no matplotlib; matplotlib is
imported only when a chart is not in the cache, so a rebuild with unchanged data stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..report import Report
from .cache import SvgCache, chart_key, code_version
from .catalogue import plan_charts


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


def render_charts(report: Report, content_dir: Path, cache_dir: Path | None) -> tuple[list[Chart], int]:
    """Every chart of the report, and how many of them had to be rendered (not served from cache)."""
    version = code_version()
    cache = SvgCache(cache_dir)
    charts: list[Chart] = []
    rendered = 0
    for plan in plan_charts(report, content_dir):
        key = chart_key(plan, version)
        svgs = cache.load(plan.name, key)
        if svgs is None:
            from .svg import render
            from .theme import DARK, LIGHT

            svgs = (render(plan, LIGHT), render(plan, DARK))
            cache.store(plan.name, key, svgs)
            rendered += 1
        charts.append(Chart(plan.name, plan.title, plan.caption, plan.alt, plan.source_ids, svgs[0], svgs[1], plan.csv()))
    return charts, rendered


__all__ = ["Chart", "render_charts"]
