"""The map: Kazakhstan whole in frame, every place on it numbered, and a key of links to every place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.charts import places_map
from generator.charts.plan import Plan
from generator.charts.svg import render
from generator.charts.theme import LIGHT
from generator.factbase.loader import load_content
from generator.model.report import Report, build_report

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def real() -> Report:
    return build_report(load_content(CONTENT))


@pytest.fixture(scope="module")
def plan(real: Report) -> Plan:
    return places_map.plan(real, CONTENT)


def outline_points() -> list[tuple[float, float]]:
    def walk(value: list) -> list[tuple[float, float]]:
        if isinstance(value[0], (int, float)):
            return [(value[0], value[1])]
        return [point for item in value for point in walk(item)]

    collection = json.loads((CONTENT / "geo" / "kazakhstan-50m.geo.json").read_text(encoding="utf-8"))
    return [point for feature in collection["features"] for point in walk(feature["geometry"]["coordinates"])]


def test_frame_holds_every_point_of_kazakhstan(plan: Plan) -> None:
    west, south, east, north = plan.data["frame"]
    points = outline_points()
    assert len(points) > 100
    outside = [(x, y) for x, y in points if not (west < x < east and south < y < north)]
    assert not outside, outside[:5]


def test_frame_holds_every_place_in_kazakhstan(plan: Plan, real: Report) -> None:
    west, south, east, north = plan.data["frame"]
    for place in real.places:
        if place.country == "KZ":
            assert west < place.longitude < east and south < place.latitude < north, place.id


def test_the_drawn_map_has_the_frame_s_shape(plan: Plan) -> None:
    """The figure gives the map exactly the room its projection needs: nothing is cut off at the sides."""
    svg = render(plan, LIGHT)
    clip = re.search(
        rb'<clipPath id="[^"]+">\s*<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg
    )
    assert clip, "the map axes clip to a rectangle"
    width = float(clip.group(3))
    assert width > 0.97 * places_map.WIDTH * 72


def test_every_place_on_the_map_is_numbered_and_keyed(plan: Plan, real: Report) -> None:
    on_map = [row for row in plan.rows if row[-1] == "yes"]
    numbers = [p["number"] for p in plan.data["places"]]
    assert numbers == list(range(1, len(on_map) + 1))
    assert [item["id"] for item in plan.key] == [row[1] for row in on_map]
    assert len(plan.key) >= 25
    drawn = set()
    for label in re.findall(rb"<!-- ([\d, ]+) -->", render(plan, LIGHT)):
        drawn |= {int(n) for n in label.decode().split(", ")}
    assert drawn >= set(numbers), sorted(set(numbers) - drawn)
    assert {item["id"] for item in plan.key} <= {p.id for p in real.places}


def test_places_off_the_map_are_named_in_the_caption(plan: Plan) -> None:
    off = [row[2] for row in plan.rows if row[-1] == "no"]
    assert off, "the real report has a place in Russia"
    for name in off:
        assert name in plan.caption
