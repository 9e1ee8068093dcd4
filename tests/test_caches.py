"""Caches are an optimisation: a damaged, unwritable or stale cache never changes or stops a build."""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.factbase.checked import load_checked
from generator.factbase.loader import LoadCache

from .conftest import ROOT, _env, make_project, mkdocs_build
from .test_publish import tree

CACHE = Path(".cache") / "crisis-report"


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    project = make_project(tmp_path_factory.mktemp("caches"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project, tree(project / "site")


@pytest.fixture
def built(built_once: tuple[Path, dict[str, str]], tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of a project built once (so its caches are full), and its published files."""
    project = tmp_path / "project"
    shutil.copytree(built_once[0], project)
    return project, built_once[1]


def assert_builds_the_same(project: Path, reference: dict[str, str]) -> None:
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "site") == reference


def records(content: Path, cache: LoadCache) -> list[tuple[str, dict[str, object]]]:
    loaded = load_checked(content, cache)
    return [(record.id, record.model_dump()) for kind in loaded.records.values() for record in kind]


def test_a_corrupted_byte_in_the_record_cache_is_a_miss(tmp_path: Path) -> None:
    from .conftest import MINI

    saved, damaged = tmp_path / "records.pickle", tmp_path / "damaged.pickle"
    cache = LoadCache()
    expected = records(MINI, cache)
    cache.save(saved)
    data = saved.read_bytes()
    rng = random.Random(7)
    for _ in range(300):
        flipped = bytearray(data)
        flipped[rng.randrange(len(data))] ^= 0xFF
        damaged.write_bytes(bytes(flipped))
        restored = LoadCache()
        restored.restore(damaged)
        assert records(MINI, restored) == expected


def test_altered_record_text_in_the_record_cache_is_not_published(built: tuple[Path, dict[str, str]]) -> None:
    project, reference = built
    pickle_file = project / CACHE / "records.pickle"
    data = pickle_file.read_bytes()
    assert b"First rally" in data
    pickle_file.write_bytes(data.replace(b"First rally", b"Forged text"))
    assert_builds_the_same(project, reference)


def test_truncated_template_bytecode_is_a_miss(built: tuple[Path, dict[str, str]]) -> None:
    project, reference = built
    compiled = [p for p in (project / CACHE / "jinja").iterdir() if p.is_file()]
    assert compiled
    for index, path in enumerate(compiled):
        path.write_bytes(path.read_bytes()[: 10 + index % 50])  # cut in the header (magic, checksum)
    assert_builds_the_same(project, reference)
    assert_builds_the_same(project, reference)


def test_truncated_chart_in_the_cache_is_redrawn(built: tuple[Path, dict[str, str]]) -> None:
    project, reference = built
    charts = sorted((project / CACHE / "charts").glob("*.svg"))
    assert charts
    for path in charts[:3]:
        path.write_bytes(path.read_bytes()[:-40])
    assert_builds_the_same(project, reference)


def run_in_private_mounts(project: Path, script: str) -> subprocess.CompletedProcess[str]:
    """`script` in a mount namespace of its own, where it may bind-mount folders read-only."""
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"set -e\n{script}"],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )


def test_read_only_cache_does_not_stop_the_build(built: tuple[Path, dict[str, str]]) -> None:
    project, reference = built
    result = run_in_private_mounts(
        project,
        f"""
rm -rf .cache/crisis-report/charts .cache/crisis-report/jinja .cache/crisis-report/records.pickle
mount --bind .cache .cache && mount -o remount,bind,ro .cache
{sys.executable} -m mkdocs build --strict
""",
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "site") == reference


def test_read_only_project_builds_to_a_site_elsewhere(built: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    project, reference = built
    outside = tmp_path / "elsewhere" / "site"
    outside.parent.mkdir()
    result = run_in_private_mounts(
        project,
        f"""
rm -rf .cache
mount --bind . . && mount -o remount,bind,ro .
cd {project}
{sys.executable} -m mkdocs build --strict --site-dir {outside}
""",
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(outside) == reference
    assert not (project / ".cache").exists()


def limited_file_size(limit: int) -> None:
    """In the child: writes past `limit` bytes fail with EFBIG, as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_full_disk_leaves_no_temporary_record_cache(tmp_path: Path) -> None:
    script = f"""
from pathlib import Path
from generator.factbase.checked import load_checked
from generator.factbase.loader import LoadCache
cache = LoadCache()
load_checked(Path({str(ROOT / "tests" / "fixtures" / "mini")!r}), cache)
cache.save(Path({str(tmp_path / "cache" / "records.pickle")!r}))
"""
    result = subprocess.run(
        [sys.executable, "-B", "-c", script],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: limited_file_size(1000),
    )
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "cache").iterdir()) == []


def test_full_disk_leaves_no_empty_record_from_new(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "events").mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "-B", "-m", "generator", "new", "event", "2022-01-05-x", "--content", str(content)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        preexec_fn=lambda: limited_file_size(100),
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "error:" in result.stderr
    assert list((content / "events").iterdir()) == []


def test_same_size_edit_within_the_timestamp_granularity_is_seen(tmp_path: Path) -> None:
    """On a filesystem with 1-second timestamps an edit in the same second keeps the mtime."""
    from .conftest import MINI

    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    event = content / "events" / "2022-01-02-first-rally.yml"
    second = int(time.time()) * 1_000_000_000
    os.utime(event, ns=(second, second))
    cache = LoadCache()
    load_checked(content, cache)
    event.write_text(event.read_text().replace("First rally", "Other rally"))
    os.utime(event, ns=(second, second))
    cache.save(tmp_path / "records.pickle")
    loaded = load_checked(content, cache)
    assert any(e.title.startswith("Other rally") for e in loaded.records["events"])
    restored = LoadCache()
    restored.restore(tmp_path / "records.pickle")
    loaded = load_checked(content, restored)
    assert any(e.title.startswith("Other rally") for e in loaded.records["events"])


def test_read_only_project_without_a_site_elsewhere_fails_cleanly(built: tuple[Path, dict[str, str]]) -> None:
    project, _ = built
    result = run_in_private_mounts(
        project,
        f"""
rm -rf site
mount --bind . . && mount -o remount,bind,ro .
cd {project}
{sys.executable} -m mkdocs build --strict
""",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{project}/site: cannot write in {project} (read-only or no permission)" in result.stderr
