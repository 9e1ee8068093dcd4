"""Which texts of each record kind a translation carries, and each original text beside its translation.

The fields are those each record type's translation model declares (the `translations:` block of a
record file). A name that reads the same in another language is left out of a translation on
purpose, so names are optional: a missing one falls back to the original without being reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from generator.factbase.loader import Loaded, models_in
from generator.factbase.models import RECORD_TYPE_BY_FOLDER

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Translatable:
    path: tuple[str, ...]
    # False: a translation may leave the field out because the original reads the same (a name).
    required: bool = True

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


# Names read the same in many languages: a translation leaves them out rather than copy them.
OPTIONAL = {"actors": ("name", "short_name"), "places": ("name",)}


def translatable_fields(model: type[BaseModel]) -> tuple[Translatable, ...]:
    """The text fields of a record type's `translations.<lang>` model (declared with the model), nested ones dotted."""
    annotation = model.model_fields["translations"].annotation
    translation = get_args(annotation)[1]
    optional = OPTIONAL.get(getattr(model, "kind", ""), ())
    return tuple(Translatable(path, ".".join(path) not in optional) for path in _text_paths(translation))


def _text_paths(model: type[BaseModel]) -> Iterator[tuple[str, ...]]:
    for name, info in model.model_fields.items():
        inner = next(models_in(info.annotation), None)
        if inner is not None:
            yield from ((name, *path) for path in _text_paths(inner))
        elif get_origin(info.annotation) is not Literal:  # who translated is not a text
            yield (name,)


TRANSLATABLE: dict[str, tuple[Translatable, ...]] = {
    kind: translatable_fields(model) for kind, model in RECORD_TYPE_BY_FOLDER.items()
}
REPORT_KIND = "report"


@dataclass(frozen=True)
class TextPair:
    """One translatable text of a record (or of report.yml) and its translation into `language`, if any."""

    owner: Any  # the record, or the ReportInfo
    kind: str
    language: str
    field: str  # dotted, as in the translations block: "summary", "quote.translation", "phases.main.title"
    path: tuple[str, ...]  # the field's place inside `translations.<language>`
    original_path: tuple[str, ...]  # the original text's place in the file
    original: str
    translation: str | None
    required: bool = True


def default_language(loaded: Loaded) -> str:
    languages = getattr(loaded.info, "languages", None) or [DEFAULT_LANGUAGE]
    return str(languages[0])


def target_languages(loaded: Loaded) -> list[str]:
    """The report's other languages, and any language a translations block is written in."""
    declared = list(getattr(loaded.info, "languages", None) or [DEFAULT_LANGUAGE])
    found = set(declared[1:])
    owners: list[Any] = [record for records in loaded.records.values() for record in records]
    if loaded.info is not None:
        owners.append(loaded.info)
    for owner in owners:
        found.update(translations_of(owner))
    found.discard(declared[0])
    return sorted(found)


def translations_of(owner: Any) -> dict[str, Any]:
    return dict(getattr(owner, "translations", None) or {})


def text_pairs(loaded: Loaded, languages: list[str]) -> Iterator[TextPair]:
    """Every original text that has something to translate, with its translation into each language."""
    original_language = default_language(loaded)
    for kind in TRANSLATABLE:
        for record in loaded.records.get(kind, []):
            yield from record_text_pairs(record, kind, languages, original_language)
    if loaded.info is not None:
        yield from report_text_pairs(loaded.info, languages)


def record_text_pairs(record: Any, kind: str, languages: list[str], original_language: str) -> Iterator[TextPair]:
    """`text_pairs` of one record of `kind`."""
    translations = translations_of(record)
    for language in languages:
        translated = translations.get(language)
        for field in TRANSLATABLE[kind]:
            original = _original(record, field.path, original_language, language)
            if original is None:
                continue
            yield TextPair(
                record,
                kind,
                language,
                field.dotted,
                field.path,
                _original_path(record, field.path),
                original,
                _get(translated, field.path),
                field.required,
            )


def orphan_translations(loaded: Loaded) -> Iterator[tuple[Any, str, Translatable]]:
    """(record, language, field) of each translated text whose record has no original text to translate."""
    original_language = default_language(loaded)
    for kind in TRANSLATABLE:
        for record in loaded.records.get(kind, []):
            yield from record_orphan_translations(record, kind, original_language)


def record_orphan_translations(
    record: Any, kind: str, original_language: str
) -> Iterator[tuple[Any, str, Translatable]]:
    """`orphan_translations` of one record of `kind`."""
    for language, translated in sorted(translations_of(record).items()):
        for field in TRANSLATABLE[kind]:
            if (
                _get(translated, field.path) is not None
                and _original(record, field.path, original_language, language) is None
            ):
                yield record, language, field


def report_text_pairs(info: Any, languages: list[str]) -> Iterator[TextPair]:
    translations = translations_of(info)
    for language in languages:
        translated = translations.get(language)
        for name in ("title", "subtitle"):
            original = getattr(info, name, None)
            if original:
                yield TextPair(info, REPORT_KIND, language, name, (name,), (name,), original, _get(translated, (name,)))
        phases = _get_any(translated, "phases") or {}
        for index, phase in enumerate(info.phases):
            for name in ("title", "summary"):
                original = getattr(phase, name, None)
                if original:
                    path = ("phases", phase.id, name)
                    yield TextPair(
                        info,
                        REPORT_KIND,
                        language,
                        ".".join(path),
                        path,
                        ("phases", str(index), name),
                        original,
                        _get(phases.get(phase.id), (name,)),
                    )


def _original(record: Any, path: tuple[str, ...], original_language: str, language: str) -> str | None:
    """The original text a translation of `path` renders; for a quote, the quote in the original language's words."""
    if path == ("quote", "translation"):
        quote = getattr(record, "quote", None)
        if quote is None or _base(quote.language) == _base(language):
            return None  # a quote already in that language stays as published
        return quote.text if _base(quote.language) == _base(original_language) else quote.translation
    value = _get(record, path)
    return value if isinstance(value, str) and value else None


def _original_path(record: Any, path: tuple[str, ...]) -> tuple[str, ...]:
    if path == ("quote", "translation") and _base(record.quote.language) == DEFAULT_LANGUAGE:
        return ("quote", "text")
    return path


def _base(language: str) -> str:
    return language.split("-")[0].lower()


def _get(node: Any, path: tuple[str, ...]) -> str | None:
    for name in path:
        node = _get_any(node, name)
        if node is None:
            return None
    return node if isinstance(node, str) and node else None


def _get_any(node: Any, name: str) -> Any:
    if node is None:
        return None
    if isinstance(node, dict):
        return node.get(name)
    return getattr(node, name, None)
