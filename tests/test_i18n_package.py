"""generator.i18n: catalogues compiled in memory, locale formatting, record texts with their fallback."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from generator.i18n.catalogues import translations
from generator.i18n.formatting import figure_value, long_date, number, short_date, value_range
from generator.i18n.texts import record_text

NNBSP = "\u202f"


def reported(
    value: int | None = None, low: int | None = None, high: int | None = None, approximate: bool = False
) -> Any:
    return SimpleNamespace(value=value, min=low, max=high, approximate=approximate)


def test_dates_per_locale() -> None:
    assert long_date(date(2022, 1, 5), "fr") == "5 janvier 2022"
    assert long_date(date(2022, 1, 5), "en") == "5 January 2022"
    assert short_date(date(2022, 1, 5), "en") == "5 Jan 2022"
    assert short_date(date(2022, 1, 5), "fr") == "5 janv. 2022"
    assert long_date(date(2022, 1, 1), "fr") == "1er janvier 2022", "premier"
    assert long_date(date(2022, 1, 1), "en") == "1 January 2022"


def test_english_forms_are_the_ones_the_site_always_printed() -> None:
    for day in (date(2022, month, 1 + month) for month in range(1, 13)):
        assert long_date(day) == f"{day.day} {day:%B %Y}"
        assert short_date(day) == f"{day.day} {day:%b %Y}"
    for value in (0, 7, 999, 1000, 9900, 1234567):
        assert number(value) == f"{value:,}"
    assert figure_value(reported(2500, approximate=True)) == "about 2,500"
    assert figure_value(reported(low=20, high=30)) == "20–30"
    assert figure_value(reported(low=200)) == "at least 200"
    assert figure_value(reported(high=30)) == "up to 30"


def test_numbers_and_ranges_in_french() -> None:
    assert number(9900, "fr") == f"9{NNBSP}900"
    assert value_range(164, 238, "fr") == "de 164 à 238"
    assert value_range(164, 238, "en") == "164 to 238"
    assert figure_value(reported(2500, approximate=True), "fr") == f"environ 2{NNBSP}500"
    assert figure_value(reported(low=20, high=30), "fr") == "20–30", 'a compact range, in a table cell or after "de"'
    assert figure_value(reported(low=200), "fr") == "au moins 200"
    assert figure_value(reported(high=30), "fr") == "jusqu’à 30"


def test_catalogue_is_compiled_from_the_po_file_in_memory(tmp_path: Path) -> None:
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Sources"\nmsgstr "Quellen"\n\n#, fuzzy\nmsgid "Draft"\nmsgstr "Entwurf"\n',
        encoding="utf-8",
    )
    catalogue = translations("xx", tmp_path)
    assert catalogue.gettext("Sources") == "Quellen"
    assert catalogue.gettext("Draft") == "Draft", "a fuzzy entry is a draft, not a translation"
    assert not list(tmp_path.rglob("*.mo")), "nothing is written to disk"
    assert translations("en", tmp_path).gettext("Sources") == "Sources"
    assert translations("zz", tmp_path).gettext("Sources") == "Sources"


def test_the_french_catalogue_translates() -> None:
    assert translations("fr").gettext("Sources") == "Sources"
    assert translations("fr").gettext("Timeline") == "Chronologie"


@dataclass(frozen=True)
class Words:
    title: str | None = None
    summary: str | None = None
    note: str | None = None
    scope: Any = None


@dataclass(frozen=True)
class Fixture:
    title: str = "Protest in Zhanaozen"
    summary: str = "Drivers protested."
    note: str | None = None
    scope: Any = field(default_factory=lambda: SimpleNamespace(group="police"))
    translations: dict[str, Words] = field(default_factory=dict)


def test_record_text_in_the_language_asked() -> None:
    record = Fixture(
        translations={"fr": Words(title="Manifestation à Janaozen", scope=SimpleNamespace(group="police (fr)"))}
    )
    title = record_text(record, "title", "fr")
    assert title == "Manifestation à Janaozen" and not title.fallback and title.language == "fr"
    assert record_text(record, "scope.group", "fr") == "police (fr)"
    english = record_text(record, "title", "en")
    assert english == "Protest in Zhanaozen" and not english.fallback and english.language == "en"


def test_record_text_falls_back_to_the_default_language() -> None:
    record = Fixture(translations={"fr": Words(title="Manifestation")})
    summary = record_text(record, "summary", "fr")
    assert summary == "Drivers protested." and summary.fallback and summary.language == "en"
    assert record_text(record, "note", "fr") is None
    assert record_text(record, "scope.group", "fr") == "police"


def test_record_without_translations_attribute() -> None:
    plain = SimpleNamespace(title="Curfew", note=None)
    text = record_text(plain, "title", "fr")
    assert text == "Curfew" and text.fallback
    assert record_text(plain, "missing", "fr") is None


def test_record_text_survives_pickling() -> None:
    """Chart plans carrying record texts are sent to worker processes."""
    import pickle

    text = record_text(Fixture(), "title", "fr")
    again = pickle.loads(pickle.dumps(text))
    assert again == text and again.fallback and again.language == "en"
