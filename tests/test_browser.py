"""The published site, read in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

# The server and the browser are session fixtures in conftest.py, shared by every browser test file
# (two Playwright instances cannot run in one process).
from .conftest import CHROMIUM, CHROMIUM_ARGS, ROOT  # noqa: F401

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"


class Reader:
    """A page opened as a reader would, recording console errors and any request off this machine."""

    def __init__(self, browser: object, base_url: str, width: int = 1280, scheme: str = "light") -> None:
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[attr-defined]
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    def open(self, path: str) -> object:
        self.page.goto(f"{self.base_url}/{path}", wait_until="networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def reader(browser: object, base_url: str) -> Iterator[Reader]:
    opened = Reader(browser, base_url)
    yield opened
    opened.close()


PAGES = [
    "",
    "timeline/",
    "timeline/escalation/",
    "reactions/",
    "figures/",
    "measures/",
    "sources/",
    "places/almaty/",
    "data/",
]


def test_pages_load_without_console_errors_or_outside_requests(reader: Reader) -> None:
    for path in PAGES:
        reader.open(path)
    assert reader.outside == []
    assert reader.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_page_charts_render(browser: object, base_url: str, scheme: str) -> None:
    reader = Reader(browser, base_url, scheme=scheme)
    page = reader.open("")
    images = page.locator("article img")
    assert images.count() >= 2
    visible = 0
    for index in range(images.count()):
        image = images.nth(index)
        if not image.is_visible():
            continue
        src = image.get_attribute("src") or ""
        assert src.endswith(f".{scheme}.svg#only-{scheme}"), src
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=10000)
        box = image.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50, src
        visible += 1
    assert visible >= 1
    reader.close()


def test_search_for_csto_lists_relevant_pages(reader: Reader) -> None:
    page = reader.open("")
    page.locator("input.md-search__input").click()
    page.keyboard.type("CSTO")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 3
    assert "matching documents" in page.locator(".md-search-result__meta").inner_text()
    titles = page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
    assert any("CSTO" in title for title in titles), titles


def test_citation_jumps_to_its_bibliography_entry(reader: Reader) -> None:
    page = reader.open("timeline/escalation/")
    citation = page.locator("a[href*='sources/#source-']:visible").first  # days are collapsed: a visible one
    target = citation.get_attribute("href").split("#")[1]
    citation.click()
    page.wait_for_url(f"**/sources/#{target}")
    entry = page.locator(f"#{target}")
    assert entry.count() == 1
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }",
        arg=target,
    )


@pytest.mark.parametrize("path", ["", "timeline/escalation/", "reactions/", "figures/"])
def test_no_serious_accessibility_violations(reader: Reader, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = reader.open(path)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 390)])
def test_screenshots_for_people_to_look_at(browser: object, base_url: str, name: str, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        reader = Reader(browser, base_url, width=width, scheme=scheme)
        page = reader.open("")
        path = ARTIFACTS / f"home-{name}-{scheme}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        reader.close()
