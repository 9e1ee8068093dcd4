"""The tiny test site built in French (contract D's `language="fr"`): French dates, numbers and
interface words, a record text without its translation shown in English and marked, and no English
string of the templates left on the pages."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.site.bundle import Bundle, build_bundle

from .test_pages_chapters import render

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
TEMPLATES = ROOT / "templates"
CATALOGUE = ROOT / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
_UNTRANSLATED = re.compile(r'<span class="untranslated" lang="en"[^>]*>.*?</span>', re.S)
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|\[|\]\(|\)")


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fact base, with one figure large enough to need a thousands separator."""
    folder = tmp_path_factory.mktemp("fr") / "content"
    shutil.copytree(MINI, folder)
    figure = folder / "figures" / "deaths-2022-01-09-police.yml"
    figure.write_text(figure.read_text(encoding="utf-8").replace("value: 12\n", "value: 9900\n"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def french(content: Path) -> Bundle:
    return build_bundle(content, TEMPLATES, language="fr")


@pytest.fixture(scope="module")
def english(content: Path) -> Bundle:
    return build_bundle(content, TEMPLATES)


def test_french_dates_and_numbers(french: Bundle, english: Bundle) -> None:
    figures = french.pages["figures/index.md"]
    assert "**9&#8239;900**" in figures, "a narrow no-break space groups the thousands, kept as a reference"
    assert "**9&#44;900**" in english.pages["figures/index.md"]
    timeline = french.pages["timeline/index.md"]
    assert "2 janv&#46; 2022" in timeline, "short dates in French (the period is made inert)"
    assert "Jan 2022" not in timeline
    first = french.pages["timeline/first.md"]
    assert "## 2 janvier 2022" in first and "January" not in _without_fallbacks(first)


def test_french_interface_words(french: Bundle) -> None:
    home = french.pages["index.md"]
    assert "## Chapitres" in home and "| [Chronologie](timeline/index.md) |" in home
    assert "## Citer ce rapport { #cite }" in home
    assert "Citation suggérée\u00a0:" in home
    assert "**Lieux\u00a0:**" in french.pages["timeline/first.md"]
    assert "## Références { #references .references-heading }" in french.pages["timeline/first.md"]
    assert "Tout afficher" in french.pages["timeline/first.md"]


def test_untranslated_record_text_is_english_marked(french: Bundle, english: Bundle) -> None:
    """Until the fact base has French texts, every record text is the English one, marked, never missing."""
    first = french.pages["timeline/first.md"]
    assert (
        '### <span class="untranslated" lang="en" title="&#40;en anglais&#41;">First rally in Testville</span> '
        '<span class="untranslated-note">&#40;en anglais&#41;</span> { #event-' in first
    )
    assert "untranslated" not in "".join(english.pages.values()), "the default edition never marks its own texts"


def test_translated_record_text_is_shown_unmarked(content: Path) -> None:
    """A record with a French text (contract A's `translations`) shows it, in the page's language, unmarked."""
    from generator.factbase.checked import load_checked
    from generator.model.report import build_report

    report = build_report(load_checked(content))
    event = next(e for e in report.events if e.title == "First rally in Testville")
    french_text = type(
        "EventTranslation", (), {"title": "Premier rassemblement à Testville", "summary": None, "note": None}
    )()
    object.__setattr__(event, "translations", {"fr": french_text})
    page = render(report, content, language="fr")["timeline/first.md"]
    assert "### Premier rassemblement à Testville { #event-" in page
    assert "First rally in Testville" not in page
    # The summary has no French text yet: English, marked.
    assert '<span class="untranslated" lang="en"' in page


def test_no_english_template_string_on_french_pages(french: Bundle) -> None:
    """Every message of the templates that French words differently must not appear in English on a French page."""
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    text = "\n".join(_without_fallbacks(page) for page in french.pages.values())
    leftovers = []
    for message in catalogue:
        if not message.id or not any(path.startswith("templates/") for path, _ in message.locations):
            continue
        for english, translated in zip(_forms(message.id), _forms(message.string), strict=True):
            if english == translated:
                continue
            for piece in _PLACEHOLDER.split(english):
                if piece and " " in piece.strip() and len(piece.strip()) >= 12 and piece.strip() in text:
                    leftovers.append(piece.strip())
    assert not leftovers, leftovers


def _forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def _without_fallbacks(page: str) -> str:
    """The page without the record texts shown in English (marked as such) and with entities decoded."""
    return html.unescape(_UNTRANSLATED.sub("", page))
