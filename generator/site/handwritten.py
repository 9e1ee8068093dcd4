"""Citations in the hand-written pages and fragments become the same numbered links to the
bibliography as a record's citation (the marks are found by `generator.factbase.citations`)."""

from __future__ import annotations

from collections.abc import Callable

from generator.factbase.citations import citation_marks
from generator.model.report import Report
from generator.site.render import Linker


def cite_source(report: Report, linker: Linker, source_id: str) -> str:
    """A source's citation number linking to its bibliography entry, as records' citations show it."""
    return f"[\\[{report.source_number[source_id]}\\]]({linker.url('sources/index.md', 'source-' + source_id)})"


def cite_in_page(text: str, report: Report, page_path: str) -> str:
    """`resolve_citations` for the page at `page_path` (links are relative to it)."""
    linker = Linker(page_path)
    return resolve_citations(text, lambda source_id: cite_source(report, linker, source_id))


def resolve_citations(text: str, link: Callable[[str], str]) -> str:
    """`text` with each `[@id; @id]` replaced by the ids' citation links, separated by spaces."""
    pieces, last = [], 0
    for match, marks in citation_marks(text):
        pieces += [text[last : match.start()], " ".join(link(mark.source_id) for mark in marks)]
        last = match.end()
    return "".join([*pieces, text[last:]])
