"""The search entries of the pages a save rebuilt, made once those pages are served.

Material's search plugin parses a page's whole HTML to index it, which takes longer than building
the page when it holds thousands of records. The preview builds the pages with the plugin's indexing
call recorded instead of run, serves them, then indexes the recorded pages (with the HTML the plugin
was given) and writes the edition's search index: the same entries a full build makes, a moment later.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from generator.integration.editions import SEARCH_PLUGIN


class DeferredSearch:
    def __init__(self, config: MkDocsConfig, doc_files: Sequence[File]) -> None:
        self.config = config
        self.doc_files = doc_files
        self.search: Any = config.plugins.get(SEARCH_PLUGIN)
        self.kept: dict[str, list[dict[str, Any]]] = {}
        self.recorded: list[tuple[Any, str]] = []
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
        index.add_entry_from_context = lambda indexed: self.recorded.append((indexed, indexed.content))
        try:
            yield
        finally:
            del index.add_entry_from_context
            if index.entries:  # indexed some other way (another Material): keep what it made
                self.kept[page.url] = index.entries

    def finish(self, lock: AbstractContextManager[Any]) -> None:
        """Index the recorded pages, then write the search index (in the order of the site's pages) under
        `lock`, which readers take: the file is written in place."""
        if self.search is None:
            return
        index = self.search.search_index
        for page, content in self.recorded:
            index.entries = []
            shown, page.content = page.content, content
            try:
                index.add_entry_from_context(page)
            finally:
                page.content = shown
            self.kept[page.url] = index.entries
        self.recorded = []
        index.entries = [
            entry for file in self.doc_files if file.page is not None for entry in self.kept.get(file.page.url, [])
        ]
        self.search.search_index_prev = None
        with lock:
            self.search.on_post_build(config=self.config)
