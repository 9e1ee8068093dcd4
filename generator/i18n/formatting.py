"""Dates, numbers, ranges and reported values as a reader of each language writes them (Babel's CLDR data).

The English forms are exactly those the site always printed ("5 January 2022", "5 Jan 2022",
"2,500", "about 2,500", "20–30", "at least 200", "up to 30"), so an English build is unchanged.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Protocol

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.catalogues import translations


class ReportedValue(Protocol):
    @property
    def value(self) -> int | None: ...
    @property
    def min(self) -> int | None: ...
    @property
    def max(self) -> int | None: ...
    @property
    def approximate(self) -> bool: ...


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


def day_number(day: date, language: str = DEFAULT_LANGUAGE) -> str:
    """The day of the month as written before a month name: '1', and in French '1er' (premier)."""
    return "1er" if day.day == 1 and language.split("-")[0] == "fr" else str(day.day)


def _with_day(day: date, pattern: str, language: str) -> str:
    """A date whose pattern starts with the day number, that number written as the language does."""
    written = format_date(day, pattern, locale=_locale(language))
    return day_number(day, language) + written[len(str(day.day)) :]


@lru_cache(maxsize=8192)
def long_date(day: date, language: str = DEFAULT_LANGUAGE) -> str:
    """'5 January 2022', '5 janvier 2022', '1er janvier 2022'."""
    return _with_day(day, "d MMMM y", language)


@lru_cache(maxsize=8192)
def short_date(day: date, language: str = DEFAULT_LANGUAGE) -> str:
    """'5 Jan 2022', '5 janv. 2022'."""
    return _with_day(day, "d MMM y", language)


def month_year(day: date, language: str = DEFAULT_LANGUAGE) -> str:
    """'January 2022', 'janvier 2022'."""
    return format_date(day, "LLLL y", locale=_locale(language))


def day_month(day: date, language: str = DEFAULT_LANGUAGE) -> str:
    """'5 January', '5 janvier'."""
    return _with_day(day, "d MMMM", language)


def month_name(day: date, language: str = DEFAULT_LANGUAGE) -> str:
    """'January', 'janvier' (inside a date, as after a day number)."""
    return format_date(day, "MMMM", locale=_locale(language))


@lru_cache(maxsize=8192)
def number(value: int | float, language: str = DEFAULT_LANGUAGE) -> str:
    """'9,900', '9 900' (French groups with a narrow no-break space)."""
    return format_decimal(value, locale=_locale(language))


def value_range(low: int, high: int, language: str = DEFAULT_LANGUAGE) -> str:
    """A range in a sentence: '164 to 238', 'de 164 à 238'."""
    _ = translations(language).gettext
    return _("%(low)s to %(high)s") % {"low": number(low, language), "high": number(high, language)}


def figure_value(figure: ReportedValue, language: str = DEFAULT_LANGUAGE) -> str:
    """A reported value as a reader says it: '225', 'about 2,500', 'at least 200', '20–30'; in French
    '225', 'environ 2 500', 'au moins 200', '20–30' (a range in prose is `value_range`)."""
    _ = translations(language).gettext
    if figure.value is not None:
        value = number(figure.value, language)
        return _("about %(number)s") % {"number": value} if figure.approximate else value
    if figure.min is not None and figure.max is not None:
        # The compact form of a reported range (a table cell, a link): '20–30'.
        return _("%(low)s–%(high)s") % {"low": number(figure.min, language), "high": number(figure.max, language)}
    if figure.min is not None:
        return _("at least %(number)s") % {"number": number(figure.min, language)}
    assert figure.max is not None
    return _("up to %(number)s") % {"number": number(figure.max, language)}
