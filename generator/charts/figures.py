"""`figures-<metric>`: every value reported for one metric, per reporter, over the date it refers to.

Where sources disagree the disagreement is the finding, so nothing is averaged: each value is a
point, ranges are bars, lower bounds point up, and one reporter's successive values are joined so
that revisions show.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

from generator.charts import text
from generator.charts.plan import Plan, actor_name, empty_plan, legend_columns, legend_height, source_ids, spelled_name
from generator.factbase.models import Figure as Reported
from generator.factbase.vocab import Term
from generator.i18n import DEFAULT_LANGUAGE
from generator.model.report import Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from generator.charts.theme import Theme

KEYS = (("range", "range (from–to)"), ("at-least", "at least"), ("up-to", "up to"))
PARTIAL = "partial count"
OWN_STYLES = 7
"""Reporters beyond the seven most prolific share one last style, labelled as other reporters."""
LOG_SPAN = 30
"""Use a log scale when the largest value is at least this many times the smallest."""
LATE = 14
"""Values more than this many days after the period get a panel of their own, so that months of
follow-up do not squeeze the period itself into a corner."""
HEADER = [
    "figure",
    "as_of",
    "reported_by",
    "reporter",
    "value",
    "min",
    "max",
    "approximate",
    "partial",
    "scope_places",
    "scope_group",
    "phase",
]


def name(metric: Term) -> str:
    return f"figures-{metric.value}"


def plans(report: Report, language: str = DEFAULT_LANGUAGE) -> list[Plan]:
    return [
        plan(report, metric, language)
        for metric in report.vocabulary("metric")
        if not metric.needs_label and report.figures_for(metric)
    ]


def plan(report: Report, metric: Term, language: str = DEFAULT_LANGUAGE) -> Plan:
    w = text.Words(language)
    title = w.gettext("%(metric)s: reported values", metric=w.label(metric))
    every = sorted(report.figures_for(metric), key=lambda f: (f.as_of, f.reported_by, bounds(f), f.id))
    if not every:
        return empty_plan(
            name(metric),
            title,
            w.gettext("No values for '%(metric)s' have been recorded yet.", metric=text.lower_label(w.label(metric))),
            HEADER,
        )
    # Totals are what sources disagree about; a part (one city, one group) is not comparable with
    # them, so parts are drawn only when no source gave a total.
    totals = [f for f in every if not f.partial]
    figures = totals or every
    left_out = len(every) - len(figures)

    tally = Counter(f.reported_by for f in figures)
    first_seen = {f.reported_by: f.as_of for f in reversed(figures)}
    ranked = sorted(tally, key=lambda r: (-tally[r], first_seen[r], r))
    style = {reporter: min(index, OWN_STYLES) for index, reporter in enumerate(ranked)}
    # Wrapped, never cut: a legend entry names its reporter in full.
    reporters = [
        {"label": text.wrap(spelled_name(report, r, language), 36), "style": style[r]} for r in ranked[:OWN_STYLES]
    ]
    if len(ranked) > OWN_STYLES:
        reporters.append(
            {
                "label": w.ngettext("%(num)s other reporter", "%(num)s other reporters", len(ranked) - OWN_STYLES),
                "style": OWN_STYLES,
            }
        )

    origin = min(report.info.period.start, figures[0].as_of)
    points = [_point(f, style[f.reported_by], origin) for f in figures]
    values = [v for p in points for v in (p["low"], p["high"])]
    positive = [v for v in values if v > 0]
    scale = "log" if positive and max(positive) >= LOG_SPAN * min(positive) else "linear"
    data: dict[str, Any] = {
        "origin": origin.isoformat(),
        "panels": _panels(points, (report.info.period.end - origin).days),
        "points": points,
        "reporters": reporters,
        "scale": scale,
        "has_zero": any(v == 0 for v in values),
    }
    if not w.default:
        data["words"] = {
            "language": language,
            "partial": w.gettext("partial count"),
            "keys": {
                "range": w.gettext("range (from–to)"),
                "at-least": w.gettext("at least"),
                "up-to": w.gettext("up to"),
            },
        }
    rows = [
        [
            f.id,
            f.as_of.isoformat(),
            f.reported_by,
            actor_name(report, f.reported_by),
            _cell(f.value),
            _cell(f.min),
            _cell(f.max),
            "yes" if f.approximate else "no",
            "yes" if f.partial else "no",
            " ".join(f.scope.places),
            f.scope.group or "",
            f.phase.value,
        ]
        for f in figures
    ]
    lowest = min(figures, key=lambda f: (bounds(f)[0], f.as_of))
    highest = max(figures, key=lambda f: (bounds(f)[1], f.as_of))
    latest = figures[-1]
    noun = text.lower_label(w.label(metric))
    if totals:
        counted = w.ngettext("%(num)s reported total", "%(num)s reported totals", len(figures))
    else:
        counted = w.ngettext("%(num)s reported partial value", "%(num)s reported partial values", len(figures))

    def given(figure: Reported) -> str:
        return f"{w.value(figure)} ({actor_name(report, figure.reported_by, language)}, {w.long_date(figure.as_of)})"

    alt = w.gettext(
        "Chart of %(values)s for %(metric)s from %(reporters)s %(span)s, one marker per value, coloured by reporter",
        values=counted,
        metric=noun,
        reporters=w.ngettext("%(num)s reporter", "%(num)s reporters", len(ranked)),
        span=w.span(figures[0].as_of, latest.as_of),
    )
    if scale == "log":
        alt += w.gettext(", on a logarithmic scale")
    alt += w.gettext(
        "; the lowest is %(lowest)s and the highest %(highest)s; the latest is %(latest)s.",
        lowest=given(lowest),
        highest=given(highest),
        latest=given(latest),
    )
    notes = [
        w.gettext(
            "Each marker is one value as published, placed at the date it refers to; a reporter's successive values are joined to show revisions."
        )
    ]
    kinds = Counter(p["kind"] for p in points)
    if kinds["range"]:
        notes.append(w.gettext("Vertical bars are ranges."))
    if kinds["at-least"]:
        notes.append(w.gettext("An arrow pointing up marks a lower bound ('at least')."))
    if kinds["up-to"]:
        notes.append(w.gettext("An arrow pointing down marks an upper bound ('up to')."))
    if any(p["partial"] for p in points):
        notes.append(
            w.gettext(
                "No source gave a total, so the values drawn are partial counts (one place or one group), in hollow markers."
            )
        )
    if left_out:
        notes.append(
            w.ngettext(
                "%(num)s partial value (one place or one group) is listed in the table but not drawn.",
                "%(num)s partial values (one place or one group) are listed in the table but not drawn.",
                left_out,
            )
        )
    if scale == "log":
        notes.append(w.gettext("The value scale is logarithmic, so that small and large counts both show."))
    if len(data["panels"]) == 2:
        notes.append(
            w.gettext("The time axis is cut after the report's period; the right-hand panel shows later revisions.")
        )
    data["columns"] = legend_columns(_legend_labels(data))
    return Plan(
        name=name(metric),
        title=title,
        caption=" ".join(notes),
        alt=alt,
        source_ids=source_ids(report, figures),
        header=HEADER,
        rows=rows,
        data=data,
        draw=draw,
        height=3.5 + legend_height(_legend_labels(data)),
    )


def _point(figure: Reported, style: int, origin: date) -> dict[str, Any]:
    low, high = bounds(figure)
    return {
        "day": (figure.as_of - origin).days,
        "kind": kind(figure),
        "low": low,
        "high": high,
        "style": style,
        "partial": figure.partial,
    }


def kind(figure: Reported) -> str:
    if figure.value is not None:
        return "value"
    if figure.min is not None and figure.max is not None:
        return "range"
    return "at-least" if figure.min is not None else "up-to"


def bounds(figure: Reported) -> tuple[int, int]:
    """The lowest and highest number a value stands for; a bound alone ('at least 5') is both."""
    numbers = [n for n in (figure.value, figure.min, figure.max) if n is not None]
    return min(numbers), max(numbers)


def _panels(points: list[dict[str, Any]], period_end: int) -> list[list[int]]:
    days = sorted(p["day"] for p in points)
    early = [d for d in days if d <= period_end + LATE]
    late = [d for d in days if d > period_end + LATE]
    if not early or not late:
        return [[days[0], days[-1]]]
    return [[early[0], max(early[-1], min(period_end, late[0]))], [late[0], late[-1]]]


def _legend_labels(data: dict[str, Any]) -> list[str]:
    """The legend's entries: one per reporter, then one per kind of marking used."""
    points = data["points"]
    kinds = {p["kind"] for p in points}
    words = data.get("words", {})
    keys = [words.get("keys", {}).get(kind, label) for kind, label in KEYS if kind in kinds]
    if any(p["partial"] for p in points):
        keys.append(words.get("partial", PARTIAL))
    return [r["label"] for r in data["reporters"]] + keys


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def draw(figure: Figure, data: dict[str, Any], theme: Theme) -> None:
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    from generator.charts.axes import day_axis, legend_below, plain_axes

    points = data["points"]
    language = data.get("words", {}).get("language", DEFAULT_LANGUAGE)
    log = data["scale"] == "log"
    panels = data["panels"]
    if len(panels) == 1:
        axes_list = [plain_axes(figure, theme)]
    else:
        axes_list = list(figure.subplots(1, 2, sharey=True, width_ratios=[2.4, 1]))
        engine = figure.get_layout_engine()
        if isinstance(engine, ConstrainedLayoutEngine):
            engine.set(wspace=0.02)
        for axes in axes_list:
            axes.grid(axis="y")
            axes.spines["left"].set_visible(False)
            axes.tick_params(axis="y", length=0)
            axes.tick_params(axis="x", length=3, width=0.8)
    for index, (axes, (first, last)) in enumerate(zip(axes_list, panels, strict=True)):
        _series(axes, points, first, last, log, theme)
        span = max(last - first, 1)
        margin = max(span * (0.06 if index == 0 else 0.12), 0.8)
        axes.set_xlim(first - margin, last + margin)
        if index == 0:
            day_axis(axes, data["origin"], first, last, max_ticks=4 if span > 60 else 5, language=language)
        else:
            _end_ticks(axes, data["origin"], first, last, language)
    _value_axis(axes_list[0], points, log, data["has_zero"], language)
    if len(axes_list) == 2:
        axes_list[1].tick_params(axis="y", labelleft=False)
        _break_marks(axes_list, theme)
    legend_below(figure, _legend_handles(data, theme), _legend_labels(data), columns=data["columns"])


