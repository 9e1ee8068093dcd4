"""Day positions and tick labels for time axes.

Charts place dates as whole days counted from an origin, so the drawn data is plain integers
(canonical in the cache key) and the ticks are chosen here, few enough for a phone screen.
"""

from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_date

from generator.i18n import DEFAULT_LANGUAGE

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAY_STEPS = (1, 2, 3, 7, 14, 21, 28)


def offset(day: date, origin: date) -> int:
    return (day - origin).days


def ticks(
    origin: date, first: int, last: int, max_ticks: int = 5, language: str = DEFAULT_LANGUAGE
) -> list[tuple[int, str]]:
    """Tick positions (day offsets) between `first` and `last` and their labels ('1 Jan', 'Mar 2022')."""
    length = last - first
    for step in _DAY_STEPS:
        if length // step + 1 <= max_ticks:
            return [(day, day_label(origin + timedelta(days=day), language)) for day in range(first, last + 1, step)]
    return _month_ticks(origin, first, last, max_ticks, language)


def _month_ticks(origin: date, first: int, last: int, max_ticks: int, language: str) -> list[tuple[int, str]]:
    start, end = origin + timedelta(days=first), origin + timedelta(days=last)
    months = []
    year, month = (start.year, start.month) if start.day == 1 else _next_month(start.year, start.month)
    while date(year, month, 1) <= end:
        months.append(date(year, month, 1))
        year, month = _next_month(year, month)
    step = max(1, -(-len(months) // max_ticks))
    chosen = months[::step]
    return [
        (offset(day, origin), _month_label(day, index == 0 or day.month == 1, language))
        for index, day in enumerate(chosen)
    ]


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def day_label(day: date, language: str = DEFAULT_LANGUAGE) -> str:
    """'5 Jan', '5 janv.' (the English abbreviations are fixed: CLDR's would change the drawings)."""
    if language != DEFAULT_LANGUAGE:
        # A no-break space: a wrapped label never leaves the day number alone at a line's end.
        return format_date(day, "d MMM", locale=language).replace(" ", "\u00a0")
    return f"{day.day} {_MONTHS[day.month - 1]}"


def _month_label(day: date, with_year: bool, language: str = DEFAULT_LANGUAGE) -> str:
    if language != DEFAULT_LANGUAGE:
        return format_date(day, "LLL y" if with_year else "LLL", locale=language)
    return f"{_MONTHS[day.month - 1]} {day.year}" if with_year else _MONTHS[day.month - 1]
