"""Everything the generator adds to a site: the Markdown chapters and the data/chart assets.

One function used by both the MkDocs plugin and `python -m generator export`, so the two
outputs cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator import collector
from generator.charts import Chart, Drawings, render_charts
from generator.factbase.checked import load_checked
from generator.factbase.citations import hand_written_citations
from generator.factbase.loader import LoadCache
from generator.factbase.models import DECLARATIONS
from generator.history.changelog import NOUNS, describe
from generator.history.changes_feed import history_context, history_files
from generator.history.revisions import current_history
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.catalogues import translations
from generator.model.report import Report, build_report
from generator.site.datafiles import ARCHIVE, data_files, downloads
from generator.site.pages import FRAGMENTS_FOLDER, PageMaking, PageRenderer

# Per-record pages are reachable from index tables, not from the navigation, so the nav stays
# bounded however many records there are. The timeline's parts (one per phase) are in the nav.
UNLISTED_PREFIXES = tuple(f"{declared.chapter}/" for declared in DECLARATIONS if declared.one_page_per_record)
LISTED_PAGES = frozenset(f"{prefix}index.md" for prefix in UNLISTED_PREFIXES)


class Superseded(Exception):
    """A newer edit came while the bundle was being made, and its caller asked to stop for it."""


def _checkpoint(gives_way: Callable[[], bool] | None) -> None:
    if gives_way is not None and gives_way():
        raise Superseded


@dataclass
class Bundle:
    report: Report
    pages: dict[str, str]
    assets: dict[str, bytes] = field(default_factory=dict)
    charts_rendered: int = 0
    drawing: list[Chart] = field(default_factory=list)
    """Charts still being drawn by workers: their SVG assets are empty until `finish_charts`."""
    unmade: PageMaking | None = None
    """The pages not made yet (the preview makes the pages being read first): see `finish_pages`."""

    @property
    def page_paths(self) -> list[str]:
        """Every generated page's path, in the order of the report, made or not."""
        return self.unmade.paths if self.unmade is not None else list(self.pages)

    def generates(self, path: str) -> bool:
        """Whether the page at this docs path is a generated one (made already or not)."""
        return path in self.pages or (self.unmade is not None and path in self.unmade.makers)

    def finish_pages(self, gives_way: Callable[[], bool] | None = None) -> None:
        """Make the pages not made yet; `pages` then holds every page in the order of the report. With
        `gives_way`, stops with `Superseded` between two pages once it says True (call again to go on)."""
        if self.unmade is not None:
            self.unmade.checkpoint = partial(_checkpoint, gives_way)
            self.pages = self.unmade.finish()
            self.unmade = None

    def in_nav(self, path: str) -> bool:
        return path in LISTED_PAGES or not path.startswith(UNLISTED_PREFIXES)

    def drawing_paths(self) -> list[str]:
        """The paths of the SVG assets of the charts still being drawn."""
        return [path for chart in self.drawing for path in (_light(chart), _dark(chart))]

    def finish_charts(self) -> dict[str, bytes]:
        """Wait for the charts still being drawn; their SVG assets, now in `assets` too.
        Raises `DrawingFailed` naming the chart when one could not be drawn."""
        finished: dict[str, bytes] = {}
        for chart in self.drawing:
            finished[_light(chart)] = chart.svg_light
            finished[_dark(chart)] = chart.svg_dark
        self.drawing = []
        self.assets.update(finished)
        return finished


def build_bundle(
    content_dir: Path,
    templates_dir: Path,
    cache: LoadCache | None = None,
    cache_dir: Path | None = None,
    pages_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
    site_url: str | None = None,
    language: str = DEFAULT_LANGUAGE,
    drawings: Drawings | None = None,
    gives_way: Callable[[], bool] | None = None,
    first: Collection[str] | None = None,
) -> Bundle:
    """Everything generated from the content; `pages_dir` holds the hand-written pages, if any.

    `language` is the edition's: its interface words, dates, numbers, record texts and charts.

    `progress` receives a message before slow work (drawing charts that are not cached).

    With `drawings`, charts not in the cache may still be being drawn when this returns (pages only
    need their plans): the caller gets their SVGs from `Bundle.finish_charts` before writing files.

    With `gives_way`, asked between steps and pages, the work stops with `Superseded` once it says
    True (the preview's other editions give way to a newer save); the caches stay consistent.

    With `first`, only those pages are made (the preview's pages being read); `Bundle.finish_pages`
    makes the others.
    """
    checkpoint = partial(_checkpoint, gives_way)
    checkpoint()
    loaded = load_checked(content_dir, cache, checkpoint=checkpoint)
    checkpoint()
    report = build_report(loaded)
    history = current_history(content_dir)
    checkpoint()
    charts, rendered = render_charts(
        report, content_dir, cache_dir / "charts" if cache_dir else None, progress, language, drawings
    )
    context = {
        # Each record type's model by name, for `report.related(actor.id, Event)`; and the declarations.
        **{declared.model.__name__: declared.model for declared in DECLARATIONS},
        "record_types": DECLARATIONS,
        "downloads": downloads(report),
        "archive_path": ARCHIVE,
        "archive_name": ARCHIVE.rsplit("/", 1)[-1],
        "cited_in_pages": hand_written_citations(pages_dir, content_dir / FRAGMENTS_FOLDER),
        **history_context(history),
        **_history_words(language),
    }
    checkpoint()
    renderer = PageRenderer(report, templates_dir, content_dir, context, cache_dir, charts, language)
    making = PageMaking(renderer, checkpoint)
    pages = making.finish() if first is None else making.make(first)
    assets = data_files(report)
    assets.update(history_files(history, report.info.title, site_url))
    for chart in charts:
        ready = chart.drawing.ready
        assets[_light(chart)] = chart.svg_light if ready else b""
        assets[_dark(chart)] = chart.svg_dark if ready else b""
        assets[f"charts/{chart.name}.csv"] = chart.data_csv
    collector.first_build_done()
    drawing = [chart for chart in charts if not chart.drawing.ready]
    return Bundle(report, pages, assets, rendered, drawing, unmade=None if first is None else making)


def _light(chart: Chart) -> str:
    return f"charts/{chart.name}.light.svg"


def _dark(chart: Chart) -> str:
    return f"charts/{chart.name}.dark.svg"


def _history_words(language: str) -> dict[str, object]:
    """The "What changed" chapter's phrases and record nouns in an edition's language (none for the default)."""
    if language == DEFAULT_LANGUAGE:
        return {}
    gettext = translations(language).gettext
    return {"describe": partial(describe, _=gettext), "nouns": {kind: gettext(noun) for kind, noun in NOUNS.items()}}
