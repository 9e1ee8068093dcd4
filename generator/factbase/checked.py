"""Load and check the content in one step: the validated fact base every later step reads."""

from __future__ import annotations

from pathlib import Path

from generator import collector
from generator.factbase.checks import check_records, uncited_sources
from generator.factbase.citations import hand_written_citations, unknown_citations
from generator.factbase.diagnostics import ContentError
from generator.factbase.handwritten_safety import check_hand_written
from generator.factbase.loader import LoadCache, Loaded, load_content
from generator.factbase.sourcing import register_problems

# Where hand-written pages and fragments live, for the sources they cite (see README, Layout).
PAGES_FOLDER = "pages"
FRAGMENTS_FOLDER = "fragments"


def load_checked(content_dir: Path, cache: LoadCache | None = None) -> Loaded:
    """Return the loaded content, or raise ContentError with every problem found."""
    if not content_dir.is_dir():
        raise FileNotFoundError(f"content folder not found: {content_dir}")
    with collector.loading():
        loaded = load_content(content_dir, cache)
        problems = loaded.diagnostics + check_records(loaded) + check_hand_written(content_dir)
        known_sources = {record.id for record in loaded.records.get("sources", [])} | loaded.broken_ids.get("sources", set())
        problems += unknown_citations(content_dir, known_sources)
        cited_in_pages = hand_written_citations(content_dir / PAGES_FOLDER, content_dir / FRAGMENTS_FOLDER)
        problems += uncited_sources(loaded, set(cited_in_pages))
        problems += register_problems(loaded)
    errors = [problem for problem in problems if not problem.warning]
    warnings = [problem for problem in problems if problem.warning]
    if errors:
        raise ContentError(errors, warnings)
    loaded.warnings = sorted(set(warnings))
    return loaded
