"""A record's text in a language, from its `translations` block (contract A), or the default text.

Every page and chart asks here for a record text, and never reads `translations` itself, so the
rule of the fallback is in one place: a text not translated yet is the default language's text,
flagged so that the page can mark it (`lang="en"`, "untranslated") rather than break.
"""

from __future__ import annotations

from typing import Any

from generator.i18n import DEFAULT_LANGUAGE


class RecordText(str):
    """A text to show, that knows its language and whether it stands in for a missing translation."""

    language: str
    fallback: bool

    def __new__(cls, text: str, language: str, fallback: bool = False) -> RecordText:
        made = super().__new__(cls, text)
        made.language = language
        made.fallback = fallback
        return made

    def __reduce__(self) -> tuple[type[RecordText], tuple[str, str, bool]]:
        # Chart plans holding record texts go to worker processes by pickle.
        return RecordText, (str(self), self.language, self.fallback)


def _follow(value: Any, path: list[str]) -> Any:
    for name in path:
        if value is None:
            return None
        value = value.get(name) if isinstance(value, dict) else getattr(value, name, None)
    return value


def record_text(record: Any, field: str, language: str = DEFAULT_LANGUAGE) -> RecordText | None:
    """`record.<field>` in `language`, or None when the record has no such text in any language.

    `field` may be a dotted path into the translation block (`quote.translation`, `scope.group`).
    A record without `translations` (or with none for `language`) gives the default text, flagged
    as a fallback when `language` is not the default one.
    """
    path = field.split(".")
    if language != DEFAULT_LANGUAGE:
        translations = getattr(record, "translations", None) or {}
        translated = _follow(translations.get(language), path)
        if translated is not None:
            return RecordText(str(translated), language)
    original = _follow(record, path)
    if original is None:
        return None
    return RecordText(str(original), DEFAULT_LANGUAGE, fallback=language != DEFAULT_LANGUAGE)


def N_(message: str) -> str:
    """Marks a message for extraction (`make messages`) where it is defined; translated where it is shown."""
    return message


# The texts the report model gives the timeline's own parts (generator/model/report.py), which
# comes before this stage and so cannot translate them itself.
BUILT_IN_PARTS = {
    ("background", "title"): N_("Background events"),
    ("background", "summary"): N_("Events before the report's period that explain it."),
    ("follow-up", "title"): N_("Follow-up"),
    ("follow-up", "summary"): N_("Revisions, investigations and reforms after the report's period."),
}


def part_text(info: Any, part: Any, field: str, language: str = DEFAULT_LANGUAGE) -> RecordText | None:
    """The title or summary of a part of the timeline in `language`: a phase's from the report's
    `translations` (`phases: {<id>: {title, summary}}`), a built-in part's from the catalogue."""
    default = getattr(part, field, None)
    if default is None:
        return None
    if language == DEFAULT_LANGUAGE:
        return RecordText(default, language)
    if BUILT_IN_PARTS.get((part.slug, field)) == default:
        from generator.i18n.catalogues import translations

        return RecordText(translations(language).gettext(default), language)
    translations_of = getattr(info, "translations", None) or {}
    translated = _follow(translations_of.get(language), ["phases", part.slug, field])
    if translated is not None:
        return RecordText(str(translated), language)
    return RecordText(default, DEFAULT_LANGUAGE, fallback=True)
