"""The exported tree builds with plain MkDocs and gives the same pages as the plugin build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import make_project, mkdocs_build


def _main_text(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    assert article is not None, page
    return " ".join(article.get_text(" ").split())


def test_exported_tree_builds_with_plain_mkdocs_and_matches(tmp_path: Path, mini_site: Path) -> None:
    project = make_project(tmp_path)
    out = tmp_path / "exported"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "export", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    config = (out / "mkdocs.yml").read_text()
    assert "- crisis-report" not in config and "crisis-report:" not in config
    build = mkdocs_build(out)
    assert build.returncode == 0, build.stderr
    exported_site = out / "site"
    plugin_pages = sorted(p.relative_to(mini_site) for p in mini_site.rglob("*.html"))
    exported_pages = sorted(p.relative_to(exported_site) for p in exported_site.rglob("*.html"))
    assert plugin_pages == exported_pages
    for page in plugin_pages:
        if page.name == "404.html":
            continue
        assert _main_text(mini_site / page) == _main_text(exported_site / page), page
    assert (exported_site / "data" / "events.csv").read_bytes() == (mini_site / "data" / "events.csv").read_bytes()
