"""The coverage audit page against a small fact base counted by hand.

Voices: Example Wire (wire, its mirror copy counts for it); Beispielzeitung (independent, DE);
State Agency and State Channel (one organisation, state media, RU); Ministry (official, KZ);
Example Mirror without `via` (an aggregator, its own voice).

| record                    | sources                      | voices | counted as                 |
| event first-rally (rep.)  | wire-one, paper-two          | 2      | two or more; disagrees     |
| event second-event (conf.)| agency-one, channel-one      | 1      | one voice, state media only; disagrees |
| event follow (rep.)       | wire-one, mirror-copy        | 1      | one voice                  |
| figure police             | ministry-one                 | 1      | one voice, official only   |
| figure union              | mirror-own                   | 1      | one voice, aggregator only |
| reaction far-union        | paper-two, agency-one        | 2      | two or more                |
| measure curfew            | ministry-one, channel-one    | 2      | two or more                |

All 7 records: 3 (43 %) with two or more voices, 4 (57 %) with one, 1 (14 %) official only,
1 (14 %) state media only, 1 (14 %) aggregator only. Events: 3: 1 (33 %), 2 (67 %), 0, 1 (33 %), 0.
Cited sources by the kind of their voice: wire 2 (wire-one, mirror-copy), state media 2, independent
media 1, aggregator 1, official 1; by language: en 3, ru 2, de 1, kk 1; by country: not established 3,
RU 2, DE 1, KZ 1.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from generator.factbase.checked import load_checked
from generator.model.coverage import audit
from generator.model.report import build_report
from tests.conftest import MINI, make_project, mkdocs_build

PUBLISHERS = """\
# yaml-language-server: $schema=schema/publisher.schema.json
publishers:
  - id: example-wire
    name: Example Wire
    organisation: Example Wire Group
    kind: wire
  - id: beispielzeitung
    name: Beispielzeitung
    country: DE
    kind: independent-media
  - id: example-mirror
    name: Example Mirror
    kind: aggregator
    copies: true
  - id: state-agency
    name: State Agency
    organisation: State Media Holding
    country: RU
    kind: state-media
  - id: state-channel
    name: State Channel
    organisation: State Media Holding
    country: RU
    kind: state-media
  - id: ministry
    name: Ministry
    organisation: Government of Testland
    country: KZ
    kind: official
"""

NEW_SOURCES = {
    "mirror-copy": ("Example Mirror", "Example Wire", "en"),
    "mirror-own": ("Example Mirror", None, "en"),
    "agency-one": ("State Agency", None, "ru"),
    "channel-one": ("State Channel", None, "ru"),
    "ministry-one": ("Ministry", None, "kk"),
}

CITES = {
    "events/2022-01-02-first-rally.yml": ["wire-one", "paper-two"],
    "events/2022-01-12-second-event.yml": ["agency-one", "channel-one"],
    "events/2022-03-01-follow.yml": ["wire-one", "mirror-copy"],
    "figures/deaths-2022-01-09-police.yml": ["ministry-one"],
    "figures/deaths-2022-01-15-union.yml": ["mirror-own"],
    "reactions/2022-01-06-far-union.yml": ["paper-two", "agency-one"],
    "measures/curfew-testville.yml": ["ministry-one", "channel-one"],
}


def _cite(path: Path, source_ids: list[str]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("sources:")
    end = start + 1
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    lines[start + 1 : end] = [f"  - {source_id}" for source_id in source_ids]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _set_confidence(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert f"confidence: {old}\n" in text
    path.write_text(text.replace(f"confidence: {old}\n", f"confidence: {new}\n"), encoding="utf-8")


def with_register_and_sources(content: Path) -> None:
    """The publishers register and the sources whose voices the coverage tests count, cited as in CITES."""
    (content / "publishers.yml").write_text(PUBLISHERS, encoding="utf-8")
    for source_id, (publisher, via, language) in NEW_SOURCES.items():
        (content / "sources" / f"{source_id}.yml").write_text(
            "# yaml-language-server: $schema=../schema/source.schema.json\n"
            f"id: {source_id}\ntitle: Story {source_id}\npublisher: {publisher}\n"
            f"url: https://example.com/{source_id}\nlanguage: {language}\naccessed: 2026-11-24\ntype: news\n"
            + (f"via: {via}\n" if via else ""),
            encoding="utf-8",
        )
    for name, source_ids in CITES.items():
        _cite(content / name, source_ids)


@pytest.fixture(scope="module")
def counted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("coverage") / "content"
    shutil.copytree(MINI, content)
    with_register_and_sources(content)
    _set_confidence(content / "events/2022-01-02-first-rally.yml", "confirmed", "reported")
    _set_confidence(content / "events/2022-01-12-second-event.yml", "reported", "confirmed")
    return content


def test_audit_numbers_match_the_hand_count(counted: Path) -> None:
    result = audit(build_report(load_checked(counted)))
    overall = result.overall
    assert (overall.total, overall.several, overall.single) == (7, 3, 4)
    assert (overall.official_only, overall.state_media_only, overall.aggregator_only) == (1, 1, 1)
    events = result.tallies[0]
    assert (
        events.label,
        events.total,
        events.several,
        events.single,
        events.official_only,
        events.state_media_only,
        events.aggregator_only,
    ) == ("Events", 3, 1, 2, 0, 1, 0)
    assert [(s.record.id, reason) for s, reason in result.disagreements] == [
        ("2022-01-02-first-rally", "reported-several"),
        ("2022-01-12-second-event", "confirmed-single"),
    ]
    assert dict(result.by_kind) == {"wire": 2, "state-media": 2, "independent-media": 1, "aggregator": 1, "official": 1}
    assert result.by_language == [("en", 3), ("ru", 2), ("de", 1), ("kk", 1)]
    assert result.by_country == [("—", 3), ("RU", 2), ("DE", 1), ("KZ", 1)]
    assert (result.publishers, result.organisations) == (6, 5)


@pytest.fixture(scope="module")
def site(counted: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("coverage-site"), content=counted)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _text(html: str) -> str:
    html = html[html.index("<article") : html.index("</article>")]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_page_shows_the_hand_counted_rows(site: Path) -> None:
    text = _text((site / "sources" / "coverage" / "index.html").read_text(encoding="utf-8"))
    assert "All records 7 3 (43 %) 4 (57 %) 1 (14 %) 1 (14 %) 1 (14 %)" in text
    assert "Events 3 1 (33 %) 2 (67 %) 0 (0 %) 1 (33 %) 0 (0 %)" in text
    assert "2 events: confirmed with fewer than two" in text
    assert "State media 2" in text and "Official 1" in text
    assert "international or not established 3" in text


def test_page_is_in_the_navigation_under_about(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="sources/coverage/"[^>]*>\s*(<span[^>]*>)?\s*Source coverage', home)


def test_each_event_shows_its_confidence_as_a_badge_linking_to_the_definition(site: Path) -> None:
    pages = "".join(p.read_text(encoding="utf-8") for p in (site / "timeline").rglob("index.html"))
    badges = re.findall(r'<a class="confidence-badge confidence-(\w+)" href="([^"]+)" title="([^"]+)">(\w+)</a>', pages)
    assert {(level, label) for level, _, _, label in badges} == {("confirmed", "Confirmed"), ("reported", "Reported")}
    assert all(href.endswith("data/#vocabulary-confidence") for _, href, _, _ in badges)
    assert any(title.startswith("Confirmed: Reported by at least two independent sources") for _, _, title, _ in badges)
