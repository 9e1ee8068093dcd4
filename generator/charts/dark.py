"""The dark variant of a chart, derived from its light SVG by swapping each colour for its dark twin.

Every colour a chart draws comes from the light theme (its fields, or a palette colour shaded for the
light background), and each has one counterpart in the dark theme: matplotlib draws a chart once
and the dark file differs from the light one only in its colours, so both keep the same layout.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import cache

from generator.charts import palette
from generator.charts.theme import DARK, LIGHT
from generator.factbase.vocab import active

# A colour as matplotlib writes it: `fill: #1f2328` in a style, `fill="#1f2328"` in an attribute.
_COLOUR = re.compile(rb"(?<=[\s:\"'])#[0-9a-f]{6}(?![0-9A-Za-z_-])")


def colour_pairs(bases: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(light, dark) for every colour a chart may draw: theme roles first, then each base colour
    (by default every member colour of the active vocabularies) and the reporters' colours."""
    pairs = [(getattr(LIGHT, f.name), getattr(DARK, f.name)) for f in fields(LIGHT) if f.name != "name"]
    if bases is None:
        vocabularies = active()
        bases = tuple(
            term.info.colour
            for vocabulary in (vocabularies.by_name.values() if vocabularies else ())
            for term in vocabulary
            if term.info.colour
        )
    pairs += [(LIGHT.data(base), DARK.data(base)) for base in [*bases, *palette.REPORTER]]
    return [(light.lower(), dark.lower()) for light, dark in pairs]


@cache
def dark_of(bases: tuple[str, ...] | None = None) -> dict[str, str]:
    """The light → dark map; two roles sharing a light colour must share the dark one, or the map is ambiguous."""
    mapping: dict[str, str] = {}
    for light, dark in colour_pairs(bases):
        if mapping.setdefault(light, dark) != dark:
            raise ValueError(f"light colour {light} has two dark counterparts: {mapping[light]} and {dark}")
    return mapping


def to_dark(svg: bytes, bases: tuple[str, ...] | None = None) -> bytes:
    mapping = dark_of(bases)

    def swap(match: re.Match[bytes]) -> bytes:
        light = match.group().decode()
        if light not in mapping:
            raise ValueError(f"chart colour {light} is not a light-theme colour: it has no dark counterpart")
        return mapping[light].encode()

    return _COLOUR.sub(swap, svg)


def light_colours(svg: bytes) -> set[str]:
    return {match.decode() for match in _COLOUR.findall(svg)}
