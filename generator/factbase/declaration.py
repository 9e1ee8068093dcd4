"""What each record type declares once, next to its model, for the rest of the generator to derive from.

A declaration says where the records live (the folder, from the model's `kind`), how they are
called, where the report shows them (page and anchor), which fields date them, which fields name
other records and what kind of record those are, which fields translate and which columns the
CSV download has. Checks, back-links, links, downloads, `new`, edit links and summaries read it;
none of them lists the record types again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from generator.factbase.fieldtypes import ID_PATTERN, parse_day

if TYPE_CHECKING:
    from generator.factbase.models import Record

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Reference:
    """A field that holds ids of other records (one, or a list)."""

    field: str
    """Dotted path from the record, e.g. `scope.places`."""
    target: str
    """The folder of the records it names, e.g. `places`."""
    backlink: bool = True
    """Whether the target's page lists this record (an actor's page lists its events). Citations,
    an actor's parent and an extended measure are shown otherwise (bibliography, members)."""
    in_label: bool = False
    """Whether a link to this record is worded with the target (a reaction is "<actor>, <date>")."""


@dataclass(frozen=True)
class RecordType:
    """The declaration of one record type. `page` and `anchor` may use `{id}`; the timeline's page
    uses `{timeline_part}`, the part of the timeline the record falls in."""

    model: type[Record]
    noun: str
    page: str
    template: str
    anchor: str = ""
    index_template: str | None = None
    """For a folder of pages (one per record, or per timeline part): the template of its index page."""
    dates: tuple[str, ...] = ()
    """The fields that date a record: the first places it in time, a second one is its last day."""
    references: tuple[Reference, ...] = ()
    not_references: tuple[str, ...] = ()
    """Fields holding ids that name no record of this report, said so explicitly."""
    csv_columns: tuple[str, ...] | None = None
    """The columns of the CSV download; by default every field but `translations`."""

    def __post_init__(self) -> None:
        for name in (*(reference.field for reference in self.references), *self.not_references, *self.dates):
            if name.split(".")[0] not in self.model.model_fields:
                raise ValueError(f"{self.model.__name__} declares '{name}', which is not one of its fields")

    @property
    def folder(self) -> str:
        return self.model.kind

    @property
    def plural(self) -> str:
        return self.folder

    @property
    def title(self) -> str:
        return self.folder.capitalize()

    @property
    def one_page_per_record(self) -> bool:
        return "{id}" in self.page

    @property
    def chapter(self) -> str:
        """The folder of the site the record's page is in: `timeline`, `reactions`, `places`..."""
        return self.page.split("/")[0]

    @property
    def index_page(self) -> str | None:
        return f"{self.chapter}/index.md" if self.index_template else None

    @property
    def translatable(self) -> tuple[str, ...]:
        """The fields a `translations:` entry may give, in their order."""
        info = self.model.model_fields.get("translations")
        values = getattr(info.annotation, "__args__", ()) if info else ()
        translation = values[-1] if values else None
        return (
            tuple(translation.model_fields)
            if isinstance(translation, type) and issubclass(translation, BaseModel)
            else ()
        )

    @property
    def columns(self) -> tuple[str, ...]:
        if self.csv_columns is not None:
            return self.csv_columns
        return tuple(name for name in self.model.model_fields if name != "translations")

    def page_of(self, record: Record, timeline_part: str | None = None) -> str:
        return self.page.format(id=record.id, timeline_part=timeline_part)

    def anchor_of(self, record: Record) -> str:
        return self.anchor.format(id=record.id)

    def span(self, record: Record) -> tuple[date, date] | None:
        """The first and last day of a dated record (a month-only date counts from its first day)."""
        if not self.dates:
            return None
        first = getattr(record, self.dates[0])
        if first is None:
            return None
        if isinstance(first, str):
            first = parse_day(first if len(first) == 10 else f"{first}-01")
        last = getattr(record, self.dates[1], None) if len(self.dates) > 1 else None
        return first, last or first

    def references_of(self, record: Record) -> Iterator[tuple[Reference, str, Location]]:
        """Each id the record names, with its declared reference and where it is in the file."""
        for reference in self.references:
            for value, location in _ids(record, tuple(reference.field.split(".")), ()):
                yield reference, value, location


def _ids(node: Any, parts: tuple[str, ...], location: Location) -> Iterator[tuple[str, Location]]:
    if node is None:
        return
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _ids(item, parts, (*location, index))
    elif parts:
        yield from _ids(getattr(node, parts[0]), parts[1:], (*location, parts[0]))
    elif isinstance(node, str):
        yield node, location
    else:  # a mapping that names its record in one field (a citation: `{source: id, locator: ...}`)
        name = node.names_record_in
        yield from _ids(getattr(node, name), (), (*location, name))


def undeclared_identifier_fields(declared: RecordType) -> set[str]:
    """Fields of the model that hold ids but are neither a declared reference nor declared not to be one."""
    declared_fields = [*(reference.field for reference in declared.references), *declared.not_references]
    return {
        path
        for path in identifier_fields(declared.model)
        if not any(path == name or path.startswith(f"{name}.") for name in declared_fields)
    }


def identifier_fields(model: type[BaseModel]) -> set[str]:
    """Dotted paths of every field of `model` that holds ids (its own `id` aside), read from its JSON Schema."""
    schema = model.model_json_schema(mode="validation")
    definitions = schema.get("$defs", {})
    found: set[str] = set()
    for name, prop in schema["properties"].items():
        if name not in ("id", "translations"):
            _walk(prop, name, definitions, found, set())
    return found


def _walk(node: dict[str, Any], path: str, definitions: dict[str, Any], found: set[str], seen: set[str]) -> None:
    if node.get("pattern") == ID_PATTERN:
        found.add(path)
    for option in [*node.get("anyOf", []), *node.get("oneOf", []), *([node["items"]] if "items" in node else [])]:
        _walk(option, path, definitions, found, seen)
    reference = node.get("$ref", "").split("/")[-1]
    if reference and reference not in seen:
        for name, prop in definitions[reference].get("properties", {}).items():
            _walk(prop, f"{path}.{name}", definitions, found, seen | {reference})
