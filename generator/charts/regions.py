"""`events-by-region`: how many events each region saw, stacked by category."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from generator.charts import text
from generator.charts.plan import Plan, empty_plan, legend_columns, legend_height, source_ids
from generator.factbase.models import Event, Place, text_in
from generator.factbase.vocab import Term
from generator.model.report import Report

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from generator.charts.theme import Theme

NAME = "events-by-region"
TITLE = "Events by region"
MAX_ROWS = 12
ABROAD = "Abroad"
"""The region of places outside the home country when report.yml names none (`outside_home`)."""


def plan(report: Report) -> Plan:
    vocabulary = report.vocabulary("category")
    header = ["region", "total", *(c.value for c in vocabulary)]
    abroad = text_in(report.info.outside_home) if report.info.outside_home else ABROAD
    per_region: dict[str, Counter[Term]] = defaultdict(Counter)
    counted: list[Event] = []
    unplaced = 0
    for event in report.events:
        regions = {_region(place, report.info.home_country, abroad) for place_id in event.places if isinstance(place := report.by_id.get(place_id), Place)}
        regions.discard(None)
        if not regions:
            unplaced += 1
            continue
        counted.append(event)
        for region in regions:
            assert region is not None
            per_region[region][event.category] += 1
    if not per_region:
        return empty_plan(NAME, TITLE, "No events with a place in a known region have been recorded yet.", header)
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
        rows_counts.append((f"{len(rest)} other regions", merged))
    categories = Counter(e.category for e in counted)
    order = sorted(categories, key=lambda c: (-categories[c], vocabulary.index(c)))
    data = {
        "rows": [{"label": label, "counts": [counts[c] for c in order]} for label, counts in rows_counts],
        "series": [{"label": c.label, "colour": c.colour} for c in order],
    }
    table = [[r, totals[r], *(per_region[r][c] for c in vocabulary)] for r in ranked]
    alt = (f"Bar chart of {text.count(len(counted), 'event')} by region, stacked by category: "
           f"{text.listing([f'{label} {sum(counts.values()):,}' for label, counts in rows_counts])}.")
    notes = ["An event at places in several regions counts in each; a place's region is as recorded in the fact base."]
    if unplaced:
        notes.append(f"{text.count(unplaced, 'event')} without a place or region {'is' if unplaced == 1 else 'are'} not counted.")
    return Plan(
        name=NAME, title=TITLE, caption=" ".join(notes), alt=alt, source_ids=source_ids(report, counted), header=header,
        rows=table, data=data, draw=draw, height=0.5 + 0.62 * len(rows_counts) + legend_height([c.label for c in order]),
    )


def _region(place: Place, home_country: str | None, abroad: str) -> str | None:
    if place.country is not None and place.country != home_country:
        return abroad
    return place.region


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
        axes.barh([i for i, _ in drawn], [c for _, c in drawn], left=[lefts[i] for i, _ in drawn], height=0.42,
                  color=colour, edgecolor=theme.background, linewidth=0.5)
        for index, count in drawn:
            lefts[index] += count
    for index, row in enumerate(rows):
        axes.text(0, index - 0.3, row["label"], ha="left", va="bottom", fontsize=11.5, color=theme.text)
        axes.text(lefts[index] + largest * 0.015, index, f"{lefts[index]:,}", ha="left", va="center", fontsize=11.5,
                  color=theme.text)
    axes.set_ylim(len(rows) - 0.6, -0.95)
    axes.set_xlim(0, largest * 1.1)
    axes.set_axis_off()
    handles = [Patch(facecolor=c, label=s["label"]) for c, s in zip(colours, data["series"], strict=True)]
    labels = [s["label"] for s in data["series"]]
    legend_below(figure, handles, labels, columns=legend_columns(labels))
