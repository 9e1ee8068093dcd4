"""Words for alt texts and captions, built from the numbers a chart draws, in the chart's language."""

from __future__ import annotations

import textwrap
from datetime import date

from babel import Locale

from generator.factbase.vocab import Term
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.catalogues import translations
from generator.i18n.formatting import day_month, day_number, figure_value, long_date, number, short_date


class Words:
    """The messages, dates and numbers of one language, for the text of a chart.

    `gettext` and `ngettext` are the catalogue's (extracted by `make messages`); `ngettext` fills
    `%(num)s` with the number as the language writes it ('1,234', '1 234').
    """

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language
        self._catalogue = translations(language)

    @property
    def default(self) -> bool:
        return self.language == DEFAULT_LANGUAGE

    def gettext(self, message: str, **values: object) -> str:
        translated = self._catalogue.gettext(message)
        return translated % values if values else translated

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        return self._catalogue.ngettext(singular, plural, count) % {"num": number(count, self.language), **values}

    def number(self, value: int | float) -> str:
        return number(value, self.language)

    def long_date(self, day: date) -> str:
        return long_date(day, self.language)

    def short_date(self, day: date) -> str:
        return short_date(day, self.language)

    def value(self, figure: object) -> str:
        return figure_value(figure, self.language)  # type: ignore[arg-type]

    def label(self, member: Term) -> str:
        """A vocabulary label in this language (contract C), the default one until there is one."""
        method = getattr(member, "label_in", None)
        return method(self.language) if method is not None else member.label

    def listing(self, items: list[str]) -> str:
        """'a, b and c'."""
        if not items:
            return ""
        and_ = f" {self.gettext('and')} "
        if len(items) <= 2:
            return and_.join(items)
        return ", ".join(items[:-1]) + and_ + items[-1]

    def span(self, first: date, last: date) -> str:
        """'from 1 to 31 January 2022', 'from 28 December 2021 to 3 January 2022', 'on 5 January 2022';
        'du 1 au 31 janvier 2022', 'le 5 janvier 2022'."""
        if first == last:
            return self.gettext("on %(date)s", date=self.long_date(first))
        if (first.year, first.month) == (last.year, last.month):
            start = day_number(first, self.language)
        elif first.year == last.year:
            start = day_month(first, self.language)
        else:
            start = self.long_date(first)
        return self.gettext("from %(first)s to %(last)s", first=start, last=self.long_date(last))

    def events(self, count: int) -> str:
        return self.ngettext("%(num)s event", "%(num)s events", count)

    def category_count(self, count: int, category: Term) -> str:
        """'8 clashes' where the label is 'Clash': the count nouns of content/vocabularies.yml, in this language."""
        singular, plural = category.nouns(self.language)
        one = Locale.parse(self.language).plural_form(count) == "one"
        return f"{self.number(count)} {singular if one else plural}"


def lower_label(label: str) -> str:
    """A vocabulary label inside a sentence: 'Supports the UN mission' → 'supports the UN mission'."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def wrap(text: str, characters: int) -> str:
    """`text` in lines of at most `characters` (a longer word keeps its own line): names are never cut."""
    return "\n".join(textwrap.wrap(text, max(characters, 8), break_long_words=False, break_on_hyphens=False)) or text
