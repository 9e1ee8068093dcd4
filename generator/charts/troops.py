"""`troops-by-contingent`: the foreign troops reported for each national contingent (figures with
metric troops-deployed whose scope names a group)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..models import Figure as Reported
from ..render import figure_value, long_date
from ..report import Report
from ..vocab import MeasureKind, Metric
from . import text
from .dates import day_label
from .figures import bounds
from .palette import MEASURE
from .plan import Plan, actor_name, empty_plan, source_ids

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .theme import Theme

NAME = "troops-by-contingent"
TITLE = "Foreign troops by contingent"
HEADER = ["contingent", "latest", "latest_as_published", "as_of", "reported_by", "lowest_reported", "highest_reported", "values"]


def plan(report: Report) -> Plan:
    troops = report.figures_for(Metric.TROOPS_DEPLOYED)
    # Where the editors flag contingents as partial counts, the other values are the totals;
    # otherwise every value naming a group is a contingent and only unscoped values are totals.
    flagged = any(f.partial for f in troops)
    grouped: dict[str, list[Reported]] = defaultdict(list)
    for figure in troops:
        if figure.scope.group and (figure.partial or not flagged):
            grouped[figure.scope.group].append(figure)
    if not grouped:
        return empty_plan(NAME, TITLE, "No troop numbers per contingent have been recorded yet.", HEADER)
    totals = [f for f in troops if not f.partial] if flagged else [f for f in troops if not f.scope.group and not f.scope.places]
    latest = {group: _latest(figures) for group, figures in grouped.items()}
    order = sorted(grouped, key=lambda g: (-bounds(latest[g])[0], g.casefold()))
    bars = [_bar(group, grouped[group], latest[group], False) for group in order]
    if totals:
        bars.insert(0, _bar("All contingents (total)", totals, _latest(totals), True))
    data = {"bars": bars, "colour": MEASURE[MeasureKind.FOREIGN_DEPLOYMENT]}
    rows = [[group, bounds(latest[group])[0], figure_value(latest[group]), latest[group].as_of.isoformat(), latest[group].reported_by,
             min(bounds(f)[0] for f in grouped[group]), max(bounds(f)[1] for f in grouped[group]), len(grouped[group])]
            for group in order]
    listed = text.listing([f"{group} {figure_value(latest[group])} ({actor_name(report, latest[group].reported_by)}, "
                           f"{long_date(latest[group].as_of)})" for group in order])
    alt = f"Bar chart of the latest number of foreign troops reported for each of {text.count(len(order), 'contingent')}: {listed}."
    if totals:
        total = _latest(totals)
        alt += (f" The latest total reported is {figure_value(total)} ({actor_name(report, total.reported_by)}, "
                f"{long_date(total.as_of)}).")
    caption = ("Each bar is the latest number reported for a contingent, with its date; where sources gave other numbers, "
               "a thin line spans the lowest to the highest reported.")
    drawn = [f for figures in grouped.values() for f in figures] + totals
    return Plan(
        name=NAME, title=TITLE, caption=caption, alt=alt, source_ids=source_ids(report, drawn), header=HEADER, rows=rows,
        data=data, draw=draw, height=0.5 + 0.62 * len(bars),
    )


def _latest(figures: list[Reported]) -> Reported:
    return max(figures, key=lambda f: (f.as_of, bounds(f), f.id))


def _bar(label: str, figures: list[Reported], latest: Reported, total: bool) -> dict[str, Any]:
    return {
        "label": label,
        "value": bounds(latest)[0],
        "text": f"{figure_value(latest)} ({day_label(latest.as_of)})",
        "lowest": min(bounds(f)[0] for f in figures),
        "highest": max(bounds(f)[1] for f in figures),
        "total": total,
    }


def draw(figure: Figure, data: dict[str, Any], theme: Theme) -> None:
    from .axes import plain_axes

    axes = plain_axes(figure, theme, grid="")
    bars = data["bars"]
    largest = max(1, *(max(b["value"], b["highest"]) for b in bars))
    colour = theme.data(data["colour"])
    for index, bar in enumerate(bars):
        axes.barh(index, bar["value"], height=0.42, color=theme.muted if bar["total"] else colour, linewidth=0)
        if bar["lowest"] != bar["highest"]:
            axes.plot([bar["lowest"], bar["highest"]], [index, index], color=theme.text, linewidth=1.2,
                      marker="|", markersize=9, zorder=3)
        axes.text(0, index - 0.3, bar["label"], ha="left", va="bottom", fontsize=11.5, color=theme.text)
        axes.text(max(bar["value"], bar["highest"]) + largest * 0.02, index, bar["text"], ha="left", va="center",
                  fontsize=11.5, color=theme.text)
    axes.set_ylim(len(bars) - 0.6, -0.95)
    axes.set_xlim(0, largest * 1.45)
    axes.set_axis_off()
