"""Every kind of page, in both colour schemes (chosen with the site's own toggle) at desktop and phone width.

One browser and one page serve the whole matrix; each (width, scheme) is one test that visits every page
and lists every problem found, so that a failure names all the pages and checks at once. Full-page
screenshots go to test-artifacts/pages/ for people to look at.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "pages"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The timeline parts are added after the timeline index, read from the built site.
PAGES = [
    "",
    "background/",
    "timeline/",
    "reactions/",
    "figures/",
    "measures/",
    "places/",
    "places/almaty/",
    "actors/",
    "actors/tokayev/",
    "sources/",
    "methodology/",
    "names/",
    "contributing/",
    "data/",
]
# Pages made of cited records: each must carry citation links.
CITING = {"", "reactions/", "figures/", "measures/", "actors/tokayev/"}
SCHEMES = {"light": "default", "dark": "slate"}
CITATIONS_CHECKED = 5
# Full-page screenshots stop here: the longest pages (the bibliography) are tens of thousands of pixels
# tall, take seconds each to capture and cannot be read whole anyway.
SCREENSHOT_HEIGHT = 6000


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a navigation cuts off the previous page's requests (broken pipe): not a problem of the site


@pytest.fixture(scope="module")
def served(real_site: Path) -> Iterator[str]:
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(real_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class Tab:
    """The one browser page of the matrix, recording console errors and requests off this machine."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="load")

    def scheme(self) -> str:
        return str(self.page.evaluate("document.body.getAttribute('data-md-color-scheme')"))

    def choose_scheme(self, scheme: str) -> None:
        """Click the header's palette toggle until the page shows SCHEME (the theme remembers the choice)."""
        for _ in range(2):
            if self.scheme() == SCHEMES[scheme]:
                return
            self.page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        assert self.scheme() == SCHEMES[scheme], f"the palette toggle did not switch to {scheme}"


@pytest.fixture(scope="module")
def tab(served: str, browser: Any) -> Iterator[Tab]:
    # The system preference is the opposite of what the first test wants: only the toggle can make it right.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    yield Tab(context.new_page(), served)
    context.close()


def _pages(site: Path) -> list[str]:
    index = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    article = index[index.index("<article") : index.index("</article>")]
    parts = list(dict.fromkeys(re.findall(r'href="([a-z0-9-]+/)"', article)))
    assert len(parts) >= 4, parts
    at = PAGES.index("timeline/") + 1
    return PAGES[:at] + [f"timeline/{part}" for part in parts] + PAGES[at:]


def _chart_problems(tab: Tab, scheme: str) -> list[str]:
    page = tab.page
    selector = "article img[src*='#only-light'], article img[src*='#only-dark']"
    # Shown or hidden by style (a lazy image not yet loaded has no size, so size cannot tell).
    found = page.eval_on_selector_all(
        selector,
        """images => images.map(image =>
      [image.getAttribute("src"), image.checkVisibility({visibilityProperty: true, opacityProperty: true})])""",
    )
    charts: dict[str, list[tuple[str, bool]]] = {}
    for src, visible in found:
        charts.setdefault(re.sub(r"\.(light|dark)\.svg#only-(light|dark)$", "", src), []).append((src, visible))
    problems = []
    for chart, variants in charts.items():
        shown = [src for src, visible in variants if visible]
        if len(shown) != 1:
            problems.append(f"chart {chart}: {len(shown)} variants visible, not one")
        elif not shown[0].endswith(f"#only-{scheme}"):
            problems.append(f"chart {chart}: shows {shown[0]} in the {scheme} scheme")
    images = page.locator(selector)
    for index, (src, visible) in enumerate(found):
        if not visible:
            continue
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        try:
            page.wait_for_function(
                "image => image.complete && image.naturalWidth > 0", arg=image.element_handle(), timeout=10_000
            )
        except Exception:
            problems.append(f"chart {src}: not loaded (naturalWidth 0)")
    return problems


def _citation_problems(tab: Tab, path: str) -> list[str]:
    page = tab.page
    hrefs = page.eval_on_selector_all(
        "article a[href*='sources/#source-']", "links => links.map(link => [link.textContent, link.href])"
    )
    if path in CITING and not hrefs:
        return ["no citation links"]
    problems = []
    step = max(1, len(hrefs) // CITATIONS_CHECKED)
    sample = hrefs[::step][:CITATIONS_CHECKED]
    for position, (text, href) in enumerate(sample):
        if position == 0:
            page.goto(href, wait_until="load")
        else:
            page.evaluate("hash => { location.hash = hash; }", href.split("#", 1)[1])
        target = href.split("#", 1)[1]
        landed = page.evaluate(
            """id => {
          const anchor = document.getElementById(id);
          if (!anchor) return "missing";
          const entry = anchor.closest("p, li, div") || anchor;
          const box = entry.getBoundingClientRect();
          if (box.width === 0 || box.height === 0 || getComputedStyle(entry).visibility === "hidden") return "hidden";
          return box.top < innerHeight && box.bottom > 0 ? "ok" : `off screen (top ${Math.round(box.top)})`;
        }""",
            target,
        )
        if landed != "ok":
            problems.append(f"citation {text} -> {target}: bibliography entry {landed}")
    return problems


def _check(tab: Tab, path: str, width: int, scheme: str) -> list[str]:
    tab.errors.clear()
    tab.open(path)
    problems = []
    if tab.scheme() != SCHEMES[scheme]:
        problems.append(f"scheme {tab.scheme()!r} instead of {SCHEMES[scheme]!r}")
    problems += _chart_problems(tab, scheme)
    overflow = tab.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    if overflow[0] > overflow[1]:
        wide = tab.page.evaluate("""() => Array.from(document.querySelectorAll("article *"))
          .filter(element => element.getBoundingClientRect().right > innerWidth + 1)
          .slice(0, 3).map(element => element.tagName.toLowerCase() + (element.className ? "." + element.className : ""))""")
        problems.append(f"page {overflow[0]} px wide in a {overflow[1]} px window (widest: {', '.join(wide)})")
    # A table in a horizontal scroller keeps the page narrow but hides its last columns on a phone.
    cut = tab.page.evaluate("""() => Array.from(document.querySelectorAll("article table"))
      .filter(table => table.checkVisibility())
      .map(table => [table, table.closest(".md-typeset__scrollwrap") || table.parentElement])
      .filter(([table, box]) => table.getBoundingClientRect().width > box.clientWidth + 1)
      .map(([table, box]) => `${Math.round(table.getBoundingClientRect().width)} px wide in ${box.clientWidth} px`
        + ` (first column: ${(table.querySelector("th, td") || {}).textContent || "?"})`)""")
    problems += [f"table cut off: {table}" for table in cut]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    slug = path.strip("/").replace("/", "-") or "home"
    height = min(SCREENSHOT_HEIGHT, tab.page.evaluate("document.documentElement.scrollHeight"))
    tab.page.screenshot(
        path=str(ARTIFACTS / f"{slug}-{width}-{scheme}.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
    )
    problems += _citation_problems(tab, path)
    problems += [f"console: {error}" for error in tab.errors]
    return [f"{path or '/'}: {problem}" for problem in problems]


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (1280, "dark"), (390, "dark"), (390, "light")])
def test_every_page_kind(tab: Tab, real_site: Path, width: int, scheme: str) -> None:
    tab.page.set_viewport_size({"width": width, "height": 900 if width > 600 else 844})
    tab.open("")
    tab.choose_scheme(scheme)
    problems = []
    for path in _pages(real_site):
        problems += _check(tab, path, width, scheme)
    assert tab.outside == []
    assert problems == [], "\n".join(problems)
