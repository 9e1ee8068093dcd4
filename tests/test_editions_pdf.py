"""The PDF of each language edition: `python -m generator pdf --edition fr` prints the French edition
from fr/ into fr/report.pdf, with the cover, contents and page footers in French."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import CHROMIUM, mkdocs_build
from .test_editions import bilingual_project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert Path(CHROMIUM).is_file(), "Debian's chromium is required: apt-get install chromium"
    project = bilingual_project(tmp_path_factory.mktemp("editions-pdf"))
    site = project / "site"
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    for edition, folder in (("en", site), ("fr", site / "fr")):
        printing = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "pdf",
                "--site",
                str(site),
                "--edition",
                edition,
                "--report",
                str(project / "content" / "report.yml"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert printing.returncode == 0, printing.stderr
        assert f"wrote {folder / 'report.pdf'}" in printing.stdout
    return site


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def test_each_edition_has_its_pdf_in_its_own_words(printed: Path) -> None:
    english, french = text_of(printed / "report.pdf"), text_of(printed / "fr" / "report.pdf")
    assert "Contents" in english and "Updated 20" in english and "page 1 of" in english
    assert "Sommaire" in french and "Mis à jour le 20" in french and "page 1 sur" in french
    assert "Contents" not in french


def test_the_french_pdf_prints_the_french_pages(printed: Path) -> None:
    assert "en français" in text_of(printed / "fr" / "report.pdf")
    assert "en français" not in text_of(printed / "report.pdf")
