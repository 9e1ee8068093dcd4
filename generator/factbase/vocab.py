"""Controlled vocabularies shared by the models, the checks, the pages and the charts.

The members of every vocabulary, their labels and definitions (per language), colours, markers,
count nouns and bounds are content: `content/vocabularies.yml`, read by `vocabfile`. A record's
vocabulary field holds a `Term`: the text researchers typed (it compares and hashes as that
text) carrying its member's settings, so the methodology page, the chart legends and the
validator agree with the file. Python keeps only the structural vocabularies whose members the
code branches on (precision, phase, confidence); their members must be declared in the file too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

DEFAULT_LANGUAGE = "en"


class Precision(StrEnum):
    DAY = "day"
    APPROXIMATE = "approximate"
    MONTH = "month"


class Phase(StrEnum):
    BACKGROUND = "background"
    MAIN = "main"
    FOLLOW_UP = "follow-up"


class Confidence(StrEnum):
    CONFIRMED = "confirmed"
    REPORTED = "reported"
    DISPUTED = "disputed"


STRUCTURAL: dict[str, type[StrEnum]] = {"precision": Precision, "phase": Phase, "confidence": Confidence}
"""Vocabularies the code branches on: the file must declare exactly these members."""

REQUIRED = (
    "category",
    "confidence",
    "precision",
    "phase",
    "stance",
    "channel",
    "actor_kind",
    "region",
    "source_kind",
    "metric",
    "measure_kind",
    "publisher_kind",
)
"""The vocabularies the record fields name; a vocabularies file must declare each of them."""


@dataclass(frozen=True)
class TermInfo:
    """What `content/vocabularies.yml` says about one member."""

    vocabulary: str
    value: str
    labels: Mapping[str, str]
    definitions: Mapping[str, str]
    default_language: str = DEFAULT_LANGUAGE
    colour: str | None = None
    marker: str | None = None
    nouns: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    bound: int | None = None
    needs_label: bool = False
    per_group: bool = False


class Term(str):
    """A vocabulary member as a record holds it: equal to (and hashed as) its value."""

    info: TermInfo

    def __new__(cls, info: TermInfo) -> Term:
        term = super().__new__(cls, info.value)
        term.info = info
        return term

    def __reduce__(self) -> tuple[Any, ...]:
        return (Term, (self.info,))

    @property
    def value(self) -> str:
        return str.__str__(self)

    @property
    def vocabulary(self) -> str:
        return self.info.vocabulary

    @property
    def label(self) -> str:
        return self.label_in(self.info.default_language)

    @property
    def definition(self) -> str:
        return self.definition_in(self.info.default_language)

    def label_in(self, language: str) -> str:
        return _in(self.info.labels, language, self.info.default_language)

    def definition_in(self, language: str) -> str:
        return _in(self.info.definitions, language, self.info.default_language)

    @property
    def colour(self) -> str:
        if self.info.colour is None:
            raise LookupError(f"{self.info.vocabulary} '{self.value}' has no colour in the vocabularies file")
        return self.info.colour

    @property
    def marker(self) -> str:
        if self.info.marker is None:
            raise LookupError(f"{self.info.vocabulary} '{self.value}' has no marker in the vocabularies file")
        return self.info.marker

    @property
    def bound(self) -> int | None:
        return self.info.bound

    @property
    def needs_label(self) -> bool:
        return self.info.needs_label

    def nouns(self, language: str = DEFAULT_LANGUAGE) -> tuple[str, str]:
        """Singular and plural count nouns ('clash', 'clashes'); the label when the file gives none."""
        if language in self.info.nouns:
            return self.info.nouns[language]
        if self.info.default_language in self.info.nouns:
            return self.info.nouns[self.info.default_language]
        word = self.label_in(language).lower()
        return word, word


def _in(texts: Mapping[str, str], language: str, default: str) -> str:
    if language in texts:
        return texts[language]
    return texts.get(default) or next(iter(texts.values()), "")


class Vocabulary:
    """The ordered members of one vocabulary."""

    def __init__(self, name: str, terms: list[Term], description: str | None = None) -> None:
        self.name = name
        self.description = description
        self._terms = terms
        self._by_value = {term.value: term for term in terms}

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, value: object) -> bool:
        return value in self._by_value

    def __getitem__(self, value: str) -> Term:
        return self._by_value[value]

    def index(self, value: str) -> int:
        return self._terms.index(self._by_value[value])

    def values(self) -> list[str]:
        return [term.value for term in self._terms]


@dataclass
class Vocabularies:
    """Every vocabulary of a report, in the order of the file; `listed` ones go on the Data page."""

    by_name: dict[str, Vocabulary]
    listed: list[str]

    def __getitem__(self, name: str) -> Vocabulary:
        return self.by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def published(self) -> dict[str, Vocabulary]:
        return {name: self.by_name[name] for name in self.listed}


_ACTIVE: ContextVar[Vocabularies | None] = ContextVar("vocabularies", default=None)


@contextmanager
def using(vocabularies: Vocabularies) -> Iterator[None]:
    """Validate the records made inside against `vocabularies`."""
    token = _ACTIVE.set(vocabularies)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def activate(vocabularies: Vocabularies) -> None:
    """Make `vocabularies` the ones records built directly (tests, benchmarks) are validated against."""
    _ACTIVE.set(vocabularies)


def active() -> Vocabularies | None:
    return _ACTIVE.get()


def _member_of(name: str) -> Any:
    def validate(value: Any) -> Term:
        vocabularies = _ACTIVE.get()
        if vocabularies is None or name not in vocabularies:
            raise ValueError(f"no vocabulary '{name}' is loaded (content/vocabularies.yml declares them)")
        vocabulary = vocabularies[name]
        text = value.value if isinstance(value, StrEnum | Term) else value
        if isinstance(text, str) and text in vocabulary:
            return vocabulary[text]
        expected = [f"'{member}'" for member in vocabulary.values()]
        listed = ", ".join(expected[:-1]) + f" or {expected[-1]}" if len(expected) > 1 else "".join(expected)
        raise PydanticCustomError("enum", "Input should be {expected}", {"expected": listed})

    return validate


def member_of(name: str) -> PlainValidator:
    """Validation of a field that holds a member of vocabulary `name`."""
    return PlainValidator(_member_of(name))


def schema_of(name: str) -> WithJsonSchema:
    """The field's JSON Schema; `schema` replaces the marker with the members' list."""
    return WithJsonSchema({"type": "string", VOCABULARY_MARK: name})


VOCABULARY_MARK = "x-vocabulary"
