"""Country outlines for the map, read from content/geo and cut to the map's frame.

Cutting, simplifying to 0.03° (a third of a point on a 6-inch-wide map) and rounding to 0.01° keep
the SVG small: Russia and China would otherwise be drawn whole, far outside the frame.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

Ring = list[list[float]]

GEO_DIR = "geo"
CREDIT = "Boundaries: Natural Earth (public domain)"
TOLERANCE = 0.03


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float

    def contains(self, longitude: float, latitude: float) -> bool:
        return self.west <= longitude <= self.east and self.south <= latitude <= self.north

    def grown(self, margin: float) -> Box:
        return Box(self.west - margin, self.south - margin, self.east + margin, self.north + margin)


@dataclass(frozen=True)
class Country:
    name: str
    code: str
    rings: list[Ring]


def load_countries(
    content_dir: Path, box: Box, home_file: str | None, neighbours_file: str | None
) -> tuple[Country | None, list[Country]]:
    """The home country and its neighbours (files of content/geo named by report.yml's `map`) cut to `box`;
    missing files give no outlines rather than an error."""
    folder = content_dir / GEO_DIR
    home = _read(folder / home_file, box) if home_file else []
    return (home[0] if home else None), (_read(folder / neighbours_file, box) if neighbours_file else [])


def _read(path: Path, box: Box) -> list[Country]:
    try:
        status = path.stat()
    except OSError:
        return []
    if not S_ISREG(status.st_mode):
        return []
    return list(_outlines(str(path), status.st_mtime_ns, status.st_size, box))


@lru_cache(maxsize=8)
def _outlines(path: str, mtime_ns: int, size: int, box: Box) -> tuple[Country, ...]:
    """The countries of one file cut to `box`, kept while the file is the same: each preview rebuild
    plans the map, and cutting the outlines is most of that."""
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    countries = []
    for feature in collection.get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        rings = [r for polygon in polygons for ring in polygon if len(r := _clip(ring, box)) >= 3]
        if rings:
            properties = feature.get("properties") or {}
            countries.append(Country(str(properties.get("name", "")), str(properties.get("iso_a3", "")), rings))
    return tuple(countries)


def _clip(ring: list[list[float]], box: Box) -> Ring:
    """Sutherland–Hodgman clipping of one ring to the box, rounded, without repeated points."""
    points = [(float(x), float(y)) for x, y, *_ in ring]
    edges = (
        (lambda p: p[0] >= box.west, lambda a, b: _at_x(a, b, box.west)),
        (lambda p: p[0] <= box.east, lambda a, b: _at_x(a, b, box.east)),
        (lambda p: p[1] >= box.south, lambda a, b: _at_y(a, b, box.south)),
        (lambda p: p[1] <= box.north, lambda a, b: _at_y(a, b, box.north)),
    )
    for inside, cross in edges:
        if not points:
            break
        clipped = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    clipped.append(cross(previous, point))
                clipped.append(point)
            elif inside(previous):
                clipped.append(cross(previous, point))
            previous = point
        points = clipped
    rounded: Ring = []
    for x, y in _simplify(points, TOLERANCE):
        vertex = [round(x, 2), round(y, 2)]
        if not rounded or rounded[-1] != vertex:
            rounded.append(vertex)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    return rounded


def _at_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: keep the points that stray more than `tolerance` from the simplified line."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            d = _distance(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _distance(point: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = (dx * dx + dy * dy) ** 0.5
    if length == 0:
        return ((point[0] - a[0]) ** 2 + (point[1] - a[1]) ** 2) ** 0.5
    return abs(dy * (point[0] - a[0]) - dx * (point[1] - a[1])) / length


def outline_box(content_dir: Path, file_name: str | None) -> Box | None:
    """The smallest box holding every point of the home country's outline, or None without the file."""
    path = content_dir / GEO_DIR / file_name if file_name else None
    if path is None or not path.is_file():
        return None
    points = [
        point
        for feature in json.loads(path.read_text(encoding="utf-8")).get("features", [])
        for point in _points((feature.get("geometry") or {}).get("coordinates", []))
    ]
    if not points:
        return None
    return Box(
        min(x for x, _ in points), min(y for _, y in points), max(x for x, _ in points), max(y for _, y in points)
    )


def _points(coordinates: list) -> list[tuple[float, float]]:
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [(float(coordinates[0]), float(coordinates[1]))]
    return [point for item in coordinates for point in _points(item)]
