"""Charts as readers see them: text size as displayed on a phone and a desktop, no cut names, and a
dark variant that is the light drawing with every colour swapped for its dark-theme twin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.charts import Chart, render_charts
from generator.charts.dark import colour_pairs, dark_of, light_colours, to_dark
from generator.factbase.loader import load_content
from generator.model.report import build_report

from .test_charts import small_report

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
PHONE_COLUMN = 358.0
"""CSS px of the content column on a 390 px wide phone (Material's 0.8rem gutters)."""
MIN_PX = 11.0
MAX_PX = 20.0
PX_PER_PT = 4 / 3


@pytest.fixture(scope="module")
def real() -> dict[str, Chart]:
    charts, _ = render_charts(build_report(load_content(CONTENT)), CONTENT, None)
    return {chart.name: chart for chart in charts}


@pytest.fixture(scope="module")
def small() -> dict[str, Chart]:
    charts, _ = render_charts(small_report(), CONTENT, None)
    return {chart.name: chart for chart in charts}


def geometry(svg: bytes) -> tuple[float, float]:
    """(intrinsic width in CSS px, viewBox width in drawing units) of an SVG."""
    head = svg[: svg.index(b">", svg.index(b"<svg"))].decode()
    width = re.search(r'\swidth="([\d.]+)pt"', head)
    view_box = re.search(r'viewBox="0 0 ([\d.]+) [\d.]+"', head)
    assert width and view_box, head
    return float(width.group(1)) * PX_PER_PT, float(view_box.group(1))


def text_sizes(svg: bytes) -> list[tuple[str, float]]:
    """(text, size in drawing units) of every text drawn as glyph outlines.

    matplotlib writes each text as a comment holding the text, then a group scaled by size / 100.
    """
    found = re.findall(rb"<!-- (.*?) -->\s*<g [^>]*?transform=\"[^\"]*?scale\(([\d.]+) -[\d.]+\)\"", svg, re.S)
    return [(text.decode(), float(scale) * 100) for text, scale in found]


def displayed(svg: bytes, column: float) -> list[tuple[str, float]]:
    """Each text's CSS px height when the chart is shown in a column `column` px wide (never wider than itself)."""
    width, units = geometry(svg)
    shown = min(column, width)
    return [(text, size * shown / units) for text, size in text_sizes(svg)]


def test_text_is_found_in_every_chart(real: dict[str, Chart]) -> None:
    for chart in real.values():
        assert len(text_sizes(chart.svg_light)) >= 3, chart.name


def test_every_text_is_at_least_11_px_on_a_phone(real: dict[str, Chart], small: dict[str, Chart]) -> None:
    for chart in [*real.values(), *small.values()]:
        small_texts = [(text, round(px, 2)) for text, px in displayed(chart.svg_light, PHONE_COLUMN) if px < MIN_PX]
        assert not small_texts, f"{chart.name}: {small_texts[:5]}"


def test_text_is_not_oversized_on_a_desktop(real: dict[str, Chart]) -> None:
    for chart in real.values():
        large = [(text, round(px, 2)) for text, px in displayed(chart.svg_light, 10_000) if px > MAX_PX]
        assert not large, f"{chart.name}: {large[:5]}"


def test_no_name_is_cut(real: dict[str, Chart], small: dict[str, Chart]) -> None:
    for chart in [*real.values(), *small.values()]:
        cut = [text for text, _ in text_sizes(chart.svg_light) if "…" in text or text.endswith("...")]
        assert not cut, f"{chart.name}: {cut}"


def test_every_light_colour_has_a_dark_counterpart(real: dict[str, Chart], small: dict[str, Chart]) -> None:
    mapping = dark_of()
    for chart in [*real.values(), *small.values()]:
        unmapped = light_colours(chart.svg_light) - set(mapping)
        assert not unmapped, f"{chart.name} draws colours outside the light theme: {unmapped}"
        assert chart.svg_dark == to_dark(chart.svg_light), chart.name
        assert not light_colours(chart.svg_dark) & (set(mapping) - set(mapping.values())), chart.name


def test_the_colour_map_is_unambiguous() -> None:
    pairs = colour_pairs()
    for light, dark in pairs:
        assert dark_of()[light] == dark, f"{light} maps to {dark_of()[light]} and {dark}"
    assert dark_of()["#ffffff"] != "#ffffff"


def test_a_colour_outside_the_theme_is_refused() -> None:
    with pytest.raises(ValueError, match="#123456"):
        to_dark(b'<path style="fill: #123456"/>')


def test_a_long_reporter_name_wraps_in_the_legend() -> None:
    from generator.charts import figures
    from generator.factbase.models import Actor, Figure

    from .test_charts import base, make_report

    long_name = "Independent Coordination Headquarters of the Democratic Choice"
    report = make_report(
        *base(),
        Actor(id="hq", name=long_name, type="ngo"),
        Figure(id="d1", metric="deaths", value=30, as_of="2022-01-06", reported_by="hq", sources=["s1"]),
    )
    plan = next(p for p in figures.plans(report) if p.name == "figures-deaths")
    assert [r["label"].replace("\n", " ") for r in plan.data["reporters"]] == [long_name]
