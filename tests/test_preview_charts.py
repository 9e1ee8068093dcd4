"""A chart whose data an edit changed is drawn by a worker while the preview writes the page being read:
the page is announced first, a request for the chart waits for the new picture (never the old one), and
a newer save or a failed drawing loses nothing."""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.charts import DrawingFailed, Drawings
from generator.charts.catalogue import plan_charts
from generator.charts.drawing import Svgs
from generator.factbase.checked import load_checked
from generator.model.report import build_report
from generator.preview import builder as builder_module
from generator.preview.builder import PreviewBuilder, page_key
from generator.preview.server import PreviewServer

from .conftest import MINI, make_project
from .test_preview import _changed, _snapshot, assert_same_as_fresh_build
from .test_reuse import _replace

EVENT = "content/events/2022-01-02-first-rally.yml"
CHART = "charts/events-per-day.light.svg"
"""On the home page; it counts the events of each day."""


class _Held(Drawings):
    """The preview's worker, whose drawings look unfinished until `release` is set; `fails` makes the next
    drawing collected fail as a dead worker's would."""

    def __init__(self) -> None:
        super().__init__(method="spawn", keeps_workers=True)
        self.release = threading.Event()
        self.fails = False

    def done(self, key: str) -> bool:
        return self.release.is_set() and super().done(key)

    def collect(self, key: str, name: str) -> Svgs:
        if self.fails:
            self.fails = False
            self.discard([key])
            raise DrawingFailed(name, "the worker process drawing it died")
        return super().collect(key, name)


@pytest.fixture()
def held(tmp_path: Path) -> Iterator[tuple[Path, PreviewBuilder, _Held]]:
    project = make_project(tmp_path)
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    builder.drawings.close()
    builder.drawings = drawings = _Held()
    assert builder.full_build().error is None
    builder.served(page_key("/index.html"))
    yield project, builder, drawings
    drawings.close()


def _move_event(project: Path, day: str) -> set[Path]:
    before = _snapshot(project)
    text = (project / EVENT).read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("date: "))
    _replace(EVENT, old, f"date: {day}")(project)
    return _changed(project, before)


def _chart(builder: PreviewBuilder) -> bytes:
    return (builder.site_dir / CHART).read_bytes()


def test_the_page_is_served_before_its_chart_is_drawn_and_the_old_chart_never(
    held: tuple[Path, PreviewBuilder, _Held], tmp_path: Path
) -> None:
    project, builder, drawings = held
    old_chart, announced = _chart(builder), builder.version_of("", "")
    server = PreviewServer(builder, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        rebuild = threading.Thread(target=builder.rebuild, args=(_move_event(project, "2022-01-14"),))
        rebuild.start()
        deadline = time.monotonic() + 60
        while builder.version_of("", "") == announced and time.monotonic() < deadline:
            time.sleep(0.01)
        assert builder.version_of("", "") > announced, "the page being read is announced while the chart is drawn"
        assert CHART in builder.due and _chart(builder) == old_chart

        served: list[bytes] = []
        request = threading.Thread(
            target=lambda: served.append(urllib.request.urlopen(server.url + CHART, timeout=60).read())
        )
        request.start()
        request.join(0.5)
        assert request.is_alive(), "a request for a chart being drawn again waits for it"
        drawings.release.set()
        request.join(60)
        rebuild.join(60)
    finally:
        drawings.release.set()
        server.shutdown()
        server.server_close()
    assert served and served[0] != old_chart and served[0] == _chart(builder), "the new chart, once drawn"
    assert not builder.due
    assert_same_as_fresh_build(builder, project, tmp_path / "fresh", "an event moved to another day")


def test_a_newer_save_while_a_chart_is_drawn_leaves_it_to_the_next_rebuild(
    held: tuple[Path, PreviewBuilder, _Held], tmp_path: Path
) -> None:
    project, builder, drawings = held
    old_chart, announced = _chart(builder), builder.version_of("", "")
    outcome = builder.rebuild(_move_event(project, "2022-01-14"), newer_save=lambda: True)
    assert outcome.deferred, "it gave way while the chart was drawn"
    assert builder.version_of("", "") > announced, "the page being read was announced (its chart is waited for)"
    assert CHART in builder.due and _chart(builder) == old_chart
    started = drawings.outstanding
    assert started >= 1

    drawings.release.set()
    outcome = builder.rebuild(_move_event(project, "2022-01-13"))
    assert outcome.error is None and not outcome.deferred
    assert CHART in outcome.assets and not builder.due
    assert drawings.outstanding == 0, "the drawing of the superseded data is dropped, not kept for ever"
    assert_same_as_fresh_build(builder, project, tmp_path / "fresh", "an event moved twice, quickly")


def test_a_chart_that_cannot_be_drawn_is_reported_and_drawn_with_the_next_save(
    held: tuple[Path, PreviewBuilder, _Held], tmp_path: Path
) -> None:
    project, builder, drawings = held
    old_chart = _chart(builder)
    drawings.release.set()
    drawings.fails = True
    outcome = builder.rebuild(_move_event(project, "2022-01-14"))
    assert outcome.error is not None and "could not be drawn" in outcome.error
    assert builder.error == outcome.error, "the browser shows it"
    started = time.monotonic()
    builder.wait_for(CHART, timeout=30)
    assert time.monotonic() - started < 5, "after a failed rebuild the last good chart is served at once"
    assert _chart(builder) == old_chart

    outcome = builder.rebuild(_move_event(project, "2022-01-13"))
    assert outcome.error is None and builder.error is None
    assert CHART in outcome.assets and not builder.due
    assert_same_as_fresh_build(builder, project, tmp_path / "fresh", "a failed drawing, then a good save")


def test_a_drawing_dropped_with_its_workers_fails_naming_its_chart() -> None:
    """A worker that dies drawing one chart takes the others of its pool with it (one edition's chart
    fails, the other edition's was queued): each is an error naming its chart, not a crash of the preview."""
    loaded = load_checked(MINI)
    plan = plan_charts(build_report(loaded), MINI)[0]
    drawings = Drawings(method="spawn", keeps_workers=True)
    assert drawings.start([("queued", plan)], 1)
    drawings.close()
    with pytest.raises(DrawingFailed, match=f"chart '{plan.name}' could not be drawn"):
        drawings.collect("queued", plan.name)


def test_a_chart_whose_write_failed_is_not_written_empty_while_drawn_again(
    held: tuple[Path, PreviewBuilder, _Held], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    project, builder, drawings = held
    assert builder.rebuild(_move_event(project, "2022-01-14"), newer_save=lambda: True).deferred
    assert CHART in builder.due  # being drawn when the event moves back: its cached drawing comes back

    write = builder_module._write_atomically

    def failing_once(path: Path, data: bytes) -> None:
        monkeypatch.setattr(builder_module, "_write_atomically", write)
        raise OSError(f"cannot write {path}")

    monkeypatch.setattr(builder_module, "_write_atomically", failing_once)
    outcome = builder.rebuild(_move_event(project, "2022-01-02"))
    assert outcome.error is not None and "cannot write" in outcome.error and not builder.due

    outcome = builder.rebuild(_move_event(project, "2022-01-12"), newer_save=lambda: True)
    assert outcome.deferred and CHART in builder.due
    assert _chart(builder).startswith(b"<?xml"), "the file is not replaced by the empty stand-in of a drawing"

    drawings.release.set()
    assert builder.rebuild(set()).error is None
    assert not builder.due
    assert_same_as_fresh_build(builder, project, tmp_path / "fresh", "a failed chart write, then a new drawing")
