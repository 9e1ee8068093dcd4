"""The navigation entries the generator adds: the parts of the timeline under the Timeline entry.

The parts follow the phases of `content/report.yml`, so they are added to the configured nav at
build time rather than written into `mkdocs.yml` by hand.
"""

from __future__ import annotations

from typing import Any

from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.catalogues import translations
from generator.i18n.texts import part_text
from generator.model.report import Report

TIMELINE_INDEX = "timeline/index.md"


def with_timeline_parts(nav: list[Any] | None, report: Report, language: str = DEFAULT_LANGUAGE) -> list[Any] | None:
    """`nav` with the entry that opens `timeline/index.md` turned into a section: the overview, then each part
    (titled in `language`)."""
    if not nav:
        return nav
    parts = [
        {str(part_text(report.info, page, "title", language)): f"timeline/{page.slug}.md"} for page in report.timeline
    ]
    overview = translations(language).gettext("Overview")
    expanded: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict) and len(entry) == 1:
            ((title, target),) = entry.items()
            if target == TIMELINE_INDEX:
                entry = {title: [{overview: TIMELINE_INDEX}, *parts]}
            elif isinstance(target, list):
                entry = {title: with_timeline_parts(target, report, language)}
        expanded.append(entry)
    return expanded
