"""Load and check the content in one step: the validated fact base every later step reads."""

from __future__ import annotations

from pathlib import Path

from . import collector
from .checks import check_records
from .diagnostics import ContentError
from .handwritten import unknown_citations
from .loader import LoadCache, Loaded, load_content
from .sourcing import register_problems


def load_checked(content_dir: Path, cache: LoadCache | None = None) -> Loaded:
    """Return the loaded content, or raise ContentError with every problem found."""
    if not content_dir.is_dir():
        raise FileNotFoundError(f"content folder not found: {content_dir}")
    with collector.loading():
        loaded = load_content(content_dir, cache)
        problems = loaded.diagnostics + check_records(loaded)
        known_sources = {record.id for record in loaded.records.get("sources", [])} | loaded.broken_ids.get("sources", set())
        problems += unknown_citations(content_dir, known_sources)
        problems += register_problems(loaded)
    if any(problem.severity == "error" for problem in problems):
        raise ContentError(problems)
    loaded.warnings = sorted(set(problems))
    return loaded
