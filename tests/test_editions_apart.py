"""Each language edition is built by plugin instances of its own, so one edition's build never
changes the state of the build that started it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.integration.editions import load_config_apart

from .conftest import make_project, mkdocs_build
from .test_editions import bilingual_project, with_languages


def test_every_edition_of_three_is_published(tmp_path: Path) -> None:
    project = with_languages(make_project(tmp_path), "[en, fr, de]")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    for prefix in ("", "fr/", "de/"):
        assert (project / "site" / prefix / "index.html").is_file(), prefix
    assert not list(project.glob("site.partial*"))


def test_after_a_build_the_default_editions_plugins_keep_its_state(tmp_path: Path) -> None:
    project = bilingual_project(tmp_path)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = load_config_apart(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    plugin = config.plugins["crisis-report"]
    assert plugin.language == "en"
    search = config.plugins["material/search"]
    assert search.config.lang == ["en"]
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en"]


def test_configurations_loaded_apart_share_no_plugin() -> None:
    root = Path(__file__).resolve().parent.parent / "mkdocs.yml"
    shared = load_config(str(root))
    apart = load_config_apart(str(root))
    assert shared.plugins["crisis-report"] is not apart.plugins["crisis-report"]
    assert load_config(str(root)).plugins["crisis-report"] is shared.plugins["crisis-report"]
