"""What a preview rebuild saves itself at 10,000 events (issue 16): less written, less recomputed,
and the same output as a fresh build."""

from __future__ import annotations

import io
import pickle
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.factbase import loader, translation_checks
from generator.factbase.checked import load_checked
from generator.factbase.diagnostics import ContentError
from generator.factbase.loader import LoadCache, journal_path
from generator.model import coverage
from generator.model.coverage import audit
from generator.model.report import build_report
from generator.site import ziparchive
from generator.site.bundle import build_bundle
from generator.site.reuse import BlockMemo
from generator.site.ziparchive import zip_archive

from .conftest import MINI
from .test_coverage_page import _set_confidence, with_register_and_sources
from .test_reuse import EDITS, generator_project
from .test_translation_check import in_two_languages

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


def _members() -> dict[str, list[bytes]]:
    rows = [f'{{"id": "event-{n}", "title": "Rally number {n} in Testville"}}'.encode() for n in range(350)]
    return {
        "data/events.json": [b"[\n", *(row + b",\n" for row in rows), b"]\n"],
        "data/empty.csv": [b""],
        "data/notes.txt": ["Über Almaty\n".encode()],
    }


def test_the_archive_has_zipfiles_layout_and_the_members_joined(tmp_path: Path) -> None:
    stamp = (2022, 1, 31, 0, 0, 0)
    members = _members()
    made = zip_archive(members, stamp)
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w") as archive:
        for name in sorted(members):
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, b"".join(members[name]), compresslevel=9)
    ours, theirs = zipfile.ZipFile(io.BytesIO(made)), zipfile.ZipFile(expected)
    assert ours.testzip() is None
    fields = ("filename", "date_time", "compress_type", "create_system", "create_version", "extract_version")
    fields += ("flag_bits", "external_attr", "internal_attr", "CRC", "file_size", "extra", "comment")
    for mine, reference in zip(ours.infolist(), theirs.infolist(), strict=True):
        assert [getattr(mine, name) for name in fields] == [getattr(reference, name) for name in fields]
        assert ours.read(mine) == theirs.read(reference)
    (tmp_path / "archive.zip").write_bytes(made)
    if shutil.which("unzip"):
        tested = subprocess.run(["unzip", "-t", str(tmp_path / "archive.zip")], capture_output=True, text=True)
        assert tested.returncode == 0, tested.stdout
    assert zip_archive(members, stamp) == made, "the same chunks make the same bytes"


def test_only_changed_chunks_are_compressed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    stamp = (2022, 1, 31, 0, 0, 0)
    members = _members()
    zip_archive(members, stamp)
    compressed: list[bytes] = []
    original = ziparchive.deflate
    monkeypatch.setattr(ziparchive, "deflate", lambda chunk: compressed.append(chunk) or original(chunk))
    members["data/events.json"][7] = b'{"id": "event-6", "title": "Edited"},\n'
    edited = zip_archive(members, stamp)
    assert compressed == [b'{"id": "event-6", "title": "Edited"},\n']
    assert zipfile.ZipFile(io.BytesIO(edited)).read("data/events.json") == b"".join(members["data/events.json"])
    monkeypatch.setattr(ziparchive, "_DEFLATED", {})  # a fresh process: the same bytes
    assert zip_archive(members, stamp) == edited


@pytest.mark.parametrize("name", list(EDITS))
def test_rebuild_after_an_edit_gives_the_pages_and_files_of_a_fresh_build(tmp_path: Path, name: str) -> None:
    project = generator_project(tmp_path)
    cache = LoadCache()
    build_bundle(project / "content", project / "templates", cache)
    build_bundle(project / "content", project / "templates", cache)
    EDITS[name](project)
    after = build_bundle(project / "content", project / "templates", cache)
    shutil.copytree(project, tmp_path / "fresh")
    fresh = build_bundle(tmp_path / "fresh" / "content", tmp_path / "fresh" / "templates", LoadCache())
    assert after.pages == fresh.pages
    assert after.assets.keys() == fresh.assets.keys()
    assert [path for path in after.assets if after.assets[path] != fresh.assets[path]] == []


