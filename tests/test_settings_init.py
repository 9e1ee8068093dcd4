"""`python -m generator init DIR` makes a report that builds strictly at once, and a report on another
(fictional) crisis builds end to end from content alone, with no Python edit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import mkdocs_build

ROOT = Path(__file__).resolve().parent.parent
VARDA = ROOT / "tests" / "fixtures" / "varda"


def generator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def chart_alt(soup: BeautifulSoup, name: str) -> str:
    image = soup.find("img", src=lambda src: bool(src) and f"{name}.light.svg" in src)
    assert image is not None, f"no {name} chart on the page"
    return str(image["alt"])


def test_init_makes_a_report_that_builds_strictly_at_once(tmp_path: Path) -> None:
    target = tmp_path / "new-report"
    created = generator("init", str(target))
    assert created.returncode == 0, created.stderr
    for part in (
        "mkdocs.yml",
        "content/report.yml",
        "content/vocabularies.yml",
        "content/geo/README.md",
        "content/pages/background.md",
        "content/fragments/home.md",
        "content/schema/event.schema.json",
        "templates/home.md.j2",
    ):
        assert (target / part).is_file(), part
    for folder in ("sources", "actors", "places", "events", "reactions", "figures", "measures"):
        assert len(list((target / "content" / folder).glob("*.yml"))) == 1, folder
    checked = generator("check", "content", cwd=target)
    assert checked.returncode == 0 and checked.stdout.startswith(
        "ok: 1 events, 1 reactions, 1 figures, 1 measures, 1 actors, 1 places, 1 sources"
    ), checked.stdout + checked.stderr
    assert generator("schema", "--check", "content", cwd=target).returncode == 0
    built = mkdocs_build(target)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    home = page(target / "site", "index.html")
    assert home.find("h1").get_text(strip=True).startswith("New crisis report")
    data = page(target / "site", "data/index.html").get_text()
    assert "Home country" in data and "Supports the government" in data


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    refused = generator("init", str(tmp_path))
    assert refused.returncode == 1 and "not an empty folder" in refused.stderr and "Traceback" not in refused.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_fictional_crisis_builds_end_to_end_with_no_python_edit(tmp_path: Path) -> None:
    """The 2031 Lake Varda water riots (invented): its own vocabularies, map frame and region names."""
    target = tmp_path / "varda"
    assert generator("init", str(target)).returncode == 0
    content = target / "content"
    for item in content.iterdir():
        if item.name not in ("pages", "schema", "geo"):
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    shutil.copytree(VARDA, content, dirs_exist_ok=True)
    schema = generator("schema", "content", cwd=target)
    assert schema.returncode == 0, schema.stderr
    built = mkdocs_build(target)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    site = target / "site"

    assert "Lake Varda water riots" in page(site, "index.html").find("h1").get_text()
    data = page(site, "data/index.html").get_text()
    assert "Water riot" in data and "Backs the rationing" in data and "Varda basin" in data
    assert "Protest" not in data and "Supports the government" not in data
    riots = page(site, "timeline/riots/index.html").get_text()
    assert "Crowds storm the North Pumps" in riots and "Water riot" in riots and "Police action" in riots
    timeline = page(site, "timeline/index.html")
    assert "Outside the Varda basin 1" in chart_alt(timeline, "events-by-region")
    assert "Lower Shore 2" in chart_alt(timeline, "events-by-region")
    places = page(site, "places/index.html")
    assert chart_alt(places, "map").startswith("Map of the Varda basin marking")
    # The map's own frame: the island town far to the east lies outside it.
    assert "Not on the map: Port Ostrel (1)." in chart_alt(places, "map")
    figures = page(site, "figures/index.html")
    assert "Arrests" in figures.get_text() and "Pumps wrecked" in figures.get_text()
    assert chart_alt(figures, "figures-arrests")
    reactions = page(site, "reactions/index.html")
    assert "urges calm 1" in chart_alt(reactions, "reactions-by-stance")
    measures = page(site, "measures/index.html")
    assert "water quota 1" in chart_alt(measures, "measures")
