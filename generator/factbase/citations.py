"""Citations in the hand-written pages and fragments, as the validator reads them: `[@source-id]`
(or `[@a; @b]`) marks and links to the bibliography, where each is, and which sources each page cites.
Turning the marks into numbered links is the site's job (`generator.site.handwritten`)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.factbase.diagnostics import Diagnostic, did_you_mean
from generator.factbase.loader import display_path
from generator.factbase.pagenames import split_language

# Which generated page includes each fragment of content/fragments/.
FRAGMENT_PAGES = {
    "home": "index.md",
    "timeline": "timeline/index.md",
    "reactions": "reactions/index.md",
    "figures": "figures/index.md",
    "measures": "measures/index.md",
}
PAGES_FOLDER = "pages"
_CITATION = re.compile(r"sources/index\.md#source-([a-z0-9]+(?:-[a-z0-9]+)*)")
# Code (fenced blocks, inline spans) is matched first so that a `[@id]` shown as an example stays as typed.
_MARK = re.compile(r"(?P<code>```.*?```|`[^`\n]*`)|\[@(?P<ids>[^\]\n]*)\]", re.S)
_SOURCE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TITLE = re.compile(r"^# (.+)$", re.M)


def sources_cited_in(text: str) -> list[str]:
    """Ids of the sources a hand-written text cites, by a link to the bibliography or a `[@id]` mark."""
    marked = [mark.source_id for _, marks in citation_marks(text) for mark in marks]
    return list(dict.fromkeys([*_CITATION.findall(text), *marked]))


@dataclass(frozen=True, order=True)
class CitingPage:
    path: str
    title: str


def hand_written_citations(pages_dir: Path | None, fragments_dir: Path) -> dict[str, list[CitingPage]]:
    """Source id -> the hand-written pages that cite it (a fragment counts for the page showing it)."""
    found: dict[str, set[CitingPage]] = defaultdict(set)
    if pages_dir is not None and pages_dir.is_dir():
        for path in sorted(pages_dir.rglob("*.md")):
            if is_translation(path):
                continue  # a translated page cites what its original cites (checked), under the original's path
            text = path.read_text(encoding="utf-8")
            title = _TITLE.search(text)
            page = CitingPage(path.relative_to(pages_dir).as_posix(), title[1].strip() if title else path.stem)
            for source_id in _cited_ids(text):
                found[source_id].add(page)
    for name, page_path in FRAGMENT_PAGES.items():
        fragment = fragments_dir / f"{name}.md"
        if fragment.is_file():
            page = CitingPage(page_path, "Home" if name == "home" else name.capitalize())
            for source_id in _cited_ids(fragment.read_text(encoding="utf-8")):
                found[source_id].add(page)
    return {source_id: sorted(pages) for source_id, pages in found.items()}


@dataclass(frozen=True)
class CitationMark:
    source_id: str
    offset: int


def citation_marks(text: str) -> Iterator[tuple[re.Match[str], list[CitationMark]]]:
    """Each `[@...]` outside code, with the ids it names and where each id starts in the text."""
    for match in _MARK.finditer(text):
        if match["code"] is not None:
            continue
        marks, start = [], match.start("ids")
        for part in match["ids"].split(";"):
            source_id = part.strip().removeprefix("@")
            marks.append(CitationMark(source_id, start + part.index(source_id) if source_id else start))
            start += len(part) + 1
        yield match, marks


def unknown_citations(content_dir: Path, known: set[str]) -> list[Diagnostic]:
    """`path:line:col` problems for citation marks of the hand-written pages and fragments naming no source."""
    problems = []
    paths = [*sorted((content_dir / PAGES_FOLDER).rglob("*.md")), *sorted((content_dir / "fragments").glob("*.md"))]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for _, marks in citation_marks(text):
            for mark in marks:
                if mark.source_id in known:
                    continue
                line = text.count("\n", 0, mark.offset) + 1
                column = mark.offset - (text.rfind("\n", 0, mark.offset) + 1) + 1
                if not _SOURCE_ID.fullmatch(mark.source_id):
                    message = f"'[@{mark.source_id}]' is not a citation: write [@source-id] with the id of a source"
                else:
                    message = f"unknown source '{mark.source_id}' cited{did_you_mean(mark.source_id, known)}"
                problems.append(Diagnostic(display_path(path), line, column, message))
    return problems


def _cited_ids(text: str) -> list[str]:
    return [*_CITATION.findall(text), *(mark.source_id for _, marks in citation_marks(text) for mark in marks)]


def is_translation(path: Path) -> bool:
    """`x.fr.md` beside `x.md`: the same page in another language edition."""
    original, language = split_language(path.name)
    return language is not None and path.with_name(original).is_file()
