"""The built real report as readers (and link previews) see it: Home's box, actor statements, stance
sentences, place pages, timeline navigation, per-page descriptions and Open Graph tags."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.site.describe import describe


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_home_box_names_the_official_toll_its_reporter_and_other_counts(real_site: Path) -> None:
    box = soup(real_site, "index.html").select_one("article .admonition")
    assert box is not None and "At a glance" in box.get_text()
    items = {li.get_text(" ", strip=True).split(":")[0]: li for li in box.find_all("li")}
    official = items["Deaths, latest official figure"]
    assert "238 , given by Prosecutor General's Office on 5 Jan 2023" in official.get_text(" ", strip=True)
    assert any(a["href"].startswith("sources/#source-") for a in official.find_all("a"))
    others = items["Deaths, other counts"].get_text(" ", strip=True)
    assert "221" in others and "Ar.Rukh.Khak" in others and "188" in others and "Azattyq" in others
    assert "Detentions, latest official figure" in items
    assert "2,030" in items["Foreign troops deployed, latest official figure"].get_text()


def test_home_key_figures_leave_out_flagged_outliers_and_name_the_latest_reporter(real_site: Path) -> None:
    home = soup(real_site, "index.html")
    deaths = next(li for li in home.select("article li") if li.get_text().startswith("Deaths:"))
    text = deaths.get_text(" ", strip=True)
    assert "to 238" in text and "to 241" not in text
    assert "possible outlier ( 241" in text or "possible outlier (241" in text
    assert "latest: 238, given by Prosecutor General's Office" in text


def test_home_lead_is_paragraphs_with_numbered_citations(real_site: Path) -> None:
    home = soup(real_site, "index.html")
    lead = [p for p in home.select("article > p") if p.find("a", href=lambda h: h and h.startswith("sources/#source-"))]
    assert len(lead) >= 5
    for paragraph in lead:
        cites = paragraph.find_all("a", href=lambda h: h and h.startswith("sources/#source-"))
        assert all(a.get_text().strip("[]").isdigit() for a in cites), [a.get_text() for a in cites]


def test_actor_statements_are_separate_items_with_words(real_site: Path) -> None:
    page = soup(real_site, "actors/china/index.html")
    heading = page.find(id=lambda i: bool(i) and i.startswith("statements"))
    items = heading.find_next("ul").find_all("li", recursive=False)
    assert len(items) == int(heading.get_text().split("(")[1].split(")")[0]) > 1
    first = items[0].get_text(" ", strip=True)
    assert first.startswith("6 Jan 2022") and "Wang Wenbin" in first and "“" in first


def test_tajikistan_is_among_the_supporters_of_the_deployment(real_site: Path) -> None:
    page = soup(real_site, "reactions/index.html")
    heading = page.find(id="stance-supports-intervention")
    sentence = heading.find_next("p", class_="stance-takers").get_text(" ", strip=True)
    for name in ("Tajikistan", "Russia", "Armenia", "Belarus", "Kyrgyzstan", "CSTO"):
        assert name in sentence, sentence
    assert sentence.count("Russia (") + sentence.count("Russia ,") + sentence.count("Russia and") == 1
    assert "Russian Foreign Ministry ," not in sentence and "Russian Federation" not in sentence


def test_place_figures_say_what_is_counted_and_events_have_context(real_site: Path) -> None:
    page = soup(real_site, "places/almaty/index.html")
    figures = page.find(id="reported-figures").find_next("ul").get_text(" ", strip=True)
    assert "Other:" not in figures
    assert "offices looted in Almaty" in figures
    events = page.find(id=lambda i: bool(i) and i.startswith("events")).find_next("ul").find_all("li", recursive=False)
    assert any(" · Clash · " in li.get_text() and len(li.get_text()) > 120 for li in events)


def test_timeline_parts_are_in_the_navigation_and_the_current_one_is_active(real_site: Path) -> None:
    page = soup(real_site, "timeline/escalation/index.html")
    nav = page.select_one("nav.md-nav--primary")
    titles = [a.get_text(" ", strip=True) for a in nav.select("a.md-nav__link")]
    for part in (
        "Background events",
        "Fuel-price protests (1-4 January)",
        "Escalation, emergency rule and the CSTO call (5-7 January)",
        "Stabilisation and withdrawal (8-19 January)",
        "Political aftermath (20-31 January)",
        "Follow-up",
    ):
        assert part in titles, titles
    active = nav.select(".md-nav__link--active")
    assert active and all("Escalation" in a.get_text() for a in active)


def test_every_page_has_its_own_description_and_link_preview_tags(real_site: Path) -> None:
    descriptions: dict[str, str] = {}
    for path in [
        "index.html",
        "timeline/index.html",
        "timeline/escalation/index.html",
        "reactions/index.html",
        "figures/index.html",
        "places/almaty/index.html",
        "actors/china/index.html",
        "data/index.html",
        "methodology/index.html",
    ]:
        head = soup(real_site, path).head
        description = head.find("meta", attrs={"name": "description"})["content"]
        assert head.find("meta", property="og:description")["content"] == description
        assert head.find("meta", attrs={"name": "twitter:description"})["content"] == description
        assert head.find("meta", property="og:title")["content"]
        assert head.find("meta", property="og:url")["content"].startswith("https://")
        assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
        assert 30 <= len(description) <= 200
        descriptions[path] = description
    assert len(set(descriptions.values())) == len(descriptions), descriptions
    assert "Almaty" in descriptions["places/almaty/index.html"]


def test_description_is_the_first_telling_paragraph_as_plain_text() -> None:
    html = (
        '<h1 id="t">Title</h1><p>Short.</p><p>A paragraph with <a href="x">a link</a>, &quot;quotes&quot; '
        'and a citation.<a href="s">[12]</a> ' + "word " * 60 + "</p>"
    )
    description = describe(html)
    assert description is not None and description.startswith('A paragraph with a link, "quotes" and a citation. word')
    assert "[12]" not in description and len(description) <= 200 and description.endswith("…")
    assert describe("<h1>T</h1><p>Too short.</p>") is None


def test_a_description_with_quotes_stays_inside_its_attribute(real_site: Path) -> None:
    head = soup(real_site, "data/index.html").head
    assert 'lists joined with "; "' in head.find("meta", attrs={"name": "description"})["content"]
    assert len(head.find_all("meta", attrs={"name": "description"})) == 1
