"""Drawing helpers shared by the charts (imported only while rendering: they use matplotlib)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from generator.charts import dates
from generator.charts.theme import Theme
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.formatting import number


def plain_axes(figure: Figure, theme: Theme, grid: Literal["x", "y", ""] = "y") -> Axes:
    axes = figure.add_subplot()
    axes.tick_params(length=3, width=0.8)
    if grid:
        axes.grid(axis=grid)
    if grid == "y":
        axes.spines["left"].set_visible(False)
        axes.tick_params(axis="y", length=0)
    elif grid == "x":
        axes.spines["bottom"].set_visible(False)
        axes.tick_params(axis="x", length=0)
    return axes


def day_axis(
    axes: Axes, origin: str, first: int, last: int, max_ticks: int = 5, language: str = DEFAULT_LANGUAGE
) -> None:
    chosen = dates.ticks(date.fromisoformat(origin), first, last, max_ticks, language)
    axes.set_xticks([position for position, _ in chosen], [label for _, label in chosen])


def count_axis(axes: Axes, axis: str = "y", bins: int = 5, language: str = DEFAULT_LANGUAGE) -> None:
    target = axes.yaxis if axis == "y" else axes.xaxis
    target.set_major_locator(MaxNLocator(nbins=bins, steps=[1, 2, 5, 10], integer=True, min_n_ticks=2))
    target.set_major_formatter(thousands(language))


def thousands(language: str = DEFAULT_LANGUAGE) -> FuncFormatter:
    if language != DEFAULT_LANGUAGE:
        return FuncFormatter(lambda value, _: number(round(value), language))
    return FuncFormatter(lambda value, _: f"{value:,.0f}")


def legend_below(figure: Figure, handles: list[Any], labels: list[str], columns: int, title: str | None = None) -> None:
    if not handles:
        return
    figure.legend(
        handles,
        labels,
        loc="outside lower center",
        ncols=columns,
        title=title,
        handlelength=1.2,
        handletextpad=0.5,
        columnspacing=1.4,
        borderaxespad=0.2,
        alignment="left",
    )


def no_data(figure: Figure, theme: Theme, message: str) -> None:
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.text(
        0.5, 0.5, message, ha="center", va="center", color=theme.muted, fontsize=13, wrap=True, transform=axes.transAxes
    )
