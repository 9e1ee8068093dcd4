"""Citations in the hand-written pages and fragments, so the bibliography can link back to them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# Which generated page includes each fragment of content/fragments/.
FRAGMENT_PAGES = {
    "home": "index.md",
    "timeline": "timeline/index.md",
    "reactions": "reactions/index.md",
    "figures": "figures/index.md",
    "measures": "measures/index.md",
}
_CITATION = re.compile(r"sources/index\.md#source-([a-z0-9]+(?:-[a-z0-9]+)*)")
_TITLE = re.compile(r"^# (.+)$", re.M)


def sources_cited_in(text: str) -> list[str]:
    """Ids of the sources a hand-written text links to, in order of appearance."""
    return _CITATION.findall(text)


@dataclass(frozen=True, order=True)
class CitingPage:
    path: str
    title: str


def hand_written_citations(pages_dir: Path | None, fragments_dir: Path) -> dict[str, list[CitingPage]]:
    """Source id -> the hand-written pages that cite it (a fragment counts for the page showing it)."""
    found: dict[str, set[CitingPage]] = defaultdict(set)
    if pages_dir is not None and pages_dir.is_dir():
        for path in sorted(pages_dir.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            title = _TITLE.search(text)
            page = CitingPage(path.relative_to(pages_dir).as_posix(), title[1].strip() if title else path.stem)
            for source_id in _CITATION.findall(text):
                found[source_id].add(page)
    for name, page_path in FRAGMENT_PAGES.items():
        fragment = fragments_dir / f"{name}.md"
        if fragment.is_file():
            page = CitingPage(page_path, "Home" if name == "home" else name.capitalize())
            for source_id in _CITATION.findall(fragment.read_text(encoding="utf-8")):
                found[source_id].add(page)
    return {source_id: sorted(pages) for source_id, pages in found.items()}
