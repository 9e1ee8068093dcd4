"""`map`: the home country and its neighbours (as `map:` of report.yml sets), with a circle per place
sized by the number of its events."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.charts import text
from generator.charts.geo import Box, load_countries, outline_box
from generator.charts.plan import MIN_TEXT, WIDTH, Plan, empty_plan, source_ids
from generator.factbase.models import MapSettings, Place, Record, text_in
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.formatting import number
from generator.i18n.texts import record_text
from generator.model.report import Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from generator.charts.theme import Theme

NAME = "map"
TITLE = "Where the events happened"
MARGIN = 1.0
"""Degrees of open ground around the places, for a report whose report.yml sets no map."""
FOOT = 0.95
MAX_DIAMETER = 26.0
MIN_DIAMETER = 6.0
LABEL_SIZE = MIN_TEXT
NAME_SIZE = MIN_TEXT


def frame_for(content_dir: Path, places: list[Place], settings: MapSettings | None = None) -> Box:
    """The home country whole, with the places just beyond its borders, and a margin."""
    if settings is None:
        home = Box(
            min(p.longitude for p in places),
            min(p.latitude for p in places),
            max(p.longitude for p in places),
            max(p.latitude for p in places),
        )
        nearby, margin = 0.0, MARGIN
    else:
        given = settings.frame
        home = outline_box(content_dir, settings.home_outline) or Box(given.west, given.south, given.east, given.north)
        nearby, margin = settings.nearby, settings.margin
    reach = home.grown(nearby)
    near = [p for p in places if reach.contains(p.longitude, p.latitude)]
    box = Box(
        min([home.west, *(p.longitude for p in near)]),
        min([home.south, *(p.latitude for p in near)]),
        max([home.east, *(p.longitude for p in near)]),
        max([home.north, *(p.latitude for p in near)]),
    )
    grown = box.grown(margin)
    return Box(round(grown.west, 2), round(grown.south, 2), round(grown.east, 2), round(grown.north, 2))


def map_height(frame: Box) -> float:
    """Inches of map for the figure's width, in the projection `draw` uses."""
    middle = math.cos(math.radians((frame.south + frame.north) / 2))
    return round(WIDTH * (frame.north - frame.south) / ((frame.east - frame.west) * middle), 3)


