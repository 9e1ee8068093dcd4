"""The real report in both language editions: built strictly, every page with its twin, the switcher
and hreflang right; in a browser, switching language on a chapter and searching in French.

The French search runs on the real French pages: every record has its French text.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, _QuietHandler, mkdocs_build
from .test_editions import pages_of, sitemap_alternates, with_languages


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("real-editions") / "project"
    for item in ("content", "templates"):
        shutil.copytree(ROOT / item, project / item)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    with_languages(project)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


def test_every_page_has_its_twin(site: Path) -> None:
    english, french = pages_of(site), pages_of(site / "fr")
    assert len(english) > 100
    assert english == french


def test_lang_hreflang_and_switcher_on_every_page(site: Path) -> None:
    for page in sorted(pages_of(site, skip_editions=False)):
        if page.endswith("404.html"):
            continue
        html = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        french = page.startswith("fr/")
        assert html.html["lang"] == ("fr" if french else "en"), page
        twin = page.removeprefix("fr/")
        for link in html.select("a.md-select__link[hreflang]"):
            target = ((site / page).parent / link["href"]).resolve()
            target = target / "index.html" if link["href"].endswith("/") else target
            expected = (site / ("fr/" if link["hreflang"] == "fr" else "") / twin).resolve()
            assert target == expected, (page, link["href"])


def test_sitemaps_name_every_twin(site: Path) -> None:
    base = "https://crisis-reports.github.io/kazakhstan-2022/"
    for prefix in ("", "fr/"):
        for loc, alternates in sitemap_alternates(site / prefix / "sitemap.xml").items():
            path = loc.removeprefix(base + prefix)
            assert alternates == {"en": base + path, "fr": base + "fr/" + path, "x-default": base + path}
            local = site / (alternates["fr"].removeprefix(base) + "index.html")
            assert local.is_file(), local


def test_french_names_page_replaces_the_english_one(site: Path) -> None:
    french = (site / "fr" / "names" / "index.html").read_text(encoding="utf-8")
    english = (site / "names" / "index.html").read_text(encoding="utf-8")
    assert "Noms et translittération" in french and "Noms et translittération" not in english
    assert "Names and transliteration" in english


@pytest.fixture(scope="module")
def editions_url(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.browser
def test_switch_language_on_a_chapter_then_search_in_french(browser: object, editions_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{editions_url}/timeline/", wait_until="networkidle")
        assert page.locator("html").get_attribute("lang") == "en"
        page.locator(".md-select").first.hover()
        page.locator("a.md-select__link[hreflang='fr']").click()
        page.wait_for_url(f"{editions_url}/fr/timeline/")
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "fr"
        # Back again, to the same chapter of the English edition.
        page.locator(".md-select").first.hover()
        page.locator("a.md-select__link[hreflang='en']").click()
        page.wait_for_url(f"{editions_url}/timeline/")
        page.goto(f"{editions_url}/fr/timeline/", wait_until="networkidle")
        for query in ("manifestations", "OTSC"):
            search = page.locator("input.md-search__input")
            search.click()
            search.fill("")
            page.keyboard.type(query)
            results = page.locator(".md-search-result__item")
            results.first.wait_for(timeout=15000)
            assert results.count() >= 1, query
            links = _settled_result_links(page)
            assert links and all("/fr/" in link for link in links), links
            page.keyboard.press("Escape")
        assert errors == []
    finally:
        context.close()


def _settled_result_links(page: Any) -> list[str]:
    """The search results' links once the list stops changing (each keystroke renders it again, so
    reading it while it changes loses results)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    links = page.locator(".md-search-result__link")
    previous = -1
    for _ in range(50):
        count = links.count()
        if count and count == previous:
            try:
                return [links.nth(index).get_attribute("href", timeout=2000) or "" for index in range(count)]
            except PlaywrightTimeout:
                pass
        previous = count
        page.wait_for_timeout(300)
    raise AssertionError("the search results never settled")
