"""The list of charts, in the order the site shows them."""

from __future__ import annotations

from pathlib import Path

from generator.charts import events_per_day, figures, measures, places_map, reactions, regions, troops
from generator.charts.plan import Plan
from generator.model.report import Report


def plan_charts(report: Report, content_dir: Path) -> list[Plan]:
    return [
        events_per_day.plan(report),
        places_map.plan(report, content_dir),
        *figures.plans(report),
        measures.plan(report),
        *reactions.plans(report),
        troops.plan(report),
        regions.plan(report),
    ]
