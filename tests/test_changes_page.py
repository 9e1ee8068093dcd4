"""The "What changed" chapter, its Atom feed and changes.json, built from a project's git history."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import make_project, mkdocs_build
from .test_changes import _edit, _git

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_site_lists_revisions_with_a_feed_and_json(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Internal: first import", when="2026-01-01T10:00:00+00:00")
    _edit(project / "content" / "figures" / "deaths-2022-01-09-police.yml", "value: 12", "value: 15")
    _edit(project / "content" / "events" / "2022-01-12-second-event.yml", "summary: ", "summary: Revised. ")
    _git(project, "commit", "-qam", "Internal: revise", when="2026-02-03T10:00:00+00:00")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    page = BeautifulSoup((site / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = page.find("article").get_text(" ", strip=True)
    assert "3 February 2026" in text and "figure revised from 12 to 15" in text
    assert "1 January 2026" in text
    assert page.select_one("article li a[href*='figures/#figure-deaths-2022-01-09-police']") is not None, (
        "a revised record links to its entry"
    )
    assert "Internal:" not in text, "commit subjects speak of the editing, not of the facts"
    feed = ET.parse(site / "changes" / "changes.atom").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == ["2026-02-03T00:00:00Z", "2026-01-01T00:00:00Z"]
    assert "figure revised from 12 to 15" in (entries[0].findtext(f"{ATOM}content") or "")
    data = json.loads((site / "changes" / "changes.json").read_text(encoding="utf-8"))
    assert ["figure revised from 12 to 15"] in [change["what"] for change in data["revisions"][0]["changes"]]
    assert all("subject" not in revision for revision in data["revisions"])
    timeline = BeautifulSoup((site / "timeline" / "second" / "index.html").read_text(encoding="utf-8"), "html.parser")
    revised = timeline.find(id="event-2022-01-12-second-event")
    assert revised is not None and "last changed 3 Feb 2026" in revised.find_next("p").get_text()
    again = mkdocs_build(project, site="site-again")
    assert again.returncode == 0
    for name in ("changes/index.html", "changes/changes.atom", "changes/changes.json"):
        assert (site / name).read_bytes() == (project / "site-again" / name).read_bytes(), name


def test_outside_git_the_page_says_so(mini_site: Path) -> None:
    text = BeautifulSoup((mini_site / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser").get_text()
    assert "not in a git checkout" in text and "No changes recorded yet." in text


def test_a_tagged_release_gives_the_version_and_date_of_the_citation(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "First", when="2026-03-04T10:00:00+00:00")
    _git(project, "tag", "v2.1")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "data/index.html"):
        text = BeautifulSoup((project / "site" / page).read_text(encoding="utf-8"), "html.parser").get_text(" ")
        assert "Version 2.1, last updated 4 March 2026" in text, page
    _edit(project / "content" / "places" / "otherton.yml", "name: Otherton", "name: Otherton Again")
    _git(project, "commit", "-qam", "After the release", when="2026-03-05T10:00:00+00:00")
    assert mkdocs_build(project).returncode == 0
    text = (project / "site" / "data" / "index.html").read_text(encoding="utf-8")
    assert "Version 2.1" not in text, "an untagged commit is not the release"
