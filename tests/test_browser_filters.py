"""Long chapters in a real browser: filters, anchors into collapsed records, citations read in
place, tables on a phone (Debian's Chromium driven by Playwright, on the real site)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.factbase.checked import load_checked
from generator.model.report import Report, build_report

from .conftest import ROOT
from .test_browser import ARTIFACTS, Reader

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(load_checked(ROOT / "content"))


@pytest.fixture
def reader(browser: object, base_url: str) -> Iterator[Reader]:
    opened = Reader(browser, base_url)
    yield opened
    assert opened.errors == []
    assert opened.outside == []
    opened.close()


@pytest.fixture
def phone(browser: object, base_url: str) -> Iterator[Reader]:
    opened = Reader(browser, base_url, width=PHONE["width"])
    opened.page.set_viewport_size(PHONE)  # type: ignore[attr-defined]
    yield opened
    assert opened.errors == []
    opened.close()


def _shown(page: object, selector: str = "[data-record]") -> int:
    return page.evaluate(  # type: ignore[attr-defined,no-any-return]
        "s => [...document.querySelectorAll(s)].filter(r => (r.closest('tr') || r).closest('[hidden]') === null).length",
        selector,
    )


def _in_view(page: object, element_id: str) -> None:
    page.wait_for_function(  # type: ignore[attr-defined]
        "id => { const e = document.getElementById(id); const r = e.getBoundingClientRect();"
        " return e.checkVisibility() && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight; }",
        arg=element_id,
        timeout=5000,
    )


def test_a_filter_narrows_the_reactions_counts_them_and_is_kept_in_the_url(reader: Reader, report: Report) -> None:
    expected = [x for x in report.reactions if "criticises-crackdown" in {x.stance.value, *(s.value for s in x.also)}]
    page = reader.open("reactions/")
    assert page.locator("form.record-filter").is_visible()  # type: ignore[attr-defined]
    assert _shown(page) == len(report.reactions)
    page.select_option("select[name=stance]", "criticises-crackdown")  # type: ignore[attr-defined]
    assert _shown(page) == len(expected)
    count = page.locator(".record-filter__count")  # type: ignore[attr-defined]
    assert count.inner_text() == f"Showing {len(expected)} of {len(report.reactions)} reactions."
    assert count.get_attribute("aria-live") == "polite"
    assert "stance=criticises-crackdown" in page.url  # type: ignore[attr-defined]
    primary = sum(1 for x in expected if x.stance.value == "criticises-crackdown")
    summary = page.locator("#stance-criticises-crackdown ~ details summary")  # type: ignore[attr-defined]
    assert summary.inner_text().endswith(f" · {primary} shown")
    for reaction in expected:
        assert page.locator(f"#reaction-{reaction.id}").is_visible()  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    assert page.locator("select[name=stance]").input_value() == "criticises-crackdown"  # type: ignore[attr-defined]
    assert _shown(page) == len(expected)
    page.click(".record-filter__reset")  # type: ignore[attr-defined]
    page.wait_for_function(
        "n => document.querySelectorAll('[data-record]:not([hidden])').length === n", arg=len(report.reactions)
    )
    assert "stance=" not in page.url  # type: ignore[attr-defined]


def test_filters_combine_and_are_usable_with_the_keyboard(reader: Reader, report: Report) -> None:
    page = reader.open("timeline/escalation/")
    events = next(p for p in report.timeline if p.slug == "escalation").events
    day = events[-1].start
    select = page.get_by_label("Day")  # type: ignore[attr-defined]
    select.focus()
    options = [o for o in select.locator("option").all_inner_texts()]
    index = next(i for i, text in enumerate(options) if text.startswith(f"{day.day} "))
    for _ in range(index):
        page.keyboard.press("ArrowDown")  # type: ignore[attr-defined]
    expected = [e for e in events if e.start == day]
    page.wait_for_function(
        "n => document.querySelectorAll('[data-record]:not([hidden])').length === n", arg=len(expected)
    )
    assert f"day={day.isoformat()}" in page.url  # type: ignore[attr-defined]
    confirmed = [e for e in expected if e.confidence.value == "confirmed"]
    page.select_option("select[name=confidence]", "confirmed")  # type: ignore[attr-defined]
    assert _shown(page) == len(confirmed)


def test_without_javascript_every_record_is_on_the_page(browser: object, base_url: str, report: Report) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{base_url}/reactions/?stance=neutral")
    assert page.locator("[data-record]").count() == len(report.reactions)
    assert page.locator("[data-record][hidden]").count() == 0
    assert not page.locator("form.record-filter").is_visible()
    page.locator("details.record-group__records summary").nth(3).click()
    assert page.locator("details.record-group__records").nth(3).locator("[data-record]").first.is_visible()
    page.goto(f"{base_url}/sources/")
    assert page.locator("[data-record]").count() == len(report.sources)
    context.close()


def test_an_anchor_opens_its_record_even_when_filtered_out_or_collapsed(reader: Reader, report: Report) -> None:
    hidden = next(x for x in report.reactions if "neutral" not in {x.stance.value, *(s.value for s in x.also)})
    page = reader.open(f"reactions/?stance=neutral#reaction-{hidden.id}")
    _in_view(page, f"reaction-{hidden.id}")
    assert page.locator("select[name=stance]").input_value() == ""  # type: ignore[attr-defined]
    # A link inside the page (the summary table) to a record hidden by the filter.
    page.select_option("select[name=stance]", "neutral")  # type: ignore[attr-defined]
    assert not page.locator(f"#reaction-{hidden.id}").is_visible()  # type: ignore[attr-defined]
    page.locator("details.record-group__records summary").first.click()  # type: ignore[attr-defined]
    page.locator(f"article table a[href$='#reaction-{hidden.id}']").first.click()  # type: ignore[attr-defined]
    _in_view(page, f"reaction-{hidden.id}")
    # A figure row in a closed metric section, reached from the address bar.
    figure = report.figures[-1]
    page = reader.open(f"figures/?metric={report.figures[0].metric.value}#figure-{figure.id}")
    _in_view(page, f"figure-{figure.id}")


def test_a_link_to_a_group_heading_opens_its_records(reader: Reader) -> None:
    page = reader.open("timeline/")
    page.locator("article a[href*='escalation/#day-']").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/timeline/escalation/#day-*")  # type: ignore[attr-defined]
    day = page.url.split("#")[1]  # type: ignore[attr-defined]
    assert page.locator(f"#{day} ~ details").get_attribute("open") is not None  # type: ignore[attr-defined]
    assert page.locator(f"#{day} ~ details [data-record]").first.is_visible()  # type: ignore[attr-defined]


def test_a_citation_opens_its_collapsed_bibliography_entry(reader: Reader) -> None:
    page = reader.open("timeline/escalation/")
    page.locator("details.record-group__records summary").first.click()  # type: ignore[attr-defined]
    citation = page.locator("article .record a[href*='sources/#source-']").first  # type: ignore[attr-defined]
    target = citation.get_attribute("href").split("#")[1]
    citation.click()
    page.wait_for_url(f"**/sources/#{target}")  # type: ignore[attr-defined]
    _in_view(page, target)


def _reference_text(page: object, href: str) -> str:
    source_id = href.split("#source-")[1]
    return page.locator(f"#ref-{source_id}").inner_text()  # type: ignore[attr-defined,no-any-return]


def test_a_citation_shows_its_source_on_hover_and_on_focus(reader: Reader) -> None:
    page = reader.open("timeline/escalation/")
    page.locator("details.record-group__records summary").first.click()  # type: ignore[attr-defined]
    citation = page.locator("article .record a[href*='sources/#source-']").first  # type: ignore[attr-defined]
    expected = _reference_text(page, citation.get_attribute("href"))
    popover = page.locator("#citation-popover")  # type: ignore[attr-defined]
    citation.hover()
    popover.wait_for(state="visible", timeout=3000)
    assert popover.inner_text() == expected
    assert citation.get_attribute("aria-describedby") == "citation-popover"
    page.mouse.move(0, 0)  # type: ignore[attr-defined]
    popover.wait_for(state="hidden", timeout=3000)
    citation.focus()
    popover.wait_for(state="visible", timeout=3000)
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    popover.wait_for(state="hidden", timeout=3000)
    citation.click()
    page.wait_for_url("**/sources/#source-*")  # type: ignore[attr-defined]


def test_a_tap_on_a_citation_shows_its_source_and_a_second_tap_follows_it(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}/reactions/", wait_until="networkidle")
    page.locator("details.record-group__records summary").nth(2).tap()
    citation = page.locator("article .record a[href*='sources/#source-']").first
    expected = _reference_text(page, citation.get_attribute("href"))
    citation.tap()
    popover = page.locator("#citation-popover")
    popover.wait_for(state="visible", timeout=3000)
    assert popover.inner_text() == expected
    assert page.url.endswith("/reactions/")
    box = popover.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    citation.tap()
    page.wait_for_url("**/sources/#source-*")
    assert errors == []
    context.close()


@pytest.mark.parametrize("path", ["figures/", "measures/", "actors/", "reactions/", "sources/", "timeline/escalation/"])
def test_no_page_scrolls_sideways_on_a_phone_and_no_column_is_cut_off(phone: Reader, path: str) -> None:
    page = phone.open(path)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # type: ignore[attr-defined]
    cut = page.evaluate(  # type: ignore[attr-defined]
        "w => [...document.querySelectorAll('article td, article th')].filter(c => c.checkVisibility()"
        " && c.getBoundingClientRect().right > w + 1).length",
        PHONE["width"],
    )
    assert cut == 0


@pytest.mark.parametrize(
    "path", ["sources/", "reactions/", "figures/", "measures/", "timeline/escalation/", "timeline/stabilisation/"]
)
def test_the_first_view_of_a_long_chapter_needs_at_most_25_phone_screens(phone: Reader, path: str) -> None:
    page = phone.open(path)
    height = page.evaluate("document.documentElement.scrollHeight")  # type: ignore[attr-defined]
    assert height <= 25 * PHONE["height"], height


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 390)])
def test_screenshots_of_long_chapters_for_people_to_look_at(
    browser: object, base_url: str, name: str, width: int
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        for path, slug in (
            ("reactions/?stance=criticises-crackdown", "reactions-filtered"),
            ("sources/", "sources"),
            ("figures/", "figures"),
            ("measures/", "measures"),
            ("timeline/escalation/", "timeline-escalation"),
        ):
            reader = Reader(browser, base_url, width=width, scheme=scheme)
            page = reader.open(path)
            target = ARTIFACTS / f"{slug}-{name}-{scheme}.png"
            page.screenshot(path=str(target), full_page=True)  # type: ignore[attr-defined]
            assert target.stat().st_size > 10_000
            assert reader.errors == []
            reader.close()
