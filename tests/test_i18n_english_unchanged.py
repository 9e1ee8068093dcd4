"""Threading the language through the site changed nothing in English: the export of the real report
with this code is byte for byte the export made with the code this branch started from (main's)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from .conftest import make_project

ROOT = Path(__file__).resolve().parents[1]
# What the i18n work adds to an export besides the pages: its stylesheet (listed in mkdocs.yml).
ADDED = {"docs/assets/i18n.css", "mkdocs.yml", ".crisis-report-export"}


def base_commit() -> str:
    """Where this branch left main (main itself once merged, and then the comparison holds trivially)."""
    result = subprocess.run(
        ["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"needs git and a main branch to compare with: {result.stderr}"
    return result.stdout.strip()


def export(project: Path, out: Path, code: Path | None = None) -> dict[str, bytes]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if code is not None:
        env["PYTHONPATH"] = str(code)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "export", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*") if path.is_file()}


@pytest.mark.slow
def test_english_export_is_byte_identical_to_mains(tmp_path: Path) -> None:
    archive = subprocess.run(
        ["git", "archive", base_commit(), "generator", "templates", "mkdocs.yml"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    base = tmp_path / "base"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(base, filter="data")
    now = make_project(tmp_path / "now", ROOT / "content", ROOT / "content" / "pages")
    before = make_project(tmp_path / "before", ROOT / "content", ROOT / "content" / "pages")
    for name in ("templates",):
        subprocess.run(["rm", "-rf", str(before / name)], check=True)
        (base / name).rename(before / name)
    (base / "mkdocs.yml").replace(before / "mkdocs.yml")
    current = export(now, tmp_path / "out-now")
    previous = export(before, tmp_path / "out-before", code=base)
    assert set(current) - ADDED == set(previous) - ADDED
    different = sorted(path for path in set(current) & set(previous) - ADDED if current[path] != previous[path])
    assert not different, different
    assert "docs/assets/i18n.css" in current
