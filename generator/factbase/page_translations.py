"""Translations of the hand-written pages and fragments: `X.fr.md` beside `X.md`.

A page is compared with its original as a whole: its citations and numbers (dates, percentages...)
must be the same multiset, wherever the translation puts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.factbase.diagnostics import Diagnostic
from generator.factbase.loader import display_path
from generator.factbase.pagenames import split_language
from generator.factbase.translation_checks import Coverage
from generator.factbase.translation_integrity import compare, language_name


@dataclass(frozen=True)
class PageTranslation:
    kind: str  # "pages" or "fragments"
    original: Path
    language: str
    translation: Path | None  # None: not translated yet


def page_translations(folders: dict[str, Path], languages: list[str]) -> list[PageTranslation]:
    """Each original page of each folder (by kind) with its translation into each language, if present.

    Languages are the report's, plus any that a `X.<lang>.md` beside an `X.md` is written in.
    """
    found: list[PageTranslation] = []
    for kind, folder in folders.items():
        if not folder.is_dir():
            continue
        pages = sorted(folder.rglob("*.md"))
        originals = [path for path in pages if split_language(path.name)[1] is None]
        translated = {
            (path.with_name(original), language): path
            for path in pages
            for original, language in [split_language(path.name)]
            if language is not None
        }
        page_languages = sorted({*languages, *(language for (original, language) in translated if original.is_file())})
        for original in originals:
            for language in page_languages:
                found.append(PageTranslation(kind, original, language, translated.get((original, language))))
    return found


def page_translation_problems(
    pages: list[PageTranslation], original_language: str, required: bool = False
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for page in pages:
        if page.translation is None:
            problems.append(
                Diagnostic(
                    display_path(page.original),
                    1,
                    1,
                    f"no {language_name(page.language)} translation of this page "
                    f"({page.original.stem}.{page.language}.md)",
                    not required,
                )
            )
            continue
        original = page.original.read_text(encoding="utf-8")
        translation = page.translation.read_text(encoding="utf-8")
        for mismatch in compare(original, translation, original_language, page.language, negation=False):
            line, column = _position(translation, mismatch.offset)
            problems.append(
                Diagnostic(
                    display_path(page.translation),
                    line,
                    column,
                    mismatch.message.replace("text", f"page ({page.original.name})", 1),
                    mismatch.warning,
                )
            )
    return problems


def _position(text: str, offset: int | None) -> tuple[int, int]:
    if offset is None:
        return 1, 1
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def page_coverage(pages: list[PageTranslation]) -> list[Coverage]:
    counts: dict[tuple[str, str], list[int]] = {}
    for page in pages:
        tally = counts.setdefault((page.language, page.kind), [0, 0])
        tally[0] += page.translation is not None
        tally[1] += 1
    return [Coverage(language, kind, translated, total) for (language, kind), (translated, total) in counts.items()]