def plan(report: Report, content_dir: Path, language: str = DEFAULT_LANGUAGE) -> Plan:
    w = text.Words(language)
    title = w.gettext("Where the events happened")
    header = ["number", "place", "name", "latitude", "longitude", "events", "on_map"]
    counts: Counter[str] = Counter(place_id for event in report.events for place_id in dict.fromkeys(event.places))
    places = [p for p in report.places if counts[p.id]]
    if not places:
        return empty_plan(NAME, title, w.gettext("No events with a place have been recorded yet."), header)
    settings = report.info.map
    frame = frame_for(content_dir, places, settings)
    on_map = [p for p in places if frame.contains(p.longitude, p.latitude)]
    on_map_ids = {p.id for p in on_map}
    off_map = [p for p in places if p.id not in on_map_ids]
    # Numbered from the place with most events: the key beneath the map lists them in this order.
    ranked = sorted(on_map, key=lambda p: (-counts[p.id], p.name.casefold(), p.id))
    number = {p.id: index for index, p in enumerate(ranked, start=1)}
    home, neighbours = load_countries(
        content_dir,
        frame.grown(0.5),
        settings.home_outline if settings else None,
        settings.neighbours_outline if settings else None,
    )
    drawn_events = [e for e in report.events if on_map_ids.intersection(e.places)]
    placeless = sum(1 for e in report.events if not e.places)

    # Sized against at least ten events, so that a lone event does not get the largest circle.
    most = max((counts[p.id] for p in on_map), default=1)
    largest = max(10, most)
    height = map_height(frame)
    data = {
        "frame": [frame.west, frame.south, frame.east, frame.north],
        "map_height": height,
        "home": home.rings if home else [],
        "neighbours": [{"code": c.code, "rings": c.rings} for c in neighbours],
        "places": [
            {"number": number[p.id], "lon": p.longitude, "lat": p.latitude, "count": counts[p.id]} for p in ranked
        ],
        "largest": largest,
        "legend": _legend_counts(most),
        "credit": w.gettext("Boundaries: Natural Earth (public domain)") if home or neighbours else "",
        "labels": [
            [label.longitude, label.latitude, text_in(label.text, language), label.country]
            for label in (settings.labels if settings else [])
        ],
    }
    if not w.default:
        data["words"] = {"language": language, "legend": w.gettext("Events at a place")}
    rows = [
        [
            number.get(p.id, ""),
            p.id,
            p.name,
            p.latitude,
            p.longitude,
            counts[p.id],
            "yes" if p.id in on_map_ids else "no",
        ]
        for p in sorted(
            places, key=lambda p: (number.get(p.id, len(places) + 1), -counts[p.id], p.name.casefold(), p.id)
        )
    ]

    events_on_map = len(drawn_events)

    def named(place: Place) -> str:
        return f"{record_text(place, 'name', language) or place.name} ({w.number(counts[place.id])})"

    top = w.listing([named(p) for p in ranked[:3]])
    area = text_in(settings.area, language) if settings else w.gettext("the places")
    alt = w.gettext(
        "Map of %(area)s marking %(events)s at %(places)s, each place a numbered circle sized by its number of events",
        area=area,
        events=w.events(events_on_map),
        places=w.ngettext("%(num)s place", "%(num)s places", len(on_map)),
    )
    if len(ranked) == 1:
        alt += w.gettext("; all were in %(places)s.", places=top)
    elif ranked:
        alt += w.gettext("; the most were in %(places)s.", places=top)
    else:
        alt += "."
    alt += " " + w.gettext("The key below the map names every numbered place.")
    notes = [
        w.gettext(
            "Circle area is proportional to the number of events at the place, in all phases; "
            "an event at several places counts at each. The numbers are those of the key below, from the place with most events."
        )
    ]
    if off_map:
        outside = w.listing([named(p) for p in off_map])
        notes.append(w.gettext("Outside the map: %(places)s.", places=outside))
        alt += " " + w.gettext("Not on the map: %(places)s.", places=outside)
    if placeless:
        notes.append(
            w.ngettext(
                "%(num)s event without a place is not drawn.",
                "%(num)s events without a place are not drawn.",
                placeless,
            )
        )
    if data["credit"]:
        notes.append(f"{data['credit']}.")
    records: list[Record] = [*drawn_events, *on_map]
    key = [{"id": p.id, "events": w.events(counts[p.id])} for p in ranked]
    return Plan(
        name=NAME,
        title=title,
        caption=" ".join(notes),
        alt=alt,
        source_ids=source_ids(report, records),
        header=header,
        rows=rows,
        data=data,
        draw=draw,
        height=height + FOOT,
        layout=None,
        key=key,
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
    map_height = data["map_height"]
    height = map_height + FOOT
    axes = figure.add_axes((0.0, FOOT / height, 1.0, map_height / height))
    axes.set_axis_off()
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    # Equirectangular with the scale true at the middle latitude: the home country keeps its familiar shape.
    axes.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    # A translucent box rather than a stroked halo: a halo repeats every glyph outline in the SVG.
    halo = {"boxstyle": "round,pad=0.12", "facecolor": theme.land, "edgecolor": "none", "alpha": 0.8}

    for country in data["neighbours"]:
        axes.add_patch(_outline(country["rings"], theme.neighbour, theme.border))
    if data["home"]:
        axes.add_patch(_outline(data["home"], theme.land, theme.border, linewidth=1.0))
    frame = Box(west, south, east, north)
    # A neighbour's name only where its outline is drawn (in the outlines' order); names of open water
    # (no country) after them, with any neighbour; each kept inside the frame.
    by_code = {code: (x, y, name) for x, y, name, code in data["labels"] if code is not None}
    names = [
        by_code[c["code"]]
        for c in data["neighbours"]
        if c["code"] in by_code and frame.grown(-1.0).contains(*by_code[c["code"]][:2])
    ]
    if data["neighbours"]:
        names += [(x, y, name) for x, y, name, code in data["labels"] if code is None]
    names = [(_inside(lon, name, west, east), lat, name) for lon, lat, name in names]
    for x, y, name in names:
        axes.text(
            x, y, name, ha="center", va="center", fontsize=NAME_SIZE, color=theme.muted, style="italic", linespacing=1.1
        )

    places = data["places"]
    sizes = [diameter(p["count"], data["largest"]) for p in places]
    colour = theme.accent
    axes.scatter(
        [p["lon"] for p in places],
        [p["lat"] for p in places],
        s=[d * d for d in sizes],
        color=colour,
        alpha=0.78,
        edgecolors=theme.background,
        linewidths=0.8,
        zorder=3,
    )
    _place_labels(figure, axes, frame, places, sizes, names, theme, halo)

    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=diameter(n, data["largest"]),
            markerfacecolor=colour,
            markeredgecolor=theme.background,
            alpha=0.78,
        )
        for n in data["legend"]
    ]
    words = data.get("words", {})
    language = words.get("language", DEFAULT_LANGUAGE)
    figure.legend(
        handles,
        [number(n, language) for n in data["legend"]],
        title=words.get("legend", "Events at a place"),
        loc="lower left",
        bbox_to_anchor=(0.01, 0.0),
        ncols=len(handles),
        columnspacing=1.0,
        handletextpad=0.4,
        borderaxespad=0.3,
        alignment="left",
    )
    if data["credit"]:
        figure.text(
            0.99,
            0.02,
            data["credit"].replace(": ", ":\n"),
            ha="right",
            va="bottom",
            fontsize=MIN_TEXT,
            color=theme.muted,
            linespacing=1.2,
        )


