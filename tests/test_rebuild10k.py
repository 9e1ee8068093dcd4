"""What a preview rebuild saves itself at 10,000 events (issue 16): less written, less recomputed,
and the same output as a fresh build."""

from __future__ import annotations

import pickle
import shutil
import time
from pathlib import Path

import pytest

from generator.factbase import loader
from generator.factbase.checked import load_checked
from generator.factbase.loader import LoadCache, journal_path

from .conftest import MINI

EVENT = "events/2022-01-02-first-rally.yml"


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    return content


def _edit(path: Path, old: str, new: str) -> None:
    time.sleep(0.01)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_after_an_edit_only_the_changed_entries_are_written_and_the_next_process_gets_them(tmp_path: Path) -> None:
    content = _content(tmp_path)
    saved = tmp_path / "cache" / "records.pickle"
    cache = LoadCache()
    load_checked(content, cache)
    cache.save(saved)
    full = saved.read_bytes()
    _edit(content / EVENT, "First rally", "Edited rally")
    (content / "events" / "2022-03-01-follow.yml").unlink()
    load_checked(content, cache)
    cache.save(saved)
    assert saved.read_bytes() == full, "the full save is not written again for one edit"
    assert journal_path(saved).is_file()
    restored = LoadCache()
    restored.restore(saved)
    loaded = load_checked(content, restored)
    assert restored.parsed == 0, "the edited file came from the journal"
    assert restored.entries.keys() == cache.entries.keys(), "the deleted file's entry is gone"
    assert any(event.title == "Edited rally in Testville" for event in loaded.records["events"])


def test_a_long_journal_is_folded_into_a_new_full_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = _content(tmp_path)
    saved = tmp_path / "records.pickle"
    cache = LoadCache()
    load_checked(content, cache)
    cache.save(saved)
    full = saved.read_bytes()
    monkeypatch.setattr(loader, "JOURNAL_LIMIT", 0)
    _edit(content / EVENT, "First rally", "Edited rally")
    load_checked(content, cache)
    cache.save(saved)
    assert saved.read_bytes() != full
    assert not journal_path(saved).exists()
    restored = LoadCache()
    restored.restore(saved)
    load_checked(content, restored)
    assert restored.parsed == 0


def test_a_journal_of_another_full_save_is_ignored(tmp_path: Path) -> None:
    content = _content(tmp_path)
    saved = tmp_path / "records.pickle"
    first = LoadCache()
    load_checked(content, first)
    first.save(saved)
    _edit(content / EVENT, "First rally", "Edited rally")
    load_checked(content, first)
    first.save(saved)  # a journal extending the first full save
    journal = journal_path(saved).read_bytes()
    other = LoadCache()  # another process writes a full save of its own: the journal is not for it
    load_checked(content, other)
    other.save(saved)
    journal_path(saved).write_bytes(journal)
    _edit(content / EVENT, "Edited rally", "Third rally")
    restored = LoadCache()
    restored.restore(saved)
    loaded = load_checked(content, restored)
    assert restored.parsed == 1, "only the file edited after every save is parsed again"
    assert any(event.title == "Third rally in Testville" for event in loaded.records["events"])
    # The old two-part format of the full save (before journals) is a miss, not a crash.
    saved.write_bytes(pickle.dumps(("version", {})))
    old = LoadCache()
    old.restore(saved)
    assert old.entries == {}
