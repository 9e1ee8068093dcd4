"""Independence of sources: voices from the source register, and what `check` says about them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.factbase.checked import load_checked
from generator.factbase.models import Event, Publisher, Source
from generator.factbase.sourcing import Register, assess, disagrees

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"

REGISTER = [
    Publisher(id="tass", name="TASS", organisation="TASS", country="RU", kind="state-media"),
    Publisher(id="sputnik", name="Sputnik", organisation="Rossiya Segodnya", country="RU", kind="state-media"),
    Publisher(
        id="ria",
        name="RIA Novosti",
        also_named=["RIA"],
        organisation="Rossiya Segodnya",
        country="RU",
        kind="state-media",
    ),
    Publisher(id="reuters", name="Reuters", organisation="Thomson Reuters", country="GB", kind="wire"),
    Publisher(id="pledge", name="Pledge Times", kind="aggregator", copies=True),
    Publisher(id="mirror", name="Some Mirror", kind="aggregator", copies=True),
    Publisher(id="akorda", name="Akorda", organisation="Government of Kazakhstan", country="KZ", kind="official"),
    Publisher(id="wiki", name="Wikipedia", organisation="Wikimedia Foundation", kind="reference"),
]


def source(source_id: str, publisher: str, via: str | None = None) -> Source:
    return Source(
        id=source_id,
        title="t",
        publisher=publisher,
        via=via,
        url=f"https://example.org/{source_id}",
        language="en",
        accessed="2026-11-01",
        type="news",
    )


SOURCES = {
    s.id: s
    for s in [
        source("tass-story", "TASS"),
        source("pledge-copy", "Pledge Times", via="TASS"),
        source("lenta-rewrite", "Pledge Times", via="RIA"),
        source("sputnik-story", "Sputnik"),
        source("reuters-story", "Reuters"),
        source("pledge-own", "Pledge Times"),
        source("mirror-own", "Some Mirror"),
        source("akorda-statement", "Akorda"),
        source("wiki-article", "Wikipedia"),
    ]
}


def event(*source_ids: str, confidence: str = "confirmed") -> Event:
    return Event(
        id="e",
        date="2022-01-05",
        title="t",
        summary="s",
        category="protest",
        confidence=confidence,
        sources=list(source_ids),
    )


def voices(*source_ids: str) -> list[tuple[str, list[str]]]:
    sourcing = assess(event(*source_ids), SOURCES, Register(REGISTER))
    return [(voice.key, [s.id for s in voice.sources]) for voice in sourcing.voices]


def test_a_wire_story_and_its_copies_count_once() -> None:
    assert voices("tass-story", "pledge-copy") == [("TASS", ["tass-story", "pledge-copy"])]


def test_outlets_of_one_organisation_are_one_voice_whatever_spelling() -> None:
    assert voices("sputnik-story", "lenta-rewrite") == [("Rossiya Segodnya", ["sputnik-story", "lenta-rewrite"])]


def test_different_organisations_are_independent() -> None:
    sourcing = assess(event("tass-story", "reuters-story", "pledge-copy"), SOURCES, Register(REGISTER))
    assert sourcing.independent == 2
    assert disagrees(sourcing) is None


def test_the_responsible_authority_and_one_independent_source_confirm() -> None:
    assert assess(event("akorda-statement", "reuters-story"), SOURCES, Register(REGISTER)).independent == 2


def test_aggregators_without_via_are_their_own_voices_and_aggregator_only() -> None:
    sourcing = assess(event("pledge-own", "mirror-own"), SOURCES, Register(REGISTER))
    assert sourcing.independent == 2
    assert sourcing.aggregator_only
    assert not assess(event("pledge-copy"), SOURCES, Register(REGISTER)).aggregator_only


def test_an_encyclopedia_is_no_independent_voice() -> None:
    sourcing = assess(event("wiki-article", "reuters-story"), SOURCES, Register(REGISTER))
    assert sourcing.independent == 1
    assert disagrees(sourcing) == "confirmed-single"


def test_kind_only_needs_every_voice_of_that_kind() -> None:
    register = Register(REGISTER)
    assert assess(event("tass-story", "sputnik-story"), SOURCES, register).only("state-media")
    assert not assess(event("tass-story", "reuters-story"), SOURCES, register).only("state-media")


def test_reported_with_two_voices_disagrees_too() -> None:
    sourcing = assess(event("tass-story", "reuters-story", confidence="reported"), SOURCES, Register(REGISTER))
    assert disagrees(sourcing) == "reported-several"


# --- check on a content folder -------------------------------------------------------------------

PUBLISHERS_YML = """\
# yaml-language-server: $schema=schema/publisher.schema.json
publishers:
  - id: example-wire
    name: Example Wire
    organisation: Example Wire Group
    kind: wire
  - id: example-mirror
    name: Example Mirror
    kind: aggregator
    copies: true
  - id: beispielzeitung
    name: Beispielzeitung
    country: DE
    kind: independent-media
