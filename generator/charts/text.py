"""Words for alt texts and captions, built from the numbers a chart draws."""

from __future__ import annotations

import textwrap
from datetime import date

from generator.factbase.vocab import Term
from generator.site.render import long_date


def count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number:,} {singular if number == 1 else (plural or singular + 's')}"


def category_count(number: int, category: Term) -> str:
    singular, plural = category.nouns()
    return count(number, singular, plural)


def listing(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def span(first: date, last: date) -> str:
    """'from 1 to 31 January 2022', 'from 28 December 2021 to 3 January 2022', 'on 5 January 2022'."""
    if first == last:
        return f"on {long_date(first)}"
    if (first.year, first.month) == (last.year, last.month):
        return f"from {first.day} to {long_date(last)}"
    if first.year == last.year:
        return f"from {first.day} {first:%B} to {long_date(last)}"
    return f"from {long_date(first)} to {long_date(last)}"


def lower_label(label: str) -> str:
    """A vocabulary label inside a sentence: 'Supports the UN mission' → 'supports the UN mission'."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def wrap(text: str, characters: int) -> str:
    """`text` in lines of at most `characters` (a longer word keeps its own line): names are never cut."""
    return "\n".join(textwrap.wrap(text, max(characters, 8), break_long_words=False, break_on_hyphens=False)) or text
