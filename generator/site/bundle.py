"""Everything the generator adds to a site: the Markdown chapters and the data/chart assets.

One function used by both the MkDocs plugin and `python -m generator export`, so the two
outputs cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator import collector
from generator.history.changes_feed import history_context, history_files
from generator.charts import render_charts
from generator.site.datafiles import ARCHIVE, data_files, downloads
from generator.factbase.checked import load_checked
from generator.site.handwritten import hand_written_citations
from generator.history.revisions import current_history
from generator.factbase.loader import LoadCache
from generator.factbase.models import Actor, Event, Figure, Measure, Place, Reaction
from generator.site.pages import FRAGMENTS_FOLDER, render_pages
from generator.model.report import Report, build_report

# Per-record pages are reachable from index tables, not from the navigation, so the nav stays
# bounded however many records there are. The timeline's parts (one per phase) are in the nav.
UNLISTED_PREFIXES = ("places/", "actors/")
LISTED_PAGES = frozenset({"places/index.md", "actors/index.md"})


@dataclass
class Bundle:
    report: Report
    pages: dict[str, str]
    assets: dict[str, bytes] = field(default_factory=dict)
    charts_rendered: int = 0

    def in_nav(self, path: str) -> bool:
        return path in LISTED_PAGES or not path.startswith(UNLISTED_PREFIXES)


def build_bundle(content_dir: Path, templates_dir: Path, cache: LoadCache | None = None, cache_dir: Path | None = None,
                 pages_dir: Path | None = None, progress: Callable[[str], None] | None = None,
                 site_url: str | None = None, language: str = "en") -> Bundle:
    """Everything generated from the content; `pages_dir` holds the hand-written pages, if any.

    `progress` receives a message before slow work (drawing charts that are not cached).
    """
    loaded = load_checked(content_dir, cache)
    report = build_report(loaded)
    history = current_history(content_dir)
    charts, rendered = render_charts(report, content_dir, cache_dir / "charts" if cache_dir else None, progress)
    context = {
        "Event": Event, "Reaction": Reaction, "Figure": Figure, "Measure": Measure, "Place": Place, "Actor": Actor,
        "downloads": downloads(report), "archive_path": ARCHIVE, "archive_name": ARCHIVE.rsplit("/", 1)[-1],
        "cited_in_pages": hand_written_citations(pages_dir, content_dir / FRAGMENTS_FOLDER),
        **history_context(history),
    }
    pages = render_pages(report, templates_dir, content_dir, context, cache_dir, charts)
    assets = data_files(report)
    assets.update(history_files(history, report.info.title, site_url))
    for chart in charts:
        assets[f"charts/{chart.name}.light.svg"] = chart.svg_light
        assets[f"charts/{chart.name}.dark.svg"] = chart.svg_dark
        assets[f"charts/{chart.name}.csv"] = chart.data_csv
    collector.first_build_done()
    return Bundle(report, pages, assets, rendered)
