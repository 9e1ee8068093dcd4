"""Saves in quick succession: the preview brings the edition being read up to date at once and folds
the rest (other editions, search entries) into the rebuild of the newer save, losing nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.preview.builder import PreviewBuilder, page_key
from generator.preview.watch import Saves
from generator.site.pages import PageRenderer

from .test_editions import bilingual_project
from .test_preview import _changed, _snapshot, assert_same_as_fresh_build
from .test_reuse import _replace

EVENT = "content/events/2022-01-02-first-rally.yml"
ENGLISH_PAGE = "timeline/first/index.html"
FRENCH_PAGE = "fr/timeline/first/index.html"
SEARCH_INDEX = "search/search_index.json"


def _edit_title(project: Path, old: str, new: str) -> set[Path]:
    before = _snapshot(project)
    _replace(EVENT, f"title: {old}", f"title: {new}")(project)
    return _changed(project, before)


Built = tuple[Path, PreviewBuilder]


@pytest.fixture()
def built(tmp_path: Path) -> Built:
    """A bilingual project, built whole by the preview."""
    project = bilingual_project(tmp_path)
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    assert builder.full_build().error is None
    assert builder.state is not None
    return project, builder


def _unrelated_save(project: Path) -> set[Path]:
    """A hand-written page edited: nothing the earlier saves changed."""
    before = _snapshot(project)
    _replace("content/pages/names.md", "\n", "\nAn added sentence.\n")(project)
    return _changed(project, before)


def _text(builder: PreviewBuilder, path: str) -> str:
    return (builder.site_dir / path).read_text(encoding="utf-8")


class _PagesRendered:
    """Counts the generated pages rendered; `waiting_after(n)`: a newer save once n more are."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        render = PageRenderer.render

        def counted(renderer: PageRenderer, *args: Any, **kwargs: Any) -> str:
            self.count += 1
            return render(renderer, *args, **kwargs)

        monkeypatch.setattr(PageRenderer, "render", counted)

    def waiting_after(self, pages: int) -> Callable[[], bool]:
        start: list[int] = []

        def waiting() -> bool:
            start[:] = start or [self.count]
            return self.count - start[0] >= pages

        return waiting


class _WaitingOnceShrunk:
    """A newer save that shows up once a piece of work has begun to shrink (a page written, a page indexed)."""

    def __init__(self, size: Callable[[], int]) -> None:
        self.size = size
        self.most = 0

    def __call__(self) -> bool:
        size = self.size()
        self.most = max(self.most, size)
        return size < self.most


def test_a_newer_save_leaves_the_other_edition_and_search_to_the_next_rebuild(built: Built, tmp_path: Path) -> None:
    project, builder = built

    outcome = builder.rebuild(_edit_title(project, "First rally in Testville", "Rally one"), newer_save=lambda: True)
    assert outcome.error is None and outcome.deferred
    assert outcome.pages and not any(page.startswith("fr/") for page in outcome.pages)
    assert "Rally one" in _text(builder, ENGLISH_PAGE), "the edition being read is always brought up to date"
    assert "Rally one" not in _text(builder, FRENCH_PAGE), "the French edition gave way to the newer save"
    assert "Rally one" not in _text(builder, SEARCH_INDEX), "so did the search entries"

    outcome = builder.rebuild(_edit_title(project, "Rally one", "Rally two"))
    assert outcome.error is None and not outcome.deferred and not outcome.full
    assert any(page.startswith("fr/") for page in outcome.pages)
    assert_same_as_fresh_build(builder, project, tmp_path / "fresh", "two saves folded into one rebuild")


def test_an_edition_stopped_between_two_pages_writes_the_rest_later(built: Built, tmp_path: Path) -> None:
    project, builder = built

    owed = builder.state.editions[1].owed
    outcome = builder.rebuild(
        _edit_title(project, "First rally in Testville", "Rally one"), newer_save=_WaitingOnceShrunk(lambda: len(owed))
    )
    assert outcome.deferred
    french = [page for page in outcome.pages if page.startswith("fr/")]
    assert len(french) == 1, outcome.pages
    assert owed, "the French pages not written yet are owed"
    owed = dict(owed)

    # A save of an unrelated file: the owed pages are written all the same.
    outcome = builder.rebuild(_unrelated_save(project))
    assert outcome.error is None and not outcome.deferred
    assert {f"fr/{page}" for page in owed} <= set(outcome.pages)
    assert_same_as_fresh_build(builder, project, tmp_path / "fresh", "owed pages written after an unrelated save")


