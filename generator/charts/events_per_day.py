"""`events-per-day`: how many events each day of the report's period, stacked by category."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from generator.charts import text
from generator.charts.plan import MIN_TEXT, Plan, empty_plan, legend_columns, legend_height, source_ids
from generator.factbase.vocab import Phase, Precision, Term
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.formatting import number
from generator.model.report import Report

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from generator.charts.theme import Theme

NAME = "events-per-day"


def plan(report: Report, language: str = DEFAULT_LANGUAGE) -> Plan:
    w = text.Words(language)
    title = w.gettext("Events per day")
    period = report.info.period
    categories = report.vocabulary("category")
    main = [e for e in report.events if e.phase == Phase.MAIN]
    undated = [e for e in main if e.precision == Precision.MONTH]
    drawn = [e for e in main if e.precision != Precision.MONTH and period.start <= e.start <= period.end]
    outside = len(main) - len(undated) - len(drawn)
    days = [period.start + timedelta(days=n) for n in range((period.end - period.start).days + 1)]
    header = ["date", "total", *(c.value for c in categories)]
    if not drawn:
        return empty_plan(
            NAME, title, w.gettext("No events inside the report's period have been recorded yet."), header
        )

    per_day: dict[date, Counter[Term]] = {day: Counter() for day in days}
    for event in drawn:
        per_day[event.start][event.category] += 1
    totals = Counter(e.category for e in drawn)
    # Most frequent category at the bottom of the stack, where its bars share a baseline.
    order = sorted(totals, key=lambda c: (-totals[c], categories.index(c)))
    series = [
        {"category": c.value, "label": w.label(c), "colour": c.colour, "counts": [per_day[d][c] for d in days]}
        for c in order
    ]
    rows = [[d.isoformat(), sum(per_day[d].values()), *(per_day[d][c] for c in categories)] for d in days]

    peak_total = max(sum(c.values()) for c in per_day.values())
    peak_days = [d for d in days if sum(per_day[d].values()) == peak_total]
    peak = peak_days[0]
    breakdown = w.listing(
        [
            w.category_count(n, c)
            for c, n in sorted(per_day[peak].items(), key=lambda item: (-item[1], order.index(item[0])))
        ]
    )
    if len(peak_days) == 1:
        busiest = w.gettext(
            "the busiest day is %(day)s with %(events)s (%(breakdown)s)",
            day=w.long_date(peak),
            events=w.events(peak_total),
            breakdown=breakdown,
        )
    elif len(peak_days) > 3:
        busiest = w.gettext(
            "the busiest days, with %(events)s each, are %(days)s and others",
            events=w.events(peak_total),
            days=w.listing([w.long_date(d) for d in peak_days[:3]]),
        )
    else:
        busiest = w.gettext(
            "the busiest days, with %(events)s each, are %(days)s",
            events=w.events(peak_total),
            days=w.listing([w.long_date(d) for d in peak_days[:3]]),
        )
    alt = w.gettext(
        "Bar chart of %(events)s per day %(span)s, stacked by category; %(busiest)s.",
        events=w.events(len(drawn)),
        span=w.span(period.start, period.end),
        busiest=busiest,
    )
    notes = [w.gettext("Events that last several days count on their first day.")]
    if undated:
        notes.append(
            w.ngettext(
                "%(num)s event known only to the month is not drawn.",
                "%(num)s events known only to the month are not drawn.",
                len(undated),
            )
        )
    if outside:
        notes.append(
            w.ngettext(
                "%(num)s event dated outside the period is not drawn.",
                "%(num)s events dated outside the period are not drawn.",
                outside,
            )
        )
    caption = w.gettext("Number of events recorded each day, by category. %(notes)s", notes=" ".join(notes))
    data: dict[str, Any] = {
        "origin": period.start.isoformat(),
        "days": len(days),
        "series": series,
        "peak": [days.index(peak), peak_total],
    }
    if not w.default:
        data["words"] = {"language": language, "axis": w.gettext("Events")}
    return Plan(
        name=NAME,
        title=title,
        caption=caption,
        alt=alt,
        source_ids=source_ids(report, drawn),
        header=header,
        rows=rows,
        height=3.4 + legend_height([w.label(c) for c in order]),
        data=data,
        draw=draw,
    )


def draw(figure: Figure, data: dict[str, Any], theme: Theme) -> None:
    from matplotlib.patches import Patch

    from generator.charts.axes import count_axis, day_axis, legend_below, plain_axes

    axes = plain_axes(figure, theme)
    positions = list(range(data["days"]))
    bottom = [0] * data["days"]
    handles = []
    for series in data["series"]:
        colour = theme.data(series["colour"])
        drawn = [(x, c, b) for x, c, b in zip(positions, series["counts"], bottom, strict=True) if c]
        axes.bar(
            [x for x, _, _ in drawn],
            [c for _, c, _ in drawn],
            bottom=[b for _, _, b in drawn],
            width=0.82,
            color=colour,
            edgecolor=theme.background,
            linewidth=0.4,
        )
        bottom = [b + c for b, c in zip(bottom, series["counts"], strict=True)]
        handles.append(Patch(facecolor=colour, label=series["label"]))
    peak_day, peak_total = data["peak"]
    words = data.get("words", {})
    axes.annotate(
        number(peak_total, words.get("language", DEFAULT_LANGUAGE)),
        (peak_day, peak_total),
        xytext=(0, 3),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=MIN_TEXT,
        color=theme.text,
    )
    axes.set_xlim(-0.7, data["days"] - 0.3)
    axes.set_ylim(0, peak_total * 1.12)
    day_axis(axes, data["origin"], 0, data["days"] - 1, language=words.get("language", DEFAULT_LANGUAGE))
    count_axis(axes, language=words.get("language", DEFAULT_LANGUAGE))
    axes.set_ylabel(words.get("axis", "Events"))
    labels = [s["label"] for s in data["series"]]
    legend_below(figure, handles, labels, columns=legend_columns(labels))