def _series(axes: Axes, points: list[dict[str, Any]], first: int, last: int, log: bool, theme: Theme) -> None:
    from generator.charts import palette

    span = max(last - first, 1)
    shown = sorted({p["style"] for p in points})
    # Reporters reporting on the same day sit side by side rather than on top of each other.
    dodge = {s: (i - (len(shown) - 1) / 2) * min(span * 0.012, 0.3) for i, s in enumerate(shown)}
    for s in shown:
        colour = theme.reporter(s)
        mine = [p for p in points if p["style"] == s]
        line = [p for p in mine if not p["partial"]]
        if len(line) > 1:
            axes.plot(
                [p["day"] + dodge[s] for p in line],
                [_centre(p, log) for p in line],
                drawstyle="steps-post",
                color=colour,
                linewidth=1.2,
                alpha=0.55,
                zorder=2,
            )
        for p in mine:
            if not first <= p["day"] <= last:
                continue
            x = p["day"] + dodge[s]
            if p["kind"] == "range":
                axes.vlines(x, p["low"], p["high"], color=colour, linewidth=4, alpha=0.45, zorder=3)
            if p["kind"] in ("at-least", "up-to"):
                _arrow(axes, x, p["low"], up=p["kind"] == "at-least", colour=colour)
            axes.plot(
                [x],
                [_centre(p, log)],
                linestyle="",
                marker=palette.reporter_marker(s),
                markersize=8,
                markerfacecolor=theme.background if p["partial"] else colour,
                markeredgecolor=colour,
                markeredgewidth=1.5,
                zorder=4,
                clip_on=False,
            )


