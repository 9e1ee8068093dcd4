"""Rules that involve several records: unique ids, resolvable references, the report period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.factbase.diagnostics import Diagnostic, did_you_mean
from generator.factbase.loader import Loaded
from generator.factbase.models import (
    DECLARATION_BY_FOLDER,
    DECLARATIONS,
    Actor,
    Event,
    Measure,
    Place,
    Reaction,
    Record,
    ReportInfo,
    Source,
    declaration_of,
)
from generator.factbase.vocab import Phase


def check_records(loaded: Loaded) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    by_id: dict[str, Record] = {}
    for records in loaded.records.values():
        for record in records:
            first = by_id.get(record.id)
            if first is not None:
                where = loaded.origin(first)
                line, _ = where.at("id")
                problems.append(
                    loaded.origin(record).diagnostic(
                        f"duplicate id '{record.id}' (already used by {where.path}:{line})", "id"
                    )
                )
                continue
            by_id[record.id] = record
    ids_by_kind = {kind: {r.id for r in records} for kind, records in loaded.records.items()}
    known_ids = {kind: ids | loaded.broken_ids.get(kind, set()) for kind, ids in ids_by_kind.items()}

    for records in loaded.records.values():
        for record in records:
            origin = loaded.origin(record)
            for reference, value, path in record.named_ids:
                if value in known_ids[reference.target]:
                    continue
                target = DECLARATION_BY_FOLDER[reference.target].noun
                other = by_id.get(value)
                if other is not None:
                    noun = declaration_of(other).noun
                    message = f"'{value}' is a{'n' if noun[0] in 'aeiou' else ''} {noun}, not a{'n' if target[0] in 'aeiou' else ''} {target}"
                else:
                    message = f"unknown {target} '{value}'{did_you_mean(value, ids_by_kind[reference.target])}"
                problems.append(origin.diagnostic(message, *path))
            problems += [
                origin.diagnostic(message, *path) for message, path in _record_rules(record, by_id, loaded.info)
            ]

    problems += _duplicate_urls(loaded)
    problems += _reserved_ids(loaded)
    if loaded.info is not None:
        problems += _period_rules(loaded)
        problems += _phase_ids(loaded)
    return problems


def _record_rules(
    record: Record, by_id: dict[str, Record], info: ReportInfo | None
) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    if isinstance(record, Place):
        # The home country's box (`home_bounds` of report.yml): a place in it outside the box has swapped or mistyped coordinates.
        home = info.home_country if info else None
        bounds = info.home_bounds if info and record.country in (None, home) else None
        if record.latitude == 0 and record.longitude == 0:
            yield "coordinates 0, 0 are a placeholder; give the place's real latitude and longitude", ("latitude",)
        elif bounds and not (
            bounds.south <= record.latitude <= bounds.north and bounds.west <= record.longitude <= bounds.east
        ):
            yield (
                (
                    f"coordinates {record.latitude}, {record.longitude} are outside {record.country or home}; "
                    "check the order (latitude first) and the signs"
                ),
                ("latitude",),
            )
    if isinstance(record, Source) and record.published and record.accessed < record.published:
        yield f"accessed ({record.accessed}) is before published ({record.published})", ("accessed",)
    if isinstance(record, Reaction):
        actor = by_id.get(record.actor)
        if isinstance(actor, Actor) and actor.type == "person":
            yield (
                (
                    f"'{record.actor}' is a person; a reaction belongs to a state or organisation "
                    "(put the person in 'speaker')"
                ),
                ("actor",),
            )
        if record.stance in record.also:
            yield f"stance '{record.stance}' is repeated in 'also'", ("also",)
    if isinstance(record, Actor) and record.parent == record.id:
        yield "an actor cannot be its own parent", ("parent",)
    if isinstance(record, Measure) and record.extends == record.id:
        yield "a measure cannot extend itself", ("extends",)
    if isinstance(record, Actor | Measure):
        cycle = _cycle(record, by_id)
        if cycle:
            field_name, what = (
                ("parent", "actor parents form")
                if isinstance(record, Actor)
                else ("extends", "measures extend each other in")
            )
            yield f"{what} a cycle: {' → '.join(cycle)}", (field_name,)


def _link(record: Record) -> str | None:
    """The record an actor belongs to, or a measure extends."""
    if isinstance(record, Actor):
        return record.parent
    if isinstance(record, Measure):
        return record.extends
    return None


def _cycle(record: Record, by_id: dict[str, Record]) -> list[str]:
    """The ids around a cycle of parents (or extended measures) that comes back to `record`, if any."""
    path = [record.id]
    current: Record | None = record
    while current is not None:
        following = _link(current)
        if following is None or following == current.id:
            return []
        if following == record.id:
            return [*path, record.id]
        if following in path:
            return []  # a cycle further along: reported at the records in it
        path.append(following)
        current = by_id.get(following)
        if current is not None and type(current) is not type(record):
            return []
    return []


def uncited_sources(loaded: Loaded, cited_in_pages: set[str]) -> list[Diagnostic]:
    """Warnings for sources nothing cites: a record lost its citation, or the source is not needed."""
    cited = set(cited_in_pages)
    for records in loaded.records.values():
        for record in records:
            cited.update(citation.source for citation in record.citations)
    return [
        loaded.origin(source).diagnostic(f"source '{source.id}' is cited by no record and no page", "id", warning=True)
        for source in loaded.records["sources"]
        if source.id not in cited
    ]


# Generated page names in a folder of one page per record or per timeline phase: a record or phase
# with such an id would silently replace that page.
_RESERVED_PHASE_IDS = ("index", "background", "follow-up")


def _reserved_ids(loaded: Loaded) -> Iterator[Diagnostic]:
    for declared in DECLARATIONS:
        if not declared.one_page_per_record:
            continue
        for record in loaded.records[declared.folder]:
            if record.id == "index":
                yield loaded.origin(record).diagnostic(
                    f"id '{record.id}' is reserved for the {declared.folder} index page; choose another id", "id"
                )


def _phase_ids(loaded: Loaded) -> Iterator[Diagnostic]:
    assert loaded.info is not None
    if id(loaded.info) not in loaded.origins:
        return
    origin = loaded.origin(loaded.info)
    first_line: dict[str, int] = {}
    for index, phase in enumerate(loaded.info.phases):
        where = ("phases", index, "id")
        if phase.id in _RESERVED_PHASE_IDS:
            yield origin.diagnostic(
                f"phase id '{phase.id}' is reserved for a timeline page the generator writes; choose another id", *where
            )
        elif phase.id in first_line:
            yield origin.diagnostic(
                f"duplicate phase id '{phase.id}' (already used at line {first_line[phase.id]})", *where
            )
        else:
            first_line[phase.id] = origin.at(*where)[0]


def _dated(loaded: Loaded) -> Iterator[tuple[Record, date, date, Phase, str]]:
    """Each record placed in a phase of the report (background, main, follow-up) with its first and
    last day, its phase and the field that dates it."""
    for declared in DECLARATIONS:
        if not declared.dates or "phase" not in declared.model.model_fields:
            continue
        for record in loaded.records[declared.folder]:
            span = declared.span(record)
            if span is not None:
                yield record, span[0], span[1], getattr(record, "phase", Phase.MAIN), declared.dates[0]


def _period_rules(loaded: Loaded) -> Iterator[Diagnostic]:
    assert loaded.info is not None
    period = loaded.info.period
    span = f"{period.start}..{period.end}"
    for record, first, last, phase, field_name in _dated(loaded):
        origin = loaded.origin(record)
        if phase == Phase.MAIN and first < period.start:
            yield origin.diagnostic(
                f"{field_name} {first} is before the report period ({span}); mark it 'phase: background'", field_name
            )
        elif phase == Phase.MAIN and last > period.end and first > period.end:
            yield origin.diagnostic(
                f"{field_name} {first} is after the report period ({span}); mark it 'phase: follow-up'", field_name
            )
        elif phase == Phase.BACKGROUND and first >= period.start:
            yield origin.diagnostic(
                f"marked 'phase: background' but {field_name} {first} is inside or after the report period ({span})",
                "phase",
            )
        elif phase == Phase.FOLLOW_UP and first <= period.end:
            yield origin.diagnostic(
                f"marked 'phase: follow-up' but {field_name} {first} is not after the report period ({span})", "phase"
            )
    phases = loaded.info.phases
    for event in loaded.records["events"]:
        assert isinstance(event, Event)
        inside = period.start <= event.start <= period.end
        if event.phase == Phase.MAIN and inside and not any(p.start <= event.start <= p.end for p in phases):
            yield loaded.origin(event).diagnostic(f"date {event.date} falls in no timeline phase of report.yml", "date")


def _duplicate_urls(loaded: Loaded) -> Iterator[Diagnostic]:
    first_by_url: dict[str, Source] = {}
    for source in loaded.records["sources"]:
        assert isinstance(source, Source)
        first = first_by_url.setdefault(source.url, source)
        if first is not source:
            yield loaded.origin(source).diagnostic(f"same URL as source '{first.id}'; cite that source instead", "url")
