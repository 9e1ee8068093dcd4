"""Vocabularies are content (content/vocabularies.yml): validated with positions, and one entry adds a member."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.factbase.checked import load_checked
from generator.factbase.diagnostics import ContentError
from generator.factbase.schema import render_schemas
from generator.site.bundle import build_bundle

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
VOCABULARIES = "vocabularies.yml"
BLOCKADE = """    blockade:
      label:
        en: Blockade
        fr: Blocus
      definition:
        en: Roads, rails or ports closed by protesters.
        fr: Routes, voies ferrées ou ports fermés par des manifestants.
      colour: '#56b4e9'
      noun:
        en:
          one: blockade
          other: blockades
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


def _edit(content: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _position(content: Path, name: str, text: str, offset: int = 0) -> str:
    """`line:col` of the first `text` in the file (1-based), `offset` characters into it."""
    lines = (content / name).read_text(encoding="utf-8").splitlines()
    number, line = next((n, line) for n, line in enumerate(lines, start=1) if text in line)
    return f"{number}:{line.index(text) + 1 + offset}"


def _problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_checked(content)
    # Codes are checked by tests/test_problem_codes.py.
    return [d.located.split("content/", 1)[1] for d in raised.value.diagnostics]


def test_every_problem_of_the_vocabularies_file_is_reported_at_its_place_at_once(content: Path) -> None:
    # The first member, 'protest', loses its label: reported where its mapping starts.
    _edit(content, VOCABULARIES, "      label:\n        en: Protest\n        fr: Manifestation\n", "")
    protest = _position(content, VOCABULARIES, "definition:")
    _edit(content, VOCABULARIES, "      colour: '#b2182b'", "      colour: red")
    colour = _position(content, VOCABULARIES, "colour: red", len("colour: "))
    _edit(content, VOCABULARIES, "      marker: o\n", "      marker: o\n      shape: round\n")
    shape = _position(content, VOCABULARIES, "shape: round")
    _edit(
        content,
        VOCABULARIES,
        "    reported:\n      label:\n        en: Reported\n",
        "    reported:\n      label:\n        de: Gemeldet\n",
    )
    german = _position(content, VOCABULARIES, "de: Gemeldet")
    assert _problems(content) == [
        f"{VOCABULARIES}:{protest}: missing required field 'label'",
        f"{VOCABULARIES}:{colour}: colour: invalid colour 'red': write it as #rrggbb in lower-case hexadecimal, e.g. '#e69f00'",
        f"{VOCABULARIES}:{german}: label needs an 'en' entry (the default language)",
        f"{VOCABULARIES}:{shape}: unknown field 'shape'",
    ]


def test_a_member_the_code_relies_on_must_be_declared(content: Path) -> None:
    _edit(content, VOCABULARIES, "    month:\n", "    monthly:\n")
    problems = _problems(content)
    where = _position(content, VOCABULARIES, "monthly:")
    assert any(
        p.startswith(f"{VOCABULARIES}:") and "precision must declare the member 'month'" in p for p in problems
    ), problems
    assert (
        f"{VOCABULARIES}:{where}: precision 'monthly' is not a member the generator knows; precision has exactly: day, approximate, month"
        in problems
    )


def test_a_member_used_by_a_record_but_not_declared_is_reported_at_the_record(content: Path) -> None:
    _edit(content, VOCABULARIES, "    economy:\n", "    economics:\n")
    _edit(content, "events/2022-01-02-first-rally.yml", "category: protest", "category: economy")
    problems = _problems(content)
    assert len(problems) == 1 and problems[0].startswith(
        "events/2022-01-02-first-rally.yml:6:11: invalid category 'economy' (did you mean 'economics'?); expected one of: protest, clash,"
    ), problems


def test_a_colour_missing_where_the_charts_need_one_is_reported(content: Path) -> None:
    _edit(content, VOCABULARIES, "      colour: '#e69f00'\n", "")
    where = _position(content, VOCABULARIES, "protest:")
    assert _problems(content) == [
        f"{VOCABULARIES}:{where}: category 'protest' needs a 'colour' (the charts and checks use it)"
    ]


def test_a_missing_vocabularies_file_is_one_clear_problem(content: Path) -> None:
    (content / VOCABULARIES).unlink()
    problems = _problems(content)
    assert len(problems) == 1 and problems[0].startswith(f"{VOCABULARIES}:1:1: missing vocabularies file"), problems


def test_adding_a_member_is_one_entry_in_the_vocabularies_file(content: Path) -> None:
    """A new category: one entry in vocabularies.yml, no Python edit; validation, schema, page and chart follow."""
    _edit(content, VOCABULARIES, "    clash:\n", BLOCKADE + "    clash:\n")
    _edit(content, "events/2022-01-12-second-event.yml", "category: government-measure", "category: blockade")
    loaded = load_checked(content)
    event = next(e for e in loaded.records["events"] if e.id == "2022-01-12-second-event")
    assert event.category == "blockade"
    assert event.category.label == "Blockade" and event.category.label_in("fr") == "Blocus"
    assert loaded.vocabularies is not None
    schema = json.loads(render_schemas(loaded.vocabularies)["event.schema.json"])
    assert "blockade" in schema["$defs"]["Category"]["enum"]
    bundle = build_bundle(content, ROOT / "templates")
    timeline = next(
        text for path, text in bundle.pages.items() if path.startswith("timeline/") and "second-event" in text
    )
    assert "Blockade" in timeline
    assert (
        "| `blockade` | Blockade | Roads&#44; rails or ports closed by protesters&#46; |"
        in bundle.pages["data/index.md"]
    )
    svg = bundle.assets["charts/events-per-day.light.svg"].decode()
    assert "Blockade" in svg
    csv = bundle.assets["charts/events-per-day.csv"].decode()
    assert csv.splitlines()[0].split(",")[2:4] == ["protest", "blockade"]


def test_labels_and_definitions_come_in_every_language_given_with_a_fallback(content: Path) -> None:
    loaded = load_checked(content)
    assert loaded.vocabularies is not None
    stance = loaded.vocabularies["stance"]["supports-government"]
    assert (stance.label, stance.label_in("fr")) == ("Supports the government", "Soutient le gouvernement")
    assert stance.label_in("de") == stance.label  # no German: the default language
    assert stance.definition_in("fr").startswith("Soutient")
    metric = loaded.vocabularies["metric"]["other"]
    assert metric.needs_label and metric.bound == 10_000_000_000
