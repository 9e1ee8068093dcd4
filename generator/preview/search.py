"""The search entries of the pages a save rebuilt, made once those pages are served.

Material's search plugin parses a page's whole HTML to index it, which takes longer than building
the page when it holds thousands of records. The preview builds the pages with the plugin's indexing
call recorded instead of run, serves them, then has the recorded pages (with the HTML the plugin was
given) indexed by a worker process (`search_worker.py`), so that the next save's rebuild need not
wait for the interpreter, and writes the edition's search index: the same entries a full build makes,
a moment later. One `DeferredSearch` per edition collects the pages of successive saves until it is
finished; a page built again replaces its earlier recording, and the worker's answer for the earlier
one is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from generator.integration.editions import SEARCH_PLUGIN
from generator.preview.search_entries import PageData, page_entries
from generator.preview.search_worker import Entries, SearchWorker

POLL_SECONDS = 0.05
"""How often a wait for the worker looks whether a newer save is waiting."""


@dataclass
class _Recording:
    page: PageData
    answer: Future[Entries] | None = None
    """The worker's entries for this recording (None: not asked, or indexed here)."""


class DeferredSearch:
    def __init__(self, config: MkDocsConfig, worker: SearchWorker | None = None) -> None:
        self.config = config
        self.search: Any = config.plugins.get(SEARCH_PLUGIN)
        self.worker = worker
        self.kept: dict[str, list[dict[str, Any]]] = {}
        self.recorded: dict[str, _Recording] = {}
        """The pages to index, by URL, as the plugin was given them."""
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
        earlier = self.recorded.pop(page.url, None)
        if earlier is not None and earlier.answer is not None:
            earlier.answer.cancel()  # dropped if not sent yet; else its answer is not looked at
        self.recorded[page.url] = _Recording(PageData.of(page))

    def finish(
        self, doc_files: Sequence[File], lock: AbstractContextManager[Any], gives_way: Callable[[], bool]
    ) -> bool:
        """Index the recorded pages, then write the search index (in the order of `doc_files`) under
        `lock`, which readers take: the file is written in place. Stops, False, if `gives_way()` (looked
        at every `POLL_SECONDS` while the worker indexes, between two pages indexed here): the pages
        not indexed yet stay recorded, with the worker's answers that came meanwhile."""
        if self.search is None:
            return True
        index = self.search.search_index
        self._ask_worker(index)
        while self.recorded:
            if gives_way():
                return False
            url = next((url for url, each in self.recorded.items() if each.answer is None or each.answer.done()), None)
            if url is None:
                wait([each.answer for each in self.recorded.values() if each.answer], POLL_SECONDS, FIRST_COMPLETED)
                continue
            recording = self.recorded.pop(url)
            answer = recording.answer
            if answer is not None and not answer.cancelled() and answer.exception() is None:
                self.kept[url] = answer.result()
            else:  # no worker, or it failed: the same entries, made here
                self.kept[url] = page_entries(index, recording.page)
        index.entries = [
            entry for file in doc_files if file.page is not None for entry in self.kept.get(file.page.url, [])
        ]
        self.search.search_index_prev = None
        with lock:
            self.search.on_post_build(config=self.config)
        return True

    def _ask_worker(self, index: Any) -> None:
        """Send the worker the pages it was not asked for yet, if it makes what `index` would: Material's
        own `SearchIndex` without a jieba dictionary (which Material loads into the plugin's process)."""
        config = index.config
        if self.worker is None or type(index) is not SearchIndex:
            return
        if config.get("jieba_dict") or config.get("jieba_dict_user"):
            return
        for recording in self.recorded.values():
            if recording.answer is None:
                recording.answer = self.worker.entries(dict(config), recording.page)
