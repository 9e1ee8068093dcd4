"""Build the tiny synthetic site and read it as a reader would: through its HTML."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import make_project, mkdocs_build


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_chapter_pages_exist(mini_site: Path) -> None:
    for page in [
        "index.html",
        "timeline/index.html",
        "timeline/first/index.html",
        "timeline/follow-up/index.html",
        "reactions/index.html",
        "figures/index.html",
        "measures/index.html",
        "sources/index.html",
        "places/index.html",
        "places/testville/index.html",
        "actors/index.html",
        "actors/home-police/index.html",
        "data/index.html",
        "data/events.csv",
        "data/events.json",
        "data/schema/event.schema.json",
    ]:
        assert (mini_site / page).is_file(), page


def test_every_event_appears_on_its_timeline_page(mini_site: Path) -> None:
    first = soup(mini_site, "timeline/first/index.html")
    heading = first.find(id="event-2022-01-02-first-rally")
    assert heading is not None and "First rally in Testville" in heading.get_text()
    later = soup(mini_site, "timeline/second/index.html")
    assert later.find(id="event-2022-01-12-second-event") is not None
    follow = soup(mini_site, "timeline/follow-up/index.html")
    assert follow.find(id="event-2022-03-01-follow") is not None


def test_citations_resolve_to_bibliography_and_back(mini_site: Path) -> None:
    bibliography = soup(mini_site, "sources/index.html")
    page = soup(mini_site, "timeline/first/index.html")
    citation_links = [a for a in page.select("a[href*='sources/#source-']")]
    assert {a["href"].split("#")[1] for a in citation_links} == {"source-wire-one", "source-paper-two"}
    assert {a.get_text() for a in citation_links} == {"[1]", "[2]"}
    for source_id in ("wire-one", "paper-two"):
        entry = bibliography.find(id=f"source-{source_id}")
        assert entry is not None
        back = entry.find_parent("p").find_next_sibling("p")
        assert back is not None and "Cited by" in back.get_text()
        assert any("event-2022-01-02-first-rally" in a["href"] for a in back.find_all("a"))


def test_reaction_quote_keeps_language_and_marks_translation(mini_site: Path) -> None:
    page = soup(mini_site, "reactions/index.html")
    quote = page.find("blockquote", lang="de")
    assert quote is not None and "Bitte bleiben Sie ruhig." in quote.get_text()
    caption = quote.find_next("figcaption")
    assert "English translation (by the editors)" in caption.get_text()
    assert "Please stay calm." in caption.get_text()


def test_figures_show_every_value_and_the_spread(mini_site: Path) -> None:
    page = soup(mini_site, "figures/index.html")
    text = page.get_text(" ")
    assert page.find(id="figure-deaths-2022-01-09-police") is not None
    assert "20–30" in text and "12" in text
    assert "Spread of totals: 2 values from 2 reporters" in " ".join(text.split())


def test_per_record_pages_stay_out_of_the_navigation(mini_site: Path) -> None:
    nav = soup(mini_site, "index.html").select("nav.md-nav--primary a.md-nav__link")
    hrefs = {a.get("href") for a in nav}
    assert not any("places/testville" in (h or "") for h in hrefs)
    assert any("places/" in (h or "") for h in hrefs)


def test_only_http_links_in_site(mini_site: Path) -> None:
    for html in mini_site.rglob("*.html"):
        for a in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            href = a["href"]
            assert ":" not in href.split("/")[0] or href.startswith(("http://", "https://")), (html, href)


def test_invalid_data_fails_build_and_keeps_last_good_site(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    marker = project / "site" / "index.html"
    before = marker.read_bytes()
    bad = project / "content" / "events" / "2022-01-02-first-rally.yml"
    bad.write_text(bad.read_text().replace("- home-police", "- home-polise"))
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert (
        "content/events/2022-01-02-first-rally.yml:10:5: unknown actor 'home-polise' (did you mean 'home-police'?)"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert marker.read_bytes() == before
    assert not (project / "site.partial").exists()


def test_two_builds_are_identical(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert mkdocs_build(project, site="one").returncode == 0
    assert mkdocs_build(project, site="two").returncode == 0
    one, two = project / "one", project / "two"
    files_one = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert files_one == files_two
    different = [p for p in files_one if (one / p).read_bytes() != (two / p).read_bytes()]
    assert different == []


def test_edit_links_point_at_the_facts(mini_site: Path) -> None:
    place = soup(mini_site, "places/testville/index.html").select_one("a.md-content__button")
    assert place is not None and place["href"].endswith("/edit/main/content/places/testville.yml")
    timeline = soup(mini_site, "timeline/first/index.html").select_one("a.md-content__button")
    assert timeline is not None and timeline["href"].endswith("/tree/main/content/events")
    handwritten = soup(mini_site, "background/index.html").select_one("a.md-content__button")
    assert handwritten is not None and handwritten["href"].endswith("/edit/main/content/pages/background.md")


def test_bibliography_links_back_to_hand_written_pages(mini_site: Path) -> None:
    entry = soup(mini_site, "sources/index.html").find(id="source-wire-one")
    back = entry.find_parent("p").find_next_sibling("p")
    assert any(a.get_text() == "Background" and a["href"].endswith("background/") for a in back.find_all("a"))
