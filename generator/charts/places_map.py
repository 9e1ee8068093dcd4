"""`map`: Kazakhstan and its neighbours, with a circle per place sized by the number of its events."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import Record
from ..report import Report
from . import text
from .geo import CREDIT, Box, load_countries
from .plan import MIN_TEXT, Plan, empty_plan, source_ids

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .theme import Theme

NAME = "map"
TITLE = "Where the events happened"
FRAME = Box(west=45.3, south=39.8, east=88.5, north=56.0)
LABELLED = 8
MAP_HEIGHT = 3.35
FOOT = 0.8
MAX_DIAMETER = 30.0
MIN_DIAMETER = 6.0
LABEL_SIZE = 12.0
NAME_SIZE = MIN_TEXT
# Where to write the neighbours' names: open ground inside the frame, away from Kazakh cities.
NEIGHBOUR_LABELS = {
    "RUS": (50.0, 54.6, "RUSSIA"),
    "CHN": (85.6, 42.3, "CHINA"),
    "UZB": (62.5, 40.7, "UZBEKISTAN"),
    "TKM": (55.6, 40.2, "TURKMENISTAN"),
    "KGZ": (76.2, 41.2, "KYRGYZSTAN"),
}
CASPIAN = (49.3, 41.2, "Caspian\nSea")


def plan(report: Report, content_dir: Path) -> Plan:
    header = ["place", "name", "latitude", "longitude", "events", "on_map"]
    counts: Counter[str] = Counter(place_id for event in report.events for place_id in dict.fromkeys(event.places))
    places = [p for p in report.places if counts[p.id]]
    if not places:
        return empty_plan(NAME, TITLE, "No events with a place have been recorded yet.", header)
    on_map = [p for p in places if FRAME.contains(p.longitude, p.latitude)]
    on_map_ids = {p.id for p in on_map}
    off_map = [p for p in places if p.id not in on_map_ids]
    ranked = sorted(on_map, key=lambda p: (-counts[p.id], p.name.casefold(), p.id))
    labelled = {p.id for p in ranked[:LABELLED]}
    home, neighbours = load_countries(content_dir, FRAME.grown(0.5))
    drawn_events = [e for e in report.events if on_map_ids.intersection(e.places)]
    placeless = sum(1 for e in report.events if not e.places)

    # Sized against at least ten events, so that a lone event does not get the largest circle.
    most = max((counts[p.id] for p in on_map), default=1)
    largest = max(10, most)
    data = {
        "frame": [FRAME.west, FRAME.south, FRAME.east, FRAME.north],
        "home": home.rings if home else [],
        "neighbours": [{"code": c.code, "rings": c.rings} for c in neighbours],
        "places": [{"name": p.name, "lon": p.longitude, "lat": p.latitude, "count": counts[p.id], "label": p.id in labelled}
                   for p in ranked],
        "largest": largest,
        "legend": _legend_counts(most),
        "credit": CREDIT if home or neighbours else "",
    }
    rows = [[p.id, p.name, p.latitude, p.longitude, counts[p.id], "yes" if p.id in on_map_ids else "no"]
            for p in sorted(places, key=lambda p: (-counts[p.id], p.name.casefold(), p.id))]

    events_on_map = len(drawn_events)
    top = text.listing([f"{p.name} ({counts[p.id]:,})" for p in ranked[:3]])
    alt = (f"Map of Kazakhstan and its neighbours marking {text.count(events_on_map, 'event')} at "
           f"{text.count(len(on_map), 'place')}, each place a circle sized by its number of events")
    if len(ranked) == 1:
        alt += f"; all were in {top}."
    elif ranked:
        alt += f"; the most were in {top}."
    else:
        alt += "."
    notes = ["Circle area is proportional to the number of events at the place, in all phases; "
             "an event at several places counts at each."]
    if len(ranked) > LABELLED:
        notes.append(f"The {LABELLED} places with most events are named.")
    if off_map:
        outside = text.listing([f"{p.name} ({counts[p.id]:,})" for p in off_map])
        notes.append(f"Outside the map: {outside}.")
        alt += f" Not on the map: {outside}."
    if placeless:
        notes.append(f"{text.count(placeless, 'event')} without a place {'is' if placeless == 1 else 'are'} not drawn.")
    if data["credit"]:
        notes.append(f"{CREDIT}.")
    records: list[Record] = [*drawn_events, *on_map]
    return Plan(
        name=NAME, title=TITLE, caption=" ".join(notes), alt=alt, source_ids=source_ids(report, records),
        header=header, rows=rows, data=data, draw=draw, height=MAP_HEIGHT + FOOT, layout=None,
    )


def _legend_counts(largest: int) -> list[int]:
    middle = _round_down(largest / 4)
    return sorted({1, middle, largest}) if largest > 1 else [1]


def _round_down(value: float) -> int:
    if value < 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return max(1, max(step * magnitude for step in (1, 2, 5) if step * magnitude <= value))


def diameter(count: int, largest: int) -> float:
    return max(MIN_DIAMETER, MAX_DIAMETER * math.sqrt(count / largest))


def draw(figure: Figure, data: dict[str, Any], theme: Theme) -> None:
    from matplotlib.lines import Line2D

    west, south, east, north = data["frame"]
    height = MAP_HEIGHT + FOOT
    axes = figure.add_axes((0.0, FOOT / height, 1.0, MAP_HEIGHT / height))
    axes.set_axis_off()
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    # Equirectangular with the scale true at the middle latitude: Kazakhstan keeps its familiar shape.
    axes.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    # A translucent box rather than a stroked halo: a halo repeats every glyph outline in the SVG.
    halo = {"boxstyle": "round,pad=0.12", "facecolor": theme.land, "edgecolor": "none", "alpha": 0.8}

    for country in data["neighbours"]:
        axes.add_patch(_outline(country["rings"], theme.neighbour, theme.border))
    if data["home"]:
        axes.add_patch(_outline(data["home"], theme.land, theme.border, linewidth=1.0))
    names = [NEIGHBOUR_LABELS[c["code"]] for c in data["neighbours"] if c["code"] in NEIGHBOUR_LABELS]
    if data["neighbours"]:
        names.append(CASPIAN)
    for x, y, name in names:
        axes.text(x, y, name, ha="center", va="center", fontsize=NAME_SIZE, color=theme.muted, style="italic", linespacing=1.1)

    places = data["places"]
    sizes = [diameter(p["count"], data["largest"]) for p in places]
    colour = theme.accent
    axes.scatter([p["lon"] for p in places], [p["lat"] for p in places], s=[d * d for d in sizes], color=colour,
                 alpha=0.78, edgecolors=theme.background, linewidths=0.8, zorder=3)
    _place_labels(figure, axes, places, sizes, names, theme, halo)

    handles = [Line2D([], [], linestyle="", marker="o", markersize=diameter(n, data["largest"]), markerfacecolor=colour,
                      markeredgecolor=theme.background, alpha=0.78) for n in data["legend"]]
    figure.legend(handles, [f"{n:,}" for n in data["legend"]], title="Events at a place", loc="lower left",
                  bbox_to_anchor=(0.01, 0.0), ncols=len(handles), columnspacing=1.0, handletextpad=0.4,
                  borderaxespad=0.3, alignment="left")
    if data["credit"]:
        figure.text(0.99, 0.03, data["credit"].replace(": ", ":\n"), ha="right", va="bottom", fontsize=MIN_TEXT,
                    color=theme.muted, linespacing=1.2)


def _outline(rings: list[list[list[float]]], face: str, edge: str, linewidth: float = 0.6) -> Any:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    vertices: list[list[float]] = []
    codes: list[Any] = []
    for ring in rings:
        vertices += [*ring, ring[0]]
        codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 1) + [MplPath.CLOSEPOLY]
    return PathPatch(MplPath(vertices, codes), facecolor=face, edgecolor=edge, linewidth=linewidth, joinstyle="round")


def _place_labels(figure: Figure, axes: Axes, places: list[dict[str, Any]], sizes: list[float],
                  names: list[tuple[float, float, str]], theme: Theme, halo: dict[str, Any]) -> None:
    """Put each label on the first side of its circle where it overlaps nothing already placed.

    Work in points from the figure origin, so the result does not depend on the output resolution.
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    axes.apply_aspect()
    scale = 72 / figure.dpi

    def at(lon: float, lat: float) -> tuple[float, float]:
        x, y = axes.transData.transform((lon, lat))
        return x * scale, y * scale

    def measure(label: str, size: float) -> tuple[float, float]:
        lines = label.split("\n")
        font = FontProperties(family="DejaVu Sans", size=size)
        return max(TextPath((0, 0), line, prop=font).get_extents().width for line in lines), size * 1.1 * len(lines)

    boxes = []
    for lon, lat, name in names:
        x, y = at(lon, lat)
        width, height = measure(name, NAME_SIZE)
        boxes.append((x - width / 2, y - height / 2, x + width / 2, y + height / 2))
    for place, size in zip(places, sizes, strict=True):
        x, y = at(place["lon"], place["lat"])
        radius = size / 2
        boxes.append((x - radius, y - radius, x + radius, y + radius))
    x0, y0 = at(FRAME.west, FRAME.south)
    x1, y1 = at(FRAME.east, FRAME.north)
    frame = (x0, y0, x1, y1)

    for place, size in zip(places, sizes, strict=True):
        if not place["label"]:
            continue
        width, height = measure(place["name"], LABEL_SIZE)
        x, y = at(place["lon"], place["lat"])
        gap = size / 2 + 2
        own = (x - size / 2, y - size / 2, x + size / 2, y + size / 2)
        best = None
        for dx, dy, ha, va in _candidates(gap):
            left = x + dx - (0 if ha == "left" else width if ha == "right" else width / 2)
            bottom = y + dy - (0 if va == "bottom" else height if va == "top" else height / 2)
            box = (left - 1, bottom - 1, left + width + 1, bottom + height + 1)
            cost = sum(_overlap(box, other) for other in boxes if other != own) + _outside(box, frame) * 4
            if best is None or cost < best[0] - 1e-9:
                best = (cost, dx, dy, ha, va, box)
            if cost == 0:
                break
        assert best is not None
        _, dx, dy, ha, va, box = best
        axes.annotate(place["name"], (place["lon"], place["lat"]), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                      fontsize=LABEL_SIZE, color=theme.text, bbox=halo, zorder=4)
        boxes.append(box)


def _candidates(gap: float) -> list[tuple[float, float, str, str]]:
    diagonal = gap * 0.75
    return [
        (gap, 0, "left", "center"), (-gap, 0, "right", "center"),
        (0, gap, "center", "bottom"), (0, -gap, "center", "top"),
        (diagonal, diagonal, "left", "bottom"), (diagonal, -diagonal, "left", "top"),
        (-diagonal, diagonal, "right", "bottom"), (-diagonal, -diagonal, "right", "top"),
    ]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _outside(box: tuple[float, float, float, float], frame: tuple[float, float, float, float]) -> float:
    inner = _overlap(box, frame)
    return (box[2] - box[0]) * (box[3] - box[1]) - inner

