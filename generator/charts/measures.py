"""`measures`: when each measure was in force, one row per measure, coloured by kind."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from generator.charts import text
from generator.charts.plan import Plan, empty_plan, legend_columns, legend_height, source_ids
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.texts import record_text
from generator.model.report import Report

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from generator.charts.theme import Theme

NAME = "measures"
ROW = 0.5
LINE = 0.36
"""A further line of a wrapped title, in rows."""
AXES_WIDTH = 340.0
"""Points across the axes (of the 360 pt figure) that a title may use."""
CHARACTER = 7.3
"""The widest average character of a 12-point title, in points: titles wrap, never cut."""
MAX_ROWS = 40
"""More rows than this would make a chart taller than a phone screen can usefully show."""
OPEN_TAIL = 3
"""Days over which a measure with no known end fades out past the last day drawn."""
HEADER = ["measure", "title", "type", "start", "end", "drawn_until", "open", "places"]


def plan(report: Report, language: str = DEFAULT_LANGUAGE) -> Plan:
    w = text.Words(language)
    title = w.gettext("Measures in force")
    if not report.measures:
        return empty_plan(NAME, title, w.gettext("No measures have been recorded yet."), HEADER)
    period = report.info.period
    # Measures taken after the period would stretch the axis over months; they are drawn only when
    # there is nothing else to draw.
    measures = [m for m in report.measures if m.start <= period.end] or report.measures
    later = len(report.measures) - len(measures)
    beyond = max(0, len(measures) - MAX_ROWS)
    measures = measures[:MAX_ROWS]
    origin = min(period.start, measures[0].start)
    # The axis covers the period (and any later start): a measure lasting months would otherwise
    # squeeze the crisis weeks into a sliver. Longer bars are cut, with their end date in the label.
    horizon = max(period.end, *(m.start for m in measures))
    rows_data = []
    table = []
    last_drawn = (horizon - origin).days + 1
    for m in measures:
        until = m.end or max(period.end, m.start)
        cut = until > horizon
        name = record_text(m, "title", language) or m.title
        label = w.gettext("%(title)s (until %(date)s)", title=name, date=w.short_date(until)) if cut else name
        start, end = (m.start - origin).days, (min(until, horizon) - origin).days + 1
        # A title starts at its bar's start, or ends at its bar's end in the right half (as drawn).
        room = end / (last_drawn + 5) if start > last_drawn * 0.55 else 1 - start / (last_drawn + 5)
        rows_data.append(
            {
                "label": text.wrap(label, int(room * AXES_WIDTH / CHARACTER)),
                "kind": m.type.value,
                "colour": m.type.colour,
                "start": start,
                # Bars run to the end of their last day.
                "end": end,
                "open": m.end is None,
                "cut": cut,
            }
        )
        table.append(
            [
                m.id,
                m.title,
                m.type.value,
                m.start.isoformat(),
                m.end.isoformat() if m.end else "",
                until.isoformat(),
                "yes" if m.end is None else "no",
                " ".join(m.places) or "nationwide",
            ]
        )
    kinds = Counter(m.type for m in measures)
    present = [k for k in report.vocabulary("measure_kind") if kinds[k]]
    data = {
        "origin": origin.isoformat(),
        "first": 0,
        "last": last_drawn,
        "period_end": (period.end - origin).days + 1,
        "rows": rows_data,
        "kinds": [{"label": w.label(k), "colour": k.colour} for k in present],
    }
    if not w.default:
        data["language"] = language
    open_ended = [m for m in measures if m.end is None]
    kind_list = w.listing(
        [
            f"{text.lower_label(w.label(k))} {w.number(kinds[k])}"
            for k in sorted(present, key=lambda k: (-kinds[k], present.index(k)))
        ]
    )
    alt = w.gettext(
        "Timeline of %(measures)s starting %(span)s, one bar per measure from its first to its last day, coloured by kind (%(kinds)s)",
        measures=w.ngettext("%(num)s measure", "%(num)s measures", len(measures)),
        span=w.span(measures[0].start, max(m.start for m in measures)),
        kinds=kind_list,
    )
    lengths = [((m.end - m.start).days + 1, m) for m in measures if m.end is not None]
    if lengths:
        days, longest = max(lengths, key=lambda item: (item[0], -item[1].start.toordinal()))
        alt += w.gettext(
            "; the longest with a known end, %(title)s, lasted %(days)s",
            title=record_text(longest, "title", language) or longest.title,
            days=w.ngettext("%(num)s day", "%(num)s days", days),
        )
    if open_ended:
        alt += w.ngettext(
            "; %(num)s measure has no known end and is drawn to %(date)s",
            "; %(num)s measures have no known end and are drawn to %(date)s",
            len(open_ended),
            date=w.long_date(max(period.end, max(m.start for m in open_ended))),
        )
    alt += "."
    caption = w.gettext("Each bar runs from the first to the last day of a measure.")
    if any(row["cut"] for row in rows_data):
        caption += " " + w.gettext(
            "Bars ending in an arrow go on past the period; their last day is given with the title."
        )
    if open_ended:
        caption += " " + w.gettext(
            "Bars that fade out have no known end: they are drawn to the end of the report's period."
        )
    if beyond:
        caption += " " + w.ngettext(
            "The first %(drawn)s measures by start date are drawn; %(num)s more measure is listed in the table only.",
            "The first %(drawn)s measures by start date are drawn; %(num)s more measures are listed in the table only.",
            beyond,
            drawn=MAX_ROWS,
        )
    if later:
        caption += " " + w.ngettext(
            "%(num)s measure taken after the period is listed in the table only.",
            "%(num)s measures taken after the period are listed in the table only.",
            later,
        )
    return Plan(
        name=NAME,
        title=title,
        caption=caption,
        alt=alt,
        source_ids=source_ids(report, measures),
        header=HEADER,
        rows=table,
        data=data,
        draw=draw,
        height=0.9 + ROW * sum(_heights(rows_data)) + legend_height([w.label(k) for k in present]),
    )


def _heights(rows: list[dict[str, Any]]) -> list[float]:
    """Each row's height in rows: one, and a little more per further line of its title."""
    return [1 + LINE * row["label"].count("\n") for row in rows]


