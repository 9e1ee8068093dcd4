"""Bad paths end every command with a one-line error and a non-zero exit, never a traceback (issue 12)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize(
    "args",
    [
        ("check", "nope"),
        ("schema", "nope"),
        ("schema", "--check", "nope"),
        ("fmt", "nope"),
        ("fmt", "--check", "nope"),
        ("new", "event", "2022-01-02-x", "--content", "nope"),
    ],
)
def test_a_missing_content_folder(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run(tmp_path, *args)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: content folder not found: nope"
    assert not (tmp_path / "nope").exists()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("x: [\n", "MkDocs encountered an error parsing the configuration file"),
        ("- a list\n", "not a mapping of settings"),
        ("site_name: x\n", "content folder not found"),
    ],
)
def test_export_with_a_bad_configuration(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(config)
    result = run(tmp_path, "export", "out")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_link_named_like_a_record(tmp_path: Path) -> None:
    import shutil

    from .conftest import MINI

    shutil.copytree(MINI, tmp_path / "content")
    (tmp_path / "content" / "events" / "2022-01-20-gone.yml").symlink_to(tmp_path / "missing.yml")
    result = run(tmp_path, "check", "content")
    assert result.returncode == 1
    assert "content/events/2022-01-20-gone.yml:1:1: not read: not a regular file (a broken link?)" in result.stdout


@pytest.mark.parametrize(
    ("blocker", "args"),
    [
        ("schema", ("schema", "content")),
        ("events", ("new", "event", "2022-01-02-x", "--content", "content")),
    ],
)
def test_a_file_where_a_folder_should_be(tmp_path: Path, blocker: str, args: tuple[str, ...]) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / blocker).write_text("not a folder")
    result = run(tmp_path, *args)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
