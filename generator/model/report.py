"""The report model: validated records, resolved and indexed the way the chapters read them.

Built once per build from the fact base; pages and charts only read it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from generator.factbase.declaration import RecordType
from generator.factbase.loader import Loaded
from generator.factbase.models import (
    DECLARATIONS,
    Actor,
    Event,
    Figure,
    Measure,
    Place,
    Publisher,
    Reaction,
    Record,
    ReportInfo,
    Source,
    TimelinePhase,
)
from generator.factbase.vocab import Phase, Precision, Term, Vocabularies, Vocabulary, active

T = TypeVar("T")


@dataclass(frozen=True)
class TimelinePage:
    """One page of the timeline: a phase of report.yml, or the background / follow-up events."""

    slug: str
    title: str
    summary: str | None
    events: list[Event]

    @property
    def place_ids(self) -> set[str]:
        """The places its events name (the filters offer these)."""
        return {place for event in self.events for place in event.places}

    @property
    def actor_ids(self) -> set[str]:
        return {actor for event in self.events for actor in event.actors}

    @property
    def days(self) -> list[tuple[date, list[Event]]]:
        grouped: dict[date, list[Event]] = defaultdict(list)
        for event in self.events:
            grouped[event.start].append(event)
        return sorted(grouped.items())


@dataclass
class Report:
    info: ReportInfo
    sources: list[Source]
    actors: list[Actor]
    places: list[Place]
    events: list[Event]
    reactions: list[Reaction]
    figures: list[Figure]
    measures: list[Measure]
    by_id: dict[str, Record] = field(default_factory=dict)
    source_number: dict[str, int] = field(default_factory=dict)
    cited_by: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    mentions: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    members: dict[str, list[Actor]] = field(default_factory=lambda: defaultdict(list))
    timeline: list[TimelinePage] = field(default_factory=list)
    timeline_slug: dict[str, str] = field(default_factory=dict)
    publishers: list[Publisher] = field(default_factory=list)
    # Every record type's records, in the report's order, by folder (`events`... and any type declared later).
    collections: dict[str, list[Record]] = field(default_factory=dict)

    def records_of(self, folder: str) -> list[Record]:
        return self.collections[folder]

    # The report's vocabularies; None for a report assembled by hand (tests), which uses the active ones.
    vocabularies: Vocabularies | None = None

    @property
    def vocab(self) -> Vocabularies:
        vocabularies = self.vocabularies or active()
        assert vocabularies is not None, "a report needs its vocabularies"
        return vocabularies

    def vocabulary(self, name: str) -> Vocabulary:
        return self.vocab[name]

    def figures_for(self, metric: str) -> list[Figure]:
        return [f for f in self.figures if f.metric == metric]

    def totals_for(self, metric: str) -> list[Figure]:
        """The values that claim to count the whole of a metric, for spreads and charts."""
        return [f for f in self.figures if f.metric == metric and not f.partial]

    def latest_official(self, metric: str) -> Figure | None:
        """The most recent total given by an official reporter (and not flagged as a possible outlier)."""
        official = [f for f in self.totals_for(metric) if self.official(f) and not possible_outlier(f)]
        return max(official, key=lambda f: (f.as_of, f.id), default=None)

    def other_counts(self, metric: str) -> list[Figure]:
        """The latest total of each non-official reporter (media, NGOs, groups...), oldest first."""
        latest: dict[str, Figure] = {}
        for figure in sorted(self.totals_for(metric), key=lambda f: (f.as_of, f.id)):
            if not self.official(figure):
                latest[figure.reported_by] = figure
        return sorted(latest.values(), key=lambda f: (f.as_of, f.id))

    def possible_outlier(self, figure: Figure) -> bool:
        return possible_outlier(figure)

    def official(self, figure: Figure) -> bool:
        """Reported by a state, one of its bodies or officials, or an intergovernmental organisation."""
        reporter = self._actor(figure.reported_by)
        if reporter.type in _OFFICIAL_KINDS:
            return True
        return reporter.type == "person" and self.top_actor(reporter).type == "state"

    def related(self, record_id: str, kind: type[Record]) -> list[Record]:
        return [r for r in self.mentions.get(record_id, []) if isinstance(r, kind)]

    def related_others(self, record_id: str, shown: list[type[Record]]) -> list[tuple[RecordType, list[Record]]]:
        """The records that name this one, by record type, for the types a page does not show in sections of its own."""
        mentions = self.mentions.get(record_id, [])
        return [
            (declared, records)
            for declared in DECLARATIONS
            if declared.model not in shown and (records := [r for r in mentions if type(r) is declared.model])
        ]

    def stance_takers(self, stance: str | Term) -> list[StanceTaker]:
        """Who took a stance, as main or further (`also`) stance, one entry per top-level actor:
        a ministry or the Kremlin counts for its state, through the `parent` chain."""
        itself: dict[str, bool] = {}
        bodies: dict[str, set[str]] = defaultdict(set)
        for reaction in self.reactions:
            if stance == reaction.stance or stance in reaction.also:
                actor = self._actor(reaction.actor)
                top = self.top_actor(actor)
                itself[top.id] = itself.get(top.id, False) or actor is top
                if actor is not top:
                    bodies[top.id].add(actor.id)
        takers = [
            StanceTaker(self._actor(top_id), spoke, sorted((self._actor(b) for b in bodies[top_id]), key=_by_name))
            for top_id, spoke in itself.items()
        ]
        return sorted(takers, key=lambda taker: _by_name(taker.actor))

    def top_actor(self, actor: Actor) -> Actor:
        seen = {actor.id}
        while actor.parent and actor.parent not in seen and isinstance(self.by_id.get(actor.parent), Actor):
            seen.add(actor.parent)
            actor = self._actor(actor.parent)
        return actor

    def _actor(self, actor_id: str) -> Actor:
        actor = self.by_id[actor_id]
        assert isinstance(actor, Actor)
        return actor


@dataclass(frozen=True)
class StanceTaker:
    """A state or organisation that took a stance: whether it spoke itself, and which of its bodies did."""

    actor: Actor
    itself: bool
    bodies: list[Actor]


def _by_name(actor: Actor) -> tuple[str, str]:
    return ((actor.short_name or actor.name).casefold(), actor.id)


# Actor kinds whose figures count as official (the vocabularies file must declare them: `vocabfile.NAMED`).
_OFFICIAL_KINDS = frozenset({"state", "government-body", "security-force", "international-organisation"})
_OUTLIER = re.compile(r"\boutlier\b", re.I)


def possible_outlier(figure: Figure) -> bool:
    """The editors' note calls the value a (possible) outlier, as the Figures chapter shows it."""
    return bool(figure.note and _OUTLIER.search(figure.note))


