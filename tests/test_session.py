"""The process's caches live in one object: every build of a process (serve, each edition) shares them."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import DictLoader, Environment

from generator.factbase.checked import load_checked
from generator.integration.session import LOAD_CACHE_FILE, Session

from .conftest import MINI


def test_a_content_folder_has_one_records_cache_per_process(tmp_path: Path) -> None:
    session = Session()
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    first = session.records(content, tmp_path / "cache")
    assert session.records(content, tmp_path / "cache") is first
    assert session.records(tmp_path / "other", tmp_path / "cache") is not first


def test_records_are_saved_only_when_parsed_again_and_restored_by_a_new_process(tmp_path: Path) -> None:
    content, cache_dir = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(MINI, content)
    session = Session()
    load_checked(content, session.records(content, cache_dir))
    session.save_records(content, cache_dir)
    saved = cache_dir / LOAD_CACHE_FILE
    assert saved.is_file()
    written = saved.stat().st_mtime_ns
    session.save_records(content, cache_dir)  # nothing parsed since: no write
    assert saved.stat().st_mtime_ns == written
    later = Session()  # a new process
    restored = later.records(content, cache_dir)
    load_checked(content, restored)
    assert restored.parsed == 0, "every file came from the restored cache"


def test_theme_templates_are_compiled_once_per_process() -> None:
    session = Session()
    templates = {"page.html": "{{ 1 + 1 }}"}
    first = Environment(loader=DictLoader(templates), bytecode_cache=session.theme_bytecode)
    assert first.get_template("page.html").render() == "2"
    assert len(session.theme_bytecode.compiled) == 1
    second = Environment(loader=DictLoader(templates), bytecode_cache=session.theme_bytecode)
    assert second.get_template("page.html").render() == "2"
    assert len(session.theme_bytecode.compiled) == 1
    templates["page.html"] = "{{ 2 + 2 }}"
    third = Environment(loader=DictLoader(templates), bytecode_cache=session.theme_bytecode)
    assert third.get_template("page.html").render() == "4"
    assert len(session.theme_bytecode.compiled) == 2
