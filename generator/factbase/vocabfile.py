"""`content/vocabularies.yml`: the members of every vocabulary, with their labels and chart settings.

The file is read like a record (positions kept, so every problem is `file:line:col`), checked
against what the code needs (the structural vocabularies' members; a colour for each member of a
vocabulary the charts colour by...), and turned into the `Vocabularies` the models validate with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from generator.factbase.diagnostics import Diagnostic
from generator.factbase.fieldtypes import Count, Flag, Language, Text, parse_identifier
from generator.factbase.models import FieldRuleError, Strict
from generator.factbase.vocab import (
    DEFAULT_LANGUAGE,
    REQUIRED,
    STRUCTURAL,
    Term,
    TermInfo,
    Vocabularies,
    Vocabulary,
)

if TYPE_CHECKING:
    from generator.factbase.loader import Origin

COLOUR_PATTERN = r"^#[0-9a-f]{6}$"


def _colour(value: Any) -> str:
    text = value if isinstance(value, str) else ""
    if len(text) != 7 or text[0] != "#" or any(c not in "0123456789abcdef" for c in text[1:]):
        raise ValueError(f"invalid colour {value!r}: write it as #rrggbb in lower-case hexadecimal, e.g. '#e69f00'")
    return text


Colour = Annotated[str, BeforeValidator(_colour), WithJsonSchema({"type": "string", "pattern": COLOUR_PATTERN})]
# Matplotlib's filled markers, the shapes a legend tells apart at a glance.
Marker = Literal["o", "s", "D", "d", "^", "v", "<", ">", "P", "X", "h", "H", "p", "*", "8"]
Texts = Annotated[
    dict[Language, Text],
    Field(min_length=1, description=f"The text per language code; '{DEFAULT_LANGUAGE}' is required."),
]


class Nouns(Strict):
    one: Text = Field(description="Singular count noun: '1 clash'.")
    other: Text = Field(description="Plural count noun: '8 clashes'.")


class Member(Strict):
    """One member of a vocabulary; its key is the value researchers type in records."""

    label: Texts
    definition: Texts
    colour: Colour | None = Field(
        None, description="Base colour of the member in charts (#rrggbb); each scheme shades it to a 3:1 contrast."
    )
    marker: Marker | None = Field(None, description="Marker shape of the member in charts (matplotlib code).")
    noun: dict[Language, Nouns] = Field(
        default_factory=dict, description="Count nouns per language, for chart descriptions."
    )
    bound: Count | None = Field(None, description="The most a figure of this metric may count (catches extra digits).")
    needs_label: Flag = Field(False, description="A figure of this metric must say in 'label' what it counts.")
    per_group: Flag = Field(
        False,
        description="The troops-by-contingent chart draws this metric, one bar per `scope.group`; needs a colour.",
    )

    @model_validator(mode="after")
    def _default_language(self) -> Member:
        for name in ("label", "definition"):
            if DEFAULT_LANGUAGE not in getattr(self, name):
                raise FieldRuleError(name, f"{name} needs an '{DEFAULT_LANGUAGE}' entry (the default language)")
        return self


Members = Annotated[dict[Annotated[str, BeforeValidator(parse_identifier)], Member], Field(min_length=1)]


class VocabularyEntry(Strict):
    description: Text | None = Field(None, description="What the vocabulary classifies; given in the JSON Schemas.")
    listed: Flag = Field(True, description="Whether the Data page lists this vocabulary.")
    members: Members


def _entry(description: str) -> Any:
    return Field(description=description)


class VocabularyFile(Strict):
    """`content/vocabularies.yml`: one entry per vocabulary, one per member."""

    kind: ClassVar[str] = "vocabularies"
    category: VocabularyEntry = _entry("What kind of event (events' `category`); charts colour by it.")
    confidence: VocabularyEntry = _entry("How well an event is established; members fixed by the code.")
    precision: VocabularyEntry = _entry("How exactly an event's date is known; members fixed by the code.")
    phase: VocabularyEntry = _entry("Where a record stands against the report's period; members fixed by the code.")
    stance: VocabularyEntry = _entry(
        "What a reaction says (reactions' `stance`, `also`); charts colour and mark by it."
    )
    channel: VocabularyEntry = _entry("How a reaction was made (reactions' `channel`).")
    actor_kind: VocabularyEntry = _entry("What an actor is (actors' `type`).")
    region: VocabularyEntry = _entry("Where an actor belongs (actors' `region`).")
    source_kind: VocabularyEntry = _entry("What a source is (sources' `type`).")
    metric: VocabularyEntry = _entry("What a figure counts (figures' `metric`); each member has a `bound`.")
    measure_kind: VocabularyEntry = _entry("What a measure is (measures' `type`); charts colour by it.")
    publisher_kind: VocabularyEntry = _entry("What voice a publisher is (`publishers.yml`' `kind`).")


# Settings the code reads for every member of a vocabulary, and why.
NEEDED: dict[str, tuple[str, ...]] = {
    "category": ("colour",),
    "stance": ("colour", "marker"),
    "measure_kind": ("colour",),
    "metric": ("bound",),
}
# Members the code itself names, outside the structural vocabularies.
NAMED: dict[str, tuple[str, ...]] = {
    "actor_kind": ("state", "person", "government-body", "security-force", "international-organisation"),
    "publisher_kind": ("official", "state-media", "aggregator", "reference", "unknown"),
}


def vocabularies_from(file: VocabularyFile, origin: Origin) -> tuple[Vocabularies, list[Diagnostic]]:
    """The vocabularies of the file, and what the code misses in it."""
    problems: list[Diagnostic] = []
    by_name: dict[str, Vocabulary] = {}
    for name in REQUIRED:
        entry: VocabularyEntry = getattr(file, name)
        terms = []
        for value, member in entry.members.items():
            terms.append(
                Term(
                    TermInfo(
                        vocabulary=name,
                        value=value,
                        labels=dict(member.label),
                        definitions=dict(member.definition),
                        colour=member.colour,
                        marker=member.marker,
                        nouns={language: (nouns.one, nouns.other) for language, nouns in member.noun.items()},
                        bound=member.bound,
                        needs_label=member.needs_label,
                        per_group=member.per_group,
                    )
                )
            )
            for setting in (*NEEDED.get(name, ()), *(("colour",) if member.per_group else ())):
                if getattr(member, setting) is None:
                    problems.append(
                        origin.diagnostic(
                            f"{name} '{value}' needs a '{setting}' (the charts and checks use it)",
                            name,
                            "members",
                            value,
                            key=True,
                        )
                    )
        by_name[name] = Vocabulary(name, terms, entry.description)
        required = [str(m.value) for m in STRUCTURAL[name]] if name in STRUCTURAL else list(NAMED.get(name, ()))
        for value in required:
            if value not in entry.members:
                problems.append(
                    origin.diagnostic(
                        f"{name} must declare the member '{value}': the generator's code relies on it",
                        name,
                        "members",
                        key=True,
                    )
                )
        if name in STRUCTURAL:
            for value in entry.members:
                if value not in required:
                    problems.append(
                        origin.diagnostic(
                            f"{name} '{value}' is not a member the generator knows; {name} has exactly: {', '.join(required)}",
                            name,
                            "members",
                            value,
                            key=True,
                        )
                    )
    listed = [name for name in _file_order(origin) if getattr(file, name).listed]
    return Vocabularies(by_name, listed), problems


def _file_order(origin: Origin) -> list[str]:
    data = origin.document.data
    return [name for name in data if name in REQUIRED] if isinstance(data, dict) else list(REQUIRED)
