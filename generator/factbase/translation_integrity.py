"""Compare a text with its translation: numbers, percentages, dates, times and citations must agree.

A mistranslated figure or date is the worst error a report can make, and no reader of one
language can see it. Each text is reduced to the facts a translation must carry unchanged, each
in a form that does not depend on the language ("9,900" and "9 900" are both 9900, "5 January"
and "5 janvier" both 01-05), and the two multisets are compared. A dropped negation is looked for
too, as a warning: word lists cannot tell every turn of phrase apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError

_MONTHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    "fr": (
        ("janvier", "janv"),
        ("février", "fevrier", "févr", "fevr"),
        ("mars",),
        ("avril", "avr"),
        ("mai",),
        ("juin",),
        ("juillet", "juil"),
        ("août", "aout"),
        ("septembre", "sept"),
        ("octobre", "oct"),
        ("novembre", "nov"),
        ("décembre", "decembre", "déc", "dec"),
    ),
}
# Month names that are also common words: a month only next to a day or a year.
_AMBIGUOUS_MONTHS = {
    "en": {"may", "mar", "jan", "dec", "oct", "nov", "sep", "aug", "jun", "jul", "apr", "feb"},
    "fr": {"mars", "sept", "dec", "oct", "nov"},
}
# Words (or word starts) that join the days of a list or range: "5 and 6 January", "du 2 au 4 janvier".
_DAY_JOINERS = r"(?:,|and|et|or|ou|to|au|-|–|—|/|&)"

_NEGATIONS = {
    # "No. 5" numbers a decree; it denies nothing.
    "en": re.compile(
        r"\b(?:not|no(?!\.\s*\d)|never|none|nor|neither|without|nobody|nothing|cannot)\b|n't\b|n’t\b", re.I
    ),
    # "l'absence de victimes", "un accès inexistant": French often says "no" with a noun or an adjective.
    "fr": re.compile(
        r"\b(?:ne|pas|jamais|aucun|aucune|non|sans|ni|rien|personne|absence|inexistante?s?|nulle?s?)\b"
        r"|\bn['’]",
        re.I,
    ),
}

_SPACES = "\u0020\u00a0\u202f\u2009"
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
_CITATION_MARK = re.compile(r"\[@([^\]\n]*)\]")
_BIBLIOGRAPHY_LINK = re.compile(r"sources/index\.md#source-([a-z0-9]+(?:-[a-z0-9]+)*)")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_URL = re.compile(r"https?://\S+|<[^>\n]*>|\{[#:][^}\n]*\}")
# What every pattern below that reads a day, an hour or a number needs somewhere in the text (`\d`, as they use).
_DIGIT = re.compile(r"\d")
_ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
_TIME_COLON = re.compile(r"(?<![\w.,:])([01]?\d|2[0-4])[:.]([0-5]\d)(?:\s*([ap])\.?\s?m\b\.?)?(?![\d:])", re.I)
_TIME_MERIDIEM = re.compile(r"(?<![\w.,:])(1[0-2]|0?[1-9])\s*([ap])\.?\s?m\b\.?", re.I)
_TIME_FRENCH = re.compile(r"(?<![\w.,:])([01]?\d|2[0-4])\s?h(?:\s?([0-5]\d))?(?![\w])")
# "5 heures de l'après-midi": a 12-hour clock in words.
_TIME_FRENCH_WORDS = re.compile(
    r"(?<![\w.,:])(1[0-2]|0?[1-9])\s+heures?\s+(?:du\s+(matin|soir)|de\s+l['’](après-midi))", re.I
)
_NUMBER = {
    "en": re.compile(rf"(?<![\w.,])(?:\d{{1,3}}(?:(?:,|[{_SPACES}])\d{{3}})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?)"),
    "fr": re.compile(rf"(?<![\w.,])(?:\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![\d])(?:,\d+)?|\d+(?:,\d+)?)"),
}
# Scale words multiply the number before them: "17 billion" = "17 milliards"; the French "billion" is a
# thousand times more, the classic false friend of a translation.
_SCALES = {
    "en": {"thousand": 3, "million": 6, "billion": 9, "trillion": 12},
    "fr": {"mille": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9, "billion": 12, "billions": 12},
}
_SCALE_AFTER = {
    lang: re.compile(rf"^[{_SPACES}]({'|'.join(sorted(words, key=len, reverse=True))})\b", re.I)
    for lang, words in _SCALES.items()
}
_PERCENT_AFTER = re.compile(rf"^[{_SPACES}]?(?:%|per[{_SPACES}]?cent\b|pour[{_SPACES}]cent\b)", re.I)


@dataclass(frozen=True, order=True)
class Fact:
    """Something a translation must carry unchanged: its kind, a language-free value, and how it was written."""

    kind: str  # number, percentage, date, month, time, citation, link
    value: str
    shown: str
    offset: int = 0


@dataclass(frozen=True)
class Mismatch:
    message: str
    warning: bool = False
    # Where in the translated text the problem is, when it is there (an added or changed value).
    offset: int | None = None


def readable(language: str) -> bool:
    """Whether dates in `language` can be read (its month names are known), so its texts can be compared."""
    return language.split("-")[0].lower() in _MONTHS


@cache  # asked once per missing translation: thousands of times per build of a large report
def language_name(code: str) -> str:
    """The language's English name ('French' for 'fr'), as messages to the editors name it; the code if unknown."""
    try:
        return Locale.parse(code.replace("-", "_")).get_language_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code


