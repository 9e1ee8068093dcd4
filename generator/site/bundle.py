"""Everything the generator adds to a site: the Markdown chapters and the data/chart assets.

One function used by both the MkDocs plugin and `python -m generator export`, so the two
outputs cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator import collector
from generator.charts import render_charts
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
from generator.site.pages import FRAGMENTS_FOLDER, render_pages

# Per-record pages are reachable from index tables, not from the navigation, so the nav stays
# bounded however many records there are. The timeline's parts (one per phase) are in the nav.
UNLISTED_PREFIXES = tuple(f"{declared.chapter}/" for declared in DECLARATIONS if declared.one_page_per_record)
LISTED_PAGES = frozenset(f"{prefix}index.md" for prefix in UNLISTED_PREFIXES)


@dataclass
class Bundle:
    report: Report
    pages: dict[str, str]
    assets: dict[str, bytes] = field(default_factory=dict)
    charts_rendered: int = 0

    def in_nav(self, path: str) -> bool:
        return path in LISTED_PAGES or not path.startswith(UNLISTED_PREFIXES)


def build_bundle(
    content_dir: Path,
    templates_dir: Path,
    cache: LoadCache | None = None,
    cache_dir: Path | None = None,
    pages_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
    site_url: str | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> Bundle:
    """Everything generated from the content; `pages_dir` holds the hand-written pages, if any.

    `language` is the edition's: its interface words, dates, numbers, record texts and charts.

    `progress` receives a message before slow work (drawing charts that are not cached).
    """
    loaded = load_checked(content_dir, cache)
    report = build_report(loaded)
    history = current_history(content_dir)
    charts, rendered = render_charts(
        report, content_dir, cache_dir / "charts" if cache_dir else None, progress, language
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
    pages = render_pages(report, templates_dir, content_dir, context, cache_dir, charts, language)
    assets = data_files(report)
    assets.update(history_files(history, report.info.title, site_url))
    for chart in charts:
        assets[f"charts/{chart.name}.light.svg"] = chart.svg_light
        assets[f"charts/{chart.name}.dark.svg"] = chart.svg_dark
        assets[f"charts/{chart.name}.csv"] = chart.data_csv
    collector.first_build_done()
    return Bundle(report, pages, assets, rendered)


def _history_words(language: str) -> dict[str, object]:
    """The "What changed" chapter's phrases and record nouns in an edition's language (none for the default)."""
    if language == DEFAULT_LANGUAGE:
        return {}
    gettext = translations(language).gettext
    return {"describe": partial(describe, _=gettext), "nouns": {kind: gettext(noun) for kind, noun in NOUNS.items()}}
