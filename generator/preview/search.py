"""The search entries of the pages a save rebuilt, made once those pages are served.

Material's search plugin parses a page's whole HTML to index it, which takes longer than building
the page when it holds thousands of records. The preview builds the pages with the plugin's indexing
call recorded instead of run, serves them, then indexes the recorded pages (with the HTML the plugin
was given) and writes the edition's search index: the same entries a full build makes, a moment later.
One `DeferredSearch` per edition collects the pages of successive saves until it is finished; a page
built again replaces its earlier recording.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from generator.integration.editions import SEARCH_PLUGIN


class DeferredSearch:
    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.search: Any = config.plugins.get(SEARCH_PLUGIN)
        self.kept: dict[str, list[dict[str, Any]]] = {}
        self.recorded: dict[str, tuple[Any, str]] = {}
        """The pages to index, by URL, with the HTML the plugin was given."""
        if self.search is not None:
            for entry in self.search.search_index.entries:
                self.kept.setdefault(entry["location"].split("#")[0], []).append(entry)

    @contextmanager
    def recording(self, page: Any) -> Iterator[None]:
        """Build `page` inside: its indexing is kept for `finish`."""
        if self.search is None:
            yield
            return
        index = self.search.search_index
        index.entries = []
        index.add_entry_from_context = self._record
        try:
            yield
        finally:
            del index.add_entry_from_context
            if index.entries:  # indexed some other way (another Material): keep what it made
                self.kept[page.url] = index.entries

    def _record(self, page: Any) -> None:
        self.recorded[page.url] = (page, page.content)

    def finish(
        self, doc_files: Sequence[File], lock: AbstractContextManager[Any], gives_way: Callable[[], bool]
    ) -> bool:
        """Index the recorded pages, then write the search index (in the order of `doc_files`) under
        `lock`, which readers take: the file is written in place. Stops between two pages, False, if
        `gives_way()`: the pages not indexed yet stay recorded."""
        if self.search is None:
            return True
        index = self.search.search_index
        while self.recorded:
            if gives_way():
                return False
            url = next(iter(self.recorded))
            page, content = self.recorded.pop(url)
            index.entries = []
            shown, page.content = page.content, content
            index._find_toc_by_id = _TocLookup()
            try:
                index.add_entry_from_context(page)
            finally:
                page.content = shown
                del index._find_toc_by_id
            self.kept[url] = index.entries
        index.entries = [
            entry for file in doc_files if file.page is not None for entry in self.kept.get(file.page.url, [])
        ]
        self.search.search_index_prev = None
        with lock:
            self.search.on_post_build(config=self.config)
        return True


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
