"""`check` and the build with translations: integrity errors at file:line:col, coverage, missing texts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.factbase.checked import REQUIRE_TRANSLATIONS_ENV, load_checked, translation_coverage
from generator.factbase.diagnostics import ContentError
from generator.factbase.translatable import TRANSLATABLE
from generator.factbase.translation_checks import coverage_lines

from .conftest import MINI, MINI_PAGES, make_project, mkdocs_build

EVENT = "events/2022-01-02-first-rally.yml"
REACTION = "reactions/2022-01-06-far-union.yml"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The mini report, in English and French, with no translation yet."""
    folder = tmp_path / "content"
    shutil.copytree(MINI, folder)
    shutil.copytree(MINI_PAGES, folder / "pages")
    in_two_languages(folder / "report.yml")
    return folder


def in_two_languages(report: Path) -> None:
    """The report.yml asks for an English and a French edition."""
    report.write_text(
        report.read_text(encoding="utf-8").replace(
            "updated: 2022-02-01\n", "updated: 2022-02-01\nlanguages: [en, fr]\n"
        ),
        encoding="utf-8",
    )


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(
        number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line
    )


def test_translatable_fields_are_those_of_contract_a() -> None:
    assert {kind: [field.dotted for field in fields] for kind, fields in TRANSLATABLE.items()} == {
        "events": ["title", "summary", "note"],
        "measures": ["title", "summary", "note"],
        "reactions": ["summary", "speaker", "note", "quote.translation"],
        "figures": ["label", "note", "scope.group"],
        "actors": ["name", "short_name", "role", "note"],
        "places": ["name", "region", "note"],
        "sources": ["note"],
    }
    optional = {(kind, field.dotted) for kind, fields in TRANSLATABLE.items() for field in fields if not field.required}
    assert optional == {("actors", "name"), ("actors", "short_name"), ("places", "name")}


def test_a_changed_number_is_an_error_at_the_translated_field(content: Path) -> None:
    event = content / EVENT
    event.write_text(
        event.read_text(encoding="utf-8").replace(
            "People gather in the main square.", "About 9,900 people gather in the main square on 2 January."
        ),
        encoding="utf-8",
    )
    append(
        event,
        "translations:\n  fr:\n    title: Premier rassemblement à Testville\n"
        "    summary: Environ 9 000 personnes se rassemblent sur la place principale le 3 janvier.\n",
    )
    with pytest.raises(ContentError) as caught:
        load_checked(content)
    line = line_of(event, "Environ 9 000")
    messages = [d.located for d in caught.value.diagnostics]
    assert any(
        m.endswith(f"{line}:14: translations.fr.summary: number 9,900 of the English text is missing (found 9 000)")
        for m in messages
    ), messages
    assert any(
        m.endswith(
            f"{line}:14: translations.fr.summary: date 2 January of the English text is missing (found 3 janvier)"
        )
        for m in messages
    ), messages
    assert all(m.split(":")[0].endswith(EVENT) for m in messages), messages


def test_a_faithful_translation_passes_and_counts(content: Path) -> None:
    append(
        content / EVENT,
        "translations:\n  fr:\n    title: Premier rassemblement à Testville\n"
        "    summary: Des personnes se rassemblent sur la place principale.\n",
    )
    loaded = load_checked(content)
    lines = coverage_lines(translation_coverage(content, loaded))
    assert len(lines) == 1 and lines[0].startswith("fr: events 1/3, reactions 0/1, ")
    assert "pages 0/4" in lines[0]
    assert not any(w.located.endswith("translation of 'title'") and EVENT in w.located for w in loaded.warnings)


def test_missing_translations_are_warnings_at_the_original_field(content: Path) -> None:
    loaded = load_checked(content)
    event = content / EVENT
    expected = f":{line_of(event, 'title:')}:8: warning: no French translation of 'title'"
    assert any(EVENT in w.located and w.located.endswith(expected) for w in loaded.warnings), loaded.warnings
    # A quote already translated into English is translated into French from its English words.
    assert any(
        REACTION in w.located and w.located.endswith("no French translation of 'quote.translation'")
        for w in loaded.warnings
    )
    assert any(
        w.located.endswith("background.md:1:1: warning: no French translation of this page (background.fr.md)")
        for w in loaded.warnings
    )


def test_require_translations_makes_them_errors(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ContentError) as caught:
        load_checked(content, require_translations=True)
    assert any(d.message == "no French translation of 'summary'" and not d.warning for d in caught.value.diagnostics)
    monkeypatch.setenv(REQUIRE_TRANSLATIONS_ENV, "1")
    with pytest.raises(ContentError):
        load_checked(content)
    monkeypatch.setenv(REQUIRE_TRANSLATIONS_ENV, "0")
    load_checked(content)


