"""The list of charts, in the order the site shows them."""

from __future__ import annotations

from pathlib import Path

from generator.charts import events_per_day, figures, measures, places_map, reactions, regions, troops
from generator.charts.plan import Plan
from generator.i18n import DEFAULT_LANGUAGE
from generator.model.report import Report


def plan_charts(report: Report, content_dir: Path, language: str = DEFAULT_LANGUAGE) -> list[Plan]:
    return [
        events_per_day.plan(report, language),
        places_map.plan(report, content_dir, language),
        *figures.plans(report, language),
        measures.plan(report, language),
        *reactions.plans(report, language),
        troops.plan(report, language),
        regions.plan(report, language),
    ]
