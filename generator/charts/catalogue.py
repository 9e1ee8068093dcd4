"""The charts a report can show, each declared once: its name, what it shows, and its planner.

The contract of a chart module: a planner takes the report (and the content folder, for the map)
and returns `Plan`s (`charts/plan.py`): the drawn data as JSON-able values, title, caption, alt text
and CSV rows, worked out without matplotlib; the plan's `draw(figure, data, theme)` draws exactly
that data, deterministically. A chart with no data still returns a plan (`empty_plan`) that says
why on the page. Templates ask for a chart by name with `chart("name")`: a name no chart declares
fails the build at the template's line; a declared chart the report gives no data for says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.charts import events_per_day, figures, measures, places_map, reactions, regions, troops
from generator.charts.plan import Plan
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.texts import N_
from generator.model.report import Report


@dataclass(frozen=True)
class ChartKind:
    name: str
    """The chart's name, or a pattern with one `{metric}` for a chart per metric."""
    shows: str
    """What the chart shows, in one sentence (the contract its plan keeps)."""
    planner: Callable[[Report, Path, str], list[Plan]]
    not_drawn: str = N_("the report has no records for it")
    """Why a name this kind declares has no plan, said on the page instead of the chart (translated there)."""

    def matches(self, name: str) -> bool:
        return re.fullmatch(re.escape(self.name).replace(r"\{metric\}", r"[a-z0-9-]+"), name) is not None


KINDS: tuple[ChartKind, ...] = (
    ChartKind(
        events_per_day.NAME,
        "How many events each day of the report's period, stacked by category.",
        lambda report, _, language: [events_per_day.plan(report, language)],
    ),
    ChartKind(
        places_map.NAME,
        "The places of the report on a map of the report's country and its neighbours.",
        lambda report, content_dir, language: [places_map.plan(report, content_dir, language)],
    ),
    ChartKind(
        "figures-{metric}",
        "Every value reported for one metric, per reporter, over the date it refers to.",
        lambda report, _, language: figures.plans(report, language),
        not_drawn=N_(
            "the figures of this metric count different things, so they are listed rather than drawn on one axis"
        ),
    ),
    ChartKind(
        measures.NAME,
        "When each measure was in force, one row per measure, coloured by kind.",
        lambda report, _, language: [measures.plan(report, language)],
    ),
    ChartKind(
        reactions.NAME,
        "Who reacted when and how: states and organisations by date, coloured by stance.",
        lambda report, _, language: [reactions.timeline_plan(report, language)],
    ),
    ChartKind(
        reactions.BY_STANCE,
        "How many states and organisations took each stance.",
        lambda report, _, language: [reactions.stance_plan(report, language)],
    ),
    ChartKind(
        troops.NAME,
        "The foreign troops reported for each national contingent.",
        lambda report, _, language: [troops.plan(report, language)],
    ),
    ChartKind(
        regions.NAME,
        "How many events each region saw, stacked by category.",
        lambda report, _, language: [regions.plan(report, language)],
    ),
)


def declared(name: str) -> ChartKind | None:
    """The kind of chart `name` names, or None when no chart is called that."""
    return next((kind for kind in KINDS if kind.matches(name)), None)


def plan_charts(report: Report, content_dir: Path, language: str = DEFAULT_LANGUAGE) -> list[Plan]:
    """Every chart of the report, in the order the site shows them."""
    plans = [plan for kind in KINDS for plan in kind.planner(report, content_dir, language)]
    undeclared = [plan.name for plan in plans if declared(plan.name) is None]
    if undeclared:
        raise AssertionError(f"charts planned without a declaration in KINDS: {', '.join(undeclared)}")
    return plans
