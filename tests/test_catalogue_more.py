"""More bad inputs (issue 12): each gives exactly this diagnostic, at this file:line:col."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.diagnostics import ContentError
from generator.factbase import load_checked

from .conftest import MINI

MODELINE = "# yaml-language-server: $schema=../schema/{}.schema.json\n"
EVENT = "events/2022-01-02-first-rally.yml"
FIGURE = "figures/deaths-2022-01-09-police.yml"
SOURCE = "sources/wire-one.yml"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


def _replace(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _copy_as(root: Path, file: str, new_file: str, old_id: str, new_id: str) -> None:
    text = (root / file).read_text(encoding="utf-8").replace(f"id: {old_id}\n", f"id: {new_id}\n", 1)
    (root / new_file).parent.mkdir(parents=True, exist_ok=True)
    (root / new_file).write_text(text, encoding="utf-8")


def errors(content: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_checked(content)
    return [str(d) for d in raised.value.diagnostics]


def warnings(content: Path) -> list[str]:
    return [str(d) for d in load_checked(content).warnings]


def _relative(lines: list[str], content: Path) -> list[str]:
    prefix = f"{content}/"
    return [line.split(prefix, 1)[-1] for line in lines]


# Item 2: a record or phase id that is also the name of a generated page.

def test_place_called_index_is_reserved(content: Path) -> None:
    _copy_as(content, "places/otherton.yml", "places/index.yml", "otherton", "index")
    assert _relative(errors(content), content) == [
        "places/index.yml:2:5: id 'index' is reserved for the places index page; choose another id"]


def test_actor_called_index_is_reserved(content: Path) -> None:
    _copy_as(content, "actors/far-union.yml", "actors/index.yml", "far-union", "index")
    assert _relative(errors(content), content) == [
        "actors/index.yml:2:5: id 'index' is reserved for the actors index page; choose another id"]


@pytest.mark.parametrize("name", ["index", "background", "follow-up"])
def test_reserved_phase_ids(content: Path, name: str) -> None:
    _replace(content, "report.yml", "  - id: second\n", f"  - id: {name}\n")
    assert _relative(errors(content), content) == [
        f"report.yml:13:9: phase id '{name}' is reserved for a timeline page the generator writes; choose another id"]


def test_duplicate_phase_ids(content: Path) -> None:
    _replace(content, "report.yml", "  - id: second\n", "  - id: first\n")
    assert _relative(errors(content), content) == [
        "report.yml:13:9: duplicate phase id 'first' (already used at line 9)"]


# Item 13: numbers bounded per metric.

def test_count_of_401_digits(content: Path) -> None:
    _replace(content, FIGURE, "value: 12", "value: " + "9" * 401)
    assert _relative(errors(content), content) == [
        f"{FIGURE}:4:8: value: a number of 401 digits is not a count; a count has at most 12 digits"]


def test_implausible_deaths(content: Path) -> None:
    _replace(content, FIGURE, "value: 12", "value: 1" + "0" * 50)
    assert _relative(errors(content), content) == [
        f"{FIGURE}:4:8: value: a number of 51 digits is not a count; a count has at most 12 digits"]


def test_deaths_above_the_metric_bound(content: Path) -> None:
    _replace(content, FIGURE, "value: 12", "value: 20000000")
    assert _relative(errors(content), content) == [
        f"{FIGURE}:4:8: 20000000 deaths is more than 1000000, the most this metric allows; check for extra digits"]


def test_upper_bound_is_checked_too(content: Path) -> None:
    _replace(content, FIGURE, "value: 12", "min: 10\nmax: 5000000")
    assert _relative(errors(content), content) == [
        f"{FIGURE}:5:6: 5000000 deaths is more than 1000000, the most this metric allows; check for extra digits"]
