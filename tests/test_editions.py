"""Language editions (issue 14): one `mkdocs build` writes English at the root and French under fr/.

Built on the small test site: the structure of the editions (twins, switcher, hreflang, search,
sitemap, translated and untranslated hand-written pages, atomic publishing) does not depend on how
much of the text is translated yet.
"""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from generator.integration.editions import page_editions, report_languages, translated_nav, translation_of

from .conftest import make_project, mkdocs_build

FRENCH_NAMES = "# Noms\n\nUne page écrite à la main du site de test, en français.\n"


def with_languages(project: Path, languages: str = "[en, fr]") -> Path:
    """The project's mkdocs.yml asking the plugin for these editions."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      templates_dir: templates\n" in text
    config.write_text(
        text.replace(
            "      templates_dir: templates\n", f"      templates_dir: templates\n      languages: {languages}\n", 1
        ),
        encoding="utf-8",
    )
    return project


def bilingual_project(tmp_path: Path) -> Path:
    project = with_languages(make_project(tmp_path))
    (project / "content" / "pages" / "names.fr.md").write_text(FRENCH_NAMES, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = bilingual_project(tmp_path_factory.mktemp("editions"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


def pages_of(root: Path, *, skip_editions: bool = True) -> set[str]:
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*.html")
        if not (skip_editions and path.relative_to(root).parts[0] == "fr")
    }


def sitemap_alternates(path: Path) -> dict[str, dict[str, str]]:
    """Each <loc> of a sitemap with its hreflang alternates."""
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    return {
        url.findtext("s:loc", namespaces=names) or "": {
            link.attrib["hreflang"]: link.attrib["href"] for link in url.findall("x:link", names)
        }
        for url in ElementTree.parse(path).getroot().findall("s:url", names)
    }


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# -- the pieces -------------------------------------------------------------------------------------


def test_translation_names() -> None:
    assert translation_of("background.fr.md", ["en", "fr"]) == ("background.md", "fr")
    assert translation_of("about/names.fr.md", ["en", "fr"]) == ("about/names.md", "fr")
    assert translation_of("background.md", ["en", "fr"]) is None
    assert translation_of("background.de.md", ["en", "fr"]) is None  # not an edition: an ordinary page
    assert translation_of("assets/x.fr.css", ["en", "fr"]) is None


def test_languages_from_report_or_option() -> None:
    assert report_languages(SimpleNamespace(info=SimpleNamespace())) == ["en"]
    assert report_languages(SimpleNamespace(info=SimpleNamespace(languages=["fr", "en"]))) == ["fr", "en"]
    assert report_languages(SimpleNamespace(info=SimpleNamespace(languages=["en", "fr"])), ["en"]) == ["en"]


def test_switcher_links_lead_to_the_same_page() -> None:
    english = page_editions("timeline/", "en", ["en", "fr"], "https://x.org/r/")
    assert [(e.language, e.href, e.url, e.current) for e in english] == [
        ("en", "../timeline/", "https://x.org/r/timeline/", True),
        ("fr", "../fr/timeline/", "https://x.org/r/fr/timeline/", False),
    ]
    french_home = page_editions("", "fr", ["en", "fr"], None)
    assert [(e.href, e.url) for e in french_home] == [("../", "../"), ("../fr/", "../fr/")]
    assert page_editions("", "en", ["en", "fr"], None)[0].href == "./"


def test_nav_titles_translated_and_untranslated_kept() -> None:
    nav = [{"Home": "index.md"}, {"About": [{"Data": "data/index.md"}, {"Odd": "odd.md"}]}, "plain.md"]
    assert translated_nav(nav, {"Home": "Accueil", "About": "À propos", "Data": "Données"}) == [
        {"Accueil": "index.md"},
        {"À propos": [{"Données": "data/index.md"}, {"Odd": "odd.md"}]},
        "plain.md",
    ]


# -- the built site ---------------------------------------------------------------------------------


def test_both_editions_built_and_every_page_has_its_twin(site: Path) -> None:
    english, french = pages_of(site), pages_of(site / "fr")
    assert "index.html" in english and "timeline/index.html" in english
    assert english == french


def test_no_translation_is_a_page_of_its_own(site: Path) -> None:
    assert not any(".fr" in page for page in pages_of(site, skip_editions=False))
    assert not (site / "names.fr").exists() and not (site / "fr" / "names.fr").exists()


def test_html_lang_and_hreflang_alternates(site: Path) -> None:
    base = "https://crisis-reports.github.io/kazakhstan-2022/"
    for prefix, language in (("", "en"), ("fr/", "fr")):
        for page in ("index.html", "timeline/index.html", "background/index.html"):
            html = soup(site / prefix / page)
            assert html.html["lang"] == language
            # No page-level alternates: Material's script would fetch a sitemap.xml next to each one.
            assert not html.find_all("link", rel="alternate", hreflang=True)
        entries = sitemap_alternates(site / prefix / "sitemap.xml")
        assert len(entries) == len(pages_of(site / prefix)) - 1  # every page but 404.html
        for path in ("", "timeline/", "background/"):
            assert entries[base + prefix + path] == {
                "en": base + path,
                "fr": base + "fr/" + path,
                "x-default": base + path,
            }


def test_switcher_on_every_page_resolves_to_the_twin(site: Path) -> None:
    for page in sorted(pages_of(site, skip_editions=False)):
        if page.endswith("404.html"):
            continue
        links = soup(site / page).select("a.md-select__link[hreflang]")
        assert {link["hreflang"] for link in links} == {"en", "fr"}, page
        twin_path = page.removeprefix("fr/")
        for link in links:
            target = (site / page).parent / link["href"]
            target = target / "index.html" if link["href"].endswith("/") else target
            assert target.resolve().is_file(), (page, link["href"])
            expected = site / ("fr/" if link["hreflang"] == "fr" else "") / twin_path
            assert target.resolve() == expected.resolve(), (page, link["href"])


def test_translated_page_replaces_the_original_in_its_edition_only(site: Path) -> None:
    french = soup(site / "fr" / "names" / "index.html")
    assert "en français" in french.get_text()
    assert not french.select(".edition-untranslated")
    english = soup(site / "names" / "index.html")
    assert "en français" not in english.get_text()


def test_untranslated_page_is_the_english_one_marked_with_its_language(site: Path) -> None:
    page = soup(site / "fr" / "background" / "index.html")
    wrapper = page.select_one(".edition-untranslated")
    assert wrapper is not None and wrapper["lang"] == "en"
    assert "A hand-written page of the test site" in wrapper.get_text()
    note = page.select_one(".edition-untranslated-note")
    assert note is not None and "pas encore traduite" in note.get_text()
    # Generated chapters are always in the edition's language (their text comes through the catalogues).
    assert not soup(site / "fr" / "timeline" / "index.html").select(".edition-untranslated")
    assert not soup(site / "background" / "index.html").select(".edition-untranslated")


def test_nav_titles_per_edition(site: Path) -> None:
    def nav_titles(path: Path) -> set[str]:
        return {" ".join(link.get_text().split()) for link in soup(path).select("nav.md-nav--primary .md-nav__link")}

    assert {"Accueil", "Chronologie", "À propos", "Données"} <= nav_titles(site / "fr" / "index.html")
    assert {"Home", "Timeline", "About", "Data"} <= nav_titles(site / "index.html")
    assert "Accueil" not in nav_titles(site / "index.html")


def test_search_and_sitemap_per_edition(site: Path) -> None:
    for prefix, language in (("", "en"), ("fr/", "fr")):
        index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [language]
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert "timeline/" in locations
        sitemap = (site / prefix / "sitemap.xml").read_text(encoding="utf-8")
        urls = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        base = "https://crisis-reports.github.io/kazakhstan-2022/"
        assert urls and all(url.startswith(base + prefix) for url in urls)
        if not prefix:
            assert not any(url.startswith(base + "fr/") for url in urls)
    assert (site / "fr" / "assets" / "javascripts" / "lunr" / "min" / "lunr.fr.min.js").is_file()


def test_every_page_of_both_editions_has_its_policy(site: Path) -> None:
    for page in pages_of(site, skip_editions=False):
        html = soup(site / page)
        meta = html.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, page
        assert "'self'" not in meta["content"].split("script-src")[1].split(";")[0], page
        for script in html.find_all("script", src=True):
            if "assets/javascripts/" in script["src"]:
                assert script.get("integrity"), (page, script["src"])


def test_two_builds_are_byte_identical(tmp_path: Path, site: Path) -> None:
    project = bilingual_project(tmp_path)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(site, project / "site")
    differing: list[str] = []

    def walk(node: filecmp.dircmp[str], prefix: str) -> None:
        differing.extend(prefix + name for name in node.left_only + node.right_only)
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        differing.extend(prefix + name for name in mismatch + errors)
        for name, sub in node.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison, "")
    assert differing == []


def test_a_failing_edition_keeps_the_published_site(tmp_path: Path) -> None:
    project = bilingual_project(tmp_path)
    assert mkdocs_build(project).returncode == 0
    before = sorted(p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("*"))
    marker = (project / "site" / "fr" / "names" / "index.html").read_text(encoding="utf-8")
    # A broken link in the French page only: the French edition's strict build fails.
    (project / "content" / "pages" / "names.fr.md").write_text(
        FRENCH_NAMES + "\n[lien](nowhere.md)\n", encoding="utf-8"
    )
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "nowhere.md" in result.stderr
    assert sorted(p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("*")) == before
    assert (project / "site" / "fr" / "names" / "index.html").read_text(encoding="utf-8") == marker
    assert not list(project.glob("site.partial.*"))


def test_only_the_listed_editions_are_built(tmp_path: Path) -> None:
    project = with_languages(make_project(tmp_path), "[en]")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "fr").exists()
    html = soup(project / "site" / "index.html")
    assert not html.select("a.md-select__link")
    assert not html.find_all("link", rel="alternate", hreflang=True)


def test_a_page_in_an_editions_folder_is_refused(tmp_path: Path) -> None:
    project = bilingual_project(tmp_path)
    (project / "content" / "pages" / "fr").mkdir()
    (project / "content" / "pages" / "fr" / "oops.md").write_text("# Oops\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "fr/oops.md: would be written into fr/, the folder of a language edition" in result.stderr
    assert not (project / "site").exists()
