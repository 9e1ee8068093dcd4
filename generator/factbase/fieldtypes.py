"""Strict scalar types for the models.

The YAML reader hands every scalar over as the exact text the researcher typed (or None for an
empty value), so the models decide what a scalar means: `007` stays the id "007", `1.10` stays
"1.10", and `86400` is not a date. The same parsers also accept already-typed Python values so
that code (tests, benchmarks) can build records directly.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any

import pycountry
from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

from generator.factbase.urls import published_url

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)
# re.ASCII: `\d` would also match other scripts' digits ('٢٠٢٢'), which int() then reads as numbers.
_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)
_INT_RE = re.compile(r"^-?\d+$", re.ASCII)
_FLOAT_RE = re.compile(r"^-?\d+(\.\d+)?$", re.ASCII)
_LANG_RE = re.compile(r"^([a-z]{2,3})(-[A-Za-z0-9]{2,8})*$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$", re.ASCII)
# Joiners that some scripts need inside words (Persian, Indic); elsewhere they hide text.
_WORD_JOINERS = frozenset("\u200c\u200d")


def _invisible(text: str) -> str | None:
    """Why `text` holds a bidi control or zero-width character (format, category Cf), if it does."""
    if text.isascii() or text.isprintable():  # no format character is ASCII or printable: most texts
        return None
    for index, char in enumerate(text):
        if unicodedata.category(char) != "Cf":
            continue
        if (
            char in _WORD_JOINERS
            and 0 < index < len(text) - 1
            and text[index - 1].isalpha()
            and text[index + 1].isalpha()
        ):
            continue
        return (
            f"invisible character U+{ord(char):04X} ({unicodedata.name(char, 'format character')}) at position "
            f"{index + 1}: it can make text read differently from what it says; remove it"
        )
    return None


def _non_ascii_digits(text: str) -> bool:
    return any(char.isdigit() and not char.isascii() for char in text)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        found = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else repr(value)
        raise ValueError(f"expected text, found {found}")
    stripped = value.strip()
    if not stripped:
        raise ValueError("must not be empty")
    hidden = _invisible(value)
    if hidden:
        raise ValueError(hidden)
    return stripped


def parse_identifier(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected an id (text)")
    if len(value) > 80:
        raise ValueError("id is longer than 80 characters")
    if not _ID_RE.match(value):
        raise ValueError(
            f"invalid id {value!r}: use lower-case letters, digits and single hyphens (e.g. 'first-rally')"
        )
    return value


def parse_day(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a date as YYYY-MM-DD")
    match = _DAY_RE.match(value)
    if not match and _non_ascii_digits(value):
        raise ValueError(f"invalid date {value!r}: type dates with the digits 0-9 (YYYY-MM-DD)")
    if not match:
        raise ValueError(f"invalid date {value!r}: expected YYYY-MM-DD")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise ValueError(f"impossible date {value!r}: {exc}") from None


def _day_or_month(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError("expected a date as YYYY-MM-DD (or YYYY-MM with precision: month)")
    match = _MONTH_RE.match(value)
    if match:
        if not 1 <= int(match[2]) <= 12:
            raise ValueError(f"impossible month {value!r}")
        return value
    parse_day(value)
    return value


# No count in a report has more digits; more is a typing accident, and a huge number crashes charts.
MAX_COUNT_DIGITS = 12


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("expected a whole number")
    if isinstance(value, str) and _INT_RE.match(value):
        digits = len(value.lstrip("-"))
        if digits > MAX_COUNT_DIGITS:
            raise ValueError(
                f"a number of {digits} digits is not a count; a count has at most {MAX_COUNT_DIGITS} digits"
            )
        return int(value)
    if isinstance(value, int):
        if abs(value) >= 10**MAX_COUNT_DIGITS:
            raise ValueError(f"a number of more than {MAX_COUNT_DIGITS} digits is not a count")
        return value
    raise ValueError(f"expected a whole number without separators, got {value!r}")


def _decimal(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("expected a decimal number")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and _FLOAT_RE.match(value):
        return float(value)
    raise ValueError(f"expected a decimal number such as 43.35, got {value!r}")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ValueError(f"expected true or false, got {value!r}")


def _url(value: Any) -> str:
    return published_url(_text(value))


def _language(value: Any) -> str:
    text = _text(value)
    match = _LANG_RE.match(text)
    primary = match[1] if match else None
    if not primary or not (pycountry.languages.get(alpha_2=primary) or pycountry.languages.get(alpha_3=primary)):
        raise ValueError(f"unknown language code {text!r}: use a BCP 47 tag such as 'en', 'ru', 'kk', 'zh-Hans'")
    return text


def _country(value: Any) -> str:
    text = _text(value)
    if len(text) != 2 or not text.isupper() or pycountry.countries.get(alpha_2=text) is None:
        raise ValueError(f"unknown country code {text!r}: use ISO 3166-1 alpha-2, e.g. 'FR', 'RU'")
    return text


def _clock(value: Any) -> str:
    text = _text(value)
    if not _TIME_RE.match(text):
        raise ValueError(f"invalid time {text!r}: expected HH:MM (24-hour, local time)")
    return text


def _iso(value: date) -> str:
    return value.isoformat()


Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Identifier = Annotated[
    str, BeforeValidator(parse_identifier), WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": 80})
]
Day = Annotated[date, BeforeValidator(parse_day), PlainSerializer(_iso, return_type=str)]
DayOrMonth = Annotated[
    str,
    BeforeValidator(_day_or_month),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}),
]
Count = Annotated[int, BeforeValidator(_integer), Field(ge=0, le=10**MAX_COUNT_DIGITS - 1)]
Latitude = Annotated[float, BeforeValidator(_decimal), Field(ge=-90, le=90)]
Degrees = Annotated[float, BeforeValidator(_decimal), Field(ge=0, le=90)]
Longitude = Annotated[float, BeforeValidator(_decimal), Field(ge=-180, le=180)]
Flag = Annotated[bool, BeforeValidator(_boolean)]
Url = Annotated[
    str, BeforeValidator(_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})
]
Language = Annotated[str, BeforeValidator(_language), WithJsonSchema({"type": "string", "pattern": _LANG_RE.pattern})]
Country = Annotated[str, BeforeValidator(_country), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"})]
Clock = Annotated[str, BeforeValidator(_clock), WithJsonSchema({"type": "string", "pattern": _TIME_RE.pattern})]
