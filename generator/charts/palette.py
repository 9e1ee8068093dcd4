"""Colours: one per vocabulary member and a cycle for reporters, each defined once.

The base colours come from the Okabe-Ito and Paul Tol colour-blind-safe sets, picked per vocabulary
by searching for the set whose closest pair is furthest apart (CIEDE2000), after shading for either
background, under normal vision and simulated deuteranopia, protanopia and tritanopia (Machado
2009): about 8 for the nine categories, 9 for stances and reporters, 7 for the ten measure kinds. `shade` derives the
variant for a background: the hue is kept and the lightness moved until the colour reaches a 3:1
contrast with that background (the WCAG level for graphical objects), so the same legend reads on
the light and on the dark site.
"""

from __future__ import annotations

import colorsys
from functools import cache

from generator.factbase.vocab import Term

LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e2129"
MIN_CONTRAST = 3.0

# The colour of each vocabulary member is content: `colour:` in content/vocabularies.yml.

# Each reporter also gets a marker shape (REPORTER_MARKERS), so colour is never the only cue.
REPORTER: tuple[str, ...] = ("#0077bb", "#cc3311", "#ee6677", "#ccbb44", "#cc79a7", "#56b4e9", "#aa4499", "#000000")
REPORTER_MARKERS: tuple[str, ...] = ("o", "s", "D", "^", "v", "P", "X", "h")


def colour(member: Term, background: str) -> str:
    return shade(member.colour, background)


def reporter_colour(index: int, background: str) -> str:
    return shade(REPORTER[index % len(REPORTER)], background)


def reporter_marker(index: int) -> str:
    return REPORTER_MARKERS[index % len(REPORTER_MARKERS)]


@cache
def shade(base: str, background: str) -> str:
    """The colour of `base`'s hue closest to it that has MIN_CONTRAST against `background`."""
    red, green, blue = _rgb(base)
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    darker = luminance(background) > 0.5
    while contrast(_hex(colorsys.hls_to_rgb(hue, lightness, saturation)), background) < MIN_CONTRAST:
        lightness += -0.01 if darker else 0.01
        if not 0.0 <= lightness <= 1.0:
            break
    return _hex(colorsys.hls_to_rgb(hue, min(max(lightness, 0.0), 1.0), saturation))


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def luminance(colour_hex: str) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = _rgb(colour_hex)
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def _rgb(colour_hex: str) -> tuple[float, float, float]:
    value = colour_hex.lstrip("#")
    return int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in rgb)
