"""`new` and `fmt`: the researcher's editing tools."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.editing.fmt import data_files, format_file, format_text
from generator.editing.scaffold import create_record
from generator.factbase.models import Event

from .conftest import MINI, ROOT
from .test_cli import run


def test_new_writes_a_commented_template_and_refuses_existing_ids(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    result = run("new", "event", "2022-01-20-new-thing", "--content", str(content))
    assert result.returncode == 0, result.stderr
    text = (content / "events" / "2022-01-20-new-thing.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/event.schema.json\nid: 2022-01-20-new-thing\n")
    for field in ("date", "title", "summary", "category", "confidence", "sources"):
        assert f"\n# {field} (required): " in text and f"\n{field}:\n" in text
    again = run("new", "event", "2022-01-20-new-thing", "--content", str(content))
    assert again.returncode == 1 and "already used" in again.stderr
    clash = run("new", "actor", "testville", "--content", str(content))
    assert clash.returncode == 1 and "already used by" in clash.stderr
    bad = run("new", "place", "Bad_Id", "--content", str(content))
    assert bad.returncode == 1 and "invalid id" in bad.stderr


def test_filled_template_validates(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    path = create_record(content, "place", "newtown")
    text = (
        path.read_text()
        .replace("name:\n", "name: Newtown\n")
        .replace("latitude:\n", "latitude: 50.0\n")
        .replace("longitude:\n", "longitude: 70.0\n")
    )
    path.write_text(text)
    assert run("check", str(content)).returncode == 0


def test_fmt_reorders_keeps_comments_and_typed_text() -> None:
    messy = (
        "# yaml-language-server: $schema=../schema/event.schema.json\n"
        "id: e1\n"
        "# the researcher's comment on sources\n"
        "sources: [wire-one]\n"
        "note: '007'\n"
        'title: "Plain title"\n'
        "date: 2022-01-02\n"
        "summary: Text\n"
        "category: protest\n"
        "confidence: reported\n"
        "# last words\n"
    )
    formatted, problem = format_text(messy, Event, "e1.yml")
    assert problem is None
    assert formatted.splitlines()[:3] == [
        "# yaml-language-server: $schema=../schema/event.schema.json",
        "id: e1",
        "date: 2022-01-02",
    ]
    assert "# the researcher's comment on sources\nsources:" in formatted
    assert formatted.endswith("# last words\n")
    assert formatted.index("title: Plain title") < formatted.index("sources:") < formatted.index("note: '007'")
    assert format_text(formatted, Event, "e1.yml") == (formatted, None)


def test_fmt_turns_retyped_numbers_into_quoted_text() -> None:
    text = "# yaml-language-server: $schema=../schema/event.schema.json\nid: e1\nnote: 007\n"
    formatted, problem = format_text(text, Event, "e1.yml")
    assert problem is None and "note: '007'" in formatted


def test_fmt_refuses_files_it_cannot_read() -> None:
    text = "id: e1\ntitle: Protest #2 in Almaty\n"
    formatted, problem = format_text(text, Event, "e1.yml")
    assert formatted == text and problem is not None and "read as a comment" in problem


def test_fmt_leaves_formatted_files_untouched(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    stamps = {p: p.stat().st_mtime_ns for p, _ in data_files(content)}
    outcomes = [format_file(p, m, write=True) for p, m in data_files(content)]
    assert not any(o.changed or o.problem for o in outcomes)
    assert {p: p.stat().st_mtime_ns for p, _ in data_files(content)} == stamps


@pytest.mark.parametrize("content", [MINI, ROOT / "content"], ids=["mini", "real"])
def test_load_dump_is_a_fixed_point(content: Path) -> None:
    files = data_files(content)
    assert files
    for path, model in files:
        text = path.read_text(encoding="utf-8")
        formatted, problem = format_text(text, model, str(path))
        assert problem is None, problem
        assert format_text(formatted, model, str(path)) == (formatted, None), path