"""

MIRROR_SOURCE = """\
# yaml-language-server: $schema=../schema/source.schema.json
id: mirror-copy
title: Copy of the first wire story
publisher: Example Mirror
url: https://mirror.example.net/story/1
language: en
accessed: 2026-11-24
type: aggregator
via: Example Wire
"""


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(MINI, folder)
    (folder / "publishers.yml").write_text(PUBLISHERS_YML, encoding="utf-8")
    return folder


def run_check(content: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", str(content)],
        capture_output=True,
        text=True,
        cwd=content.parent,
        check=False,
    )


def test_registered_content_checks_without_warnings(content: Path) -> None:
    loaded = load_checked(content)
    assert loaded.warnings == []
    assert [p.id for p in loaded.publishers or []] == ["example-wire", "example-mirror", "beispielzeitung"]


def test_confirmed_event_resting_on_a_wire_and_its_copy_is_a_warning_naming_both(content: Path) -> None:
    (content / "sources" / "mirror-copy.yml").write_text(MIRROR_SOURCE, encoding="utf-8")
    event_file = content / "events" / "2022-01-02-first-rally.yml"
    text = event_file.read_text(encoding="utf-8")
    event_file.write_text(
        text.replace("  - source: paper-two\n    locator: second paragraph\n", "  - mirror-copy\n"), encoding="utf-8"
    )
    result = run_check(content)
    assert result.returncode == 0, result.stdout
    line = next(n for n, row in enumerate(event_file.read_text().splitlines(), 1) if row.startswith("confidence:"))
    expected = (
        f"events/2022-01-02-first-rally.yml:{line}:13: warning: marked 'confirmed' but its sources give "
        "1 independent voice: 'wire-one', 'mirror-copy' count as one (Example Wire Group)"
    )
    assert expected in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("ok:")


def test_unregistered_publisher_is_an_error_at_its_position_with_did_you_mean(content: Path) -> None:
    wire = content / "sources" / "wire-one.yml"
    wire.write_text(
        wire.read_text(encoding="utf-8").replace("publisher: Example Wire", "publisher: Exampel Wire"), encoding="utf-8"
    )
    result = run_check(content)
    assert result.returncode == 1
    line = next(n for n, row in enumerate(wire.read_text().splitlines(), 1) if row.startswith("publisher:"))
    assert (
        f"sources/wire-one.yml:{line}:12: publisher 'Exampel Wire' is not in the source register "
        "(publishers.yml) (did you mean 'Example Wire'?)"
    ) in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_text_naming_two_register_entries_is_an_error(content: Path) -> None:
    (content / "publishers.yml").write_text(
        PUBLISHERS_YML + "  - id: other\n    name: Other\n    also_named:\n      - Example Wire\n    kind: unknown\n",
        encoding="utf-8",
    )
    result = run_check(content)
    assert result.returncode == 1
    assert (
        "publishers.yml:18:9: 'Example Wire' already names the publisher at line 4; one text, one publisher"
        in result.stdout
    )


def test_register_entries_are_validated_like_records(content: Path) -> None:
    (content / "publishers.yml").write_text(PUBLISHERS_YML.replace("kind: wire", "kind: wires"), encoding="utf-8")
    result = run_check(content)
    assert result.returncode == 1
    assert "publishers.yml:6:11: invalid kind 'wires' (did you mean 'wire'?)" in result.stdout