def test_search_entries_stopped_midway_are_made_with_the_next_save(built: Built, tmp_path: Path) -> None:
    project, builder = built
    english = builder.state.editions[0]

    outcome = builder.rebuild(
        _edit_title(project, "First rally in Testville", "Rally one"),
        newer_save=_WaitingOnceShrunk(lambda: len(english.search.recorded) if english.search else 0),
    )
    assert outcome.deferred
    assert "Rally one" in _text(builder, FRENCH_PAGE)
    assert "Rally one" not in _text(builder, SEARCH_INDEX), "the English index was left midway"
    assert english.search is not None and english.search.recorded, "the pages not indexed yet stay recorded"

    assert builder.rebuild(_unrelated_save(project)).error is None
    assert "Rally one" in _text(builder, SEARCH_INDEX)
    assert_same_as_fresh_build(builder, project, tmp_path / "fresh", "search entries made with the next save")


def test_an_edition_stopped_while_its_bundle_is_made_makes_it_again_with_the_next_save(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, builder = built

    # It stops after two pages of the French bundle, its reusable blocks half made.
    rendered = _PagesRendered(monkeypatch)
    outcome = builder.rebuild(
        _edit_title(project, "First rally in Testville", "Rally one"), newer_save=rendered.waiting_after(2)
    )
    assert rendered.count >= 2
    assert outcome.deferred and not any(page.startswith("fr/") for page in outcome.pages)
    assert builder.state.editions[1].outdated
    assert "Rally one" not in _text(builder, FRENCH_PAGE)

    outcome = builder.rebuild(_edit_title(project, "Rally one", "Rally two"))
    assert outcome.error is None and not outcome.deferred
    assert_same_as_fresh_build(builder, project, tmp_path / "fresh", "a bundle stopped midway, made again")


def test_saves_gathered_while_a_rebuild_runs_are_taken_together() -> None:
    saves = Saves()
    first, second, third = Path("a.yml"), Path("b.yml"), Path("c.yml")
    release = threading.Event()

    def changes():  # type: ignore[no-untyped-def]
        yield {first}
        yield {second, third}
        release.wait(10)

    gatherer = threading.Thread(target=saves.gather, args=(changes(),))
    gatherer.start()
    taken: set[Path] = set()
    while taken != {first, second, third}:
        taken |= saves.take() or set()
    assert not saves.waiting()
    release.set()
    gatherer.join(10)
    assert saves.take() is None, "once the watcher stops, take() says so"


def test_the_page_being_read_is_written_and_announced_before_the_rest_of_its_edition(
    built: Built, tmp_path: Path
) -> None:
    project, builder = built
    read, other = "timeline/first/", "sources/"
    assert "First rally in Testville" in _text(builder, other + "index.html"), "the sources page cites the event"
    builder.served(page_key("/" + read))

    outcome = builder.rebuild(_edit_title(project, "First rally in Testville", "Rally one"), newer_save=lambda: True)
    assert outcome.deferred and outcome.pages == ["timeline/first.md"], "only the page being read, then it gave way"
    assert "Rally one" in _text(builder, ENGLISH_PAGE)
    assert "Rally one" not in _text(builder, other + "index.html")
    announced = builder.version_of("", read)
    assert announced == builder.version_of("", other), "the edition is announced once the page read is written"

    outcome = builder.rebuild(_unrelated_save(project))
    assert outcome.error is None and not outcome.deferred
    assert "sources/index.md" in outcome.pages
    assert builder.version_of("", other) > builder.version_of("", read) > announced, (
        "the other pages written later reload if open; the page read reloads once per rebuild"
    )
    assert_same_as_fresh_build(builder, project, tmp_path / "fresh", "the page read first, the rest with the next save")


def test_pages_waited_on_by_a_browser_are_the_pages_being_read(built: Built) -> None:
    _, builder = built
    builder.served(page_key("/index.html"))
    assert builder.viewed_pages() == {""}, "without a browser waiting, the page served last"
    builder.reading.update({"timeline/first/": 1, "fr/timeline/first/": 2})
    assert builder.viewed_pages() == {"timeline/first/", "fr/timeline/first/"}
    assert page_key("/fr/timeline/first/index.html") == "fr/timeline/first/"