def build_report(loaded: Loaded) -> Report:
    assert loaded.info is not None, "build_report needs checked content"
    r = loaded.records
    report = Report(
        info=loaded.info,
        sources=sorted(
            _typed(r["sources"], Source), key=lambda s: (s.publisher.casefold(), s.published or date.min, s.id)
        ),
        actors=sorted(_typed(r["actors"], Actor), key=lambda a: (a.name.casefold(), a.id)),
        places=sorted(_typed(r["places"], Place), key=lambda p: (p.name.casefold(), p.id)),
        events=sorted(_typed(r["events"], Event), key=event_order),
        reactions=sorted(_typed(r["reactions"], Reaction), key=lambda x: (x.date, x.actor, x.id)),
        figures=sorted(_typed(r["figures"], Figure), key=lambda f: (f.metric.value, f.as_of, f.low, f.id)),
        measures=sorted(_typed(r["measures"], Measure), key=lambda m: (m.start, m.start_time or "", m.id)),
        publishers=list(loaded.publishers or []),
        vocabularies=loaded.vocabularies,
    )
    for records in r.values():
        for record in records:
            report.by_id[record.id] = record
    for declared in DECLARATIONS:  # the types above keep their own order, the others go by date
        typed = getattr(report, declared.folder, None)
        report.collections[declared.folder] = (
            typed if isinstance(typed, list) else _in_date_order(declared, r[declared.folder])
        )
    report.source_number = {source.id: number for number, source in enumerate(report.sources, start=1)}
    for record in (record for records in report.collections.values() for record in records):
        for source_id in dict.fromkeys(c.source for c in record.citations):
            report.cited_by[source_id].append(record)
        for mentioned in _mentioned_ids(record):
            report.mentions[mentioned].append(record)
    for actor in report.actors:
        if actor.parent:
            report.members[actor.parent].append(actor)
    report.timeline = _timeline_pages(report.info.phases, report.events)
    report.timeline_slug = {event.id: page.slug for page in report.timeline for event in page.events}
    return report


_PRECISION_RANK: dict[str, int] = {precision: rank for rank, precision in enumerate(Precision)}


def event_order(event: Event) -> tuple[object, ...]:
    """Day by day; within a day the timed events by time, then those whose time is not known:
    first the ones dated to the day, then the approximately dated, each in alphabetical order of
    title (the order stated in the timeline's introduction)."""
    return (
        event.start,
        event.time is None,
        event.time or "",
        _PRECISION_RANK[event.precision],
        event.title.casefold(),
        event.id,
    )


def _typed(records: list[Record], kind: type[T]) -> list[T]:
    return [record for record in records if isinstance(record, kind)]


def _in_date_order(declared: RecordType, records: list[Record]) -> list[Record]:
    """The order of a record type the report model has no rule for: by date when it has dates, then by id."""
    return sorted(records, key=lambda record: (declared.span(record) or (date.min, date.min), record.id))


def _mentioned_ids(record: Record) -> list[str]:
    """The records whose pages list this one (an event on its places' and actors' pages)."""
    return [value for reference, value, _ in record.named_ids if reference.backlink]


def _timeline_pages(phases: list[TimelinePhase], events: list[Event]) -> list[TimelinePage]:
    pages = []
    background = [e for e in events if e.phase == Phase.BACKGROUND]
    if background:
        pages.append(
            TimelinePage(
                "background", "Background events", "Events before the report's period that explain it.", background
            )
        )
    for phase in phases:
        inside = [e for e in events if e.phase == Phase.MAIN and phase.start <= e.start <= phase.end]
        pages.append(TimelinePage(phase.id, phase.title, phase.summary, inside))
    follow_up = [e for e in events if e.phase == Phase.FOLLOW_UP]
    if follow_up:
        pages.append(
            TimelinePage(
                "follow-up", "Follow-up", "Revisions, investigations and reforms after the report's period.", follow_up
            )
        )
    return pages
