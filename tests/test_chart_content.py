"""What the troops and reactions charts say: every bar names its reporter and date, totals are set
apart from single reports, and each state or organisation gets one row under a name in full."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.charts import reactions, troops
from generator.factbase.loader import load_content
from generator.factbase.models import Actor, Reaction
from generator.model.report import Report, build_report

from .test_charts import base, make_report, source

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real() -> Report:
    return build_report(load_content(ROOT / "content"))


def test_troop_bars_name_reporter_date_and_number_of_reports(real: Report) -> None:
    plan = troops.plan(real)
    bars = plan.data["bars"]
    total = bars[0]["label"].replace("\n", " ")
    assert bars[0]["total"] and total.startswith(
        "All contingents (total) 2,030: Collective Security Treaty Organization, 19 Jan"
    )
    assert "latest of 4 reports" in total
    tajik = next(bar["label"].replace("\n", " ") for bar in bars if bar["label"].startswith("Tajik"))
    assert "Ministry of Defence of Tajikistan" in tajik and "MoD" not in tajik, "abbreviations are spelled out"
    russia = next(bar for bar in bars if bar["label"].startswith("Russian contingent"))
    assert russia["label"] == "Russian contingent\n3,000: Panorama.am, 7 Jan (1 report)"
    assert not any(bar["total"] for bar in bars[1:])


def test_troop_values_are_those_of_the_figures(real: Report) -> None:
    reported = {figure.value for figure in real.figures_for("troops-deployed")}
    for bar in troops.plan(real).data["bars"]:
        assert {bar["value"], bar["lowest"], bar["highest"]} <= reported, bar


def test_troop_caption_explains_a_report_larger_than_the_total(real: Report) -> None:
    caption = troops.plan(real).caption
    assert "a total for all contingents (2,030, CSTO, 19 January 2022)" in caption
    assert "Panorama.am's 3,000 for the Russian contingent (7 January 2022) is more than that total." in caption
    assert "add up to 3,950" in caption


def test_bodies_of_a_state_share_its_row(real: Report) -> None:
    rows = reactions.timeline_plan(real).data["actors"]
    flat = [row.replace("\n", " ") for row in rows]
    assert flat.count("Russia") == 1
    assert not {"Kremlin", "Russian Foreign Ministry", "OHCHR"} & set(flat)
    assert "National Alliance of Tajikistan" in flat and "Organization of Turkic States" in flat
    assert not {"NAT", "OTS"} & set(flat)
    assert len(flat) == len(set(flat))


def test_grouping_follows_the_parent_chain_and_spells_out_abbreviations() -> None:
    report = make_report(
        *base(),
        source(9),
        Actor(id="ru", name="Russian Federation", short_name="Russia", type="state"),
        Actor(
            id="ru-mfa",
            name="Ministry of Foreign Affairs of Russia",
            short_name="Russian MFA",
            type="government-body",
            parent="ru",
        ),
        Actor(id="ru-spox", name="MFA spokesperson", type="person", parent="ru-mfa"),
        Actor(id="ots", name="Organization of Turkic States", short_name="OTS", type="international-organisation"),
        Reaction(
            id="r1",
            date="2022-01-05",
            actor="ru-mfa",
            channel="statement",
            stance="supports-government",
            summary="x",
            sources=["s1"],
        ),
        Reaction(
            id="r2",
            date="2022-01-06",
            actor="ru-spox",
            channel="statement",
            stance="supports-intervention",
            summary="x",
            sources=["s1"],
        ),
        Reaction(
            id="r3",
            date="2022-01-07",
            actor="ots",
            channel="statement",
            stance="supports-government",
            summary="x",
            sources=["s1"],
        ),
    )
    plan = reactions.timeline_plan(report)
    assert plan.data["actors"] == ["Russia", "Organization of\nTurkic States"]
    assert [point["row"] for point in plan.data["points"]] == [0, 0, 1]
    assert "Russia: MFA spokesperson and Russian MFA" in plan.caption
    assert [row[2] for row in plan.rows] == ["ru-mfa", "ru-spox", "ots"]
