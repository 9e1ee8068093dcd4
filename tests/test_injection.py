"""Researcher-typed text renders literally and inertly in the built site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import make_project, mkdocs_build

PAYLOADS = {
    "script": "<script>alert('x')</script>",
    "title-breakout": "</title><script>alert(2)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "js-link": "[click](javascript:alert(1))",
    "attr-list": "Title {: onclick=alert(1) }",
    "md-in-html": '<div markdown="1">*bold*</div>',
    "line-start": "# not a heading",
    "table": "a | b\nc",
    "jinja": "{{ 7*7 }}",
    "snippet": '--8<-- "mkdocs.yml"',
    "emphasis": "*_\\ &amp; &lt;",
}
FIELDS = [
    ("events/2022-01-02-first-rally.yml", "title: First rally in Testville", "title"),
    ("events/2022-01-02-first-rally.yml", "summary: People gather in the main square.", "summary"),
    ("reactions/2022-01-06-far-union.yml", "speaker: A. Spokesperson, Far Union", "speaker"),
    ("reactions/2022-01-06-far-union.yml", "  text: Bitte bleiben Sie ruhig.", "  text"),
    ("sources/wire-one.yml", "title: First wire story", "title"),
    ("places/testville.yml", "name: Testville", "name"),
    ("actors/far-union.yml", "name: Far Union", "name"),
    ("measures/curfew-testville.yml", "title: Curfew in Testville", "title"),
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile"))
    text = " ".join(PAYLOADS.values())
    for file, line, key in FIELDS:
        path = project / "content" / file
        content = path.read_text(encoding="utf-8")
        assert line in content
        path.write_text(content.replace(line, f"{key}: {json.dumps(text)}"), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _pages(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    return [(p, BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")) for p in site.rglob("*.html")]


def test_no_injected_elements_or_handlers(hostile_site: Path) -> None:
    for path, soup in _pages(hostile_site):
        assert soup.find("img", src="x") is None, path
        for tag in soup.find_all(True):
            assert not any(attr.startswith("on") for attr in tag.attrs), (path, tag)
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text(), path
        for a in soup.find_all("a", href=True):
            assert not a["href"].strip().lower().startswith("javascript"), (path, a)
        assert soup.find("div", attrs={"markdown": True}) is None, path


def test_payloads_show_exactly_as_typed(hostile_site: Path) -> None:
    expected = " ".join(" ".join(PAYLOADS.values()).split())
    pages = {
        "timeline/first/index.html": 2,
        "reactions/index.html": 2,
        "sources/index.html": 1,
        "places/testville/index.html": 1,
        "measures/index.html": 1,
    }
    for page, minimum in pages.items():
        text = " ".join(
            BeautifulSoup((hostile_site / page).read_text(encoding="utf-8"), "html.parser").get_text(" ").split()
        )
        assert text.count(expected) >= minimum, page
        assert "49" not in text.replace(expected, ""), page


def test_snippet_does_not_publish_files(hostile_site: Path) -> None:
    for path, soup in _pages(hostile_site):
        assert "site_name:" not in soup.get_text(), path


def test_pages_carry_a_policy_that_allows_only_the_theme_scripts(hostile_site: Path) -> None:
    from generator.integration.csp import inline_script_hashes

    for path, soup in _pages(hostile_site):
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, path
        policy = meta["content"]
        assert "object-src 'none'" in policy and "default-src 'self'" in policy
        allowed = set(re.findall(r"'sha256-[^']+'", policy))
        html = path.read_text(encoding="utf-8")
        assert allowed >= {f"'{h}'" for h in inline_script_hashes(html)} and len(allowed) >= 2, path
        assert not {f"'{h}'" for h in inline_script_hashes("<script>alert(1)</script>")} & allowed
