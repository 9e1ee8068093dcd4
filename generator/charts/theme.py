"""The two colour schemes every chart is drawn in, matching the site's light and dark palettes."""

from __future__ import annotations

from dataclasses import dataclass

from generator.charts.palette import DARK_BACKGROUND, LIGHT_BACKGROUND, reporter_colour, shade


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted: str
    grid: str
    axis: str
    land: str
    neighbour: str
    border: str
    accent: str

    def data(self, base: str) -> str:
        return shade(base, self.background)

    def reporter(self, index: int) -> str:
        return reporter_colour(index, self.background)


LIGHT = Theme(
    name="light",
    background=LIGHT_BACKGROUND,
    text="#1f2328",
    muted="#5b616b",
    grid="#e4e6ea",
    axis="#8a9099",
    land="#f3eee2",
    neighbour="#e3e5e9",
    border="#9a9a9a",
    accent=shade("#d55e00", LIGHT_BACKGROUND),
)

DARK = Theme(
    name="dark",
    background=DARK_BACKGROUND,
    text="#e3e5e8",
    muted="#a7adb7",
    grid="#343945",
    axis="#6c7380",
    land="#363c4a",
    neighbour="#2a2e38",
    border="#6c7380",
    accent=shade("#e69f00", DARK_BACKGROUND),
)

THEMES = (LIGHT, DARK)
