"""The preview: after each kind of edit its pages equal a fresh full build; errors keep the last site."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.preview.builder import PreviewBuilder
from generator.preview.server import PreviewServer

from .conftest import make_project, mkdocs_build
from .test_reuse import EDITS, _delete, _replace

Snapshot = dict[Path, tuple[int, int]]


def _snapshot(project: Path) -> Snapshot:
    return {
        path: (path.stat().st_mtime_ns, path.stat().st_size)
        for path in project.rglob("*")
        if path.is_file() and ".cache" not in path.parts and "site" not in path.parts
    }


def _changed(project: Path, before: Snapshot) -> set[Path]:
    after = _snapshot(project)
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def assert_same_as_fresh_build(builder: PreviewBuilder, project: Path, fresh: Path, edit: str) -> None:
    """Every file the preview serves is the one a full `mkdocs build` of the project writes."""
    result = mkdocs_build(project, site=str(fresh))
    assert result.returncode == 0, f"{edit}: {result.stderr}"
    preview, full = _tree(builder.site_dir), _tree(fresh)
    assert preview.keys() == full.keys(), f"{edit}: files differ"
    differing = [path for path in full if preview[path] != full[path]]
    assert not differing, f"after '{edit}' the preview differs from a fresh build in {differing[:5]}"


def _add_event(project: Path) -> None:
    source = project / "content" / "events" / "2022-01-02-first-rally.yml"
    text = source.read_text(encoding="utf-8").replace("id: 2022-01-02-first-rally", "id: 2022-01-03-added-event")
    (source.parent / "2022-01-03-added-event.yml").write_text(text, encoding="utf-8")


MORE_EDITS: dict[str, Callable[[Path], None]] = {
    "event added": _add_event,
    "event deleted": _delete("content/events/2022-01-03-added-event.yml"),
    "hand-written page edited": _replace("content/pages/methodology.md", "\n", "\nAn added sentence.\n"),
    "report.yml edited (build date)": _replace("content/report.yml", "updated: 2022-02-01", "updated: 2022-03-01"),
    "mkdocs.yml edited": _replace("mkdocs.yml", "site_description: ", "site_description: Edited. "),
}


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_after_each_kind_of_edit_the_preview_equals_a_fresh_build(project: Path, tmp_path: Path) -> None:
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    assert builder.full_build().error is None
    edits = {**EDITS, **MORE_EDITS}
    for number, (name, edit) in enumerate(edits.items()):
        before = _snapshot(project)
        try:
            edit(project)
        except AssertionError:
            pytest.fail(f"the edit '{name}' no longer applies to the fixture")
        # Every other edit with a page being read: it is made and written before the rest.
        builder.served_last = "timeline/first/" if number % 2 else None
        outcome = builder.rebuild(_changed(project, before))
        assert outcome.error is None, f"{name}: {outcome.error}"
        assert_same_as_fresh_build(builder, project, tmp_path / f"fresh-{number}", name)


def test_a_one_record_edit_rebuilds_only_the_pages_that_show_it(project: Path, tmp_path: Path) -> None:
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    builder.full_build()
    before = _snapshot(project)
    _replace("content/places/otherton.yml", "name: Otherton", "name: Otherton Renamed")(project)
    outcome = builder.rebuild(_changed(project, before))
    assert not outcome.full and outcome.error is None
    assert "places/otherton.md" in outcome.pages
    assert "index.md" not in outcome.pages and "methodology.md" not in outcome.pages


@pytest.fixture()
def served(project: Path, tmp_path: Path) -> tuple[PreviewBuilder, PreviewServer]:
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    builder.full_build()
    server = PreviewServer(builder, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield builder, server
    server.shutdown()
    server.server_close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_an_invalid_configuration_reports_the_plugin_s_message(project: Path, tmp_path: Path) -> None:
    _replace("content/report.yml", "updated: 2022-02-01", "updated: 2022-02-01\nunknown_setting: 1")(project)
    outcome = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview").full_build()
    assert outcome.error and "report.yml" in outcome.error and "unknown_setting" in outcome.error


def test_an_invalid_edit_is_shown_and_the_last_good_pages_stay(
    project: Path, served: tuple[PreviewBuilder, PreviewServer]
) -> None:
    builder, server = served
    status, page = _get(server.url + "places/otherton/")
    assert status == 200 and "Otherton" in page
    assert '<script src="/__preview__/reload.js" data-version="1" data-edition=""></script>' in page
    assert f"script-src {server.url}__preview__/reload.js " in page, "the page's policy allows the reload script"
    place = project / "content" / "places" / "otherton.yml"
    good = place.read_text(encoding="utf-8")
    place.write_text(good + "name: duplicate\n", encoding="utf-8")
    outcome = builder.rebuild([place])
    server.announce()
    assert outcome.error and "otherton.yml" in outcome.error and "duplicate key 'name'" in outcome.error
    state = json.loads(_get(server.url + "__preview__/state")[1])
    assert state["error"] == outcome.error and state["version"] == 2
    assert "Otherton" in _get(server.url + "places/otherton/")[1], "the last good page is still served"
    place.write_text(good.replace("name: Otherton", "name: Otherton Again"), encoding="utf-8")
    assert builder.rebuild([place]).error is None
    state = json.loads(_get(server.url + "__preview__/state?since=2")[1])
    assert state == {"version": 3, "error": None}
    assert "Otherton Again" in _get(server.url + "places/otherton/")[1]
    assert _get(server.url + "no/such/page/")[0] == 404
    assert _get(server.url + "../../etc/passwd")[0] == 404
