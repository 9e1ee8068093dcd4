"""One rule for the name of a hand-written page in another language, used by every stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.factbase.citations import is_translation
from generator.factbase.pagenames import split_language
from generator.integration.editions import translation_of


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("background.fr.md", ("background.md", "fr")),
        ("sub/x.fr.md", ("sub/x.md", "fr")),
        ("notes.pt-BR.md", ("notes.md", "pt-BR")),
        ("background.md", ("background.md", None)),
        ("v1.2.md", ("v1.2.md", None)),
        ("report.FR.md", ("report.FR.md", None)),
    ],
)
def test_split_language(name: str, expected: tuple[str, str | None]) -> None:
    assert split_language(name) == expected


def test_the_stages_agree(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "a.pt-BR.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "b.fr.md").write_text("# B\n", encoding="utf-8")  # no original beside it
    assert is_translation(tmp_path / "a.pt-BR.md") and translation_of("a.pt-BR.md", ["en", "pt-BR"]) == (
        "a.md",
        "pt-BR",
    )
    assert not is_translation(tmp_path / "b.fr.md") and not is_translation(tmp_path / "a.md")
    assert translation_of("a.pt-BR.md", ["en"]) is None
