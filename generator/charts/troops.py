"""`troops-by-contingent`: the foreign troops reported for each national contingent (figures with
metric troops-deployed whose scope names a group)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from generator.charts import text
from generator.charts.dates import day_label
from generator.charts.figures import bounds
from generator.charts.plan import MIN_TEXT, Plan, actor_name, empty_plan, source_ids, spelled_name
from generator.factbase.models import Figure as Reported
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.formatting import figure_value
from generator.i18n.texts import record_text
from generator.model.report import Report

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from generator.charts.theme import Theme

NAME = "troops-by-contingent"
LINE = 0.21
"""Inches per line of a label at MIN_TEXT points."""
BAR = 0.2
GAP = 0.14
LINE_CHARACTERS = 46
"""About the characters of an 11.5-point line across the 360 pt figure."""
HEADER = [
    "contingent",
    "latest",
    "latest_as_published",
    "as_of",
    "reported_by",
    "lowest_reported",
    "highest_reported",
    "values",
]


def plan(report: Report, language: str = DEFAULT_LANGUAGE) -> Plan:
    w = text.Words(language)
    title = w.gettext("Foreign troops by contingent")
    # The metric the vocabularies file marks `per_group: true` (its figures name their contingent in `scope.group`).
    metric = next((m for m in report.vocabulary("metric") if m.info.per_group), None)
    troops = report.figures_for(metric) if metric is not None else []
    # Where the editors flag contingents as partial counts, the other values are the totals;
    # otherwise every value naming a group is a contingent and only unscoped values are totals.
    flagged = any(f.partial for f in troops)
    grouped: dict[str, list[Reported]] = defaultdict(list)
    for figure in troops:
        if figure.scope.group and (figure.partial or not flagged):
            grouped[figure.scope.group].append(figure)
    if not grouped:
        return empty_plan(NAME, title, w.gettext("No troop numbers per contingent have been recorded yet."), HEADER)
    totals = (
        [f for f in troops if not f.partial]
        if flagged
        else [f for f in troops if not f.scope.group and not f.scope.places]
    )
    latest = {group: _latest(figures) for group, figures in grouped.items()}
    order = sorted(grouped, key=lambda g: (-bounds(latest[g])[0], g.casefold()))
    # A contingent is named as its latest figure names it, in the chart's language.
    named = {group: record_text(latest[group], "scope.group", language) or group for group in order}
    bars = [_bar(report, named[group], grouped[group], latest[group], False, w) for group in order]
    total = _latest(totals) if totals else None
    if total is not None:
        bars.insert(0, _bar(report, w.gettext("All contingents (total)"), totals, total, True, w))
    assert metric is not None
    data: dict[str, Any] = {"bars": bars, "colour": metric.colour, "total": bounds(total)[0] if total else None}
    if not w.default:
        data["language"] = language
    rows = [
        [
            group,
            bounds(latest[group])[0],
            figure_value(latest[group]),
            latest[group].as_of.isoformat(),
            latest[group].reported_by,
            min(bounds(f)[0] for f in grouped[group]),
            max(bounds(f)[1] for f in grouped[group]),
            len(grouped[group]),
        ]
        for group in order
    ]
    listed = w.listing(
        [
            f"{named[group]} {w.value(latest[group])} ({actor_name(report, latest[group].reported_by, language)}, "
            f"{w.long_date(latest[group].as_of)})"
            for group in order
        ]
    )
    alt = w.gettext(
        "Bar chart of the latest number of foreign troops reported for each of %(contingents)s: %(listed)s.",
        contingents=w.ngettext("%(num)s contingent", "%(num)s contingents", len(order)),
        listed=listed,
    )
    if total is not None:
        alt += " " + w.gettext(
            "The latest total reported is %(value)s (%(reporter)s, %(date)s).",
            value=w.value(total),
            reporter=actor_name(report, total.reported_by, language),
            date=w.long_date(total.as_of),
        )
    caption = w.gettext(
        "Each bar is the latest number one report gave for a contingent, labelled with who reported it and when; "
        "where reports differ, a thin line spans the lowest to the highest."
    )
    if total is not None:
        caption += " " + _total_note(report, total, [latest[group] for group in order], w)
    drawn = [f for figures in grouped.values() for f in figures] + totals
    heights = [_height(bar["label"]) for bar in bars]
    return Plan(
        name=NAME,
        title=title,
        caption=caption,
        alt=alt,
        source_ids=source_ids(report, drawn),
        header=HEADER,
        rows=rows,
        data=data,
        draw=draw,
        height=sum(heights) + 0.15,
        layout=None,
    )


def _total_note(report: Report, total: Reported, contingents: list[Reported], w: text.Words) -> str:
    """Say that the bars are separate reports, not parts of one count, when they do not add up to the total."""
    language = w.language
    note = w.gettext(
        "The grey bar is a total for all contingents (%(value)s, %(reporter)s, %(date)s), marked by a dashed line "
        "across every bar; the others are reports on single contingents, from different sources and dates, so they "
        "need not add up to it.",
        value=w.value(total),
        reporter=actor_name(report, total.reported_by, language),
        date=w.long_date(total.as_of),
    )
    above = [f for f in contingents if bounds(f)[0] > bounds(total)[0]]
    for figure in above:
        note += " " + w.gettext(
            "%(reporter)s's %(value)s for the %(group)s (%(date)s) is more than that total.",
            reporter=actor_name(report, figure.reported_by, language),
            value=w.value(figure),
            group=record_text(figure, "scope.group", language),
            date=w.long_date(figure.as_of),
        )
    added = sum(bounds(f)[0] for f in contingents)
    if added > bounds(total)[0]:
        note += " " + w.gettext("The latest contingent figures add up to %(total)s.", total=w.number(added))
    return note


def _latest(figures: list[Reported]) -> Reported:
    return max(figures, key=lambda f: (f.as_of, bounds(f), f.id))


def _bar(
    report: Report, label: str, figures: list[Reported], latest: Reported, total: bool, w: text.Words
) -> dict[str, Any]:
    if len(figures) == 1:
        reports = w.gettext("1 report")
    else:
        reports = w.gettext("latest of %(count)s reports", count=w.number(len(figures)))
    source = (
        f"{w.value(latest)}: {spelled_name(report, latest.reported_by, w.language)}, "
        f"{day_label(latest.as_of, w.language)} ({reports})"
    )
    return {
        "label": text.wrap(label, LINE_CHARACTERS) + "\n" + text.wrap(source, LINE_CHARACTERS),
        "value": bounds(latest)[0],
        "lowest": min(bounds(f)[0] for f in figures),
        "highest": max(bounds(f)[1] for f in figures),
        "total": total,
    }


def _height(label: str) -> float:
    """Inches of a bar's row: its label's lines, the bar, a gap."""
    return LINE * (label.count("\n") + 1) + BAR + GAP


def draw(figure: Figure, data: dict[str, Any], theme: Theme) -> None:
    bars = data["bars"]
    heights = [_height(bar["label"]) for bar in bars]
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    # Data units are inches down from the top, so the rows keep the heights the plan gave the figure.
    axes.set_ylim(sum(heights) + 0.15, 0)
    largest = max(1, *(max(b["value"], b["highest"]) for b in bars))
    axes.set_xlim(-largest * 0.02, largest * 1.04)
    axes.set_axis_off()
    colour = theme.data(data["colour"])
    top = 0.1
    bar_rows = []
    for bar, height in zip(bars, heights, strict=True):
        lines = bar["label"].count("\n") + 1
        middle = top + LINE * lines + BAR / 2
        bar_rows.append(middle)
        axes.text(0, top, bar["label"], ha="left", va="top", fontsize=MIN_TEXT, color=theme.text, linespacing=1.15)
        axes.barh(middle, bar["value"], height=BAR, color=theme.muted if bar["total"] else colour, linewidth=0)
        if bar["lowest"] != bar["highest"]:
            axes.plot(
                [bar["lowest"], bar["highest"]],
                [middle, middle],
                color=theme.text,
                linewidth=1.2,
                marker="|",
                markersize=9,
                zorder=3,
            )
        top += height
    if data["total"] is not None and len(bars) > 1:
        # A dashed mark at the total across each bar (not through the labels between them).
        for middle in bar_rows:
            axes.plot(
                [data["total"], data["total"]],
                [middle - BAR, middle + BAR],
                color=theme.text,
                linewidth=1.0,
                linestyle=(0, (2, 2)),
                zorder=4,
            )
