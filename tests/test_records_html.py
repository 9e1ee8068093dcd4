"""Long chapters without JavaScript: every record is on its page with the data its filter reads,
and each chapter ends with exactly the sources it cites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.factbase.checked import load_checked
from generator.factbase.citations import hand_written_citations
from generator.factbase.models import Actor, Source
from generator.model.report import Report, build_report

from .conftest import ROOT

_CITATION = re.compile(r"(?:^|/)sources/#source-([a-z0-9-]+)$")


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(load_checked(ROOT / "content"))


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def _records(soup: BeautifulSoup, kind: str) -> dict[str, Tag]:
    """Each record of the page by its anchor: the marker carrying `data-record` holds or is it."""
    found = {}
    for marker in soup.select(f"article [data-record={kind}]"):
        anchored = marker if marker.get("id") else marker.find(id=re.compile(f"^{kind}-"))
        assert anchored is not None, marker
        found[anchored["id"]] = marker
    return found


def _values(marker: Tag, key: str) -> set[str]:
    return set(str(marker.get(f"data-{key}", "")).split())


def test_every_event_is_on_its_timeline_page_with_its_filter_data(real_site: Path, report: Report) -> None:
    for page in report.timeline:
        soup = _page(real_site, f"timeline/{page.slug}/index.html")
        records = _records(soup, "event")
        assert set(records) == {f"event-{e.id}" for e in page.events}
        for event in page.events:
            marker = records[f"event-{event.id}"]
            assert _values(marker, "day") == {event.start.isoformat()}
            assert _values(marker, "category") == {event.category.value}
            assert _values(marker, "confidence") == {event.confidence.value}
            assert _values(marker, "place") == set(event.places)
            assert _values(marker, "actor") == set(event.actors)
        if page.events:
            assert soup.select_one("article form.record-filter[hidden]") is not None


def test_every_reaction_is_on_the_page_with_stances_region_and_kind(real_site: Path, report: Report) -> None:
    soup = _page(real_site, "reactions/index.html")
    records = _records(soup, "reaction")
    assert set(records) == {f"reaction-{x.id}" for x in report.reactions}
    for reaction in report.reactions:
        marker = records[f"reaction-{reaction.id}"]
        actor = report.by_id[reaction.actor]
        assert isinstance(actor, Actor)
        assert _values(marker, "stance") == {reaction.stance.value, *(s.value for s in reaction.also)}
        assert _values(marker, "region") == {actor.region.value if actor.region else "none"}
        assert _values(marker, "kind") == {actor.type.value}


def test_every_figure_is_on_the_page_with_metric_and_reporter(real_site: Path, report: Report) -> None:
    records = _records(_page(real_site, "figures/index.html"), "figure")
    assert set(records) == {f"figure-{f.id}" for f in report.figures}
    for figure in report.figures:
        marker = records[f"figure-{figure.id}"]
        assert _values(marker, "metric") == {figure.metric.value}
        assert _values(marker, "reporter") == {figure.reported_by}


def test_every_source_is_on_the_page_with_kind_language_publisher_and_citers(real_site: Path, report: Report) -> None:
    soup = _page(real_site, "sources/index.html")
    records = _records(soup, "source")
    assert set(records) == {f"source-{s.id}" for s in report.sources}
    in_pages = hand_written_citations(ROOT / "content" / "pages", ROOT / "content" / "fragments")
    publisher_of_option = {o["value"]: o.get_text() for o in soup.select("select[name=publisher] option") if o["value"]}
    for source in report.sources:
        marker = records[f"source-{source.id}"]
        assert _values(marker, "kind") == {source.type.value}
        assert _values(marker, "language") == {source.language}
        assert publisher_of_option[str(marker["data-publisher"])] == source.publisher
        citing = {record.kind for record in report.cited_by.get(source.id, [])}
        if source.id in in_pages:
            citing.add("pages")
        assert _values(marker, "cites") == (citing or {"none"})


def test_long_chapters_group_their_records_in_closed_sections_with_counts(real_site: Path) -> None:
    for path in ("sources/index.html", "reactions/index.html", "figures/index.html", "timeline/escalation/index.html"):
        soup = _page(real_site, path)
        groups = soup.select("article details.record-group__records")
        assert groups, path
        assert all(not group.has_attr("open") for group in groups), path
        assert all(re.search(r"\d", group.summary.get_text()) for group in groups), path


GENERATED_PAGES = [
    "timeline/escalation/index.html",
    "timeline/protests/index.html",
    "reactions/index.html",
    "figures/index.html",
    "measures/index.html",
    "index.html",
    "places/almaty/index.html",
    "actors/tokayev/index.html",
    "actors/akorda/index.html",
    "sources/index.html",
]


@pytest.mark.parametrize("path", GENERATED_PAGES)
def test_a_chapter_ends_with_exactly_the_sources_it_cites_numbered_as_the_bibliography(
    real_site: Path, report: Report, path: str
) -> None:
    soup = _page(real_site, path)
    article = soup.select_one("article")
    assert article is not None
    references = article.select("p.reference")
    cited = set()
    for link in article.select("a[href]"):
        match = _CITATION.search(str(link["href"]))
        if match and not link.find_parent(class_="reference"):
            cited.add(match[1])
    listed = [str(p["id"]).removeprefix("ref-") for p in references]
    assert bool(cited) == (path not in ("places/almaty/index.html", "sources/index.html"))
    assert set(listed) == cited
    assert len(listed) == len(cited)
    numbers = [report.source_number[source_id] for source_id in listed]
    assert numbers == sorted(numbers)
    for paragraph, source_id in zip(references, listed, strict=True):
        source = report.by_id[source_id]
        assert isinstance(source, Source)
        assert paragraph.get_text().startswith(f"[{report.source_number[source_id]}] ")
        assert paragraph.a is not None and _CITATION.search(str(paragraph.a["href"]))
    assert (article.find(id="references") is not None) == bool(cited)
