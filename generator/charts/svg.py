"""Draw a plan in a theme and save it as a byte-for-byte reproducible SVG.

This is the only entry point into matplotlib; it is imported only when a chart must be rendered.
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from generator.charts.plan import MIN_TEXT, WIDTH, Plan
from generator.charts.theme import Theme

FONT_SIZE = 12.0


def rc(theme: Theme) -> dict[Any, Any]:
    return {
        # Text as paths: the picture does not depend on the fonts of the reader's machine. An SVG shown
        # through <img> cannot use the page's fonts, so real <text> would fall back to whatever the
        # reader has and break the measured layout (labels placed to the point); embedding a subset
        # font in every file would add a dependency and a step for little gain: the words are in the
        # alt text, the caption, the CSV and, for the map, the HTML key, where find and screen readers reach them.
        "svg.fonttype": "path",
        # Fixed salt: the ids matplotlib generates (clip paths, glyphs) are the same in every run.
        "svg.hashsalt": "crisis-report",
        "font.family": "DejaVu Sans",
        "font.size": FONT_SIZE,
        "axes.titlesize": FONT_SIZE,
        "axes.labelsize": FONT_SIZE,
        "xtick.labelsize": FONT_SIZE,
        "ytick.labelsize": FONT_SIZE,
        "legend.fontsize": MIN_TEXT,
        "legend.title_fontsize": MIN_TEXT,
        "legend.frameon": False,
        "text.color": theme.text,
        "axes.labelcolor": theme.text,
        "axes.edgecolor": theme.axis,
        "axes.facecolor": theme.background,
        "figure.facecolor": theme.background,
        "savefig.facecolor": theme.background,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": theme.axis,
        "ytick.color": theme.axis,
        "xtick.labelcolor": theme.text,
        "ytick.labelcolor": theme.text,
        "grid.color": theme.grid,
        "grid.linewidth": 0.8,
        "axes.axisbelow": True,
        "hatch.color": theme.background,
        "path.simplify": True,
    }


def render(plan: Plan, theme: Theme) -> bytes:
    data = plan.drawn_data()
    with matplotlib.rc_context(rc(theme)):
        figure = Figure(figsize=(WIDTH, plan.height), layout=plan.layout)
        engine = figure.get_layout_engine()
        if isinstance(engine, ConstrainedLayoutEngine):
            engine.set(w_pad=0.06, h_pad=0.06)
        plan.draw(figure, data, theme)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()