def _positions(rows: list[dict[str, Any]]) -> list[float]:
    """The y of each bar: a row's further title lines sit above its bar, so they push the bar down."""
    positions, y = [], 0.0
    for index, height in enumerate(_heights(rows)):
        y += height - 1 + (1 if index else 0)
        positions.append(y)
    return positions


def draw(figure: Figure, data: dict[str, Any], theme: Theme) -> None:
    from matplotlib.patches import Patch

    from generator.charts.axes import day_axis, legend_below, plain_axes

    axes = plain_axes(figure, theme, grid="x")
    axes.spines["left"].set_visible(False)
    axes.spines["bottom"].set_visible(True)
    axes.tick_params(axis="x", length=3)
    first, last = data["first"], data["last"]
    span = max(last - first, 1)
    rows = data["rows"]
    ys = _positions(rows)
    for index, row in zip(ys, rows, strict=True):
        colour = theme.data(row["colour"])
        start, end = row["start"], row["end"]
        if row["cut"]:
            axes.barh(index, end - start, left=start, height=0.42, color=colour, linewidth=0)
            axes.plot([end], [index], marker=">", markersize=7, color=colour, linestyle="", clip_on=False)
        elif row["open"]:
            solid = max(start, end - 1)
            axes.barh(index, solid - start, left=start, height=0.42, color=colour, linewidth=0)
            steps = 6
            for step in range(steps):
                axes.barh(
                    index,
                    OPEN_TAIL / steps,
                    left=solid + step * OPEN_TAIL / steps,
                    height=0.42,
                    color=colour,
                    alpha=0.85 * (1 - (step + 1) / (steps + 1)),
                    linewidth=0,
                )
            axes.plot([solid + OPEN_TAIL], [index], marker=">", markersize=7, color=colour, alpha=0.6, linestyle="")
        else:
            axes.barh(index, max(end - start, 0.35), left=start, height=0.42, color=colour, linewidth=0)
        right_half = start - first > span * 0.55
        axes.text(
            end if right_half else start,
            index - 0.3,
            row["label"],
            ha="right" if right_half else "left",
            va="bottom",
            fontsize=12,
            color=theme.text,
        )
    if any(row["open"] for row in rows):
        axes.axvline(data["period_end"], color=theme.axis, linewidth=0.8, linestyle=(0, (3, 3)), zorder=1)
    axes.set_ylim(ys[-1] + 0.5, -0.95)
    axes.set_yticks([])
    open_extra = OPEN_TAIL + 1 if any(row["open"] and not row["cut"] for row in rows) else 0.5
    axes.set_xlim(first - 0.5, last + open_extra + 0.5)
    day_axis(axes, data["origin"], first, last, max_ticks=5, language=data.get("language", DEFAULT_LANGUAGE))
    handles = [Patch(facecolor=theme.data(kind["colour"]), label=kind["label"]) for kind in data["kinds"]]
    labels = [kind["label"] for kind in data["kinds"]]
    legend_below(figure, handles, labels, columns=legend_columns(labels))
