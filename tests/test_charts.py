"""Charts: every chart renders from small, empty and real data; output is reproducible; the cache
serves unchanged charts without importing matplotlib; alt texts state the numbers drawn."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.charts import Chart, palette, render_charts
from generator.charts.cache import SvgCache
from generator.charts.dates import ticks
from generator.charts.geo import Box, _clip
from generator.factbase import vocab
from generator.factbase.loader import Loaded, read_vocabularies
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
    Scope,
    Source,
    TimelinePhase,
)
from generator.model.report import Report, build_report

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
# Also in the subprocesses that import this module without conftest.
vocab.activate(read_vocabularies(CONTENT))
TESTS = Path(__file__).resolve().parent
ALWAYS = {
    "events-per-day",
    "map",
    "measures",
    "reactions",
    "reactions-by-stance",
    "troops-by-contingent",
    "events-by-region",
}


def info() -> ReportInfo:
    return ReportInfo(
        title="Test report",
        period=Period(start="2022-01-01", end="2022-01-31"),
        phases=[TimelinePhase(id="all", title="All", start="2022-01-01", end="2022-01-31")],
        updated="2022-02-01",
        home_country="KZ",
        outside_home={"en": "Outside Kazakhstan"},
        map=YAML(typ="safe", pure=True).load((CONTENT / "report.yml").read_text(encoding="utf-8"))["map"],
    )


def make_report(*records: Record) -> Report:
    folders: dict[str, list[Record]] = {kind: [] for kind in RECORD_TYPE_BY_FOLDER}
    for record in records:
        folders[record.kind].append(record)
    return build_report(Loaded(info(), folders, origins={}, diagnostics=[]))


def source(n: int) -> Source:
    return Source(
        id=f"s{n}",
        title=f"Source {n}",
        publisher=f"Publisher {n}",
        url=f"https://example.org/{n}",
        language="en",
        accessed="2022-02-01",
        type="news",
    )


def event(id: str, day: str, category: str, places: list[str] | None = None, **extra: Any) -> Event:
    return Event(
        id=id,
        date=day,
        title=id,
        summary="s",
        category=category,
        places=places or [],
        confidence="reported",
        sources=extra.pop("sources", ["s1"]),
        **extra,
    )


def base() -> list[Record]:
    return [
        source(1),
        source(2),
        source(3),
        Actor(id="gov", name="Government of Kazakhstan", short_name="Government", type="government-body"),
        Actor(id="moh", name="Ministry of Health", type="government-body"),
        Actor(id="ngo", name="Watchdog", type="ngo"),
        Actor(id="eu", name="European Union", short_name="EU", type="international-organisation"),
        Actor(id="us", name="United States", type="state"),
        Actor(id="csto", name="CSTO", type="international-organisation"),
        Place(id="almaty", name="Almaty", region="Almaty", latitude=43.24, longitude=76.89),
        Place(id="aktau", name="Aktau", region="Mangystau Region", latitude=43.65, longitude=51.17),
        Place(id="zhanaozen", name="Zhanaozen", region="Mangystau Region", latitude=43.34, longitude=52.86),
        Place(id="moscow", name="Moscow", country="RU", latitude=55.75, longitude=37.62),
    ]


def small_report() -> Report:
    return make_report(
        *base(),
        event("e1", "2022-01-05", "clash", ["almaty"], sources=["s2"]),
        event("e2", "2022-01-05", "clash", ["almaty"]),
        event("e3", "2022-01-05", "protest", ["aktau", "zhanaozen"]),
        event("e4", "2022-01-06", "protest", ["almaty"]),
        event("e5", "2022-01-07", "security-operation", ["moscow"], end="2022-01-09"),
        event("e6", "2021-12-20", "protest", ["zhanaozen"], phase="background"),
        event("e7", "2022-01", "legal", precision="month"),
        Figure(id="d1", metric="deaths", value=26, as_of="2022-01-08", reported_by="moh", sources=["s1"]),
        Figure(id="d2", metric="deaths", value=164, as_of="2022-01-09", reported_by="moh", sources=["s1"]),
        Figure(id="d3", metric="deaths", min=200, max=250, as_of="2022-01-12", reported_by="ngo", sources=["s2"]),
        Figure(
            id="d4",
            metric="deaths",
            value=238,
            as_of="2022-08-24",
            phase="follow-up",
            reported_by="gov",
            sources=["s3"],
        ),
        Figure(
            id="d5",
            metric="deaths",
            value=103,
            partial=True,
            as_of="2022-01-09",
            reported_by="moh",
            scope=Scope(places=["almaty"]),
            sources=["s3"],
        ),
        Figure(
            id="i1",
            metric="injured",
            value=40,
            partial=True,
            as_of="2022-01-09",
            reported_by="moh",
            scope=Scope(group="police"),
            sources=["s1"],
        ),
        Figure(id="t1", metric="detentions", min=5000, as_of="2022-01-09", reported_by="gov", sources=["s1"]),
        Figure(id="t2", metric="detentions", value=9900, as_of="2022-01-13", reported_by="gov", sources=["s1"]),
        Figure(id="c1", metric="troops-deployed", value=2030, as_of="2022-01-09", reported_by="csto", sources=["s1"]),
        Figure(
            id="c2",
            metric="troops-deployed",
            value=1500,
            as_of="2022-01-10",
            reported_by="csto",
            scope=Scope(group="Russia"),
            sources=["s1"],
        ),
        Figure(
            id="c3",
            metric="troops-deployed",
            value=500,
            as_of="2022-01-10",
            reported_by="csto",
            scope=Scope(group="Belarus"),
            sources=["s1"],
        ),
        Figure(
            id="c4",
            metric="troops-deployed",
            value=100,
            as_of="2022-01-07",
            reported_by="csto",
            scope=Scope(group="Armenia"),
            sources=["s1"],
        ),
        Figure(
            id="c5",
            metric="troops-deployed",
            value=70,
            as_of="2022-01-12",
            reported_by="csto",
            scope=Scope(group="Armenia"),
            sources=["s1"],
        ),
        Measure(
            id="m1",
            type="state-of-emergency",
            title="State of emergency",
            start="2022-01-05",
            end="2022-01-19",
            decided_by="gov",
            sources=["s1"],
        ),
        Measure(
            id="m2",
            type="internet-shutdown",
            title="Internet shutdown",
            start="2022-01-05",
            end="2022-01-10",
            decided_by="gov",
            sources=["s1"],
        ),
        Measure(
            id="m3",
            type="use-of-force",
            title="Order to fire without warning",
            start="2022-01-07",
            decided_by="gov",
            sources=["s1"],
        ),
        Measure(
            id="m4",
            type="price-cap",
            title="Fuel price cap",
            start="2022-01-04",
            end="2022-07-04",
            decided_by="gov",
            sources=["s1"],
        ),
        Reaction(
            id="r1",
            date="2022-01-05",
            actor="eu",
            channel="statement",
            stance="calls-for-restraint",
            summary="x",
            sources=["s1"],
        ),
        Reaction(
            id="r2",
            date="2022-01-05",
            actor="us",
            channel="statement",
            stance="calls-for-restraint",
            summary="x",
            sources=["s1"],
        ),
        Reaction(
            id="r3",
            date="2022-01-07",
            actor="eu",
            channel="statement",
            stance="criticises-crackdown",
            summary="x",
            sources=["s2"],
        ),
        Reaction(
            id="r4",
            date="2022-01-07",
            actor="us",
            channel="statement",
            stance="expresses-concern",
            summary="x",
            sources=["s1"],
        ),
        Reaction(
            id="r5",
            date="2022-03-01",
            actor="ngo",
            channel="report",
            stance="criticises-crackdown",
            summary="x",
            phase="follow-up",
            sources=["s3"],
        ),
    )


@pytest.fixture(scope="module")
def small() -> dict[str, Chart]:
    charts, rendered = render_charts(small_report(), CONTENT, None)
    assert rendered == len(charts)
    return {chart.name: chart for chart in charts}


def digest(charts: list[Chart]) -> str:
    return hashlib.sha256(b"".join(c.name.encode() + c.svg_light + c.svg_dark + c.data_csv for c in charts)).hexdigest()


def assert_well_formed(chart: Chart) -> None:
    for svg in (chart.svg_light, chart.svg_dark):
        assert svg.startswith(b"<?xml") and b"<svg" in svg and svg.rstrip().endswith(b"</svg>")
        assert b"<text" not in svg, "text must be drawn as paths"
    assert chart.svg_light != chart.svg_dark
    assert chart.data_csv.splitlines()[0]
    assert chart.alt and chart.caption and chart.title


def test_small_report_draws_every_chart(small: dict[str, Chart]) -> None:
    assert set(small) == ALWAYS | {"figures-deaths", "figures-detentions", "figures-injured", "figures-troops-deployed"}
    for chart in small.values():
        assert_well_formed(chart)
        assert chart.source_ids, chart.name
    assert next(iter(small)) == "events-per-day"


def test_alt_texts_state_the_numbers_drawn(small: dict[str, Chart]) -> None:
    assert small["events-per-day"].alt == (
        "Bar chart of 5 events per day from 1 to 31 January 2022, stacked by category; the busiest day is "
        "5 January 2022 with 3 events (2 clashes and 1 protest)."
    )
    assert "not drawn" in small["events-per-day"].caption  # the month-only event
    assert small["map"].alt.startswith("Map of Kazakhstan and its neighbours marking 5 events at 3 places")
    assert "the most were in Almaty (3), Zhanaozen (2) and Aktau (1)" in small["map"].alt
    assert "Not on the map: Moscow (1)." in small["map"].alt
    deaths = small["figures-deaths"].alt
    assert "4 reported totals for deaths from 3 reporters from 8 January to 24 August 2022" in deaths
    assert (
        "1 partial value (one place or one group) is listed in the table but not drawn"
        in small["figures-deaths"].caption
    )
    assert small["figures-injured"].alt.startswith(
        "Chart of 1 reported partial value for injured from 1 reporter on 9 January 2022"
    )
    assert "the lowest is 26 (Ministry of Health, 8 January 2022)" in deaths
    assert "the highest 200–250 (Watchdog, 12 January 2022)" in deaths
    assert "the latest is 238 (Government, 24 August 2022)" in deaths
    assert "logarithmic" not in small["figures-detentions"].alt
    assert "at least 5,000" in small["figures-detentions"].alt
    assert small["measures"].alt.startswith("Timeline of 4 measures starting from 4 to 7 January 2022")
    assert "the longest with a known end, Fuel price cap, lasted 182 days" in small["measures"].alt
    assert "1 measure has no known end and is drawn to 31 January 2022" in small["measures"].alt
    assert small["reactions"].alt.startswith("Dot chart of 4 reactions by 2 actors from 5 to 7 January 2022")
    assert "1 reaction outside the report's period" in small["reactions"].caption
    assert small["reactions-by-stance"].alt == (
        "Bar chart of 5 reactions by main stance: calls for restraint or dialogue 2, criticises the crackdown 2 "
        "and expresses concern 1."
    )
    troops = small["troops-by-contingent"].alt
    assert "each of 3 contingents: Russia 1,500 (CSTO, 10 January 2022), Belarus 500" in troops
    assert "Armenia 70 (CSTO, 12 January 2022)" in troops
    assert "The latest total reported is 2,030" in troops
    assert "Almaty 3, Mangystau Region 2 and Outside Kazakhstan 1" in small["events-by-region"].alt


def test_chart_data_is_exported_as_csv(small: dict[str, Chart]) -> None:
    rows = small["events-per-day"].data_csv.decode().splitlines()
    assert rows[0].startswith("date,total,protest,clash,")
    assert len(rows) == 1 + 31
    assert rows[5].startswith("2022-01-05,3,1,2,")
    assert 'Russia,1500,"1,500",2022-01-10,csto,1500,1500,1' in small["troops-by-contingent"].data_csv.decode()


def test_source_ids_are_those_of_the_records_drawn(small: dict[str, Chart]) -> None:
    assert small["reactions"].source_ids == ["s1", "s2"]  # r5, citing s3, is outside the period
    assert small["reactions-by-stance"].source_ids == ["s1", "s2", "s3"]
    assert small["figures-deaths"].source_ids == ["s1", "s2", "s3"]
    assert "d5" not in small["figures-deaths"].data_csv.decode()


def test_two_renders_give_identical_bytes(small: dict[str, Chart]) -> None:
    again, _ = render_charts(small_report(), CONTENT, None)
    assert digest(again) == digest(list(small.values()))


def test_renders_are_identical_across_processes(small: dict[str, Chart]) -> None:
    script = textwrap.dedent(f"""
        import hashlib, sys
        from pathlib import Path
        sys.path.insert(0, {str(TESTS)!r})
        from test_charts import digest, small_report, CONTENT
        from generator.charts import render_charts
        print(digest(render_charts(small_report(), CONTENT, None)[0]))
    """)
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == digest(list(small.values()))


def test_cache_serves_unchanged_charts_and_renders_changed_ones(tmp_path: Path) -> None:
    report = small_report()
    first, rendered = render_charts(report, CONTENT, tmp_path)
    assert rendered == len(first)
    second, rendered = render_charts(small_report(), CONTENT, tmp_path)
    assert rendered == 0
    assert digest(second) == digest(first)

    changed = make_report(
        *[r for r in _records(report) if r.id != "e4"], event("e4", "2022-01-06", "economy", ["almaty"])
    )
    third, rendered = render_charts(changed, CONTENT, tmp_path)
    # The category of one event is drawn by these two charts only; the map counts places.
    assert rendered == 2
    assert {c.name for c, old in zip(third, first, strict=True) if c.svg_light != old.svg_light} == {
        "events-per-day",
        "events-by-region",
    }
    assert len(list(tmp_path.glob("events-per-day-*.svg"))) == 2, "the old version's files are removed"


def test_matplotlib_is_not_imported_when_every_chart_is_cached(tmp_path: Path) -> None:
    charts, _ = render_charts(small_report(), CONTENT, tmp_path)
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        sys.path.insert(0, {str(TESTS)!r})
        from test_charts import small_report, CONTENT
        import generator.charts
        assert "matplotlib" not in sys.modules, "imported by generator.charts"
        charts, rendered = generator.charts.render_charts(small_report(), CONTENT, Path({str(tmp_path)!r}))
        print(rendered, len(charts), "matplotlib" in sys.modules)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.split() == ["0", str(len(charts)), "False"]


def _records(report: Report) -> list[Record]:
    return [
        *report.sources,
        *report.actors,
        *report.places,
        *report.events,
        *report.reactions,
        *report.figures,
        *report.measures,
    ]


EDGE_CASES: dict[str, list[Record]] = {
    "empty": [],
    "one event": [source(1), event("e1", "2022-01-05", "protest")],
    "one placed event": [
        source(1),
        Place(id="p", name="Taraz", latitude=42.9, longitude=71.37),
        event("e1", "2022-01-31", "clash", ["p"]),
    ],
    "only a place abroad": [
        source(1),
        Place(id="m", name="Moscow", country="RU", latitude=55.75, longitude=37.62),
        event("e1", "2022-01-05", "international", ["m"]),
    ],
    "only month-precision events": [source(1), event("e1", "2022-01", "legal", precision="month")],
    "one figure": [
        source(1),
        Actor(id="a", name="A", type="ngo"),
        Figure(id="f", metric="injured", value=12, as_of="2022-01-10", reported_by="a", sources=["s1"]),
    ],
    "zero and thousands": [
        source(1),
        Actor(id="a", name="A", type="ngo"),
        Figure(id="f1", metric="deaths", value=0, as_of="2022-01-05", reported_by="a", sources=["s1"]),
        Figure(id="f2", metric="deaths", value=4000, as_of="2022-01-06", reported_by="a", sources=["s1"]),
        Figure(id="f3", metric="deaths", max=50, as_of="2022-01-06", reported_by="a", sources=["s1"]),
    ],
    "all zero": [
        source(1),
        Actor(id="a", name="A", type="ngo"),
        Figure(
            id="f1",
            metric="troops-deployed",
            value=0,
            as_of="2022-01-05",
            reported_by="a",
            scope=Scope(group="X"),
            sources=["s1"],
        ),
    ],
    "only a follow-up reaction": [
        source(1),
        Actor(id="a", name="A", type="state"),
        Reaction(
            id="r",
            date="2022-02-10",
            actor="a",
            channel="call",
            stance="neutral",
            summary="x",
            phase="follow-up",
            sources=["s1"],
        ),
    ],
    "one open measure after the period": [
        source(1),
        Actor(id="a", name="A", type="state"),
        Measure(
            id="m",
            type="amnesty",
            title="Amnesty",
            start="2022-03-15",
            phase="follow-up",
            decided_by="a",
            sources=["s1"],
        ),
    ],
}


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("case", list(EDGE_CASES))
def test_edge_cases_render_without_error(case: str) -> None:
    charts, rendered = render_charts(make_report(*EDGE_CASES[case]), CONTENT, None)
    assert rendered == len(charts) and {c.name for c in charts} >= ALWAYS
    for chart in charts:
        assert_well_formed(chart)


def test_empty_report_says_there_is_no_data() -> None:
    charts, _ = render_charts(make_report(), CONTENT, None)
    by_name = {c.name: c for c in charts}
    assert set(by_name) == ALWAYS
    assert "No events" in by_name["events-per-day"].alt
    assert all(c.source_ids == [] for c in charts)


def test_tiny_figures_report_draws_one_chart_per_metric() -> None:
    charts, _ = render_charts(make_report(*EDGE_CASES["zero and thousands"]), CONTENT, None)
    deaths = next(c for c in charts if c.name == "figures-deaths")
    assert deaths.alt.startswith("Chart of 3 reported totals for deaths from 1 reporter from 5 to 6 January 2022")
    assert (
        "on a logarithmic scale; the lowest is 0 (A, 5 January 2022) and the highest 4,000 (A, 6 January 2022)"
        in deaths.alt
    )
    assert "('up to')" in deaths.caption
    assert "f3,2022-01-06,a,A,,,50," in deaths.data_csv.decode()


def test_real_content_renders_every_chart(tmp_path: Path) -> None:
    if not any((CONTENT / "events").glob("*.y*ml")):
        pytest.skip("content/events is still empty")
    from generator.factbase.checked import load_checked

    report = build_report(load_checked(CONTENT))
    charts, rendered = render_charts(report, CONTENT, tmp_path)
    assert rendered == len(charts) and {c.name for c in charts} >= ALWAYS
    for chart in charts:
        assert_well_formed(chart)
    assert render_charts(report, CONTENT, tmp_path)[1] == 0


def test_every_vocabulary_member_has_a_readable_colour_on_both_backgrounds() -> None:
    vocabularies = vocab.active()
    assert vocabularies is not None
    for vocabulary in (vocabularies["category"], vocabularies["stance"], vocabularies["measure_kind"]):
        for background in (palette.LIGHT_BACKGROUND, palette.DARK_BACKGROUND):
            shaded = [palette.colour(member, background) for member in vocabulary]
            assert len(set(shaded)) == len(shaded)
            assert all(palette.contrast(c, background) >= palette.MIN_CONTRAST for c in shaded)
    for background in (palette.LIGHT_BACKGROUND, palette.DARK_BACKGROUND):
        assert all(palette.contrast(palette.reporter_colour(i, background), background) >= 3 for i in range(8))


def test_outlines_are_cut_to_the_frame() -> None:
    square = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]
    clipped = _clip(square, Box(west=5, south=-1, east=20, north=5))
    assert sorted(map(tuple, clipped)) == [(5.0, 0.0), (5.0, 5.0), (10.0, 0.0), (10.0, 5.0)]
    assert _clip(square, Box(west=20, south=20, east=30, north=30)) == []


def test_time_ticks_are_few_and_readable() -> None:
    from datetime import date

    january = ticks(date(2022, 1, 1), 0, 30)
    assert [label for _, label in january] == ["1 Jan", "8 Jan", "15 Jan", "22 Jan", "29 Jan"]
    months = ticks(date(2022, 1, 1), 0, 240)
    assert len(months) <= 5 and months[0][1] == "Jan 2022"


def test_cache_ignores_a_half_written_variant(tmp_path: Path) -> None:
    cache = SvgCache(tmp_path)
    cache.store("x", "0" * 64, (b"light", b"dark"))
    assert cache.load("x", "0" * 64) == (b"light", b"dark")
    (tmp_path / f"x-{'0' * 64}.dark.svg").unlink()
    assert cache.load("x", "0" * 64) is None
    assert SvgCache(None).load("x", "0" * 64) is None


def test_measures_chart_stays_bounded_for_large_reports() -> None:
    from generator.charts.catalogue import plan_charts
    from generator.charts.measures import MAX_ROWS
    from generator.factbase.models import Actor

    measures = [
        Measure(
            id=f"m{n}",
            type="curfew",
            title=f"Measure {n}",
            start=f"2022-01-{1 + n % 28:02d}",
            decided_by="a1",
            sources=["s1"],
        )
        for n in range(MAX_ROWS + 15)
    ]
    report = make_report(source(1), Actor(id="a1", name="A", type="state"), *measures)
    plan = next(p for p in plan_charts(report, Path("content")) if p.name == "measures")
    assert len(plan.data["rows"]) == MAX_ROWS
    assert "15 more measures are listed in the table only" in plan.caption
    assert len(plan.rows) == MAX_ROWS
