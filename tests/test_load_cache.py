"""The load cache: unchanged files are not parsed again, in the same process or the next one."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from generator.factbase.checked import load_checked
from generator.factbase.loader import LoadCache

from .conftest import MINI


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    return content


def test_warm_load_parses_only_changed_files(tmp_path: Path) -> None:
    content = _content(tmp_path)
    cache = LoadCache()
    load_checked(content, cache)
    first = cache.parsed
    assert first == 16  # 15 records and vocabularies.yml
    load_checked(content, cache)
    assert cache.parsed == first
    event = content / "events" / "2022-01-02-first-rally.yml"
    time.sleep(0.01)
    event.write_text(event.read_text().replace("First rally", "Edited rally"))
    loaded = load_checked(content, cache)
    assert cache.parsed == first + 1
    assert any(e.title == "Edited rally in Testville" for e in loaded.records["events"])


def test_saved_cache_serves_the_next_process(tmp_path: Path) -> None:
    content = _content(tmp_path)
    saved = tmp_path / "cache" / "records.pickle"
    cache = LoadCache()
    load_checked(content, cache)
    cache.save(saved)
    restored = LoadCache()
    restored.restore(saved)
    loaded = load_checked(content, restored)
    assert restored.parsed == 0
    assert len(loaded.records["events"]) == 3


def test_unreadable_or_foreign_cache_is_ignored(tmp_path: Path) -> None:
    content = _content(tmp_path)
    saved = tmp_path / "records.pickle"
    saved.write_bytes(b"not a pickle")
    cache = LoadCache()
    cache.restore(saved)
    load_checked(content, cache)
    assert cache.parsed == 16
    import pickle

    saved.write_bytes(pickle.dumps(("other code version", cache.entries)))
    fresh = LoadCache()
    fresh.restore(saved)
    assert fresh.entries == {}


def test_rebuild_reuses_unchanged_record_pages_and_redraws_changed_ones(tmp_path: Path) -> None:
    from generator.site.bundle import build_bundle

    from .conftest import ROOT

    content = _content(tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    cache = LoadCache()
    first = build_bundle(content, templates, cache)
    event = content / "events" / "2022-01-02-first-rally.yml"
    time.sleep(0.01)
    event.write_text(event.read_text().replace("First rally in Testville", "Edited rally in Testville"))
    second = build_bundle(content, templates, cache)
    assert "Edited rally in Testville" in second.pages["places/testville.md"]
    assert "Edited rally in Testville" in second.pages["actors/home-police.md"]
    assert second.pages["actors/far-union.md"] is first.pages["actors/far-union.md"]
    assert second.pages["places/otherton.md"] is first.pages["places/otherton.md"]
    macros = templates / "_macros.md.j2"
    time.sleep(0.01)
    macros.write_text(macros.read_text() + "\n")
    third = build_bundle(content, templates, cache)
    assert third.pages["places/otherton.md"] is not second.pages["places/otherton.md"]


_COLLECTOR_SCRIPT = """
import gc, weakref
from generator import collector

class Node:
    pass

def cycle():
    node = Node()
    node.self = node
    return weakref.ref(node)

assert gc.isenabled()
start = gc.get_freeze_count()  # not 0 at start-up on some versions (3.12.1: 375)
garbage_before = cycle()
with collector.loading():
    assert not gc.isenabled()
    with collector.loading():
        assert not gc.isenabled()
    assert not gc.isenabled()
    kept = [[index] for index in range(1000)]
assert gc.isenabled()
assert garbage_before() is None, "garbage made before the first load was frozen"
frozen = gc.get_freeze_count()
assert frozen >= start + len(kept)
garbage_between = cycle()
with collector.loading():
    more = [[index] for index in range(1000)]
assert gc.isenabled() and gc.get_freeze_count() == frozen, "a later load froze again"
gc.collect()
assert garbage_between() is None, "a previous build's garbage was frozen"
gc.disable()
with collector.loading():
    pass
assert not gc.isenabled()
gc.enable()
collector.first_build_done()
assert gc.get_freeze_count() > frozen, "the first build's survivors were not frozen"
frozen = gc.get_freeze_count()
collector.first_build_done()
assert gc.get_freeze_count() == frozen, "a later build froze again"
print("ok")
"""


def test_collector_is_paused_while_loading_and_freezes_only_after_the_first_load_and_build() -> None:
    result = subprocess.run([sys.executable, "-c", _COLLECTOR_SCRIPT], capture_output=True, text=True, check=False)
    assert result.stdout.strip() == "ok", result.stderr
