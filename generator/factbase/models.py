"""Typed records of the fact base: one pydantic model per record type.

Unknown fields are refused (`extra="forbid"`), every scalar goes through the strict parsers of
`fieldtypes`, and rules that involve several fields of one record live here as model validators.
Rules that involve several records live in `checks`.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from generator.factbase.declaration import Location, RecordType, Reference
from generator.factbase.diagnostics import did_you_mean
from generator.factbase.fieldtypes import (
    Clock,
    Count,
    Country,
    Day,
    DayOrMonth,
    Degrees,
    Flag,
    Identifier,
    Language,
    Latitude,
    Longitude,
    Text,
    Url,
    parse_day,
)
from generator.factbase.vocab import Phase, Precision, Term, member_of, schema_of

# Vocabulary fields: each holds a `Term` of the vocabulary named, as declared in content/vocabularies.yml.
ActorKind = Annotated[Term, member_of("actor_kind"), schema_of("actor_kind")]
Category = Annotated[Term, member_of("category"), schema_of("category")]
Channel = Annotated[Term, member_of("channel"), schema_of("channel")]
Confidence = Annotated[Term, member_of("confidence"), schema_of("confidence")]
MeasureKind = Annotated[Term, member_of("measure_kind"), schema_of("measure_kind")]
Metric = Annotated[Term, member_of("metric"), schema_of("metric")]
PhaseTerm = Annotated[Term, member_of("phase"), schema_of("phase")]
PrecisionTerm = Annotated[Term, member_of("precision"), schema_of("precision")]
PublisherKind = Annotated[Term, member_of("publisher_kind"), schema_of("publisher_kind")]
Region = Annotated[Term, member_of("region"), schema_of("region")]
SourceKind = Annotated[Term, member_of("source_kind"), schema_of("source_kind")]
Stance = Annotated[Term, member_of("stance"), schema_of("stance")]


class FieldRuleError(ValueError):
    """A rule between fields of one record, reported at the field named here (`deeper` parts go below it),
    at its value or, with `at_key`, at its key (a wrong name rather than a wrong value)."""

    def __init__(self, field: str, message: str, *deeper: str | int, at_key: bool = False) -> None:
        super().__init__(message)
        self.field = field
        self.path: tuple[str | int, ...] = (field, *deeper)
        self.at_key = at_key


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Citation(Strict):
    """A reference to a source, optionally with where in it and a short quote from it."""

    names_record_in: ClassVar[str] = "source"
    source: Identifier
    locator: Text | None = Field(None, description="Where in the source: a section, paragraph or timestamp.")
    quote: Text | None = Field(None, description="A short excerpt of the source, exactly as found.")


def _citation_tag(value: Any) -> str:
    return "citation" if isinstance(value, dict | Citation) else "source-id"


CitationRef = Annotated[
    Annotated[Identifier, Tag("source-id")] | Annotated[Citation, Tag("citation")],
    Discriminator(_citation_tag),
]
Sources = Annotated[list[CitationRef], Field(min_length=1, description="At least one source read by the editors.")]


def citations_of(refs: list[Any]) -> list[Citation]:
    return [ref if isinstance(ref, Citation) else Citation(source=ref) for ref in refs]


class Translation(Strict):
    """A record's text in one other language: each field is the record's field of the same name, `None` when not given.

    Numbers, dates, ids and vocabulary members are never translated: they are the record's own.
    """


def _translations(model: type[Translation]) -> Any:
    return Field(
        default_factory=dict,
        description=f"The record's text in other languages, by language code ({', '.join(model.model_fields)}).",
        json_schema_extra={"additionalProperties": False},  # a key that is no language code is refused
    )


class Record(Strict):
    """Fields every record has. `kind` names the folder the record lives in."""

    kind: ClassVar[str]
    id: Identifier
    note: Text | None = Field(None, description="Editors' note shown with the record.")
    # Each record type adds `translations: dict[Language, <Kind>Translation]`, its text in other languages.

    @cached_property
    def citations(self) -> list[Citation]:
        # Cached on the (immutable) record: chapters ask for a record's citations many times.
        return citations_of(getattr(self, "sources", None) or [])

    @cached_property
    def named_ids(self) -> tuple[tuple[Reference, str, Location], ...]:
        """`references_of` its declaration: each id it names, with the reference and where it is in the file.
        Cached on the (immutable) record: the checks, the report model and every link to it ask for them."""
        return tuple(declaration_of(self).references_of(self))


class SourceTranslation(Translation):
    note: Text | None = None


class Source(Record):
    kind: ClassVar[str] = "sources"
    title: Text
    publisher: Text
    url: Url
    language: Language
    published: Day | None = Field(None, description="Publication date; leave out when the page shows none.")
    accessed: Day
    type: SourceKind = Field(description="What kind of source this is.")
    via: Text | None = Field(None, description="The agency or outlet whose text this page carries, if any.")
    archive_url: Url | None = None
    translations: dict[Language, SourceTranslation] = _translations(SourceTranslation)


SOURCES = RecordType(
    Source, noun="source", page="sources/index.md", anchor="source-{id}", template="sources.md.j2", dates=("published",)
)


class ActorTranslation(Translation):
    name: Text | None = None
    short_name: Text | None = None
    role: Text | None = None
    note: Text | None = None


class Actor(Record):
    kind: ClassVar[str] = "actors"
    name: Text
    short_name: Text | None = None
    type: ActorKind
    country: Country | None = Field(None, description="ISO 3166-1 alpha-2, where the actor belongs to one country.")
    region: Region | None = None
    role: Text | None = None
    parent: Identifier | None = Field(None, description="The actor this one belongs to (a ministry's government...).")
    aliases: list[Text] = Field(default_factory=list)
    sources: list[CitationRef] = Field(default_factory=list)
    translations: dict[Language, ActorTranslation] = _translations(ActorTranslation)


ACTORS = RecordType(
    Actor,
    noun="actor",
    page="actors/{id}.md",
    template="actor.md.j2",
    index_template="actors_index.md.j2",
    references=(Reference("parent", "actors", backlink=False), Reference("sources", "sources", backlink=False)),
)


class PlaceTranslation(Translation):
    name: Text | None = None
    region: Text | None = None
    note: Text | None = None


class Place(Record):
    kind: ClassVar[str] = "places"
    name: Text
    spellings: list[Text] = Field(default_factory=list, description="Other spellings and former names.")
    country: Country | None = Field(
        None, description="ISO 3166-1 alpha-2; leave out for the report's home country (`home_country` of report.yml)."
    )
    region: Text | None = Field(None, description="The region (oblys) or city of republican status.")
    latitude: Latitude
    longitude: Longitude
    sources: list[CitationRef] = Field(default_factory=list)
    translations: dict[Language, PlaceTranslation] = _translations(PlaceTranslation)


PLACES = RecordType(
    Place,
    noun="place",
    page="places/{id}.md",
    template="place.md.j2",
    index_template="places_index.md.j2",
    references=(Reference("sources", "sources", backlink=False),),
)


class EventTranslation(Translation):
    title: Text | None = None
    summary: Text | None = None
    note: Text | None = None


class Event(Record):
    kind: ClassVar[str] = "events"
    date: DayOrMonth
    end: Day | None = Field(None, description="Last day, for an event that spans several days.")
    time: Clock | None = Field(None, description="Local time (HH:MM), when known.")
    precision: PrecisionTerm = Field(Precision.DAY, validate_default=True)
    phase: PhaseTerm = Field(Phase.MAIN, validate_default=True)
    title: Text
    summary: Text
    category: Category
    places: list[Identifier] = Field(default_factory=list)
    actors: list[Identifier] = Field(default_factory=list)
    confidence: Confidence
    sources: Sources
    translations: dict[Language, EventTranslation] = _translations(EventTranslation)

    @model_validator(mode="after")
    def _month_needs_precision(self) -> Event:
        if len(self.date) == 7 and self.precision != Precision.MONTH:
            raise FieldRuleError("date", "a date without a day (YYYY-MM) needs 'precision: month'")
        return self

    @model_validator(mode="after")
    def _ordered(self) -> Event:
        if self.end is not None and self.end < self.start:
            raise FieldRuleError("end", f"end ({self.end}) is before the start ({self.date})")
        return self

    @cached_property
    def start(self) -> dt.date:
        return parse_day(self.date if len(self.date) == 10 else f"{self.date}-01")

    @property
    def last_day(self) -> dt.date:
        return self.end or self.start


EVENTS = RecordType(
    Event,
    noun="event",
    page="timeline/{timeline_part}.md",
    anchor="event-{id}",
    template="timeline_page.md.j2",
    index_template="timeline_index.md.j2",
    dates=("date", "end"),
    references=(
        Reference("places", "places"),
        Reference("actors", "actors"),
        Reference("sources", "sources", backlink=False),
    ),
)


class Quote(Strict):
    text: Text
    language: Language
    translation: Text | None = Field(None, description="English translation; required when the quote is not English.")
    translated_by: Literal["source", "editors"] = Field(
        "editors", description="Who translated: the source that published the quote, or this report's editors."
    )

    @model_validator(mode="after")
    def _translated(self) -> Quote:
        if not _is_english(self.language) and not self.translation:
            raise FieldRuleError("language", f"a quote in '{self.language}' needs an English 'translation'")
        return self


def _is_english(language: str) -> bool:
    return _same_language(language, "en")


def _same_language(one: str, other: str) -> bool:
    return one.split("-")[0].lower() == other.split("-")[0].lower()


class QuoteTranslation(Strict):
    translation: Text = Field(
        description="The quote translated into this language (not given when the quote is in it)."
    )
    translated_by: Literal["source", "editors"] = Field(
        "editors", description="Who translated: a source that published this translation, or this report's editors."
    )


class ReactionTranslation(Translation):
    summary: Text | None = None
    speaker: Text | None = None
    note: Text | None = None
    quote: QuoteTranslation | None = None


class Reaction(Record):
    kind: ClassVar[str] = "reactions"
    date: Day
    actor: Identifier
    speaker: Text | None = Field(None, description="Who spoke, with their function.")
    channel: Channel
    stance: Stance
    also: list[Stance] = Field(default_factory=list, description="Further stances the same reaction takes.")
    summary: Text
    quote: Quote | None = None
    phase: PhaseTerm = Field(Phase.MAIN, validate_default=True)
    sources: Sources
    translations: dict[Language, ReactionTranslation] = _translations(ReactionTranslation)

    @model_validator(mode="after")
    def _quote_translations(self) -> Reaction:
        for language, translation in self.translations.items():
            if translation.quote is None:
                continue
            if self.quote is None:
                raise FieldRuleError(
                    "translations",
                    "a translated quote needs the reaction's own 'quote'",
                    language,
                    "quote",
                    at_key=True,
                )
            if _same_language(self.quote.language, language):
                raise FieldRuleError(
                    "translations",
                    f"the quote is already in '{language}': keep it as it is, without a translation",
                    language,
                    "quote",
                    at_key=True,
                )
        return self


REACTIONS = RecordType(
    Reaction,
    noun="reaction",
    page="reactions/index.md",
    anchor="reaction-{id}",
    template="reactions.md.j2",
    dates=("date",),
    references=(Reference("actor", "actors", in_label=True), Reference("sources", "sources", backlink=False)),
)


class ScopeTranslation(Strict):
    group: Text | None = None


class FigureTranslation(Translation):
    label: Text | None = None
    note: Text | None = None
    scope: ScopeTranslation | None = None


class Scope(Strict):
    places: list[Identifier] = Field(default_factory=list)
    group: Text | None = Field(None, description="Who is counted, e.g. 'police and National Guard'.")


class Figure(Record):
    kind: ClassVar[str] = "figures"
    metric: Metric
    label: Text | None = Field(None, description="What is counted, required for metric 'other'.")
    value: Count | None = None
    min: Count | None = Field(None, description="Lower bound, for 'at least' or a range.")
    max: Count | None = Field(None, description="Upper bound, for 'up to' or a range.")
    approximate: Flag = False
    partial: Flag = Field(
        False,
        description="True when the value counts part of what the metric covers (one place, one group or category, "
        "people still held) rather than the total; it is listed but left out of the spread of totals.",
    )
    as_of: Day
    phase: PhaseTerm = Field(Phase.MAIN, validate_default=True)
    scope: Scope = Field(default_factory=Scope)
    reported_by: Identifier
    sources: Sources
    translations: dict[Language, FigureTranslation] = _translations(FigureTranslation)

    @model_validator(mode="after")
    def _value_or_range(self) -> Figure:
        if self.value is not None and (self.min is not None or self.max is not None):
            raise FieldRuleError("value", "give either 'value' or 'min'/'max', not both")
        if self.value is None and self.min is None and self.max is None:
            raise FieldRuleError("metric", "give 'value', or 'min' and/or 'max'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise FieldRuleError("max", f"min ({self.min}) is greater than max ({self.max})")
        if self.metric.needs_label and not self.label:
            raise FieldRuleError("metric", f"metric '{self.metric}' needs a 'label' saying what is counted")
        bound = self.metric.bound
        for name in ("value", "min", "max"):
            number = getattr(self, name)
            if number is not None and bound is not None and number > bound:
                raise FieldRuleError(
                    name,
                    f"{number} {self.metric.value} is more than {bound}, the most this metric allows; check for extra digits",
                )
        return self

    @property
    def low(self) -> int:
        """The value to sort and compare by: the exact value, else the lower bound, else the upper."""
        for bound in (self.value, self.min, self.max):
            if bound is not None:
                return bound
        raise AssertionError("validated figures have a value or a bound")


FIGURES = RecordType(
    Figure,
    noun="figure",
    page="figures/index.md",
    anchor="figure-{id}",
    template="figures.md.j2",
    dates=("as_of",),
    references=(
        Reference("reported_by", "actors"),
        Reference("scope.places", "places"),
        Reference("sources", "sources", backlink=False),
    ),
)


class MeasureTranslation(Translation):
    title: Text | None = None
    summary: Text | None = None
    note: Text | None = None


class Measure(Record):
    kind: ClassVar[str] = "measures"
    type: MeasureKind
    title: Text
    summary: Text | None = None
    start: Day
    start_time: Clock | None = None
    end: Day | None = Field(None, description="Leave out while the measure is in force or its end is unknown.")
    places: list[Identifier] = Field(default_factory=list, description="Empty means nationwide.")
    decided_by: Identifier
    extends: Identifier | None = Field(None, description="The measure this one extends or widens.")
    phase: PhaseTerm = Field(Phase.MAIN, validate_default=True)
    sources: Sources
    translations: dict[Language, MeasureTranslation] = _translations(MeasureTranslation)

    @model_validator(mode="after")
    def _ordered(self) -> Measure:
        if self.end is not None and self.end < self.start:
            raise FieldRuleError("end", f"end ({self.end}) is before start ({self.start})")
        return self


MEASURES = RecordType(
    Measure,
    noun="measure",
    page="measures/index.md",
    anchor="measure-{id}",
    template="measures.md.j2",
    dates=("start", "end"),
    references=(
        Reference("decided_by", "actors"),
        Reference("places", "places"),
        Reference("extends", "measures", backlink=False),
        Reference("sources", "sources", backlink=False),
    ),
)


class Period(Strict):
    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise FieldRuleError("end", f"end ({self.end}) is before start ({self.start})")
        return self


Texts = Annotated[
    dict[Language, Text], Field(min_length=1, description="The text per language code; 'en' is required.")
]


def text_in(texts: dict[str, str], language: str = "en") -> str:
    """The text in `language`, else in English, else the first given."""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


class Box(Strict):
    """A longitude/latitude rectangle."""

    west: Longitude
    south: Latitude
    east: Longitude
    north: Latitude

    @model_validator(mode="after")
    def _ordered(self) -> Box:
        if self.east <= self.west:
            raise FieldRuleError("east", f"east ({self.east}) must be greater than west ({self.west})")
        if self.north <= self.south:
            raise FieldRuleError("north", f"north ({self.north}) must be greater than south ({self.south})")
        return self


class MapLabel(Strict):
    """A name written on the map (a neighbour, a sea), in open ground."""

    text: Texts = Field(description="The name per language; a line break as \\n.")
    longitude: Longitude
    latitude: Latitude
    country: Text | None = Field(
        None,
        description="ISO alpha-3 code of a neighbour's outline: the name is written only when that outline is drawn.",
    )


class MapSettings(Strict):
    """The `map` chart: which outlines of content/geo/ to draw, and its frame."""

    area: Texts = Field(description="What the map shows, per language (its alt text says 'Map of <area>').")
    home_outline: Text | None = Field(
        None, description="GeoJSON file in content/geo/ outlining the home country: the frame is its box."
    )
    neighbours_outline: Text | None = Field(
        None, description="GeoJSON file in content/geo/ with the neighbours' outlines."
    )
    frame: Box = Field(description="The frame when there is no home outline.")
    margin: Degrees = Field(1.0, description="Degrees of open ground around the frame.")
    nearby: Degrees = Field(
        3.0, description="Places this many degrees or less outside the frame widen it to show them."
    )
    labels: list[MapLabel] = Field(default_factory=list, description="Names written on the map.")


class TimelinePhase(Strict):
    id: Identifier
    title: Text
    start: Day
    end: Day
    summary: Text | None = None


class PhaseTranslation(Strict):
    title: Text | None = None
    summary: Text | None = None


class ReportTranslation(Strict):
    title: Text | None = None
    subtitle: Text | None = None
    phases: dict[Identifier, PhaseTranslation] = Field(
        default_factory=dict, description="By phase id.", json_schema_extra={"additionalProperties": False}
    )


class ReportInfo(Strict):
    """`content/report.yml`: what the report is about and how its timeline is cut."""

    kind: ClassVar[str] = "report"
    title: Text
    subtitle: Text | None = None
    period: Period
    updated: Day = Field(description="Date of the last editorial update; used as the build date.")
    version: Text | None = Field(
        None, description="Version of the report, shown on the site and in the suggested citation."
    )
    licence: Text | None = Field(
        None, description="SPDX id of the licence of the report's text and data, e.g. CC-BY-4.0."
    )
    authors: list[Text] = Field(default_factory=list, description="Who to name in the suggested citation.")
    url: Url | None = Field(None, description="Where the report is published, for the suggested citation.")
    languages: list[Language] = Field(
        default_factory=lambda: ["en"],
        min_length=1,
        description="The report's editions: the first at the site's root, each other one under '<language>/'.",
    )
    headline_metrics: list[Metric] = Field(default_factory=list, description="The metrics Home sums up, in order.")
    phases: list[TimelinePhase] = Field(min_length=1)
    home_country: Country | None = Field(
        None,
        description="ISO 3166-1 alpha-2 of the country the crisis took place in; places without `country` are in it.",
    )
    home_bounds: Box | None = Field(
        None, description="The home country's box: a place in it outside the box has swapped or mistyped coordinates."
    )
    outside_home: Texts | None = Field(
        None,
        description="Per language, the name of the region of places outside the home country (events-by-region chart).",
    )
    map: MapSettings | None = Field(None, description="The map of places; without it the map chart is left out.")
    translations: dict[Language, ReportTranslation] = Field(
        default_factory=dict,
        description="The title, subtitle and phases in other languages, by language code.",
        json_schema_extra={"additionalProperties": False},
    )

    @model_validator(mode="after")
    def _languages_once(self) -> ReportInfo:
        for index, language in enumerate(self.languages):
            if language in self.languages[:index]:
                raise FieldRuleError("languages", f"'{language}' is listed twice", index)
        return self

    @model_validator(mode="after")
    def _translated_phases_exist(self) -> ReportInfo:
        known = [phase.id for phase in self.phases]
        for language, translation in self.translations.items():
            for phase_id in translation.phases:
                if phase_id not in known:
                    raise FieldRuleError(
                        "translations",
                        f"no phase '{phase_id}' in 'phases'{did_you_mean(phase_id, known)}",
                        language,
                        "phases",
                        phase_id,
                        at_key=True,
                    )
        return self


# Every record type, in the order the report presents them (chapters, downloads, summaries).
DECLARATIONS: tuple[RecordType, ...] = (EVENTS, REACTIONS, FIGURES, MEASURES, ACTORS, PLACES, SOURCES)
DECLARATION_BY_FOLDER: dict[str, RecordType] = {declared.folder: declared for declared in DECLARATIONS}
RECORD_TYPES: tuple[type[Record], ...] = tuple(declared.model for declared in DECLARATIONS)
RECORD_TYPE_BY_FOLDER: dict[str, type[Record]] = {declared.folder: declared.model for declared in DECLARATIONS}
_DECLARATION_BY_MODEL: dict[type[Record], RecordType] = {declared.model: declared for declared in DECLARATIONS}


def declaration_of(record: Record) -> RecordType:
    return _DECLARATION_BY_MODEL[type(record)]


class Publisher(Strict):
    """One entry of the source register `content/publishers.yml`: who stands behind a `publisher:` or `via:`."""

    id: Identifier
    name: Text = Field(description="The name as sources' `publisher:` or `via:` give it.")
    also_named: list[Text] = Field(default_factory=list, description="Other spellings found in `publisher:` or `via:`.")
    organisation: Text | None = Field(
        None,
        description="The owner or network; publishers with the same organisation are one voice. "
        "Leave out when it is not established: the publisher is then a voice of its own.",
    )
    country: Country | None = Field(None, description="ISO 3166-1 alpha-2; leave out for international or unknown.")
    kind: PublisherKind
    copies: Flag = Field(False, description="True for aggregators and mirrors that republish other outlets' texts.")
    note: Text | None = None

    @property
    def voice(self) -> str:
        return self.organisation or self.name


class PublisherRegister(Strict):
    """`content/publishers.yml`: the register of every publisher that sources name."""

    kind: ClassVar[str] = "publishers"
    publishers: list[Publisher] = Field(description="One entry per publisher or agency, however many spellings it has.")
