"""The translation integrity check: facts that must survive translation, and the reformatting that is allowed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.factbase.translation_integrity import compare, facts

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
FRENCH_GROUPING = [" ", "\u00a0", "\u202f"]


def english_number(value: int) -> str:
    return f"{value:,}"


def french_number(value: int, separator: str) -> str:
    return f"{value:,}".replace(",", separator)


def errors(original: str, translation: str) -> list[str]:
    return [m.message for m in compare(original, translation, "en", "fr") if not m.warning]


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("9,900 people", "9 900 personnes"),
        ("9,900 people", "9\u00a0900 personnes"),
        ("9,900 people", "9\u202f900 personnes"),
        ("1 200 people", "1 200 personnes"),
        ("2.5 times", "2,5 fois"),
        ("50% of them", "50 % d'entre eux"),
        ("50 per cent of them", "50 % d'entre eux"),
        ("on 5 January 2022", "le 5 janvier 2022"),
        ("on 1 January", "le 1er janvier"),
        ("on January 5, 2022", "le 5 janvier 2022"),
        ("from 2-4 January", "du 2 au 4 janvier"),
        ("on 5 and 6 January", "les 5 et 6 janvier"),
        ("on 5 January and 6 January", "les 5 et 6 janvier"),
        ("the night of 5 to 6 January", "la nuit du 5 au 6 janvier"),
        ("on 2022-01-05", "le 5 janvier 2022"),
        ("in January 2022", "en janvier 2022"),
        ("in early January", "début janvier"),
        ("at 02:50 on 6 January", "à 2 h 50 le 6 janvier"),
        ("at 5 p.m.", "à 17 h"),
        ("for 24 hours", "pendant 24 h"),
        ("as [@rferl-20220105-aqtau; @geopolitic-x] said", "comme l'ont dit [@rferl-20220105-aqtau; @geopolitic-x]"),
        ("67, 142 and 4 add up to 213", "67, 142 et 4 totalisent 213"),
        ("from 164 to 238", "de 164 à 238"),
        ("it may rise", "il pourrait augmenter"),
        ("between 13 and 19 January", "entre le 13 et le 19 janvier"),
        ("for seven months", "pendant sept mois"),
        ("damage of 17 billion and 16.8 million", "des dégâts de 17 milliards et 16,8 millions"),
        ("2.3 billion dollars", "2,3 milliards de dollars"),
        ("NetBlocks around 5 p.m.", "NetBlocks vers 5 heures de l'après-midi"),
        ("230 (March 2022), 232 (May), 238", "230 (mars 2022), 232 (mai), 238"),
    ],
)
def test_correct_reformatting_is_not_flagged(english: str, french: str) -> None:
    assert compare(english, french, "en", "fr") == []


@pytest.mark.parametrize(
    ("english", "french", "expected"),
    [
        ("9,900 people", "9 000 personnes", "number 9,900 of the English text is missing (found 9 000)"),
        ("2.5 times", "25 fois", "number 2.5 of the English text is missing (found 25)"),
        ("50% of them", "5 % d'entre eux", "percentage 50% of the English text is missing (found 5%)"),
        ("on 5 January", "le 6 janvier", "date 5 January of the English text is missing (found 6 janvier)"),
        ("on 5 January", "le 5 février", "date 5 January of the English text is missing (found 5 février)"),
        ("in January", "en février", "month January of the English text is missing (found février)"),
        ("at 02:50", "à 2 h 05", "time 02:50 of the English text is missing (found 2 h 05)"),
        (
            "said [@a-source]",
            "a dit [@b-source]",
            "citation [@a-source] of the English text is missing (found [@b-source])",
        ),
        ("238 dead", "238 morts, 19 blessés", "number 19 is not in the English text"),
        (
            "17 billion tenge",
            "17 billions de tenges",
            "number 17 billion of the English text is missing (found 17 billions)",
        ),
        ("238 dead and 238 injured", "238 morts et des blessés", "number 238 of the English text is missing"),
    ],
)
def test_changed_facts_are_reported(english: str, french: str, expected: str) -> None:
    assert errors(english, french) == [expected]


def test_a_dropped_negation_is_a_warning() -> None:
    problems = compare("The figure was not confirmed.", "Le chiffre a été confirmé.", "en", "fr")
    assert [(p.message, p.warning) for p in problems] == [
        ("the English text has a negation ('not') that the translation lacks", True)
    ]
    assert compare("The figure was not confirmed.", "Le chiffre n'a pas été confirmé.", "en", "fr") == []
    assert compare("No one was hurt.", "Personne n'a été blessé.", "en", "fr") == []
    assert compare("Decree No. 5 was signed.", "Le décret n° 5 a été signé.", "en", "fr") == []
    assert compare("It was never published.", "Il n'a jamais été publié.", "en", "fr") == []
    assert (
        compare("They reported no Russian victims.", "Ils ont fait état de l'absence de victimes russes.", "en", "fr")
        == []
    )
    assert (
        compare(
            "Residents reported limited or no access.",
            "Les habitants ont fait état d'un accès limité ou inexistant.",
            "en",
            "fr",
        )
        == []
    )


def test_facts_keep_the_value_and_how_it_was_written() -> None:
    found = facts("On 5 January 2022, 9,900 people [@src-1]", "en")
    assert [(f.kind, f.value, f.shown) for f in found] == [
        ("date", "01-05", "5 January"),
        ("number", "2022", "2022"),
        ("number", "9900", "9,900"),
        ("citation", "src-1", "[@src-1]"),
    ]


def test_code_is_not_read_and_link_targets_are_references() -> None:
    assert (
        compare(
            "See `[@x] 12` and [the list](events/2022-01-05-x.md#part-3) or [RFE](https://rferl.org/a/1.html).",
            "Voir `[@y] 13` et [la liste](events/2022-01-05-x.md#part-3) ou [RFE](https://rferl.org/fr/2.html).",
            "en",
            "fr",
        )
        == []
    )
    assert errors("See [the list](events/index.md).", "Voir [la liste](figures/index.md).") == [
        "link (events/index.md) of the English text is missing (found (figures/index.md))"
    ]


# Property tests: a sentence carrying random facts, written the English way and the French way.
fact_sets = st.fixed_dictionaries(
    {
        "count": st.integers(0, 10_000_000),
        "share": st.integers(0, 100),
        "ratio": st.decimals(Decimal("0.1"), Decimal("99.9"), places=1),
        "day": st.integers(1, 28),
        "month": st.integers(1, 12),
        "year": st.integers(1990, 2030),
        "separator": st.sampled_from(FRENCH_GROUPING),
    }
)


def english_text(f: dict) -> str:
    return (
        f"On {f['day']} {MONTHS_EN[f['month'] - 1]} {f['year']}, {english_number(f['count'])} people were counted, "
        f"{f['share']}% of them, {f['ratio']} times more [@some-source]."
    )


def french_text(f: dict) -> str:
    ratio = str(f["ratio"]).replace(".", ",")
    day = "1er" if f["day"] == 1 else str(f["day"])
    return (
        f"Le {day} {MONTHS_FR[f['month'] - 1]} {f['year']}, {french_number(f['count'], f['separator'])} personnes "
        f"ont été comptées, {f['share']}{f['separator']}% d'entre elles, {ratio} fois plus [@some-source]."
    )


@settings(max_examples=300, deadline=None)
@given(fact_sets)
def test_a_faithful_translation_passes(f: dict) -> None:
    assert compare(english_text(f), french_text(f), "en", "fr") == []


@settings(max_examples=300, deadline=None)
@given(fact_sets, st.sampled_from(["count", "share", "ratio", "day", "month", "year"]), st.integers(1, 9))
def test_a_changed_number_or_date_is_caught(f: dict, changed: str, delta: int) -> None:
    wrong = dict(f)
    if changed == "day":
        wrong["day"] = (f["day"] - 1 + delta) % 28 + 1
    elif changed == "month":
        wrong["month"] = (f["month"] - 1 + delta) % 12 + 1
    elif changed == "ratio":
        wrong["ratio"] = f["ratio"] + Decimal(delta) / 10 if f["ratio"] < 90 else f["ratio"] - Decimal(delta) / 10
    else:
        wrong[changed] = f[changed] + delta
    kind = {"count": "number", "year": "number", "ratio": "number", "share": "percentage"}.get(changed, "date")
    found = errors(english_text(f), french_text(wrong))
    assert found, (english_text(f), french_text(wrong))
    assert all(message.startswith(f"{kind} ") for message in found)


@settings(max_examples=200, deadline=None)
@given(fact_sets, st.sampled_from(["count", "share", "day", "citation"]))
def test_a_dropped_fact_is_caught(f: dict, dropped: str) -> None:
    french = french_text(f)
    if dropped == "count":
        french = french.replace(french_number(f["count"], f["separator"]) + " personnes", "des personnes")
    elif dropped == "share":
        french = french.replace(f"{f['share']}{f['separator']}% d'entre elles", "une partie d'entre elles")
    elif dropped == "day":
        french = french.replace(("1er" if f["day"] == 1 else str(f["day"])) + " ", "", 1)
    else:
        french = french.replace(" [@some-source]", "")
    assert errors(english_text(f), french)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 27), st.integers(1, 3), st.integers(1, 12), st.integers(0, 3), st.booleans())
def test_day_ranges_are_compared_day_by_day(
    first: int, length: int, month: int, shift: int, english_style: bool
) -> None:
    last = min(first + length, 28)
    english = (
        f"Protests from {first}-{last} {MONTHS_EN[month - 1]}."
        if english_style
        else f"Protests from {MONTHS_EN[month - 1]} {first} to {last}."
    )
    french = f"Manifestations du {first} au {last + shift} {MONTHS_FR[month - 1]}."
    found = errors(english, french)
    assert bool(found) == (shift != 0), (english, french, found)
