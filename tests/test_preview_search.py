"""The preview serves a save's pages first and updates the search index right after."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.preview import search as search_module
from generator.preview import search_entries, search_worker
from generator.preview.builder import PreviewBuilder
from generator.preview.search import DeferredSearch
from generator.preview.search_entries import PageData
from generator.preview.search_worker import SearchWorker

from .conftest import make_project
from .test_preview import _changed, _snapshot, assert_same_as_fresh_build
from .test_reuse import EDITS, _replace


def test_pages_are_served_before_the_search_index_follows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path)
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    assert builder.full_build().error is None
    index = builder.site_dir / "search" / "search_index.json"
    page = builder.site_dir / "timeline" / "first" / "index.html"
    seen_at_publication: list[tuple[bool, bool]] = []
    publish = builder._succeeded

    def observed(prefixes: list[str] | None = None) -> None:
        seen_at_publication.append(
            ("Rally renamed" in page.read_text(encoding="utf-8"), "Rally renamed" in index.read_text(encoding="utf-8"))
        )
        publish(prefixes)

    monkeypatch.setattr(builder, "_succeeded", observed)
    before = _snapshot(project)
    _replace("content/events/2022-01-02-first-rally.yml", "title: First rally in Testville", "title: Rally renamed")(
        project
    )
    outcome = builder.rebuild(_changed(project, before))
    assert outcome.error is None
    assert outcome.served_after is not None and outcome.served_after <= outcome.seconds
    assert seen_at_publication == [(True, False)], "the page is served with the old index, then the index follows"
    assert "Rally renamed" in index.read_text(encoding="utf-8")


def test_the_table_of_contents_lookup_answers_as_materials_own() -> None:
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.structure.toc import get_toc

    from generator.preview.search_entries import _TocLookup

    def heading(id: str, level: int, children: list[dict[str, object]]) -> dict[str, object]:
        return {"id": id, "name": id, "level": level, "html": id, "data-toc-label": None, "children": children}

    # Nested headings, one id repeated in another branch: the first one in document order wins.
    toc = get_toc(
        [
            heading("a", 1, [heading("b", 2, [heading("c", 3, [])]), heading("d", 2, [])]),
            heading("e", 1, [heading("c", 2, []), heading("f", 2, [])]),
        ]
    )
    materials = SearchIndex()._find_toc_by_id
    lookup = _TocLookup()
    for id in ["a", "b", "c", "d", "e", "f", "missing", None]:
        assert lookup(toc, id) is materials(toc, id), id
    assert lookup(toc, "c").url == "#c" and lookup(toc, "c").level == 3
    other = get_toc([heading("c", 1, [])])
    assert lookup(other, "c") is materials(other, "c"), "a new table of contents is looked up afresh"


def _page(sections: int, words: int = 12) -> SimpleNamespace:
    """A page as Material's indexing reads it: headings (nested, one id twice, a permalink), excluded
    and kept markup, front matter with tags and a boost."""
    from mkdocs.structure.toc import get_toc

    html, headings = ["<p>Preface &amp; <code>code</code></p>"], []
    for number in range(sections):
        id = "twice" if number == 3 else f"s{number}"
        level = 2 + number % 2
        text = " ".join(f"word{number}x{each}" for each in range(words))
        html.append(
            f'<h{level} id="{id}">Section {number}<a class="headerlink" href="#{id}">¶</a></h{level}>'
            f"<p>{text} <sup>1</sup></p><ul><li>{text}</li><li> </li></ul>"
            f'<div data-search-exclude="">hidden {number}</div>'
        )
        headings.append({"id": id, "name": f"Section {number}", "level": level, "html": "", "children": []})
    return SimpleNamespace(
        url="big/",
        title="Big page",
        meta={"tags": ["one", 2], "search": {"boost": 2}},
        toc=get_toc(headings),
        content="".join(html),
    )


SEARCH_CONFIG = {
    "lang": ["en"],
    "separator": r"[\s\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1e3}, "text": {"boost": 1e0}, "tags": {"boost": 1e6}},
}


def test_the_worker_makes_the_entries_material_makes() -> None:
    from material.plugins.search.plugin import SearchIndex

    page = _page(40)
    materials = SearchIndex(**SEARCH_CONFIG)
    materials.add_entry_from_context(page)
    worker = SearchWorker()
    try:
        made = worker.entries(SEARCH_CONFIG, PageData.of(page)).result(timeout=120)
        pid = worker.pid
    finally:
        worker.close()
    assert made == materials.entries
    assert len(made) == 41 and made[4]["location"] == "big/#twice" and made[0]["boost"] == 2
    assert pid is not None and not _alive(pid), "no worker process is left once it is closed"


def _alive(pid: int) -> bool:
    return any(child.pid == pid for child in multiprocessing.active_children())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, PreviewBuilder]]:
    tmp_path = tmp_path_factory.mktemp("worker")
    project = make_project(tmp_path)
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    assert builder.full_build().error is None
    yield project, builder
    builder.close()


def test_finish_gives_way_at_once_while_the_worker_indexes_a_large_page(built: tuple[Path, PreviewBuilder]) -> None:
    _, builder = built
    edition = builder.state.editions[0]  # type: ignore[union-attr]
    search = DeferredSearch(edition.config, builder.search_worker)
    page = _page(12_000)  # about 3 MB of HTML with 12,000 headings
    assert len(page.content) > 2_000_000
    search._record(page)
    asked_at: list[float] = []

    def gives_way() -> bool:  # a newer save comes half a second after the worker was given the page
        asked_at.append(time.monotonic())
        return asked_at[-1] > asked_at[0] + 0.5

    assert search.finish(edition.capture.files.documentation_pages(), builder.lock, gives_way) is False
    held = time.monotonic() - (asked_at[0] + 0.5)
    assert "big/" in search.recorded, "the page stays recorded"
    answer = search.recorded["big/"].answer
    assert answer is not None and not answer.done(), "the worker was still at it"
    start = time.monotonic()
    here = search_entries.page_entries(search.search.search_index, PageData.of(page))
    indexing = time.monotonic() - start
    assert held < min(1.0, indexing / 4), f"gave way after {held:.2f} s; indexing the page takes {indexing:.2f} s"

    pid = builder.search_worker.pid
    assert search.finish(edition.capture.files.documentation_pages(), builder.lock, lambda: False) is True
    assert search.kept["big/"] == here
    assert pid is not None and _alive(pid)


def test_a_page_recorded_again_drops_the_answer_for_its_earlier_recording(built: tuple[Path, PreviewBuilder]) -> None:
    _, builder = built
    edition = builder.state.editions[0]  # type: ignore[union-attr]
    search = DeferredSearch(edition.config, builder.search_worker)
    old, new = _page(2000), _page(3)
    search._record(old)
    search._ask_worker(search.search.search_index)
    earlier = search.recorded["big/"].answer
    search._record(new)
    assert search.finish(edition.capture.files.documentation_pages(), builder.lock, lambda: False) is True
    assert earlier is not None and (earlier.cancelled() or earlier.result(timeout=60) != search.kept["big/"])
    assert len(search.kept["big/"]) == 4


def test_a_killed_worker_falls_back_to_indexing_here(
    built: tuple[Path, PreviewBuilder], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, builder = built
    indexed_here: list[str] = []
    made_here = search_entries.page_entries

    def counted(index: object, page: PageData) -> list[dict[str, object]]:
        indexed_here.append(page.url)
        return made_here(index, page)

    monkeypatch.setattr(search_module, "page_entries", counted)
    killed: list[int] = []

    def kill_the_worker() -> bool:  # once the worker was given the pages
        search = builder.state.editions[0].search  # type: ignore[union-attr]
        pid = builder.search_worker.pid
        asked = search is not None and any(each.answer is not None for each in search.recorded.values())
        if asked and not killed and pid is not None:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        return False

    before = _snapshot(project)
    EDITS["place renamed (labels of links in events, figures, measures)"](project)
    outcome = builder.rebuild(_changed(project, before), newer_save=kill_the_worker)
    assert outcome.error is None and not outcome.deferred
    assert killed and indexed_here, "the worker was killed and the pages indexed here"
    assert_same_as_fresh_build(builder, project, tmp_path / "fresh", "worker killed")


def test_a_worker_that_cannot_start_leaves_the_indexing_here(
    built: tuple[Path, PreviewBuilder], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, builder = built
    edition = builder.state.editions[0]  # type: ignore[union-attr]

    def no_processes(method: str) -> object:
        raise OSError("no processes for us")

    monkeypatch.setattr(search_worker.multiprocessing, "get_context", no_processes)
    search = DeferredSearch(edition.config, SearchWorker())
    page = _page(30)
    search._record(page)
    assert search.finish(edition.capture.files.documentation_pages(), builder.lock, lambda: False) is True
    answer = search.worker.entries({}, PageData.of(page))  # type: ignore[union-attr]
    assert isinstance(answer.exception(), search_worker.WorkerGone)
    assert search.kept["big/"] == search_entries.page_entries(search.search.search_index, PageData.of(page))
