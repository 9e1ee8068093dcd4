"""Blocks reused from the previous build: never stale, whatever the edit."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.factbase.loader import LoadCache
from generator.site.bundle import build_bundle
from generator.site.reuse import BlockMemo

from .conftest import MINI, ROOT


def _record(record_id: str) -> SimpleNamespace:
    return SimpleNamespace(id=record_id)


def _counting(text: str) -> tuple[list[int], Callable[[], str]]:
    calls: list[int] = []

    def draw() -> str:
        calls.append(1)
        return text

    return calls, draw


def test_block_is_drawn_again_only_when_an_input_or_a_read_record_changes() -> None:
    memo = BlockMemo()
    event, place = _record("e"), _record("p")
    by_id = {"e": event, "p": place}
    calls, draw = _counting("text")

    def drawing_that_reads_place() -> str:
        memo.read(place)
        return draw()

    memo.begin(("setting",))
    assert memo.render("k", (event,), drawing_that_reads_place, by_id) == "text"
    memo.begin(("setting",))
    memo.render("k", (event,), drawing_that_reads_place, by_id)
    assert len(calls) == 1
    by_id["p"] = _record("p")
    memo.begin(("setting",))
    memo.render("k", (event,), drawing_that_reads_place, by_id)
    assert len(calls) == 2
    memo.begin(("setting",))
    memo.render("k", (_record("e"),), drawing_that_reads_place, by_id)
    assert len(calls) == 3
    memo.begin(("another setting",))
    memo.render("k", (_record("e"),), drawing_that_reads_place, by_id)
    assert len(calls) == 4


def test_reads_of_a_reused_block_count_for_the_block_around_it() -> None:
    memo = BlockMemo()
    place = _record("p")
    by_id = {"p": place}

    def inner() -> str:
        memo.read(place)
        return "inner"

    memo.begin(())
    memo.render("inner", (), inner, by_id)
    outer_calls, outer = _counting("outer")
    memo.begin(())
    memo.render("outer", (), lambda: memo.render("inner", (), inner, by_id) + outer(), by_id)
    assert outer_calls == [1]
    memo.begin(())
    by_id["p"] = _record("p")
    memo.render("outer", (), lambda: memo.render("inner", (), inner, by_id) + outer(), by_id)
    assert outer_calls == [1, 1]


def test_blocks_not_used_by_a_build_are_forgotten() -> None:
    memo = BlockMemo()
    calls, draw = _counting("x")
    memo.begin(())
    memo.render("a", (), draw, {})
    memo.finish()
    memo.begin(())
    memo.finish()
    memo.begin(())
    memo.render("a", (), draw, {})
    assert len(calls) == 2


def _replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
        # A researcher's edit comes seconds after the last build, not within the same clock tick.
        written = file.stat().st_mtime_ns
        os.utime(file, ns=(written, written + 2_000_000_000))

    return edit


def _delete(path: str) -> Callable[[Path], None]:
    return lambda project: (project / path).unlink()


# Each edit changes what some reused block shows without changing the block's own record.
EDITS = {
    "place renamed (labels of links in events, figures, measures)": _replace(
        "content/places/testville.yml", "name: Testville", "name: Renamed Testville"
    ),
    "actor renamed (labels of its reactions in the bibliography)": _replace(
        "content/actors/far-union.yml", "name: Far Union", "name: Renamed Far Union"
    ),
    "source renamed (bibliography order and every citation number)": _replace(
        "content/sources/paper-two.yml", "publisher: Beispielzeitung", "publisher: Aaa Zeitung"
    ),
    "event cites one more source (the source's back-links)": _replace(
        "content/events/2022-01-12-second-event.yml", "sources:\n", "sources:\n  - wire-one\n"
    ),
    "event moved to another day and part": _replace(
        "content/events/2022-01-02-first-rally.yml", "date: 2022-01-02", "date: 2022-01-14"
    ),
    "phases changed (timeline pages of every event)": _replace(
        "content/report.yml",
        "end: 2022-01-10\n  - id: second\n    title: Later days\n    start: 2022-01-11",
        "end: 2022-01-01\n  - id: second\n    title: Later days\n    start: 2022-01-02",
    ),
    "reaction deleted": _delete("content/reactions/2022-01-06-far-union.yml"),
    "template of a block edited": _replace(
        "templates/_macros.md.j2", '**{{ _("Sources:") }}** {{ cite(e) }}', "**Cited:** {{ cite(e) }}"
    ),
}


def _fresh_pages(project: Path, where: Path) -> dict[str, str]:
    shutil.copytree(project, where)
    return build_bundle(where / "content", where / "templates", LoadCache()).pages


def generator_project(tmp_path: Path) -> Path:
    """The mini facts and the real chapter templates (no theme): what `build_bundle` needs."""
    project = tmp_path / "project"
    shutil.copytree(MINI, project / "content")
    shutil.copytree(ROOT / "templates", project / "templates", ignore=shutil.ignore_patterns("theme"))
    return project


@pytest.mark.parametrize("name", list(EDITS))
def test_rebuild_after_an_edit_equals_a_fresh_build(tmp_path: Path, name: str) -> None:
    project = generator_project(tmp_path)
    cache = LoadCache()
    before = build_bundle(project / "content", project / "templates", cache).pages
    build_bundle(project / "content", project / "templates", cache)
    EDITS[name](project)
    after = build_bundle(project / "content", project / "templates", cache).pages
    assert after != before
    assert after == _fresh_pages(project, tmp_path / "fresh")


def test_pages_made_first_then_the_rest_are_those_of_a_bundle_made_at_once(tmp_path: Path) -> None:
    project = generator_project(tmp_path)
    cache = LoadCache()
    whole = build_bundle(project / "content", project / "templates", cache).pages
    EDITS["place renamed (labels of links in events, figures, measures)"](project)
    first = ["places/testville.md", "timeline/first.md", "no/such/page.md"]
    bundle = build_bundle(project / "content", project / "templates", cache, first=first)
    assert list(bundle.pages) == first[:2], "only the pages asked for (those that are generated)"
    assert bundle.page_paths == list(whole), "every page's path is known before it is made"
    assert bundle.generates("index.md") and not bundle.generates("no/such/page.md")
    bundle.finish_pages()
    assert bundle.unmade is None and list(bundle.pages) == list(whole), "in the order of the report"
    assert bundle.pages == _fresh_pages(project, tmp_path / "fresh")


def test_listing_filters() -> None:
    from generator.site.render import make_environment

    filters = make_environment(ROOT / "templates").filters
    names = ["Reuters", "rferl", "24.kg", "Ärzte", "Reuters"]
    assert [filters["initial"](name) for name in names] == ["R", "R", "0–9", "Ä", "R"]
    assert filters["tally"](filters["initial"](name) for name in names) == {"R": 3, "0–9": 1, "Ä": 1}
    assert filters["values_in"](["a", "x"], {"a": [1]}, []) == [[1], []]
