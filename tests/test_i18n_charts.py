"""Charts drawn in French: their words in French, every text inside the drawing (French labels are
longer), legible on a phone, and cached apart from the English drawings."""

from __future__ import annotations

import html
from pathlib import Path

import matplotlib
import pytest
from babel.messages.pofile import read_po
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text

from generator.charts import Chart, render_charts
from generator.charts.catalogue import plan_charts
from generator.charts.plan import WIDTH, Plan
from generator.charts.svg import rc
from generator.charts.theme import LIGHT
from generator.factbase.loader import load_content
from generator.model.report import Report, build_report

from .test_chart_legibility import MIN_PX, PHONE_COLUMN, displayed

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
CATALOGUE = ROOT / "locales" / "fr" / "LC_MESSAGES" / "messages.po"


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(load_content(CONTENT))


@pytest.fixture(scope="module")
def french_plans(report: Report) -> list[Plan]:
    return plan_charts(report, CONTENT, "fr")


def test_chart_words_are_french(french_plans: list[Plan]) -> None:
    by_name = {plan.name: plan for plan in french_plans}
    assert by_name["events-per-day"].title == "Événements par jour"
    assert "janvier 2022" in by_name["events-per-day"].alt and "January" not in by_name["events-per-day"].alt
    assert by_name["map"].title == "Où les événements ont eu lieu"
    assert by_name["measures"].caption.startswith("Chaque barre va du premier au dernier jour d’une mesure.")
    assert by_name["events-per-day"].data["words"] == {"language": "fr", "axis": "Événements"}


def test_no_english_chart_message_in_french_text(french_plans: list[Plan]) -> None:
    """The titles, captions, alt texts and drawn words of the French charts hold no English message of the charts."""
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    words = "\n".join(f"{plan.title}\n{plan.caption}\n{plan.alt}\n{plan.canonical()}" for plan in french_plans)
    leftovers = []
    for message in catalogue:
        if not message.id or not any(path.startswith("generator/charts/") for path, _ in message.locations):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english, translated in zip(ids, strings, strict=False):
            pieces = [piece.strip(" ;,.:") for piece in english.split("%") if english != translated]
            leftovers += [
                piece for piece in pieces if " " in piece and len(piece) >= 12 and piece in html.unescape(words)
            ]
    assert not leftovers, leftovers


def texts_outside(plan: Plan) -> list[str]:
    """The texts of a drawn plan that reach beyond the figure (tick labels of ticks out of view are not drawn)."""
    with matplotlib.rc_context(rc(LIGHT)):
        figure = Figure(figsize=(WIDTH, plan.height), layout=plan.layout)
        FigureCanvasAgg(figure)
        engine = figure.get_layout_engine()
        if isinstance(engine, ConstrainedLayoutEngine):
            engine.set(w_pad=0.06, h_pad=0.06)
        plan.draw(figure, plan.drawn_data(), LIGHT)
        figure.draw_without_rendering()
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        hidden = set()
        for axes in figure.axes:
            for axis in (axes.xaxis, axes.yaxis):
                low, high = sorted(axis.get_view_interval())
                for tick in axis.get_major_ticks():
                    if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                        hidden.update({id(tick.label1), id(tick.label2)})
        box = figure.bbox
        outside = []
        for text in figure.findobj(Text):
            if id(text) in hidden or not text.get_visible() or not text.get_text().strip():
                continue
            extent = text.get_window_extent(renderer)
            if (
                extent.x0 < box.x0 - 0.5
                or extent.x1 > box.x1 + 0.5
                or extent.y0 < box.y0 - 0.5
                or extent.y1 > box.y1 + 0.5
            ):
                outside.append(text.get_text())
    return outside


def test_every_french_text_is_inside_its_chart(french_plans: list[Plan]) -> None:
    cut = {plan.name: texts_outside(plan) for plan in french_plans}
    assert not {name: texts for name, texts in cut.items() if texts}


def test_the_inside_check_sees_a_text_beyond_the_edge(french_plans: list[Plan]) -> None:
    plan = next(plan for plan in french_plans if plan.name == "map")
    words = plan.data["words"]
    wide = Plan(**{**plan.__dict__, "data": {**plan.data, "words": {**words, "legend": "Événements " * 12}}})
    assert texts_outside(wide)


def test_french_charts_are_legible_and_cached_apart(report: Report, tmp_path: Path) -> None:
    french, drawn = render_charts(report, CONTENT, tmp_path, language="fr")
    assert drawn == len(french)
    for chart in french:
        small = [(text, round(px, 2)) for text, px in displayed(chart.svg_light, PHONE_COLUMN) if px < MIN_PX]
        assert not small, f"{chart.name}: {small[:5]}"
    english, drawn = render_charts(report, CONTENT, tmp_path)
    assert drawn == len(english), "English drawings are their own entries"
    again_fr, drawn_fr = render_charts(report, CONTENT, tmp_path, language="fr")
    again_en, drawn_en = render_charts(report, CONTENT, tmp_path)
    assert drawn_fr == drawn_en == 0, "storing one language never prunes the other's drawings"
    assert [c.svg_light for c in again_fr] == [c.svg_light for c in french]
    assert _svgs(again_en) != _svgs(again_fr)


def _svgs(charts: list[Chart]) -> list[bytes]:
    return [chart.svg_light for chart in charts]
