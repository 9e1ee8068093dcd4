"""What readers see on the chapters: the order of a day's events, the statements on an actor's
page, the sentence naming who took each stance, and templates that keep their line breaks."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from generator.factbase.loader import Loaded
from generator.factbase.models import (
    RECORD_TYPE_BY_FOLDER,
    Actor,
    Event,
    Figure,
    Measure,
    Period,
    Place,
    Reaction,
    Record,
    ReportInfo,
    Source,
    TimelinePhase,
)
from generator.model.report import Report, build_report
from generator.site.pages import render_pages

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"


def make_report(*records: Record) -> Report:
    info = ReportInfo(
        title="Test report",
        period=Period(start="2022-01-01", end="2022-01-31"),
        updated="2022-02-01",
        phases=[TimelinePhase(id="all", title="All", start="2022-01-01", end="2022-01-31")],
    )
    folders: dict[str, list[Record]] = {kind: [] for kind in RECORD_TYPE_BY_FOLDER}
    for record in records:
        folders[record.kind].append(record)
    return build_report(Loaded(info, folders, origins={}, diagnostics=[]))


def render(report: Report, tmp_path: Path, **options: Any) -> dict[str, str]:
    """Every chapter of `report` (`options`: render_pages's, e.g. `language`); `tmp_path` is the content folder."""
    context: dict[str, Any] = {
        "Event": Event,
        "Reaction": Reaction,
        "Figure": Figure,
        "Measure": Measure,
        "Place": Place,
        "Actor": Actor,
        "downloads": [],
        "cited_in_pages": {},
        "archive_path": "data/all.zip",
        "archive_name": "all.zip",
    }
    return render_pages(report, TEMPLATES, tmp_path, context, **options)


SOURCE = Source(
    id="s1", title="T", publisher="P", url="https://example.org/1", language="en", accessed="2022-02-01", type="news"
)


def event(id: str, title: str, **extra: Any) -> Event:
    return Event(
        id=id,
        date=extra.pop("date", "2022-01-05"),
        title=title,
        summary="s",
        category="international",
        confidence="reported",
        sources=["s1"],
        **extra,
    )


def reaction(id: str, actor: str, stance: str, **extra: Any) -> Reaction:
    return Reaction(
        id=id,
        date=extra.pop("date", "2022-01-06"),
        actor=actor,
        channel="statement",
        stance=stance,
        summary=extra.pop("summary", f"summary of {id}"),
        sources=["s1"],
        **extra,
    )


def test_events_of_a_day_follow_the_clock_and_untimed_ones_come_after() -> None:
    report = make_report(
        SOURCE,
        event("a-decides", "Alliance decides to deploy", precision="approximate"),
        event("b-evening", "Evening appeal", time="19:00"),
        event("c-morning", "Morning decree", time="01:30"),
        event("z-asks", "President asks for help"),
        event("d-next-day", "Next day", date="2022-01-06", time="00:10"),
    )
    (page,) = report.timeline
    days = {day.isoformat(): [e.id for e in events] for day, events in page.days}
    assert days["2022-01-05"] == ["c-morning", "b-evening", "z-asks", "a-decides"]
    assert days["2022-01-06"] == ["d-next-day"]


def test_untimed_events_are_marked_and_the_order_is_stated(tmp_path: Path) -> None:
    pages = render(make_report(SOURCE, event("e1", "Untimed"), event("e2", "Timed", time="10:00")), tmp_path)
    text = pages["timeline/all.md"]
    untimed = text[text.index("### Untimed") :]
    timed = text[text.index("### Timed") : text.index("### Untimed")]
    assert "time not known" in untimed.split("**Sources:**")[0]
    assert "time not known" not in timed
    intro = (ROOT / "content" / "fragments" / "timeline.md").read_text(encoding="utf-8")
    assert "time is not known" in intro and "alphabetical order of title" in intro


def test_each_statement_on_an_actor_page_is_its_own_line_with_date_speaker_stance_and_words(tmp_path: Path) -> None:
    report = make_report(
        SOURCE,
        Actor(id="land", name="Republic of Land", short_name="Land", type="state", country="LU"),
        reaction(
            "r1",
            "land",
            "supports-government",
            speaker="The Minister",
            date="2022-01-06",
            quote={"text": "Wir unterstützen.", "language": "de", "translation": "We support."},
        ),
        reaction(
            "r2",
            "land",
            "calls-for-restraint",
            also=["expresses-concern"],
            date="2022-01-07",
            summary="Land asks for calm.",
        ),
    )
    text = render(report, tmp_path)["actors/land.md"]
    section = html.unescape(text[text.index("## Statements (2)") :])
    items = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(items) == 2, section
    assert items[0].startswith("- **6 Jan 2022** · The Minister · [Supports the government](")
    assert items[1].startswith("- **7 Jan 2022** · [Calls for restraint or dialogue](")
    assert "; expresses concern" in items[1]
    assert "“We support.” (English translation)" in section
    assert "Land asks for calm." in section


def stance_actors() -> list[Record]:
    return [
        SOURCE,
        Actor(id="bigland", name="Federation of Bigland", short_name="Bigland", type="state", country="BE"),
        Actor(
            id="bigland-mfa", name="Bigland Foreign Ministry", type="government-body", country="BE", parent="bigland"
        ),
        Actor(
            id="bigland-palace",
            name="Palace of Bigland",
            short_name="Palace",
            type="government-body",
            country="BE",
            parent="bigland",
        ),
        Actor(id="smallstan", name="Republic of Smallstan", short_name="Smallstan", type="state", country="SE"),
        Actor(id="opposition", name="Smallstan Opposition", type="group", country="SE"),
        Actor(id="pact", name="Security Pact", type="international-organisation"),
    ]


def test_stance_takers_include_further_stances_and_group_bodies_under_their_state() -> None:
    report = make_report(
        *stance_actors(),
        reaction("r1", "pact", "supports-intervention"),
        reaction("r2", "smallstan", "supports-government", also=["supports-intervention"]),
        reaction("r3", "bigland-mfa", "supports-intervention"),
        reaction("r4", "bigland-palace", "supports-intervention", date="2022-01-07"),
        reaction("r5", "opposition", "criticises-intervention"),
    )
    takers = report.stance_takers("supports-intervention")
    assert [t.actor.id for t in takers] == ["bigland", "pact", "smallstan"]
    bigland = takers[0]
    assert not bigland.itself and [b.id for b in bigland.bodies] == ["bigland-mfa", "bigland-palace"]
    assert [t.actor.id for t in report.stance_takers("criticises-intervention")] == ["opposition"]
    assert report.stance_takers("neutral") == []


def test_reactions_chapter_names_the_stance_takers_in_one_sentence(tmp_path: Path) -> None:
    report = make_report(
        *stance_actors(),
        reaction("r1", "pact", "supports-intervention"),
        reaction("r2", "smallstan", "supports-government", also=["supports-intervention"]),
        reaction("r3", "bigland", "supports-intervention"),
        reaction("r4", "bigland-palace", "supports-intervention"),
    )
    text = render(report, tmp_path)["reactions/index.md"]
    section = text[text.index("### Supports the CSTO deployment") :]
    sentence = next(line for line in section.splitlines() if line.startswith("**Who took this stance**"))
    assert html.unescape(re.sub(r"\]\([^)]*\)", "]", sentence)).endswith(
        ": [Bigland] (also through [Palace]), [Security Pact] and [Smallstan]."
    )


def test_no_template_line_loses_its_line_break_to_trim_blocks() -> None:
    """trim_blocks removes the newline after a block tag; on a line of text, that joins it to the next."""
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            stripped = line.strip()
            # A one-line macro definition writes nothing where it stands.
            ends_with_block = (
                stripped.endswith("%}")
                and not stripped.endswith(("+%}", "-%}"))
                and not stripped.startswith("{% macro")
            )
            if ends_with_block and re.sub(r"\{%.*?%\}", "", stripped).strip():
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []
