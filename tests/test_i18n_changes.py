"""The "What changed" chapter's phrases in an edition's language; the English ones as before."""

from __future__ import annotations

from generator.history.changelog import describe
from generator.history.revisions import FieldChange, RecordChange
from generator.i18n.catalogues import translations

REVISED = RecordChange(
    "figures",
    "deaths-1",
    "changed",
    "Deaths",
    (
        FieldChange("value", 225, 238),
        FieldChange("stance", "neutral", "expresses-concern"),
        FieldChange("sources", [{"source": "a"}], [{"source": "b"}]),
        FieldChange("note", None, "Revised."),
        FieldChange("also", ["neutral"], []),
    ),
)


def test_english_phrases_unchanged() -> None:
    assert describe(REVISED) == [
        "figure revised from 225 to 238",
        "secondary stance neutral dropped",
        "stance reclassified from neutral to expresses-concern",
        "source a replaced by b",
        "note added",
    ]
    assert describe(RecordChange("events", "x", "added", "X")) == ["added"]


def test_french_phrases() -> None:
    french = describe(REVISED, _=translations("fr").gettext)
    assert french == [
        "chiffre révisé de 225 à 238",
        "position secondaire neutral retiré",
        "stance reclassé de neutral à expresses-concern",
        "source a remplacée par b",
        "note ajouté",
    ]
    assert describe(RecordChange("events", "x", "removed", "X"), _=translations("fr").gettext) == ["supprimé"]
