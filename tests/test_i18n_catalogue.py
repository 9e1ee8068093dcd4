"""The message catalogue covers the interface: every message of the templates and of the Python that
writes words is in locales/fr with a French translation whose placeholders match, and no template
writes English words outside a message."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
CATALOGUE = ROOT / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
TEMPLATE_METHOD = [("*.j2", "jinja2")]
PYTHON_METHOD = [("**.py", "python")]

# What may stay as typed in a template: names of formats and of the licence, and record fields.
ALLOWED_WORDS = {
    "CSV",
    "JSON",
    "BibTeX",
    "MIT",
    "via",
    "misc",
    "author",
    "title",
    "year",
    "version",
    "url",
    "note",
    "hide",
    "navigation",
    "abstract",
}
_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_HTML_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTES = re.compile(r"\{:?[^{}]*[.#=][^{}]*\}")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+|\.(csv|json|html)\b")
_WORD = re.compile(r"[A-Za-z]{2,}")


def extracted(folder: Path, method: list[tuple[str, str]]) -> set[str | tuple[str, ...]]:
    found: set[str | tuple[str, ...]] = set()
    for _, _, message, _, _ in extract_from_dir(str(folder), method):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


def french() -> dict[str | tuple[str, ...], object]:
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    problems = [f"{message.id!r}: {errors}" for message, errors in catalogue.check()]
    assert not problems, problems
    return {
        message.id if isinstance(message.id, str) else tuple(message.id): message for message in catalogue if message.id
    }


def test_every_template_message_has_a_french_translation() -> None:
    catalogue = french()
    messages = extracted(TEMPLATES, TEMPLATE_METHOD)
    assert len(messages) > 150
    missing = sorted(str(m) for m in messages if m not in catalogue)
    assert not missing, f"not in {CATALOGUE.relative_to(ROOT)} (run make messages): {missing}"
    untranslated = sorted(str(m) for m in messages if not _translated(catalogue[m]))
    assert not untranslated, f"no French translation: {untranslated}"


def test_every_python_message_has_a_french_translation() -> None:
    catalogue = french()
    messages = extracted(ROOT / "generator", PYTHON_METHOD)
    assert {"about %(number)s", "(in English)", "Overview"} <= messages
    missing = sorted(str(m) for m in messages if m not in catalogue or not _translated(catalogue[m]))
    assert not missing, missing


def test_no_template_writes_english_outside_a_message() -> None:
    """Text between the tags of a template is the interface in one language: it must go through `_()`."""
    leftovers = {}
    for template in sorted(TEMPLATES.glob("*.j2")):
        text = _JINJA.sub(" ", template.read_text(encoding="utf-8"))
        text = _LINK_TARGET.sub("] ", _ATTRIBUTES.sub(" ", _HTML_TAG.sub(" ", text)))
        words = {word for word in _WORD.findall(text) if word not in ALLOWED_WORDS}
        if words:
            leftovers[template.name] = sorted(words)
    assert not leftovers, leftovers


def test_the_check_sees_a_literal_word(tmp_path: Path) -> None:
    """The scan above finds a word typed outside a message (so that it can fail)."""
    text = _JINJA.sub(" ", '## {{ _("Events") }} { #events }\n\nNone recorded.\n<span class="x">{{ n }}</span>')
    assert _WORD.findall(_LINK_TARGET.sub("] ", _ATTRIBUTES.sub(" ", _HTML_TAG.sub(" ", text)))) == ["None", "recorded"]


def _translated(message: object) -> bool:
    string = getattr(message, "string", None)
    fuzzy = getattr(message, "fuzzy", False)
    forms = string if isinstance(string, tuple) else (string,)
    return not fuzzy and all(forms)
