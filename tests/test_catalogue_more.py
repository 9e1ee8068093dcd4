"""More bad inputs (issue 12): each gives exactly this diagnostic, at this file:line:col."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.factbase.checked import load_checked
from generator.factbase.diagnostics import ContentError

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
    return [d.located for d in raised.value.diagnostics]


def warnings(content: Path) -> list[str]:
    return [d.located for d in load_checked(content).warnings]


def _relative(lines: list[str], content: Path) -> list[str]:
    return [line.split(f"/{content.name}/", 1)[-1] for line in lines]


# Item 2: a record or phase id that is also the name of a generated page.


def test_place_called_index_is_reserved(content: Path) -> None:
    _copy_as(content, "places/otherton.yml", "places/index.yml", "otherton", "index")
    assert _relative(errors(content), content) == [
        "places/index.yml:2:5: id 'index' is reserved for the places index page; choose another id"
    ]


def test_actor_called_index_is_reserved(content: Path) -> None:
    _copy_as(content, "actors/far-union.yml", "actors/index.yml", "far-union", "index")
    assert _relative(errors(content), content) == [
        "actors/index.yml:2:5: id 'index' is reserved for the actors index page; choose another id"
    ]


@pytest.mark.parametrize("name", ["index", "background", "follow-up"])
def test_reserved_phase_ids(content: Path, name: str) -> None:
    _replace(content, "report.yml", "  - id: second\n", f"  - id: {name}\n")
    assert _relative(errors(content), content) == [
        f"report.yml:16:9: phase id '{name}' is reserved for a timeline page the generator writes; choose another id"
    ]


def test_duplicate_phase_ids(content: Path) -> None:
    _replace(content, "report.yml", "  - id: second\n", "  - id: first\n")
    assert _relative(errors(content), content) == [
        "report.yml:16:9: duplicate phase id 'first' (already used at line 12)"
    ]


# Item 13: numbers bounded per metric.


def test_count_of_401_digits(content: Path) -> None:
    _replace(content, FIGURE, "value: 12", "value: " + "9" * 401)
    assert _relative(errors(content), content) == [
        f"{FIGURE}:4:8: value: a number of 401 digits is not a count; a count has at most 12 digits"
    ]


def test_implausible_deaths(content: Path) -> None:
    _replace(content, FIGURE, "value: 12", "value: 1" + "0" * 50)
    assert _relative(errors(content), content) == [
        f"{FIGURE}:4:8: value: a number of 51 digits is not a count; a count has at most 12 digits"
    ]


def test_deaths_above_the_metric_bound(content: Path) -> None:
    _replace(content, FIGURE, "value: 12", "value: 20000000")
    assert _relative(errors(content), content) == [
        f"{FIGURE}:4:8: 20000000 deaths is more than 1000000, the most this metric allows; check for extra digits"
    ]


def test_upper_bound_is_checked_too(content: Path) -> None:
    _replace(content, FIGURE, "value: 12", "min: 10\nmax: 5000000")
    assert _relative(errors(content), content) == [
        f"{FIGURE}:5:6: 5000000 deaths is more than 1000000, the most this metric allows; check for extra digits"
    ]


# Item 9: files under content/ that look like records but are not read.


@pytest.mark.parametrize(
    ("new_file", "expected"),
    [
        ("event/2022-01-02-first-rally.yml", "1:1: not read: 'event' is not a record folder (did you mean 'events'?)"),
        ("events/2022-01-02-first-rally.YML", "1:1: not read: the file name must end in '.yml' (lower case)"),
        (
            "events/2022/2022-01-02-first-rally.yml",
            "1:1: not read: record files must be directly in 'events/', not in a subfolder",
        ),
        (
            "events/2022-01-02-first-rally.yml ",
            "1:1: not read: the file name must end in '.yml' (it ends with a space)",
        ),
        ("events/2022-01-02-first-rally.yml.txt", "1:1: not read: the file name must end in '.yml'"),
        (
            "report.yaml.bak",
            "1:1: not read: only 'report.yml', 'publishers.yml', 'vocabularies.yml' and the files of the record folders are read",
        ),
    ],
)
def test_misplaced_record_files_are_reported(content: Path, new_file: str, expected: str) -> None:
    target = content / new_file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((MINI / EVENT).read_text())
    assert _relative(errors(content), content) == [f"{new_file}:{expected}"]


def test_hidden_and_backup_files_are_not_records(content: Path) -> None:
    (content / "events" / ".2022-01-02-first-rally.yml.swp").write_bytes(b"\x00")
    (content / "events" / "2022-01-02-first-rally.yml~").write_text("old")
    assert load_checked(content).warnings == []


# Item 14: uncited sources, cycles, invisible characters, non-ASCII digits.


def test_a_source_cited_by_nothing_is_a_warning(content: Path) -> None:
    _copy_as(content, SOURCE, "sources/wire-three.yml", "wire-one", "wire-three")
    _replace(content, "sources/wire-three.yml", "story/1", "story/3")
    assert _relative(warnings(content), content) == [
        "sources/wire-three.yml:2:5: warning: source 'wire-three' is cited by no record and no page"
    ]


def test_a_source_cited_only_by_a_page_is_not_reported(content: Path) -> None:
    _copy_as(content, SOURCE, "sources/wire-three.yml", "wire-one", "wire-three")
    _replace(content, "sources/wire-three.yml", "story/1", "story/3")
    (content / "pages").mkdir()
    (content / "pages" / "background.md").write_text("As reported [[1]](sources/index.md#source-wire-three).\n")
    assert warnings(content) == []


def test_a_cycle_of_actor_parents(content: Path) -> None:
    _replace(content, "actors/home-state.yml", "region: kazakhstan", "region: kazakhstan\nparent: home-police")
    assert _relative(errors(content), content) == [
        "actors/home-police.yml:6:9: actor parents form a cycle: home-police → home-state → home-police",
        "actors/home-state.yml:7:9: actor parents form a cycle: home-state → home-police → home-state",
    ]


def test_a_cycle_of_measures_extending_each_other(content: Path) -> None:
    _copy_as(
        content,
        "measures/curfew-testville.yml",
        "measures/curfew-testville-2.yml",
        "curfew-testville",
        "curfew-testville-2",
    )
    _replace(
        content,
        "measures/curfew-testville-2.yml",
        "decided_by: home-state",
        "decided_by: home-state\nextends: curfew-testville",
    )
    _replace(
        content,
        "measures/curfew-testville.yml",
        "decided_by: home-state",
        "decided_by: home-state\nextends: curfew-testville-2",
    )
    assert _relative(errors(content), content) == [
        "measures/curfew-testville-2.yml:11:10: measures extend each other in a cycle: curfew-testville-2 → curfew-testville → curfew-testville-2",
        "measures/curfew-testville.yml:11:10: measures extend each other in a cycle: curfew-testville → curfew-testville-2 → curfew-testville",
    ]


def test_a_measure_extending_itself(content: Path) -> None:
    _replace(
        content,
        "measures/curfew-testville.yml",
        "decided_by: home-state",
        "decided_by: home-state\nextends: curfew-testville",
    )
    assert _relative(errors(content), content) == [
        "measures/curfew-testville.yml:11:10: a measure cannot extend itself"
    ]


@pytest.mark.parametrize(
    ("character", "name"),
    [
        ("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
        ("\u200d", "ZERO WIDTH JOINER"),
    ],
)
def test_invisible_characters_in_text(content: Path, character: str, name: str) -> None:
    _replace(content, EVENT, "title: First rally in Testville", f"title: First rally{character} in Testville")
    assert _relative(errors(content), content) == [
        f"{EVENT}:4:8: title: invisible character U+{ord(character):04X} ({name}) at position 12: "
        "it can make text read differently from what it says; remove it"
    ]


def test_a_joiner_inside_a_word_is_text(content: Path) -> None:
    _replace(
        content, EVENT, "title: First rally in Testville", "title: First rally in \u0645\u06cc\u200c\u0634\u0648\u062f"
    )
    load_checked(content)


@pytest.mark.parametrize("day", ["\uff12\uff10\uff12\uff12-01-02", "2022-\u0660\u0661-02"])
def test_non_ascii_digits_in_a_date(content: Path, day: str) -> None:
    _replace(content, EVENT, "date: 2022-01-02", f"date: {day}")
    assert _relative(errors(content), content) == [
        f"{EVENT}:3:7: date: invalid date '{day}': type dates with the digits 0-9 (YYYY-MM-DD)"
    ]


def test_non_ascii_digits_in_a_count(content: Path) -> None:
    _replace(content, FIGURE, "value: 12", "value: \u0661\u0662")
    assert _relative(errors(content), content) == [
        f"{FIGURE}:4:8: value: expected a whole number without separators, got '\u0661\u0662'"
    ]


def test_check_prints_warnings_and_exits_0(content: Path) -> None:
    _copy_as(content, SOURCE, "sources/wire-three.yml", "wire-one", "wire-three")
    _replace(content, "sources/wire-three.yml", "story/1", "story/3")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "content"],
        cwd=content.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        "content/sources/wire-three.yml:2:5: warning: source 'wire-three' is cited by no record and no page [W601]",
        "ok: 3 events, 1 reactions, 2 figures, 1 measures, 3 actors, 2 places, 3 sources, 1 warning",
    ]