def _end_ticks(axes: Axes, origin: str, first: int, last: int, language: str) -> None:
    from datetime import timedelta

    from generator.charts.dates import day_label

    start = date.fromisoformat(origin)
    days = sorted({first, last})
    labels = []
    for day in (start + timedelta(days=d) for d in days):
        labels.append(day_label(day, language) if day.year == start.year else f"{day_label(day, language)}\n{day.year}")
    axes.set_xticks(days, labels)


def _value_axis(axes: Axes, points: list[dict[str, Any]], log: bool, has_zero: bool, language: str) -> None:
    from matplotlib.ticker import LogLocator, MaxNLocator, NullLocator, SymmetricalLogLocator

    from generator.charts.axes import thousands

    top = max(p["high"] for p in points)
    arrows = any(p["kind"] == "at-least" for p in points)
    if not log:
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], integer=True))
        axes.set_ylim(0, max(top * (1.25 if arrows else 1.1), 1))
    elif has_zero:
        # Linear between 0 and 1, logarithmic above: a reported zero stays on the chart.
        axes.set_yscale("symlog", linthresh=1)
        axes.set_ylim(0, top * (2.2 if arrows else 1.6))
        axes.yaxis.set_major_locator(SymmetricalLogLocator(base=10, linthresh=1))
    else:
        bottom = min(p["low"] for p in points)
        decades = math.log10(top) - math.log10(bottom)
        axes.set_yscale("log")
        axes.set_ylim(bottom / 1.6, top * (2.2 if arrows else 1.6))
        axes.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0) if decades <= 2 else (1.0,), numticks=8))
    axes.yaxis.set_minor_locator(NullLocator())
    axes.yaxis.set_major_formatter(thousands(language))


