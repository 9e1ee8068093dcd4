"""The real report builds strictly, shows every record, and every internal link and anchor resolves."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest
from bs4 import BeautifulSoup

from generator.factbase.checked import load_checked
from generator.factbase.models import DECLARATIONS

from .conftest import ROOT


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    return real_site


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in site.rglob("*.html")
    }


def _ids(soup: BeautifulSoup) -> set[str]:
    return {tag["id"] for tag in soup.find_all(id=True)}


def test_every_record_has_its_anchor_or_page(site: Path, pages: dict[str, BeautifulSoup]) -> None:
    loaded = load_checked(ROOT / "content")
    all_ids = set().union(*(_ids(soup) for soup in pages.values()))
    expected = {
        declared.anchor_of(r) for declared in DECLARATIONS if declared.anchor for r in loaded.records[declared.folder]
    }
    assert expected - all_ids == set()
    for declared in DECLARATIONS:
        for record in loaded.records[declared.folder] if declared.one_page_per_record else []:
            assert declared.page_of(record).removesuffix(".md") + "/index.html" in pages


def test_every_internal_link_and_anchor_resolves(pages: dict[str, BeautifulSoup]) -> None:
    broken = []
    for page, soup in pages.items():
        if page.rpartition("/")[2] == "404.html":
            continue  # served at any depth, so it links from the site root
        base = f"http://site/{page}"
        for a in soup.find_all("a", href=True):
            href = a["href"]
            if href.startswith(("http://", "https://", "mailto:")) or href.startswith("#__"):
                continue
            target, anchor = urldefrag(urljoin(base, href))
            path = unquote(target.removeprefix("http://site/"))
            if path == "" or path.endswith("/"):
                path += "index.html"
            if path not in pages:
                if not path.endswith(
                    (".csv", ".json", ".svg", ".zip", ".atom", ".pdf")
                ):  # report.pdf: made after the site, see test_pdf
                    broken.append((page, href))
                continue
            if anchor and anchor not in _ids(pages[path]):
                broken.append((page, href))
    assert broken == []


def test_every_source_is_cited_and_links_back(pages: dict[str, BeautifulSoup]) -> None:
    bibliography = pages["sources/index.html"]
    entries = bibliography.select("span[id^='source-']")
    assert len(entries) > 300
    uncited = [
        e["id"] for e in entries if "Cited by: no record." in e.find_parent("p").find_next_sibling("p").get_text()
    ]
    assert uncited == []