def _inside(lon: float, name: str, west: float, east: float) -> float:
    """The longitude at which a centred name stays inside the map: a translated name may be wider
    than the open ground it was placed on (the English names fit where they are, and stay there)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    font = FontProperties(family="DejaVu Sans", size=NAME_SIZE, style="italic")
    points = max(TextPath((0, 0), line, prop=font).get_extents().width for line in name.split("\n"))
    half = points / 2 / (WIDTH * 72) * (east - west) + 0.2
    return min(max(lon, west + half), east - half)


def _outline(rings: list[list[list[float]]], face: str, edge: str, linewidth: float = 0.6) -> Any:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    vertices: list[list[float]] = []
    codes: list[Any] = []
    for ring in rings:
        vertices += [*ring, ring[0]]
        codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 1) + [MplPath.CLOSEPOLY]
    return PathPatch(MplPath(vertices, codes), facecolor=face, edgecolor=edge, linewidth=linewidth, joinstyle="round")


def _place_labels(
    figure: Figure,
    axes: Axes,
    frame_box: Box,
    places: list[dict[str, Any]],
    sizes: list[float],
    names: list[tuple[float, float, str]],
    theme: Theme,
    halo: dict[str, Any],
) -> None:
    """Number each circle on the first side where the number overlaps nothing already placed.

    Places at the same point (a city and its region) share one label: "3, 12".

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
    x0, y0 = at(frame_box.west, frame_box.south)
    x1, y1 = at(frame_box.east, frame_box.north)
    frame = (x0, y0, x1, y1)

    spots: dict[tuple[float, float], list[tuple[dict[str, Any], float]]] = {}
    for place, size in zip(places, sizes, strict=True):
        # Within about 10 km the circles overlap: one label numbers them all.
        spots.setdefault((round(place["lon"], 1), round(place["lat"], 1)), []).append((place, size))
    for group in spots.values():
        place, size = max(group, key=lambda item: item[1])
        label = ", ".join(str(p["number"]) for p, _ in group)
        width, height = measure(label, LABEL_SIZE)
        x, y = at(place["lon"], place["lat"])
        gap = size / 2 + 2
        own = (x - size / 2, y - size / 2, x + size / 2, y + size / 2)
        best = None
        for dx, dy, ha, va in _candidates(gap):
            left = x + dx - (0 if ha == "left" else width if ha == "right" else width / 2)
            bottom = y + dy - (0 if va == "bottom" else height if va == "top" else height / 2)
            # A clear gap around each number, so that neighbouring numbers never read as one ("9" "7" as "97").
            box = (left - 3, bottom - 1, left + width + 3, bottom + height + 1)
            cost = sum(_overlap(box, other) for other in boxes if other != own) + _outside(box, frame) * 4
            if best is None or cost < best[0] - 1e-9:
                best = (cost, dx, dy, ha, va, box)
            if cost == 0:
                break
        assert best is not None
        _, dx, dy, ha, va, box = best
        axes.annotate(
            label,
            (place["lon"], place["lat"]),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=LABEL_SIZE,
            color=theme.text,
            bbox=halo,
            zorder=4,
        )
        boxes.append(box)


def _candidates(gap: float) -> list[tuple[float, float, str, str]]:
    diagonal = gap * 0.75
    return [
        (gap, 0, "left", "center"),
        (-gap, 0, "right", "center"),
        (0, gap, "center", "bottom"),
        (0, -gap, "center", "top"),
        (diagonal, diagonal, "left", "bottom"),
        (diagonal, -diagonal, "left", "top"),
        (-diagonal, diagonal, "right", "bottom"),
        (-diagonal, -diagonal, "right", "top"),
    ]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _outside(box: tuple[float, float, float, float], frame: tuple[float, float, float, float]) -> float:
    inner = _overlap(box, frame)
    return (box[2] - box[0]) * (box[3] - box[1]) - inner
