"""Load and check the content in one step: the validated fact base every later step reads."""

from __future__ import annotations

import os
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path

from generator import collector
from generator.factbase.checks import check_records, uncited_sources
from generator.factbase.citations import hand_written_citations, unknown_citations
from generator.factbase.diagnostics import ContentError
from generator.factbase.handwritten_safety import check_hand_written
from generator.factbase.loader import LoadCache, Loaded, load_content
from generator.factbase.page_translations import (
    PageTranslation,
    page_coverage,
    page_translation_problems,
    page_translations,
)
from generator.factbase.sourcing import register_problems
from generator.factbase.translatable import default_language, target_languages
from generator.factbase.translation_checks import Coverage, record_coverage, record_translation_problems

# Where hand-written pages and fragments live, for the sources they cite (see README, Layout).
PAGES_FOLDER = "pages"
FRAGMENTS_FOLDER = "fragments"
# Release builds set it (or the plugin's `require_translations: true`): a missing translation is then an error.
REQUIRE_TRANSLATIONS_ENV = "CRISIS_REPORT_REQUIRE_TRANSLATIONS"
_required_by_build = False


def require_translations(required: bool) -> None:
    """Make a missing translation an error (or again a warning) for the loads that do not say."""
    global _required_by_build
    _required_by_build = required


def translations_required() -> bool:
    return _required_by_build or os.environ.get(REQUIRE_TRANSLATIONS_ENV, "").lower() not in ("", "0", "false", "no")


def load_checked(
    content_dir: Path,
    cache: LoadCache | None = None,
    require_translations: bool | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> Loaded:
    """Return the loaded content, or raise ContentError with every problem found.

    A missing translation is a warning, or an error when `require_translations` (default: `translations_required()`).
    `checkpoint` is called while loading and between the checks; it may raise to stop the work.
    """
    if not content_dir.is_dir():
        raise FileNotFoundError(f"content folder not found: {content_dir}")
    with collector.loading():
        loaded = load_content(content_dir, cache, checkpoint)
        if checkpoint is not None:
            checkpoint()
        problems = loaded.diagnostics + check_records(loaded) + check_hand_written(content_dir)
        if checkpoint is not None:
            checkpoint()
        known_sources = {record.id for record in loaded.records.get("sources", [])} | loaded.broken_ids.get(
            "sources", set()
        )
        problems += unknown_citations(content_dir, known_sources)
        cited_in_pages = hand_written_citations(content_dir / PAGES_FOLDER, content_dir / FRAGMENTS_FOLDER)
        problems += uncited_sources(loaded, set(cited_in_pages))
        problems += register_problems(loaded)
        required = translations_required() if require_translations is None else require_translations
        problems += record_translation_problems(loaded, required)
        problems += page_translation_problems(
            _hand_written_translations(content_dir, loaded), default_language(loaded), required
        )
    errors = [problem for problem in problems if not problem.warning]
    warnings = [problem for problem in problems if problem.warning]
    if errors:
        raise ContentError(errors, warnings)
    # Sorted by the fields in the dataclass's order: the same order as comparing them, twice as fast.
    loaded.warnings = sorted(set(warnings), key=attrgetter("path", "line", "column", "message", "warning"))
    return loaded


def _hand_written_translations(content_dir: Path, loaded: Loaded) -> list[PageTranslation]:
    folders = {"pages": content_dir / PAGES_FOLDER, "fragments": content_dir / FRAGMENTS_FOLDER}
    return page_translations(folders, target_languages(loaded))


def translation_coverage(content_dir: Path, loaded: Loaded) -> list[Coverage]:
    """Per language and kind (records, report.yml, pages, fragments): how much is translated."""
    return record_coverage(loaded) + page_coverage(_hand_written_translations(content_dir, loaded))
