"""Citing and reusing the report: CITATION.cff, licence, edition, suggested citation, one archive
of all data files (byte-identical across builds), and the site search finding them."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from generator.site.datafiles import ARCHIVE

from .conftest import make_project, mkdocs_build

ROOT = Path(__file__).resolve().parents[1]


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_citation_cff_is_valid_and_agrees_with_report_yml() -> None:
    yaml = YAML(typ="safe", pure=True)
    cff = yaml.load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    report = yaml.load((ROOT / "content" / "report.yml").read_text(encoding="utf-8"))
    # The keys CFF 1.2.0 requires, with the types its schema gives them.
    assert cff["cff-version"] == "1.2.0"
    assert isinstance(cff["message"], str) and cff["message"]
    assert isinstance(cff["authors"], list) and all(
        isinstance(a, dict) and (a.get("name") or a.get("family-names")) for a in cff["authors"]
    )
    assert cff["type"] in ("software", "dataset")
    assert isinstance(cff["date-released"], date)
    assert cff["title"] == report["title"]
    assert str(cff["version"]) == str(report["version"])
    assert cff["date-released"] == report["updated"]
    assert cff["license"] == report["licence"] == "CC-BY-4.0"
    assert [a["name"] for a in cff["authors"]] == report["authors"]
    assert cff["url"] == report["url"]


def test_readme_states_both_licences() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "MIT" in readme


def test_home_and_data_show_edition_licence_and_suggested_citation(real_site: Path) -> None:
    info = YAML(typ="safe", pure=True).load((ROOT / "content" / "report.yml").read_text(encoding="utf-8"))
    for page in ("index.html", "data/index.html"):
        article = soup(real_site, page).select_one("article")
        text = article.get_text(" ", strip=True)
        assert f"Version {info['version']}, last updated {info['updated'].day} {info['updated']:%B %Y}" in text
        assert "CC BY 4.0" in text and "MIT" not in text  # the licence of the report, not of the tool
        assert article.find(id="cite") is not None
        bibtex = article.select_one("pre.citation-bibtex").get_text()
        assert bibtex.startswith("@misc{crisis-reports2026,")
        assert "title = {{Bloody January: the 2022 unrest in Kazakhstan and the world's reactions}}" in bibtex
        assert "version = {1.0}" in bibtex and bibtex.rstrip().endswith("}")
        assert "crisis-reports (2026). Bloody January" in text


def test_data_page_links_an_archive_of_every_data_file(real_site: Path) -> None:
    data = soup(real_site, "data/index.html")
    link = data.find("a", href=lambda h: bool(h) and h.endswith(".zip"))
    assert link is not None and link["href"] == Path(ARCHIVE).name
    with zipfile.ZipFile(real_site / ARCHIVE) as archive:
        names = {Path(n).relative_to("crisis-report-data").as_posix() for n in archive.namelist()}
        assert {
            "events.csv",
            "events.json",
            "sources.csv",
            "figures.json",
            "schema/event.schema.json",
            "LICENCE.txt",
        } <= names
        published = {
            p.relative_to(real_site / "data").as_posix()
            for p in (real_site / "data").rglob("*")
            if p.is_file() and p.suffix != ".zip"
        }
        published.discard("index.html")
        assert published <= names
        assert archive.read("crisis-report-data/events.csv") == (real_site / "data" / "events.csv").read_bytes()
        updated = YAML(typ="safe", pure=True).load((ROOT / "content" / "report.yml").read_text(encoding="utf-8"))[
            "updated"
        ]
        assert {info.date_time for info in archive.infolist()} == {(updated.year, updated.month, updated.day, 0, 0, 0)}
        assert "CC-BY-4.0" in archive.read("crisis-report-data/LICENCE.txt").decode()


def test_archive_is_byte_identical_across_builds(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    first = mkdocs_build(project, site="one")
    second = mkdocs_build(project, site="two")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    one, two = (project / "one" / ARCHIVE).read_bytes(), (project / "two" / ARCHIVE).read_bytes()
    assert one == two
    assert zipfile.ZipFile(io.BytesIO(one)).testzip() is None


def test_search_finds_cite_and_download(real_site: Path) -> None:
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {(doc["location"], doc["title"]) for doc in index["docs"]}
    assert ("#cite", "Cite this report") in titles
    assert ("data/#cite", "Cite this report") in titles
    assert ("data/#download", "Download all data") in titles