def compare(
    original: str, translation: str, original_language: str, translation_language: str, negation: bool = True
) -> list[Mismatch]:
    """Every fact of `original` that `translation` lacks or changes, and every one it adds.

    `negation=False` skips the negation check (meaningless for a whole page, which always has some).
    """
    found = facts(original, original_language)
    given = facts(translation, translation_language)
    problems = _fact_mismatches(found, given, language_name(original_language))
    dropped = _dropped_negation(original, translation, original_language, translation_language) if negation else None
    return [*problems, *([dropped] if dropped else [])]


def facts(text: str, language: str) -> list[Fact]:
    """The numbers, percentages, dates, months, times, citations and links to the report's pages of `text`, in order."""
    return list(_facts(text, language.split("-")[0].lower()))


# Remembered: a preview reloads the content on every save, and most texts have not changed.
@lru_cache(maxsize=16384)
def _facts(text: str, lang: str) -> tuple[Fact, ...]:
    text = unicodedata.normalize("NFC", text)
    found: list[Fact] = []
    masked = _blank(text, _CODE)
    for match in _CITATION_MARK.finditer(masked):
        for part in match[1].split(";"):
            source_id = part.strip().removeprefix("@").strip()
            if source_id:
                found.append(Fact("citation", source_id, f"[@{source_id}]", match.start()))
    masked = _blank(masked, _CITATION_MARK)
    for match in _BIBLIOGRAPHY_LINK.finditer(masked):
        found.append(Fact("citation", match[1], f"[@{match[1]}]", match.start()))
    for match in _LINK_TARGET.finditer(masked):
        target = match[0][2:-1].split()[0] if match[0][2:-1].strip() else ""
        if target and not _EXTERNAL.match(target) and not _BIBLIOGRAPHY_LINK.search(target):
            # A page of the report: the same in every language (an outside page may have a version in the reader's).
            found.append(Fact("link", target, f"({target})", match.start()))
    masked = _blank(_blank(masked, _LINK_TARGET), _URL)
    # Dates with a day, times and numbers all need a digit; most texts have none (names, titles).
    digits = _DIGIT.search(masked) is not None
    if digits:
        for match in _ISO_DATE.finditer(masked):
            found.append(Fact("date", f"{match[2]}-{match[3]}", match[0], match.start()))
            found.append(Fact("number", match[1], match[1], match.start()))
        masked = _blank(masked, _ISO_DATE)
        masked = _times(masked, lang, found)
    masked = _dates(masked, lang, found, digits)
    if digits:
        _numbers(masked, lang, found)
    return tuple(sorted(found, key=lambda fact: fact.offset))


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """`text` with the matches of `pattern` replaced by a filler that keeps offsets and separates numbers."""
    return pattern.sub(lambda match: "¤" * len(match[0]), text)


