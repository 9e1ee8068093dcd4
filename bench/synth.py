"""Deterministic synthetic fact bases of any size, written in the real record format.

Sizes grow in proportion to the number of events; every record validates, every reference
resolves, so the benchmark exercises the same paths as the real report.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from generator.factbase.loader import read_vocabularies
from generator.factbase.models import Actor, Event, Figure, Measure, Place, Reaction, Source
from generator.factbase.schema import modeline

ROOT = Path(__file__).resolve().parent.parent
START = date(2022, 1, 1)
DAYS = 31
WORDS = [
    "protest",
    "rally",
    "police",
    "square",
    "akimat",
    "fuel",
    "price",
    "curfew",
    "detained",
    "statement",
    "minister",
    "city",
    "region",
    "airport",
    "convoy",
    "internet",
    "outage",
    "talks",
    "troops",
    "withdrawal",
    "decree",
    "commission",
]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _write(folder: Path, model: type, record_id: str, lines: list[str]) -> None:
    (folder / f"{record_id}.yml").write_text(
        "\n".join([modeline(model), f"id: {record_id}", *lines]) + "\n", encoding="utf-8"
    )


def write_fact_base(content: Path, events: int, seed: int = 2022) -> dict[str, int]:
    rng = random.Random(seed)
    counts = {
        "events": events,
        "places": max(15, events // 50),
        "actors": max(30, events // 20),
        "sources": max(20, events // 2),
        "reactions": max(10, events // 4),
        "figures": max(10, events // 10),
        "measures": max(5, events // 40),
    }
    for folder in counts:
        (content / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content" / "report.yml", content / "report.yml")
    shutil.copy(ROOT / "content" / "vocabularies.yml", content / "vocabularies.yml")
    vocabularies = read_vocabularies(content)
    Category, Confidence, Channel, Stance, MeasureKind = (
        vocabularies[name] for name in ("category", "confidence", "channel", "stance", "measure_kind")
    )
    for n in range(counts["sources"]):
        _write(
            content / "sources",
            Source,
            f"source-{n}",
            [
                f"title: Synthetic report number {n}",
                "publisher: Synthetic Wire",
                f"url: https://news.example.org/{n}",
                "language: en",
                f"published: {START + timedelta(days=n % DAYS)}",
                "accessed: 2026-11-24",
                "type: wire",
            ],
        )
    for n in range(counts["places"]):
        _write(
            content / "places",
            Place,
            f"place-{n}",
            [
                f"name: Place {n}",
                f"latitude: {42 + (n * 7919 % 1200) / 100:.2f}",
                f"longitude: {50 + (n * 104729 % 3500) / 100:.2f}",
            ],
        )
    kinds = ["state", "government-body", "international-organisation", "ngo"]
    for n in range(counts["actors"]):
        _write(content / "actors", Actor, f"actor-{n}", [f"name: Actor {n}", f"type: {kinds[n % len(kinds)]}"])
    source_ids = [f"source-{n}" for n in range(counts["sources"])]
    for n in range(counts["events"]):
        day = START + timedelta(days=n * DAYS // counts["events"])
        _write(
            content / "events",
            Event,
            f"event-{n}",
            [
                f"date: {day}",
                f"title: {_text(rng, 6)}",
                f"summary: {_text(rng, 30)}",
                f"category: {rng.choice(list(Category)).value}",
                "places:",
                f"  - place-{rng.randrange(counts['places'])}",
                "actors:",
                f"  - actor-{rng.randrange(counts['actors'])}",
                f"confidence: {rng.choice(list(Confidence)).value}",
                "sources:",
                f"  - {rng.choice(source_ids)}",
                f"  - {rng.choice(source_ids)}"
                if n % 2
                else f"  - source: {rng.choice(source_ids)}\n    locator: paragraph 2",
            ],
        )
    for n in range(counts["reactions"]):
        _write(
            content / "reactions",
            Reaction,
            f"reaction-{n}",
            [
                f"date: {START + timedelta(days=rng.randrange(DAYS))}",
                f"actor: actor-{rng.randrange(counts['actors'])}",
                f"channel: {rng.choice(list(Channel)).value}",
                f"stance: {rng.choice(list(Stance)).value}",
                f"summary: {_text(rng, 20)}",
                "quote:",
                f"  text: {_text(rng, 12)}",
                "  language: ru",
                f"  translation: {_text(rng, 12)}",
                "sources:",
                f"  - {rng.choice(source_ids)}",
            ],
        )
    metrics = ["deaths", "detentions", "injured", "troops-deployed"]
    for n in range(counts["figures"]):
        _write(
            content / "figures",
            Figure,
            f"figure-{n}",
            [
                f"metric: {metrics[n % len(metrics)]}",
                f"value: {rng.randrange(10, 10000)}",
                f"as_of: {START + timedelta(days=rng.randrange(DAYS))}",
                f"reported_by: actor-{rng.randrange(counts['actors'])}",
                "sources:",
                f"  - {rng.choice(source_ids)}",
            ],
        )
    for n in range(counts["measures"]):
        start = START + timedelta(days=rng.randrange(DAYS - 5))
        _write(
            content / "measures",
            Measure,
            f"measure-{n}",
            [
                f"type: {rng.choice(list(MeasureKind)).value}",
                f"title: {_text(rng, 5)}",
                f"start: {start}",
                f"end: {start + timedelta(days=rng.randrange(1, 5))}",
                "places:",
                f"  - place-{rng.randrange(counts['places'])}",
                f"decided_by: actor-{rng.randrange(counts['actors'])}",
                "sources:",
                f"  - {rng.choice(source_ids)}",
            ],
        )
    return counts


def write_project(target: Path, events: int) -> Path:
    """A complete MkDocs project (config, templates, stub pages) around a synthetic fact base."""
    if target.exists():
        shutil.rmtree(target)
    write_fact_base(target / "content", events)
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini-pages", target / "content" / "pages")
    shutil.copytree(ROOT / "content" / "pages" / "assets", target / "content" / "pages" / "assets")
    if (ROOT / "content" / "geo").is_dir():
        shutil.copytree(ROOT / "content" / "geo", target / "content" / "geo")
    shutil.copytree(ROOT / "templates", target / "templates")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target
