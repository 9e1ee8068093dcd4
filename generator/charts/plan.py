"""What a chart will draw, worked out from the report without matplotlib.

A plan carries the drawn data as plain JSON-able values: the cache key is a hash of exactly that
data, and the draw function receives it back from its canonical JSON, so nothing outside the key
can reach the picture.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from generator.csvsafe import spreadsheet_cell
from generator.factbase.models import Record, Source
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.texts import record_text
from generator.model.report import Report

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from generator.charts.theme import Theme

WIDTH = 5.0
"""Figure width in inches (360 pt, the SVG's viewBox width). The site shows a chart at most at its own
width (480 CSS px) and narrower on a phone: on a 390 px phone the column is about 358 px, so text of
MIN_TEXT points displays at MIN_TEXT x 358 / 360 CSS px, which must stay at least 11 px."""

MIN_TEXT = 11.5
"""The smallest text size of any chart, in points of the drawing (see WIDTH)."""

LEGEND_LABEL = 22
"""The longest label (in characters) that still fits two legend columns across the figure."""

Draw = Callable[["Figure", dict[str, Any], "Theme"], None]


@dataclass(frozen=True)
class Plan:
    name: str
    title: str
    caption: str
    alt: str
    source_ids: list[str]
    header: list[str]
    rows: list[list[Any]]
    data: dict[str, Any]
    draw: Draw
    height: float
    layout: Literal["constrained"] | None = "constrained"
    key: list[dict[str, str]] = field(default_factory=list)
    """Records the picture numbers, in number order ({"id", "events"}): listed with links beneath it."""

    def canonical(self) -> str:
        """The drawn data, the size and the layout as canonical JSON: the input of the cache key."""
        return canonical_json({"size": [WIDTH, self.height], "layout": self.layout, "data": self.data})

    def drawn_data(self) -> dict[str, Any]:
        return json.loads(self.canonical())["data"]

    def csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.header)
        writer.writerows([[spreadsheet_cell(cell) for cell in row] for row in self.rows])
        return buffer.getvalue().encode()


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def source_ids(report: Report, records: Iterable[Record]) -> list[str]:
    """The sources cited by `records`, in the order of the report's source list."""
    found = {c.source for record in records for c in record.citations}
    return sorted(
        found, key=lambda source_id: (report.source_number.get(source_id, len(report.source_number) + 1), source_id)
    )


def actor_name(report: Report, actor_id: str, language: str = DEFAULT_LANGUAGE) -> str:
    actor = report.by_id.get(actor_id)
    if actor is None or isinstance(actor, Source):
        return actor_id
    return record_text(actor, "short_name", language) or record_text(actor, "name", language) or actor_id


def spelled_name(report: Report, actor_id: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The short name ('France'), or the full one where the short name holds an abbreviation ('OTS', 'Tajik MoD'):
    a chart shows no unexplained abbreviation."""
    short = actor_name(report, actor_id, language)
    if any(sum(character.isupper() for character in word) >= 2 for word in short.split()):
        return record_text(report.by_id.get(actor_id), "name", language) or short
    return short


def legend_columns(labels: list[str]) -> int:
    """Two legend columns fit the figure width while no label is longer than this; else one."""
    return 2 if max((len(label) for label in labels), default=0) <= LEGEND_LABEL else 1


def legend_height(labels: list[str]) -> float:
    columns = legend_columns(labels)
    return 0.27 * -(-len(labels) // columns)


def empty_plan(name: str, title: str, message: str, header: list[str]) -> Plan:
    """A chart that says there is nothing to draw yet, rather than failing or drawing empty axes."""
    return Plan(
        name=name,
        title=title,
        caption=message,
        alt=f"{title}: {message}",
        source_ids=[],
        header=header,
        rows=[],
        data={"message": message},
        draw=_draw_no_data,
        height=1.4,
    )


def _draw_no_data(figure: Figure, data: dict[str, Any], theme: Theme) -> None:
    from generator.charts.axes import no_data

    no_data(figure, theme, data["message"])
