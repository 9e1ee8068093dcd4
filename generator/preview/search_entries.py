"""One page's search entries as Material's search plugin makes them, from plain data that can cross
to a worker process (`search_worker.py`) and be indexed there, or here when there is no worker."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PageData:
    """What Material's `add_entry_from_context(page)` reads of a page, taken when the page is built:
    the HTML it was given (before it strips the `data-search-*` attributes), the table of contents
    (MkDocs's `AnchorLink`s pickle as they are), the URL, the front matter and the title."""

    url: str
    title: Any
    meta: dict[str, Any]
    toc: Any
    content: str

    @classmethod
    def of(cls, page: Any) -> PageData:
        return cls(url=page.url, title=page.title, meta=page.meta, toc=page.toc, content=page.content)


def page_entries(index: Any, page: PageData) -> list[dict[str, Any]]:
    """The entries `index` (Material's `SearchIndex`) makes for `page`, with its heading lookup
    replaced by `_TocLookup`; the index is left as it was."""
    entries, index.entries = index.entries, []
    index._find_toc_by_id = _TocLookup()
    try:
        index.add_entry_from_context(page)
        return index.entries
    finally:
        index.entries = entries
        del index._find_toc_by_id


def entries_from_config(config: dict[str, Any], page: PageData) -> list[dict[str, Any]]:
    """`page_entries` with a `SearchIndex` built from the plugin's configuration as Material builds it."""
    from material.plugins.search.plugin import SearchIndex

    return page_entries(SearchIndex(**config), page)


class _TocLookup:
    """Material's `_find_toc_by_id(toc, id)` with the same answer (the first item with that id, in
    document order), from a table made once per table of contents: Material walks the whole table for
    each section of the page, which is quadratic (a timeline part of 10,000 events has thousands of
    headings, and took seconds to index)."""

    def __init__(self) -> None:
        self.toc: Any = None
        self.by_id: dict[str | None, Any] = {}

    def __call__(self, toc: Any, id: str | None) -> Any:
        if toc is not self.toc:
            self.toc, self.by_id = toc, {}
            self._add(toc)
        return self.by_id.get(id)

    def _add(self, items: Iterable[Any]) -> None:
        for item in items:
            self.by_id.setdefault(item.id, item)
            self._add(item.children)
