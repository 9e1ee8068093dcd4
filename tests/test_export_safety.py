"""`export` writes only into an empty folder or over its own previous export, and reads mkdocs.yml as MkDocs does (issue 12)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import make_project, mkdocs_build


def export(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "export", *args], cwd=project, capture_output=True, text=True, check=False
    )
    assert "Traceback" not in result.stderr + result.stdout
    return result


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_a_folder_holding_something_else_is_refused(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    (out / "docs").mkdir(parents=True)
    (out / "docs" / "keep.md").write_text("# mine\n")
    (out / "theme").mkdir()
    (out / "theme" / "main.html").write_text("mine")
    (out / "mkdocs.yml").write_text("site_name: mine\n")
    before = _snapshot(out)
    result = export(project, str(out))
    assert result.returncode == 1
    assert f"error: {out} is not empty and holds no previous export" in result.stderr
    assert _snapshot(out) == before


@pytest.mark.parametrize("target", [".", "templates", "content", "content/pages", "templates/theme/partials"])
def test_the_projects_own_folders_are_refused(project: Path, target: str) -> None:
    before = _snapshot(project)
    result = export(project, target)
    assert result.returncode == 1
    assert "error: " in result.stderr and "the project's own" in result.stderr
    assert _snapshot(project) == before


def test_an_existing_file_is_refused(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("mine")
    result = export(project, str(target))
    assert result.returncode != 0
    assert target.read_text() == "mine"


def test_a_previous_export_is_replaced_and_nothing_else_touched(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "exported"
    assert export(project, str(out)).returncode == 0
    assert (out / "docs" / "places" / "otherton.md").is_file()
    (out / "notes.txt").write_text("my notes")
    (project / "content" / "places" / "otherton.yml").unlink()
    event = project / "content" / "events" / "2022-01-12-second-event.yml"
    event.write_text(event.read_text().replace("places:\n  - otherton\n", ""))
    result = export(project, str(out))
    assert result.returncode == 0, result.stderr + result.stdout
    assert not (out / "docs" / "places" / "otherton.md").exists()
    assert (out / "notes.txt").read_text() == "my notes"


def test_a_file_the_export_would_overwrite_is_refused(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "exported"
    assert export(project, str(out)).returncode == 0
    (project / "content" / "pages" / "extra.md").write_text("# Extra\n")
    (out / "docs" / "extra.md").write_text("mine, not exported")
    result = export(project, str(out))
    assert result.returncode == 1
    assert "docs/extra.md" in result.stderr
    assert (out / "docs" / "extra.md").read_text() == "mine, not exported"


def test_mkdocs_yml_with_env_and_python_tags(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text()
        .replace("site_name:", "site_author: !ENV [EXPORT_TEST_AUTHOR, 'Nobody']\nsite_name:", 1)
        .replace(
            "markdown_extensions:\n",
            "markdown_extensions:\n  - pymdownx.emoji:\n"
            "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
            "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n",
            1,
        )
    )
    out = tmp_path / "exported"
    result = export(project, str(out))
    assert result.returncode == 0, result.stderr + result.stdout
    written = (out / "mkdocs.yml").read_text()
    assert "!ENV" in written and "EXPORT_TEST_AUTHOR" in written
    assert "!!python/name:material.extensions.emoji.twemoji" in written
    build = mkdocs_build(out)
    assert build.returncode == 0, build.stderr