def _blank_span(text: str, start: int, end: int) -> str:
    return text[:start] + "¤" * (end - start) + text[end:]


def _times(text: str, lang: str, found: list[Fact]) -> str:
    patterns = [_TIME_COLON, _TIME_MERIDIEM] + ([_TIME_FRENCH_WORDS, _TIME_FRENCH] if lang == "fr" else [])
    for pattern in patterns:
        for match in list(pattern.finditer(text)):
            hour, minutes, meridiem = int(match[1]), 0, None
            if pattern is _TIME_COLON:
                minutes, meridiem = int(match[2]), match[3]
            elif pattern is _TIME_FRENCH:
                minutes = int(match[2]) if match[2] else 0
            elif pattern is _TIME_MERIDIEM:
                meridiem = match[2]
            else:
                meridiem = "a" if (match[2] or "").lower() == "matin" else "p"
            if meridiem:
                hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
            found.append(Fact("time", f"{hour:02d}:{minutes:02d}", match[0].strip(), match.start()))
            text = _blank_span(text, match.start(), match.end())
    return text


@cache
def _month_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, int]]:
    names = {
        name: number for number, spellings in enumerate(_MONTHS.get(lang, _MONTHS["en"]), start=1) for name in spellings
    }
    alternatives = "|".join(sorted((re.escape(name) for name in names), key=len, reverse=True))
    flags = re.I if lang != "en" else 0
    # English month names are capitalised; a lower-case "may" or "march" is a word, not a month.
    month = (
        alternatives if lang != "en" else "|".join(name.capitalize() for name in sorted(names, key=len, reverse=True))
    )
    return re.compile(rf"(?<![\w])({month})(?:\.(?=\s))?(?![\w])", flags), names


_DAY = r"(?<![\w.,])(?:[12]\d|3[01]|0?[1-9])(?:er|e|st|nd|rd|th)?(?![\w])"


def _dates(text: str, lang: str, found: list[Fact], digits: bool = True) -> str:
    """Day-month dates (with lists and ranges of days; only where `text` has `digits`), then month names alone."""
    month_re, names = _month_pattern(lang)
    before, after = _day_month_patterns(lang)
    for pattern, days_group, month_group in ((before, 1, 2), (after, 2, 1)) if digits else ():
        for match in list(pattern.finditer(text)):
            number = names[match[month_group].lower()]
            for day in re.finditer(_DAY, match[days_group]):
                value = int(re.match(r"\d+", day[0])[0])  # type: ignore[index]
                found.append(Fact("date", f"{number:02d}-{value:02d}", match[0], match.start()))
            text = _blank_span(text, match.start(), match.end())
    for match in list(month_re.finditer(text)):
        name = match[1].lower()
        year_follows = re.match(r"\s+\d{4}(?!\d)", text[match.end() :])
        if (
            name in _AMBIGUOUS_MONTHS.get(lang, set())
            and not year_follows
            and not _capitalised_inside_sentence(text, match)
        ):
            continue
        found.append(Fact("month", f"{names[name]:02d}", match[1], match.start()))
        text = _blank_span(text, match.start(), match.end())
    return text