def test_check_prints_coverage_and_fails_with_the_flag(content: Path) -> None:
    runner = CliRunner()
    relaxed = runner.invoke(main, ["check", str(content)])
    assert relaxed.exit_code == 0, relaxed.output
    assert "translated: fr: events 0/3, reactions 0/1, figures 0/" in relaxed.output
    assert "warning: no French translation of 'summary'" in relaxed.output
    strict = runner.invoke(main, ["check", "--require-translations", str(content)])
    assert strict.exit_code == 1
    assert "no French translation of 'summary'" in strict.output and "Traceback" not in strict.output


def test_report_phases_are_checked_and_counted(content: Path) -> None:
    append(
        content / "report.yml",
        "translations:\n  fr:\n    title: Crise de test\n    subtitle: Un rapport synthétique pour les tests.\n"
        "    phases:\n      first:\n        title: Premiers jours\n      second:\n        title: Jours suivants\n",
    )
    loaded = load_checked(content)
    assert "report 1/1" in coverage_lines(translation_coverage(content, loaded))[0]
    text = (content / "report.yml").read_text(encoding="utf-8").replace("Jours suivants", "Jours suivants (2 jours)")
    (content / "report.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_checked(content)
    assert [d.message for d in caught.value.diagnostics] == [
        "translations.fr.phases.second.title: number 2 is not in the English text"
    ]
    assert caught.value.diagnostics[0].line == line_of(content / "report.yml", "Jours suivants")


def test_hand_written_page_translations_are_compared_as_a_whole(content: Path) -> None:
    page = content / "pages" / "background.md"
    page.write_text("# Background\n\nOn 5 January 2022, 9,900 people were detained [@wire-one].\n", encoding="utf-8")
    translated = content / "pages" / "background.fr.md"
    translated.write_text(
        "# Contexte\n\n[@paper-two] Le 5 janvier 2022, 9 900 personnes ont été arrêtées.\n", encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        load_checked(content)
    problems = [d for d in caught.value.diagnostics if d.path.endswith("background.fr.md")]
    assert [(d.line, d.column, d.message) for d in problems] == [
        (3, 1, "citation [@wire-one] of the English page (background.md) is missing (found [@paper-two])")
    ]
    translated.write_text(
        "# Contexte\n\nLe 5 janvier 2022, 9 900 personnes ont été arrêtées [@wire-one].\n", encoding="utf-8"
    )
    loaded = load_checked(content)
    assert "pages 1/4" in coverage_lines(translation_coverage(content, loaded))[0]


def test_a_single_language_report_reports_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(MINI, folder)
    loaded = load_checked(folder)
    assert coverage_lines(translation_coverage(folder, loaded)) == []
    assert not any("translation" in w.located for w in loaded.warnings)


def test_the_plugin_option_fails_a_build_with_missing_translations(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    in_two_languages(project / "content" / "report.yml")
    relaxed = mkdocs_build(project)
    assert relaxed.returncode == 0, relaxed.stderr  # missing translations are no warning of a strict build
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - crisis-report:\n" in text
    config.write_text(
        text.replace("  - crisis-report:\n", "  - crisis-report:\n      require_translations: true\n", 1),
        encoding="utf-8",
    )
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "no French translation of 'summary'" in result.stderr + result.stdout


def test_a_quotes_own_translation_is_compared_with_its_words(content: Path) -> None:
    reaction = content / REACTION
    text = reaction.read_text(encoding="utf-8")
    text = text.replace(
        "  text: Bitte bleiben Sie ruhig.\n  language: de\n  translation: Please stay calm.\n",
        "  text: Restez calmes, 2 500 policiers sont là.\n  language: fr\n"
        "  translation: Stay calm, 25,000 police officers are here.\n",
    )
    reaction.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_checked(content)
    assert [(d.line, d.message) for d in caught.value.diagnostics] == [
        (
            line_of(reaction, "translation: Stay calm"),
            "quote.translation: number 2 500 of the French text is missing (found 25,000)",
        )
    ]


def test_a_translation_of_a_text_the_record_lacks_is_a_warning(content: Path) -> None:
    append(
        content / EVENT,
        "translations:\n  fr:\n    title: Premier rassemblement à Testville\n"
        "    summary: Des personnes se rassemblent sur la place principale.\n    note: Une note.\n",
    )
    loaded = load_checked(content)
    line = line_of(content / EVENT, "note: Une note.")
    assert any(
        EVENT in w.located
        and w.located.endswith(
            f":{line}:11: warning: translations.fr.note: translates nothing: the record has no 'note'"
        )
        for w in loaded.warnings
    )
