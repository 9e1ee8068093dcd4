"""Translations of the records: integrity (facts kept), missing texts, and coverage per kind and language."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.factbase.diagnostics import Diagnostic
from generator.factbase.loader import Loaded, Origin
from generator.factbase.models import Reaction
from generator.factbase.translatable import (
    TRANSLATABLE,
    TextPair,
    default_language,
    record_orphan_translations,
    record_text_pairs,
    report_text_pairs,
    target_languages,
    text_pairs,
)
from generator.factbase.translation_integrity import compare, language_name, readable

# The order kinds are listed in by the coverage line.
KIND_ORDER = (
    "events",
    "reactions",
    "figures",
    "measures",
    "actors",
    "places",
    "sources",
    "report",
    "pages",
    "fragments",
)


@dataclass(frozen=True)
class Coverage:
    """How many of a kind's items (records, report.yml, pages) have every required text in one language."""

    language: str
    kind: str
    translated: int
    total: int


# A record that was not edited is the same object from one build to the next (the loader caches it),
# so its problems are kept with it, with what else they depend on: a rebuild checks only what changed.
_BY_RECORD: dict[
    int, tuple[Any, tuple[Any, ...], Origin | None, list[Diagnostic], list[Diagnostic], list[Diagnostic]]
] = {}


def record_translation_problems(loaded: Loaded, required: bool = False) -> list[Diagnostic]:
    """Integrity mismatches (errors; a dropped negation is a warning) and missing translations.

    A missing translation is a warning, or an error when `required` (release builds).
    """
    languages = target_languages(loaded)
    original_language = default_language(loaded)
    setting = (tuple(languages), original_language, required)
    kept: dict[
        int, tuple[Any, tuple[Any, ...], Origin | None, list[Diagnostic], list[Diagnostic], list[Diagnostic]]
    ] = {}
    texts: list[Diagnostic] = []
    orphans: list[Diagnostic] = []
    quotes: list[Diagnostic] = []
    for kind in TRANSLATABLE:
        for record in loaded.records.get(kind, []):
            origin = loaded.origins.get(id(record))
            known = _BY_RECORD.get(id(record))
            if known is None or known[0] is not record or known[1] != setting or known[2] is not origin:
                known = (
                    record,
                    setting,
                    origin,
                    _text_problems(
                        record_text_pairs(record, kind, languages, original_language),
                        origin,
                        original_language,
                        required,
                    ),
                    _orphan_problems(loaded, record, kind, original_language),
                    _quote_problems(loaded, record, original_language),
                )
            kept[id(record)] = known
            texts += known[3]
            orphans += known[4]
            quotes += known[5]
    _BY_RECORD.clear()
    _BY_RECORD.update(kept)
    if loaded.info is not None:
        texts += _text_problems(
            report_text_pairs(loaded.info, languages), loaded.origins.get(id(loaded.info)), original_language, required
        )
    return texts + orphans + quotes


def _text_problems(
    pairs: Iterable[TextPair], origin: Origin | None, original_language: str, required: bool
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    if origin is None:
        return problems
    for pair in pairs:
        if pair.translation is None:
            if pair.required:
                problems.append(_missing(origin, pair, required))
            continue
        for mismatch in compare(pair.original, pair.translation, original_language, pair.language):
            problems.append(
                origin.diagnostic(
                    f"translations.{pair.language}.{pair.field}: {mismatch.message}",
                    "translations",
                    pair.language,
                    *pair.path,
                    warning=mismatch.warning,
                )
            )
    return problems


def _orphan_problems(loaded: Loaded, record: Any, kind: str, original_language: str) -> list[Diagnostic]:
    return [
        loaded.origin(record).diagnostic(
            f"translations.{language}.{field.dotted}: translates nothing: the record has no '{field.path[0]}'",
            "translations",
            language,
            *field.path,
            warning=True,
        )
        for record, language, field in record_orphan_translations(record, kind, original_language)
    ]


def _quote_problems(loaded: Loaded, record: Any, original_language: str) -> list[Diagnostic]:
    """A quote's own translation (`quote.translation`) against its original words, where they can be read."""
    quote = record.quote if isinstance(record, Reaction) else None
    if quote is None or not quote.translation or not readable(quote.language):
        return []
    origin = loaded.origin(record)
    return [
        origin.diagnostic(f"quote.translation: {mismatch.message}", "quote", "translation", warning=mismatch.warning)
        for mismatch in compare(quote.text, quote.translation, quote.language, original_language)
    ]


def _missing(origin: Origin, pair: TextPair, required: bool) -> Diagnostic:
    return origin.diagnostic(
        f"no {language_name(pair.language)} translation of '{pair.field}'", *pair.original_path, warning=not required
    )


def record_coverage(loaded: Loaded) -> list[Coverage]:
    """Per language and kind: items with every required text translated, out of items with text to translate."""
    complete: dict[tuple[str, str], dict[int, bool]] = defaultdict(dict)
    for pair in text_pairs(loaded, target_languages(loaded)):
        if not pair.required:
            continue
        items = complete[(pair.language, pair.kind)]
        items[id(pair.owner)] = items.get(id(pair.owner), True) and pair.translation is not None
    return [Coverage(language, kind, sum(items.values()), len(items)) for (language, kind), items in complete.items()]


def coverage_lines(coverage: Iterable[Coverage]) -> list[str]:
    """`fr: events 110/110, reactions 79/79, ...`, one line per language."""
    by_language: dict[str, list[Coverage]] = defaultdict(list)
    for item in coverage:
        by_language[item.language].append(item)
    lines = []
    for language, items in sorted(by_language.items()):
        items.sort(
            key=lambda item: (KIND_ORDER.index(item.kind) if item.kind in KIND_ORDER else len(KIND_ORDER), item.kind)
        )
        translated, total = sum(i.translated for i in items), sum(i.total for i in items)
        share = f"{100 * translated / total:.0f}%" if total else "100%"
        lines.append(f"{language}: {', '.join(f'{i.kind} {i.translated}/{i.total}' for i in items)} ({share} complete)")
    return lines
