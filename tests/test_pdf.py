"""The report as one PDF (`python -m generator pdf`), printed from the real site by Debian's Chromium."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from .conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
# Every chapter the PDF must hold, as paths of the site; the timeline parts are read from the timeline index.
CHAPTERS = [
    "",
    "background/",
    "timeline/",
    "reactions/",
    "figures/",
    "measures/",
    "sources/",
    "methodology/",
    "names/",
    "data/",
]
KNOWN_EVENT = "Protesters storm and set fire to the Almaty city hall"


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def printed(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    assert CHROMIUM.is_file(), "Debian's chromium is required: apt-get install chromium (make test installs it)"
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "pdf",
            "--site",
            str(real_site),
            "--out",
            str(out),
            "--report",
            str(ROOT / "content" / "report.yml"),
            "--chromium",
            str(CHROMIUM),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="module")
def reader(printed: tuple[Path, subprocess.CompletedProcess[str]]) -> PdfReader:
    return PdfReader(printed[0])


def _h1(site: Path, path: str) -> str:
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    heading = soup.select_one("article h1")
    assert heading is not None, path
    heading.select_one(".headerlink").decompose()
    return heading.get_text()


def _chapter_paths(site: Path) -> list[str]:
    index = BeautifulSoup((site / "timeline" / "index.html").read_text(encoding="utf-8"), "html.parser")
    parts = list(
        dict.fromkeys(
            a["href"]
            for a in index.select("article a[href]")
            if a["href"].count("/") == 1 and a["href"].endswith("/") and "#" not in a["href"]
        )
    )
    assert len(parts) >= 4, parts
    return CHAPTERS[:3] + [f"timeline/{part}" for part in parts] + CHAPTERS[3:]


def test_outline_and_contents_list_every_chapter_in_order_with_its_page(real_site: Path, reader: PdfReader) -> None:
    titles = [_h1(real_site, path) for path in _chapter_paths(real_site)]
    outline = [
        (_squeezed(str(item.title)), (reader.get_destination_page_number(item) or 0) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]
    outline_titles = [title for title, _page in outline]
    positions: list[int] = []
    for title in titles:  # in nav order; ValueError when a chapter is missing or out of order
        positions.append(outline_titles.index(_squeezed(title), positions[-1] + 1 if positions else 0))
    contents = _squeezed(reader.pages[1].extract_text())
    assert contents.startswith("Contents")
    for position, title in zip(positions, titles, strict=True):
        page = outline[position][1]
        assert page > 2
        assert f"{_squeezed(title)}{page}" in contents, (title, page)


def test_every_page_is_numbered(reader: PdfReader) -> None:
    total = len(reader.pages)
    assert total > 50
    for number in sorted({1, 2, 3, total // 2, total}):
        assert f"page {number} of {total}" in reader.pages[number - 1].extract_text(), number


def _outline(reader: PdfReader, items: list[object] | None = None) -> list[tuple[str, int]]:
    """Every heading in the outline, nested ones included, with its page (from 1)."""
    entries: list[tuple[str, int]] = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            entries += _outline(reader, item)
        else:
            entries.append((_squeezed(str(item.title)), (reader.get_destination_page_number(item) or 0) + 1))  # type: ignore[attr-defined]
    return entries


def test_holds_the_timeline_and_the_bibliography(real_site: Path, reader: PdfReader) -> None:
    pages = dict(_outline(reader))
    event_page = pages[_squeezed(KNOWN_EVENT)]
    assert _squeezed(KNOWN_EVENT) in _squeezed(reader.pages[event_page - 1].extract_text())
    first, after = pages["Sources"], pages[_squeezed(_h1(real_site, "methodology/"))]
    sources = BeautifulSoup((real_site / "sources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    entries = sources.select("article p:has(> span[id^='source-'])")
    assert len(entries) > 100
    opening = _squeezed(reader.pages[first - 1].extract_text() + reader.pages[first].extract_text())
    closing = _squeezed(reader.pages[after - 3].extract_text() + reader.pages[after - 2].extract_text())
    assert _squeezed(entries[0].get_text())[:60] in opening
    assert _squeezed(entries[-1].get_text())[:60] in closing
    assert "Citedby:" in opening


def test_charts_are_drawn_once_each_in_the_light_scheme(real_site: Path, reader: PdfReader) -> None:
    """Charts are SVG, printed as vector drawings: each is a tagged figure carrying the image's alt text.

    Both variants of a chart share their alt text, so a chart printed in both schemes would count twice."""
    figures: list[str] = []

    def walk(element: object) -> None:
        element = element.get_object()  # type: ignore[attr-defined]
        if isinstance(element, dict):
            if element.get("/S") == "/Figure" and "/Alt" in element:
                figures.append(str(element["/Alt"]))
            kids = element.get("/K")
            if kids is not None:
                walk(kids)
        elif isinstance(element, list):
            for kid in element:
                walk(kid)

    walk(reader.root_object["/StructTreeRoot"])
    light: list[str] = []
    dark = 0
    for path in _chapter_paths(real_site):
        soup = BeautifulSoup((real_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        light += [str(image["alt"]) for image in soup.select("article img[src$='#only-light']")]
        dark += len(soup.select("article img[src$='#only-dark']"))
    assert len(light) >= 5 and dark == len(light)
    for alt in set(light):
        assert figures.count(alt) == light.count(alt), alt


def test_dated_from_the_report_and_progress_per_chapter(
    printed: tuple[Path, subprocess.CompletedProcess[str]], reader: PdfReader
) -> None:
    updated = (ROOT / "content" / "report.yml").read_text(encoding="utf-8").split("\nupdated: ")[1][:10]
    assert reader.metadata is not None
    assert reader.metadata["/CreationDate"] == f"D:{updated.replace('-', '')}000000Z"
    messages = printed[1].stderr.splitlines()
    assert sum(message.startswith("[") for message in messages) >= len(CHAPTERS)
    assert "pages" in printed[1].stdout


def test_home_links_to_the_pdf_where_it_is_written(real_site: Path) -> None:
    home = BeautifulSoup((real_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select("article a[href='report.pdf']"), "Home links to report.pdf next to index.html"


def test_print_css_opens_collapsed_sections_and_hides_controls(real_site: Path, browser: Any) -> None:
    """Printing any page (not only the PDF): a closed <details> prints open, filter controls do not print."""
    assert CHROMIUM.is_file(), "Debian's chromium is required: apt-get install chromium (make test installs it)"
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert 'href="assets/print.css"' in home
    css = (real_site / "assets" / "print.css").read_text(encoding="utf-8")
    html = (
        f"<style>{css}</style><article class='md-typeset'><details><summary>More</summary><p id='inside'>text</p>"
        "</details><div class='filter-bar'><input id='field'><button id='button'>Filter</button></div></article>"
    )
    probe = "['inside', 'field', 'button'].map(id => document.getElementById(id).checkVisibility())"
    page = browser.new_page()
    page.set_content(html)
    assert page.evaluate(probe) == [False, True, True]
    page.emulate_media(media="print")
    assert page.evaluate(probe) == [True, False, False]
    page.close()
