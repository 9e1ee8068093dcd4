"""A load stopped at a checkpoint (the preview giving way to a newer save) leaves the records cache
consistent: the next load gives what a load from scratch gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.factbase import loader
from generator.factbase.checked import load_checked
from generator.factbase.loader import LoadCache

from .conftest import make_project


class _Stop(Exception):
    pass


def _records(content: Path, cache: LoadCache) -> dict[str, list[str]]:
    loaded = load_checked(content, cache)
    return {folder: [record.model_dump_json() for record in records] for folder, records in loaded.records.items()}


def test_a_load_stopped_midway_leaves_a_cache_the_next_load_can_trust(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = make_project(tmp_path) / "content"
    monkeypatch.setattr(loader, "CHECKPOINT_FILES", 1)
    cache = LoadCache()
    _records(content, cache)
    event = next((content / "events").glob("*.yml"))
    event.write_text(event.read_text(encoding="utf-8").replace("title: ", "title: Edited, ", 1), encoding="utf-8")
    calls = []

    def checkpoint() -> None:
        calls.append(None)
        if len(calls) == 3:
            raise _Stop

    with pytest.raises(_Stop):
        load_checked(content, cache, checkpoint=checkpoint)
    assert len(calls) == 3, "the load was stopped between two files"
    assert _records(content, cache) == _records(content, LoadCache())
    assert any("Edited, " in record for record in _records(content, cache)["events"])