@cache
def _day_month_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Days then month ("5 and 6 January"), and month then days ("January 5")."""
    month_re, _ = _month_pattern(lang)
    month, flags = month_re.pattern, month_re.flags
    day_list = rf"{_DAY}(?:\s*{_DAY_JOINERS}\s*(?:(?:the|le)\s+)?{_DAY})*"
    return re.compile(rf"({day_list})\s+(?:of\s+)?{month}", flags), re.compile(rf"{month}\s+({day_list})", flags)


def _capitalised_inside_sentence(text: str, match: re.Match[str]) -> bool:
    """English "May" in the middle of a sentence is the month; at its start it may be the verb."""
    before = text[: match.start()].rstrip()
    return match[1].lower() == "may" and match[1][0].isupper() and bool(before) and before[-1] not in ".!?:;\"'“‘"


def _numbers(text: str, lang: str, found: list[Fact]) -> None:
    pattern = _NUMBER.get(lang, _NUMBER["en"])
    decimal_mark = "," if lang == "fr" else "."
    for match in pattern.finditer(text):
        shown = match[0]
        digits = re.sub(rf"[{_SPACES},.]", lambda mark: "." if mark[0] == decimal_mark else "", shown)
        try:
            value = Decimal(digits).normalize()
        except InvalidOperation:
            continue
        scale = _SCALE_AFTER.get(lang, _SCALE_AFTER["en"]).match(text[match.end() :])
        if scale:
            value = value.scaleb(_SCALES.get(lang, _SCALES["en"])[scale[1].lower()]).normalize()
            shown = f"{shown} {scale[1]}"
        canonical = f"{value:f}"
        kind = "percentage" if _PERCENT_AFTER.match(text[match.end() :]) else "number"
        found.append(Fact(kind, canonical, shown + ("%" if kind == "percentage" else ""), match.start()))


def _fact_mismatches(found: list[Fact], given: list[Fact], original_name: str) -> list[Mismatch]:
    missing = _subtract(found, given)
    added = _subtract(given, found)
    missing, added = _reconcile_hours(missing, added)
    problems: list[Mismatch] = []
    for kind in sorted({fact.kind for fact in missing + added}):
        lost = [fact for fact in missing if fact.kind == kind]
        extra = [fact for fact in added if fact.kind == kind]
        if lost:
            instead = f" (found {', '.join(_shown(extra))})" if extra else ""
            where = extra[0].offset if extra else None
            for fact in lost:
                problems.append(
                    Mismatch(f"{kind} {fact.shown} of the {original_name} text is missing{instead}", offset=where)
                )
        else:
            for fact in extra:
                problems.append(Mismatch(f"{kind} {fact.shown} is not in the {original_name} text", offset=fact.offset))
    return problems


def _subtract(facts_: list[Fact], other: list[Fact]) -> list[Fact]:
    """The facts of `facts_` left once each fact of `other` has cancelled one of the same kind and value."""
    budget = Counter((fact.kind, fact.value) for fact in other)
    left = []
    for fact in facts_:
        key = (fact.kind, fact.value)
        if budget[key]:
            budget[key] -= 1
        else:
            left.append(fact)
    return left


def _reconcile_hours(missing: list[Fact], added: list[Fact]) -> tuple[list[Fact], list[Fact]]:
    """ "24 h" is a time to the parser but "24 hours" a number: a whole hour and the same number cancel out."""
    for one, other in ((missing, added), (added, missing)):
        for fact in list(one):
            if fact.kind != "time" or not fact.value.endswith(":00"):
                continue
            hour = str(int(fact.value[:2]))
            twin = next(
                (candidate for candidate in other if candidate.kind == "number" and candidate.value == hour), None
            )
            if twin is not None:
                one.remove(fact)
                other.remove(twin)
    return missing, added


def _shown(facts_: Iterable[Fact]) -> Iterator[str]:
    return (fact.shown for fact in facts_)


def _dropped_negation(
    original: str, translation: str, original_language: str, translation_language: str
) -> Mismatch | None:
    said = _NEGATIONS.get(original_language.split("-")[0].lower())
    kept = _NEGATIONS.get(translation_language.split("-")[0].lower())
    if said is None or kept is None:
        return None
    negation = said.search(original)
    if negation is None or kept.search(translation):
        return None
    return Mismatch(
        f"the {language_name(original_language)} text has a negation ('{negation[0]}') that the translation lacks",
        warning=True,
    )