def _break_marks(axes_list: list[Axes], theme: Theme) -> None:
    """Short slanted strokes where the time axis is cut between the period and the follow-up."""
    left, right = axes_list
    style: dict[str, Any] = {
        "marker": [(-1, -1.5), (1, 1.5)],
        "markersize": 9,
        "linestyle": "none",
        "color": theme.axis,
        "mec": theme.axis,
        "mew": 1,
        "clip_on": False,
    }
    left.plot([1], [0], transform=left.transAxes, **style)
    right.plot([0], [0], transform=right.transAxes, **style)


def _legend_handles(data: dict[str, Any], theme: Theme) -> list[Any]:
    from matplotlib.lines import Line2D

    from generator.charts import palette

    points = data["points"]
    handles: list[Any] = []
    for reporter in data["reporters"]:
        colour = theme.reporter(reporter["style"])
        handles.append(
            Line2D(
                [],
                [],
                linestyle="",
                marker=palette.reporter_marker(reporter["style"]),
                markersize=8,
                markerfacecolor=colour,
                markeredgecolor=colour,
            )
        )
    kinds = {p["kind"] for p in points}
    if "range" in kinds:
        handles.append(Line2D([], [], color=theme.muted, linewidth=4, alpha=0.6))
    if "at-least" in kinds:
        handles.append(Line2D([], [], linestyle="", marker="$\u2191$", markersize=11, color=theme.muted))
    if "up-to" in kinds:
        handles.append(Line2D([], [], linestyle="", marker="$\u2193$", markersize=11, color=theme.muted))
    if any(p["partial"] for p in points):
        handles.append(
            Line2D(
                [],
                [],
                linestyle="",
                marker="o",
                markersize=8,
                markerfacecolor=theme.background,
                markeredgecolor=theme.muted,
                markeredgewidth=1.5,
            )
        )
    return handles


def _centre(point: dict[str, Any], log: bool) -> float:
    if point["kind"] != "range":
        return point["low"]
    if log and point["low"] > 0:
        return math.sqrt(point["low"] * point["high"])
    return (point["low"] + point["high"]) / 2


def _arrow(axes: Axes, x: float, y: float, up: bool, colour: str) -> None:
    axes.annotate(
        "",
        (x, y),
        xytext=(0, 20 if up else -20),
        textcoords="offset points",
        zorder=3,
        arrowprops={"arrowstyle": "<|-", "color": colour, "linewidth": 1.5, "shrinkA": 0, "shrinkB": 4},
    )