def test_blocks_drawn_inside_a_reused_block_are_kept_for_the_next_build() -> None:
    memo = BlockMemo()
    event = SimpleNamespace(id="e")
    by_id = {"e": event}
    inner_calls: list[str] = []

    def inner() -> str:
        inner_calls.append("inner")
        memo.read(event)
        return "event"

    def day(label: str) -> str:
        return label + memo.render("event", (event,), inner, by_id)

    for label in ("day one: ", "day one: ", "day two: "):
        memo.begin(())
        text = memo.render("day", (label,), lambda label=label: day(label), by_id)  # type: ignore[misc]
        memo.finish()
    assert text == "day two: event"
    assert inner_calls == ["inner"], "the second build reused the day, and the third still had its event block"


def _bilingual(tmp_path: Path) -> Path:
    content = _content(tmp_path)
    in_two_languages(content / "report.yml")
    return content


def _messages(content: Path, cache: LoadCache, required: bool = False) -> list[str]:
    try:
        loaded = load_checked(content, cache, require_translations=required)
    except ContentError as error:
        return sorted(("error: " if not d.warning else "") + d.located for d in error.diagnostics)
    return sorted(d.located for d in loaded.warnings)


def _fresh(content: Path, required: bool = False) -> list[str]:
    """A fresh load's problems, leaving the problems kept from the cached loads as they were."""
    kept = dict(translation_checks._BY_RECORD)
    try:
        return _messages(content, LoadCache(), required)
    finally:
        translation_checks._BY_RECORD.clear()
        translation_checks._BY_RECORD.update(kept)


def test_translation_problems_kept_from_the_last_load_are_those_of_a_fresh_load(tmp_path: Path) -> None:
    content = _bilingual(tmp_path)
    cache = LoadCache()
    event = content / EVENT
    first = _messages(content, cache)
    assert any("no French translation of 'title'" in message for message in first)
    assert _messages(content, cache) == first == _fresh(content)
    # The edited record's problems change; the other records' are taken from the last load.
    _edit(
        event,
        "    locator: second paragraph\n",
        "    locator: second paragraph\ntranslations:\n  fr:\n    title: Premier rassemblement à Testville\n"
        "    summary: Environ 9 000 personnes se rassemblent.\n",
    )
    edited = _messages(content, cache)
    assert any(message.startswith("error: ") and "9 000" in message for message in edited), edited
    assert edited == _fresh(content)
    # Whether a missing translation is an error changes every record's problems, edited or not.
    required = _messages(content, cache, required=True)
    assert sum(message.startswith("error: ") for message in required) > sum(m.startswith("error: ") for m in edited)
    assert required == _fresh(content, required=True)
    # One language less: no record is asked for a French translation any more.
    _edit(content / "report.yml", "languages: [en, fr]\n", "")
    assert _messages(content, cache) == _fresh(content)
    assert not any("French" in message for message in _messages(content, cache))


def _audit_of(content: Path, cache: LoadCache) -> tuple[object, ...]:
    result = audit(build_report(load_checked(content, cache)))
    return (
        [(sourcing.record.id, reason) for sourcing, reason in result.disagreements],
        result.tallies,
        result.overall,
        result.by_kind,
        result.by_country,
    )


def _fresh_audit(content: Path) -> tuple[object, ...]:
    """A fresh load's audit, leaving the assessments kept from the cached loads as they were."""
    kept, kept_with = dict(coverage._ASSESSED), list(coverage._ASSESSED_WITH)
    try:
        return _audit_of(content, LoadCache())
    finally:
        coverage._ASSESSED.clear()
        coverage._ASSESSED.update(kept)
        coverage._ASSESSED_WITH[:] = kept_with


def test_assessments_kept_from_the_last_build_follow_edits_to_sources_and_the_register(tmp_path: Path) -> None:
    content = _content(tmp_path)
    with_register_and_sources(content)
    _set_confidence(content / EVENT, "confirmed", "reported")
    cache = LoadCache()
    first = _audit_of(content, cache)
    assert ("2022-01-02-first-rally", "reported-several") in first[0]  # type: ignore[operator]
    assert _audit_of(content, cache) == first == _fresh_audit(content)
    # The event is not edited, one of its sources is: its two voices become one.
    _edit(content / "sources" / "wire-one.yml", "publisher: Example Wire", "publisher: Beispielzeitung")
    edited = _audit_of(content, cache)
    assert ("2022-01-02-first-rally", "reported-several") not in edited[0]  # type: ignore[operator]
    assert edited == _fresh_audit(content)
    # Neither records nor sources are edited, the register is: two voices become one organisation.
    _edit(
        content / "publishers.yml",
        "    organisation: Government of Testland\n",
        "    organisation: State Media Holding\n",
    )
    registered = _audit_of(content, cache)
    assert registered != edited
    assert registered == _fresh_audit(content)
