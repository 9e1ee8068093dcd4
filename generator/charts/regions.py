"""`events-by-region`: how many events each region saw, stacked by category."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from generator.charts import text
from generator.charts.plan import Plan, empty_plan, legend_columns, legend_height, source_ids
from generator.factbase.models import Event, Place, text_in
from generator.factbase.vocab import Term
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.formatting import number
from generator.i18n.texts import record_text
from generator.model.report import Report

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from generator.charts.theme import Theme

NAME = "events-by-region"
MAX_ROWS = 12


def plan(report: Report, language: str = DEFAULT_LANGUAGE) -> Plan:
    w = text.Words(language)
    title = w.gettext("Events by region")
    vocabulary = report.vocabulary("category")
    header = ["region", "total", *(c.value for c in vocabulary)]
    abroad = text_in(report.info.outside_home, language) if report.info.outside_home else w.gettext("Abroad")
    per_region: dict[str, Counter[Term]] = defaultdict(Counter)
    counted: list[Event] = []
    unplaced = 0
    for event in report.events:
        regions = {
            _region(place, report.info.home_country, abroad, language)
            for place_id in event.places
            if isinstance(place := report.by_id.get(place_id), Place)
        }
        regions.discard(None)
        if not regions:
            unplaced += 1
            continue
        counted.append(event)
        for region in regions:
            assert region is not None
            per_region[region][event.category] += 1
    if not per_region:
        return empty_plan(
            NAME, title, w.gettext("No events with a place in a known region have been recorded yet."), header
        )
    totals = {region: sum(c.values()) for region, c in per_region.items()}
    ranked = sorted(per_region, key=lambda r: (r == abroad, -totals[r], r.casefold()))
    # Merging a single region into 'other regions' would hide its name for nothing.
    shown = ranked if len(ranked) <= MAX_ROWS + 1 else ranked[:MAX_ROWS]
    rest = [r for r in ranked if r not in shown]
    rows_counts = [(r, per_region[r]) for r in shown]
    if rest:
        merged: Counter[Term] = Counter()
        for region in rest:
            merged.update(per_region[region])
        rows_counts.append((w.ngettext("%(num)s other region", "%(num)s other regions", len(rest)), merged))
    categories = Counter(e.category for e in counted)
    order = sorted(categories, key=lambda c: (-categories[c], vocabulary.index(c)))
    data = {
        "rows": [{"label": label, "counts": [counts[c] for c in order]} for label, counts in rows_counts],
        "series": [{"label": w.label(c), "colour": c.colour} for c in order],
    }
    if not w.default:
        data["language"] = language
    table = [[r, totals[r], *(per_region[r][c] for c in vocabulary)] for r in ranked]
    alt = w.gettext(
        "Bar chart of %(events)s by region, stacked by category: %(regions)s.",
        events=w.events(len(counted)),
        regions=w.listing([f"{label} {w.number(sum(counts.values()))}" for label, counts in rows_counts]),
    )
    notes = [
        w.gettext(
            "An event at places in several regions counts in each; a place's region is as recorded in the fact base."
        )
    ]
    if unplaced:
        notes.append(
            w.ngettext(
                "%(num)s event without a place or region is not counted.",
                "%(num)s events without a place or region are not counted.",
                unplaced,
            )
        )
    return Plan(
        name=NAME,
        title=title,
        caption=" ".join(notes),
        alt=alt,
        source_ids=source_ids(report, counted),
        header=header,
        rows=table,
        data=data,
        draw=draw,
        height=0.5 + 0.62 * len(rows_counts) + legend_height([w.label(c) for c in order]),
    )


def _region(place: Place, home_country: str | None, abroad: str, language: str) -> str | None:
    if place.country is not None and place.country != home_country:
        return abroad
    region = record_text(place, "region", language)
    return str(region) if region is not None else None


def draw(figure: Figure, data: dict[str, Any], theme: Theme) -> None:
    from matplotlib.patches import Patch

    from generator.charts.axes import legend_below, plain_axes

    axes = plain_axes(figure, theme, grid="")
    rows = data["rows"]
    largest = max(sum(row["counts"]) for row in rows)
    colours = [theme.data(s["colour"]) for s in data["series"]]
    lefts = [0] * len(rows)
    for series, colour in enumerate(colours):
        drawn = [(index, row["counts"][series]) for index, row in enumerate(rows) if row["counts"][series]]
        axes.barh(
            [i for i, _ in drawn],
            [c for _, c in drawn],
            left=[lefts[i] for i, _ in drawn],
            height=0.42,
            color=colour,
            edgecolor=theme.background,
            linewidth=0.5,
        )
        for index, count in drawn:
            lefts[index] += count
    for index, row in enumerate(rows):
        axes.text(0, index - 0.3, row["label"], ha="left", va="bottom", fontsize=11.5, color=theme.text)
        axes.text(
            lefts[index] + largest * 0.015,
            index,
            number(lefts[index], data.get("language", DEFAULT_LANGUAGE)),
            ha="left",
            va="center",
            fontsize=11.5,
            color=theme.text,
        )
    axes.set_ylim(len(rows) - 0.6, -0.95)
    axes.set_xlim(0, largest * 1.1)
    axes.set_axis_off()
    handles = [Patch(facecolor=c, label=s["label"]) for c, s in zip(colours, data["series"], strict=True)]
    labels = [s["label"] for s in data["series"]]
    legend_below(figure, handles, labels, columns=legend_columns(labels))
