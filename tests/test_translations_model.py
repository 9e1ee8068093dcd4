"""The `translations:` block of records and report.yml, and `languages:` (contracts A and B).

Typed per record kind, unknown fields refused at their exact `file:line:col`, in the JSON Schemas,
last in `fmt`'s canonical order, and shown (commented) by `new`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.editing.fmt import format_text
from generator.editing.scaffold import create_record
from generator.factbase.loader import load_content, read_vocabularies
from generator.factbase.models import (
    RECORD_TYPES,
    Actor,
    Event,
    Figure,
    Measure,
    Place,
    Reaction,
    ReportInfo,
    Source,
)
from generator.factbase.schema import render_schemas, schema_file_name

from .conftest import MINI, ROOT

# Contract A: the translatable fields of each kind, in their canonical order.
CONTRACT = {
    Event: ["title", "summary", "note"],
    Measure: ["title", "summary", "note"],
    Reaction: ["summary", "speaker", "note", "quote"],
    Figure: ["label", "note", "scope"],
    Actor: ["name", "short_name", "role", "note"],
    Place: ["name", "region", "note"],
    Source: ["note"],
}


def _translation_model(model: type) -> type:
    return model.model_fields["translations"].annotation.__args__[1]


@pytest.mark.parametrize("model", RECORD_TYPES, ids=lambda model: model.kind)
def test_each_kind_has_its_own_frozen_strict_translation_model(model: type) -> None:
    translation = _translation_model(model)
    assert translation.__name__ == f"{model.__name__}Translation"
    assert list(translation.model_fields) == CONTRACT[model]
    assert translation.model_config["extra"] == "forbid" and translation.model_config["frozen"]
    empty = translation()
    assert all(getattr(empty, name) is None for name in CONTRACT[model])
    # A translatable field is a field of the record itself.
    assert set(CONTRACT[model]) <= set(model.model_fields)


def _event(**extra: object) -> dict[str, object]:
    return {
        "id": "e1",
        "date": "2022-01-05",
        "title": "Protest",
        "summary": "People gathered.",
        "category": "protest",
        "confidence": "reported",
        "sources": ["s1"],
        **extra,
    }


def test_translations_are_read_into_typed_objects_and_default_to_empty() -> None:
    assert Event.model_validate(_event()).translations == {}
    event = Event.model_validate(_event(translations={"fr": {"title": "Manifestation", "note": "Note."}}))
    french = event.translations["fr"]
    assert (french.title, french.summary, french.note) == ("Manifestation", None, "Note.")
    with pytest.raises(Exception, match="frozen"):
        french.title = "x"  # type: ignore[misc]


def test_reaction_quote_and_figure_scope_translations() -> None:
    reaction = Reaction.model_validate(
        {
            "id": "r1",
            "date": "2022-01-06",
            "actor": "a1",
            "channel": "statement",
            "stance": "expresses-concern",
            "summary": "Concern.",
            "sources": ["s1"],
            "quote": {"text": "Мы обеспокоены", "language": "ru", "translation": "We are concerned"},
            "translations": {
                "fr": {
                    "summary": "Inquiétude.",
                    "quote": {"translation": "Nous sommes préoccupés", "translated_by": "source"},
                }
            },
        }
    )
    quote = reaction.translations["fr"].quote
    assert quote is not None and (quote.translation, quote.translated_by) == ("Nous sommes préoccupés", "source")
    figure = Figure.model_validate(
        {
            "id": "f1",
            "metric": "deaths",
            "value": 5,
            "as_of": "2022-01-10",
            "reported_by": "a1",
            "sources": ["s1"],
            "scope": {"group": "police"},
            "translations": {"fr": {"scope": {"group": "policiers"}}},
        }
    )
    scope = figure.translations["fr"].scope
    assert scope is not None and scope.group == "policiers"


def _project(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    return content


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def _messages(content: Path) -> list[str]:
    """The problems as printed, without their codes (tests/test_problem_codes.py checks those)."""
    return [diagnostic.located for diagnostic in load_content(content).diagnostics]


def _first(folder: Path) -> Path:
    return sorted(folder.glob("*.yml"))[0]


def _line_of(path: Path, needle: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(needle) + 1


def test_unknown_field_in_a_translation_is_reported_at_its_key(tmp_path: Path) -> None:
    content = _project(tmp_path)
    event = _first(content / "events")
    _append(event, "translations:\n  fr:\n    titel: Manifestation\n")
    line = _line_of(event, "    titel: Manifestation")
    messages = _messages(content)
    assert any(
        message.endswith(f"{event.name}:{line}:5: unknown field 'titel' (did you mean 'title'?)")
        for message in messages
    ), messages


def test_wrong_values_in_translations_are_reported_where_they_are(tmp_path: Path) -> None:
    content = _project(tmp_path)
    event = _first(content / "events")
    _append(event, "translations:\n  fr:\n    title: [a, list]\n  xx-notalanguage:\n    title: T\n")
    messages = _messages(content)
    title_line = _line_of(event, "    title: [a, list]")
    language_line = _line_of(event, "  xx-notalanguage:")
    assert any(
        f"{event.name}:{title_line}:12: title: expected text, found a list" in message for message in messages
    ), messages
    assert any(f"{event.name}:{language_line}:" in message and "language" in message for message in messages), messages


def test_a_quote_translation_needs_a_quote_in_another_language(tmp_path: Path) -> None:
    content = _project(tmp_path)
    reaction = _first(content / "reactions")
    # The quote is in German: a German translation of it has no place.
    _append(
        reaction,
        "translations:\n  fr:\n    quote:\n      translation: Restez calmes.\n  de:\n    quote:\n      translation: Ruhe\n",
    )
    messages = _messages(content)
    line = _line_of(reaction, "  de:") + 1
    assert any(
        message.endswith(
            f"{reaction.name}:{line}:5: the quote is already in 'de': keep it as it is, without a translation"
        )
        for message in messages
    ), messages
    assert len(messages) == 1, messages

    text = reaction.read_text(encoding="utf-8")
    quote = text[text.index("quote:\n  text:") : text.index("sources:")]
    reaction.write_text(text.replace(quote, "").replace("  de:\n    quote:\n      translation: Ruhe\n", ""))
    messages = _messages(content)
    line = _line_of(reaction, "    quote:")
    assert any(
        message.endswith(f"{reaction.name}:{line}:5: a translated quote needs the reaction's own 'quote'")
        for message in messages
    ), messages


def test_report_languages_and_phase_translations(tmp_path: Path) -> None:
    content = _project(tmp_path)
    info = load_content(content).info
    assert info is not None and info.languages == ["en"] and info.translations == {}
    phase = info.phases[0].id
    report = content / "report.yml"
    _append(
        report,
        f"languages:\n  - en\n  - fr\ntranslations:\n  fr:\n    title: Titre\n    phases:\n      {phase}:\n        title: Phase\n",
    )
    loaded = load_content(content)
    assert loaded.info is not None, [str(d) for d in loaded.diagnostics]
    assert loaded.info.languages == ["en", "fr"]
    french = loaded.info.translations["fr"]
    assert (french.title, french.subtitle, french.phases[phase].title, french.phases[phase].summary) == (
        "Titre",
        None,
        "Phase",
        None,
    )

    text = report.read_text()
    report.write_text(text.replace(f"      {phase}:\n", f"      {phase}x:\n"))
    messages = _messages(content)
    assert any(
        f"report.yml:{_line_of(report, f'      {phase}x:')}:7: no phase '{phase}x' in 'phases' (did you mean '{phase}'?)"
        in message
        for message in messages
    ), messages

    report.write_text(text.replace("  - fr\n", "  - fr\n  - en\n"))
    messages = _messages(content)
    assert any(
        f"report.yml:{_line_of(report, '  - fr') + 1}:5: 'en' is listed twice" in message for message in messages
    ), messages


def test_schemas_describe_translations_and_languages() -> None:
    schemas = render_schemas(read_vocabularies(ROOT / "content"))
    event = json.loads(schemas[schema_file_name(Event)])
    translations = event["properties"]["translations"]
    assert translations["additionalProperties"] is False  # a key must look like a language code
    [reference] = translations["patternProperties"].values()
    translation = reference["$ref"].split("/")[-1]
    definition = event["$defs"][translation]
    assert set(definition["properties"]) == {"title", "summary", "note"}
    assert definition["additionalProperties"] is False
    report = json.loads(schemas[schema_file_name(ReportInfo)])
    assert "languages" in report["properties"] and "translations" in report["properties"]


def test_committed_schemas_are_up_to_date() -> None:
    folder = Path(__file__).resolve().parent.parent / "content" / "schema"
    for name, text in render_schemas(read_vocabularies(folder.parent)).items():
        assert (folder / name).read_text(encoding="utf-8") == text, name


def test_fmt_puts_translations_last_in_canonical_order_and_keeps_comments() -> None:
    messy = (
        "# yaml-language-server: $schema=../schema/event.schema.json\n"
        "id: e1\n"
        "translations:\n"
        "  fr:\n"
        "    note: Une note.\n"
        "    # the title as Le Monde gives it\n"
        "    title: Manifestation\n"
        "note: A note.\n"
        "title: Protest\n"
        "date: 2022-01-02\n"
        "summary: Text\n"
        "category: protest\n"
        "confidence: reported\n"
        "sources: [s1]\n"
    )
    formatted, problem = format_text(messy, Event, "e1.yml")
    assert problem is None, problem
    lines = formatted.splitlines()
    assert lines[-6:] == [
        "note: A note.",
        "translations:",
        "  fr:",
        "    # the title as Le Monde gives it",
        "    title: Manifestation",
        "    note: Une note.",
    ]
    assert format_text(formatted, Event, "e1.yml") == (formatted, None)


def test_fmt_orders_nested_translations_of_reactions() -> None:
    messy = (
        "# yaml-language-server: $schema=../schema/reaction.schema.json\n"
        "id: r1\ndate: 2022-01-06\nactor: a1\nchannel: statement\nstance: expresses-concern\nsummary: Concern.\n"
        "quote:\n  text: Мы обеспокоены\n  language: ru\n  translation: We are concerned\n"
        "sources: [s1]\n"
        "translations:\n  fr:\n    quote:\n      translated_by: source\n      translation: Nous\n    summary: Inquiétude.\n"
    )
    formatted, problem = format_text(messy, Reaction, "r1.yml")
    assert problem is None, problem
    assert formatted.endswith(
        "translations:\n  fr:\n    summary: Inquiétude.\n    quote:\n      translation: Nous\n      translated_by: source\n"
    )


@pytest.mark.parametrize("kind", [model.kind for model in RECORD_TYPES])
def test_new_shows_a_commented_translations_example(tmp_path: Path, kind: str) -> None:
    content = _project(tmp_path)
    model = next(model for model in RECORD_TYPES if model.kind == kind)
    path = create_record(content, kind, "brand-new")
    text = path.read_text(encoding="utf-8")
    assert "# translations:\n#   fr:\n" in text
    for name in CONTRACT[model]:
        assert f"\n#     {name}:\n" in text
    assert not any(line.startswith("translations") for line in text.splitlines())


def test_new_reaction_example_shows_the_quote_translation_fields(tmp_path: Path) -> None:
    text = create_record(_project(tmp_path), "reaction", "brand-new").read_text(encoding="utf-8")
    assert "#     quote:\n#       translation:\n#       translated_by:\n" in text


def test_fmt_moves_a_translations_block_with_its_comments_and_keeps_the_languages_in_order() -> None:
    messy = (
        "# yaml-language-server: $schema=../schema/event.schema.json\n"
        "id: e1\n"
        "translations:\n"
        "  # French, by the editors\n"
        "  fr:\n"
        "    summary: Texte.\n"
        "    # the title\n"
        "    title: Titre\n"
        "  # German\n"
        "  de:\n"
        "    note: Notiz\n"
        "title: Protest\ndate: 2022-01-02\nsummary: Text\ncategory: protest\nconfidence: reported\nsources: [s1]\nnote: N\n"
    )
    formatted, problem = format_text(messy, Event, "e1.yml")
    assert problem is None, problem
    assert formatted.endswith(
        "note: N\ntranslations:\n  # French, by the editors\n  fr:\n    # the title\n    title: Titre\n    summary: Texte.\n"
        "  # German\n  de:\n    note: Notiz\n"
    )


def test_downloads_carry_translations_in_json_only(tmp_path: Path) -> None:
    from generator.factbase.checked import load_checked
    from generator.model.report import build_report
    from generator.site.datafiles import data_files

    content = _project(tmp_path)
    event = _first(content / "events")
    _append(event, "translations:\n  fr:\n    title: Premier rassemblement\n")
    files = data_files(build_report(load_checked(content)))
    rows = {row["id"]: row for row in json.loads(files["data/events.json"])}
    assert rows[event.stem]["translations"] == {"fr": {"title": "Premier rassemblement"}}
    assert all("translations" not in row for key, row in rows.items() if key != event.stem)
    header = files["data/events.csv"].decode().splitlines()[0].split(",")
    assert "translations" not in header and header[-1] == "sources"
