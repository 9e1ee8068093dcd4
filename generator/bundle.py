"""Everything the generator adds to a site: the Markdown chapters and the data/chart assets.

One function used by both the MkDocs plugin and `python -m generator export`, so the two
outputs cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from .datafiles import data_files, downloads
from .factbase import load_checked
from .loader import LoadCache
from .models import Actor, Event, Figure, Measure, Place, Reaction
from .pages import render_pages
from .report import Report, build_report

# Per-record pages are reachable from index tables, not from the navigation, so the nav stays
# bounded however many records there are.
UNLISTED_PREFIXES = ("places/", "actors/", "timeline/")
LISTED_PAGES = frozenset({"places/index.md", "actors/index.md", "timeline/index.md"})


class ChartSlots(dict[str, Markup]):
    """Chart snippets by name; a chart that was not rendered is an empty snippet."""

    def __missing__(self, key: str) -> Markup:
        return Markup("")


@dataclass
class Bundle:
    report: Report
    pages: dict[str, str]
    assets: dict[str, bytes] = field(default_factory=dict)

    def in_nav(self, path: str) -> bool:
        return path in LISTED_PAGES or not path.startswith(UNLISTED_PREFIXES)


def build_bundle(content_dir: Path, templates_dir: Path, cache: LoadCache | None = None, cache_dir: Path | None = None) -> Bundle:
    loaded = load_checked(content_dir, cache)
    report = build_report(loaded)
    context = {
        "E": Event, "R": Reaction, "F": Figure, "M": Measure, "P": Place, "A": Actor,
        "downloads": downloads(report),
        "charts": ChartSlots(),
    }
    pages = render_pages(report, templates_dir, content_dir, context, cache_dir)
    return Bundle(report, pages, data_files(report))
