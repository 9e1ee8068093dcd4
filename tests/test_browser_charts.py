"""Charts in a real browser: on every page with charts, at 1280 and 390 px, in the light and the dark
scheme chosen with the site's own toggle, exactly one variant of each chart is shown and loaded, at a
width that keeps its text legible. Screenshots of every chart go to test-artifacts/ for people to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .test_browser import ARTIFACTS, Reader

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}
CHART_WIDTH = 480.0
"""CSS px of a chart at its own size (360 pt)."""
VIEWBOX = 360.0
MIN_TEXT = 11.5
"""The smallest chart text in drawing units: at the displayed width it must be at least 11 CSS px."""

CHARTS = """async () => {
  const found = [];
  for (const image of document.querySelectorAll('article img[src*="charts/"]')) {
    const shown = image.checkVisibility();
    if (shown) {
      image.scrollIntoView();
      await new Promise(done => {
        if (image.complete && image.naturalWidth > 0) return done();
        image.addEventListener('load', done, {once: true});
        image.addEventListener('error', done, {once: true});
        setTimeout(done, 10000);
      });
    }
    found.push({src: image.getAttribute('src'), shown, natural: image.naturalWidth,
                width: image.getBoundingClientRect().width});
  }
  return found;
}"""


def chart_pages(site: Path) -> list[str]:
    pages = []
    for html in sorted(site.rglob("*.html")):
        if 'src="' in (text := html.read_text(encoding="utf-8")) and re.search(r'<img[^>]+src="[^"]*charts/', text):
            pages.append(html.relative_to(site).as_posix().removesuffix("index.html"))
    return pages


def switch(page: object, scheme: str) -> None:
    """Choose a scheme with the header's palette button, as a reader does."""
    wanted = SCHEMES[scheme]
    current = page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # type: ignore[attr-defined]
    if current != wanted:
        # The visible label switches to the other palette: __palette_1 is the dark one, __palette_0 the light.
        page.click(f"label[for=__palette_{1 if scheme == 'dark' else 0}]")  # type: ignore[attr-defined]
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{wanted}'")  # type: ignore[attr-defined]


def check(page: object, path: str, scheme: str, width: int) -> list[dict]:
    charts = page.evaluate(CHARTS)  # type: ignore[attr-defined]
    by_name: dict[str, list[dict]] = {}
    for chart in charts:
        name = re.sub(r"\.(light|dark)\.svg.*$", "", chart["src"].rsplit("/", 1)[-1])
        by_name.setdefault(name, []).append(chart)
    assert by_name, path
    for name, variants in by_name.items():
        shown = [v for v in variants if v["shown"]]
        assert len(shown) == 1, f"{path} {scheme} {width}px: {name} shown {len(shown)} times"
        chart = shown[0]
        assert chart["src"].endswith(f".{scheme}.svg#only-{scheme}"), (path, chart["src"])
        assert chart["natural"] > 0, f"{path}: {chart['src']} did not load"
        assert chart["width"] <= CHART_WIDTH + 0.5, (path, name, chart["width"])
        assert MIN_TEXT * chart["width"] / VIEWBOX >= 11.0, f"{path} {width}px: {name} shown {chart['width']} px wide"
    return charts


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("system", ["light", "dark"])
def test_one_variant_of_each_chart_follows_the_toggle(
    browser: object, base_url: str, real_site: Path, width: int, system: str
) -> None:
    pages = chart_pages(real_site)
    assert {"", "places/", "reactions/", "figures/", "measures/"} <= set(pages)
    other = "dark" if system == "light" else "light"
    reader = Reader(browser, base_url, width=width, scheme=system)
    for path in pages:
        page = reader.open(path)
        check(page, path, system, width)
        switch(page, other)
        check(page, path, other, width)
        # The choice is kept on the next page, as Material stores it: switch back for the next round.
        switch(page, system)
    assert not reader.errors and not reader.outside
    reader.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_every_chart_at_390_px(browser: object, base_url: str, real_site: Path, scheme: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    reader = Reader(browser, base_url, width=390, scheme="light")
    taken = 0
    for path in chart_pages(real_site):
        page = reader.open(path)
        switch(page, scheme)
        page.evaluate(CHARTS)  # type: ignore[attr-defined]
        images = page.locator('article img[src*="charts/"]')  # type: ignore[attr-defined]
        for index in range(images.count()):
            image = images.nth(index)
            if image.is_visible():
                name = (image.get_attribute("src") or "").rsplit("/", 1)[-1].split(".")[0]
                image.screenshot(path=str(ARTIFACTS / f"chart-{name}-390-{scheme}.png"))
                taken += 1
    page = reader.open("places/")
    switch(page, scheme)
    page.evaluate(CHARTS)  # type: ignore[attr-defined]
    page.screenshot(path=str(ARTIFACTS / f"places-390-{scheme}.png"), full_page=True)  # type: ignore[attr-defined]
    assert taken >= 14
    reader.close()


def test_map_key_links_every_numbered_place(browser: object, base_url: str) -> None:
    reader = Reader(browser, base_url, width=390)
    page = reader.open("places/")
    links = page.evaluate("""() => [...document.querySelectorAll('.chart-caption + ol li a')]
        .map(a => [a.textContent, new URL(a.href).pathname])""")  # type: ignore[attr-defined]
    assert len(links) >= 25
    assert links[0][0] == "Almaty" and links[0][1].endswith("/places/almaty/")
    columns = page.evaluate("getComputedStyle(document.querySelector('.chart-caption + ol')).columnCount")  # type: ignore[attr-defined]
    assert columns in ("auto", "1")
    reader.close()
