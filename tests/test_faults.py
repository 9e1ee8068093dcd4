"""Fault injection: whatever interrupts or damages a build, the invariant holds.

- the published site is the old one or the new one, complete (same files and bytes as a reference
  build of the same content);
- no user file changes: a build writes only the site and `.cache/`;
- no litter (private build folders, temporary files) is left once a later build succeeded.

Kills are at seeded random moments of a build, with SIGKILL and SIGTERM; the mini fixture keeps
each build around a second.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import _env, make_project, mkdocs_build
from .test_publish import tree

SEED = 20220105
EVENT = Path("content") / "events" / "2022-01-02-first-rally.yml"
TITLES = ("First rally", "Edited rally")
CACHE = Path(".cache") / "crisis-report"


class Project:
    """A mini project whose content switches between two versions, with a reference site of each."""

    def __init__(self, template: Project | None, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.original = (root / EVENT).read_text().replace(TITLES[1], TITLES[0])
        if template is not None:
            self.references, self.inputs, self.duration = template.references, template.inputs, template.duration
            return
        self.references: dict[int, dict[str, str]] = {}
        self.inputs: dict[int, dict[str, str]] = {}
        self.duration = 0.0
        for version in (0, 1):
            self.set_content(version)
            start = time.monotonic()
            result = mkdocs_build(root, site=f"reference-{version}")
            self.duration = max(self.duration, time.monotonic() - start)
            assert result.returncode == 0, result.stderr
            self.references[version] = tree(root / f"reference-{version}")
            shutil.rmtree(root / f"reference-{version}")
            self.inputs[version] = self.user_files()

    def set_content(self, version: int) -> None:
        (self.root / EVENT).write_text(self.original.replace(TITLES[0], TITLES[version]))

    def user_files(self) -> dict[str, str]:
        """Everything but what a build is documented to write (the site, its private folders, `.cache/`)."""
        skip = [self.root / ".cache", self.site, *self.root.glob("site.partial.*")]
        return {
            p.relative_to(self.root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.root.rglob("*"))
            if p.is_file() and not any(p == s or s in p.parents for s in skip)
        }

    def published(self) -> int:
        """Which reference the published site is; fails if it is neither, or incomplete."""
        found = tree(self.site)
        matches = [version for version, reference in self.references.items() if found == reference]
        assert matches, f"the published site is neither complete version ({len(found)} files)"
        return matches[0]

    def litter(self) -> list[str]:
        folders = {self.root, self.site.resolve().parent}
        found = [
            p for folder in folders for p in folder.iterdir() if ".partial" in p.name or p.name.endswith(".previous")
        ]
        found += [p for p in (self.root / ".cache").rglob("*") if p.name.endswith(".tmp")]
        found += [p for p in self.site.rglob("*") if p.name.endswith(".publish-tmp")]
        return sorted(str(p) for p in found)


def start_build(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Reference sites of both versions, and a project whose caches are warm, to copy from."""
    root = make_project(tmp_path_factory.mktemp("faults"))
    return Project(None, root, root / "site")


def copy_project(template: Project, tmp_path: Path, version: int = 0) -> Project:
    root = tmp_path / "project"
    shutil.copytree(template.root, root, symlinks=True)
    project = Project(template, root, root / "site")
    project.set_content(version)
    return project


def kills(count: int, rng: random.Random, duration: float) -> Iterator[tuple[float, int]]:
    for index in range(count):
        yield rng.uniform(0.0, duration * 1.2), (signal.SIGKILL, signal.SIGTERM)[index % 2]


def interrupt(project: Project, rng: random.Random, count: int) -> None:
    """`count` builds of alternating content, each killed at a random moment; check after each."""
    assert mkdocs_build(project.root).returncode == 0
    shown = version = project.published()
    for delay, signal_number in kills(count, rng, project.duration):
        version = 1 - shown
        project.set_content(version)
        if rng.random() < 0.3:
            shutil.rmtree(project.root / ".cache", ignore_errors=True)  # a cold build draws charts
        build = start_build(project.root)
        time.sleep(delay)
        build.send_signal(signal_number)
        build.wait(timeout=60)
        now = project.published()
        assert now in (shown, version), "a build published the wrong content"
        assert project.user_files() == project.inputs[version], "a build changed a user file"
        shown = now
    result = mkdocs_build(project.root)
    assert result.returncode == 0, result.stderr
    assert project.published() == version
    assert project.litter() == []


def test_killed_builds_leave_the_old_or_the_new_site(template: Project, tmp_path: Path) -> None:
    interrupt(copy_project(template, tmp_path), random.Random(SEED), 6)


def test_killed_builds_into_a_symlinked_web_root(template: Project, tmp_path: Path) -> None:
    project = copy_project(template, tmp_path)
    webroot = tmp_path / "www" / "report"
    webroot.mkdir(parents=True)
    (project.root / "site").symlink_to(webroot)
    interrupt(project, random.Random(SEED + 1), 3)
    assert (project.root / "site").is_symlink() and (project.root / "site").resolve() == webroot


def test_two_builds_at_once_one_killed(template: Project, tmp_path: Path) -> None:
    project = copy_project(template, tmp_path)
    rng = random.Random(SEED + 2)
    for version in (1, 0):
        project.set_content(version)
        survivor, victim = start_build(project.root), start_build(project.root)
        time.sleep(rng.uniform(0.0, project.duration))
        victim.kill()
        victim.wait(timeout=60)
        assert survivor.wait(timeout=120) == 0
        assert project.published() == version
        assert project.user_files() == project.inputs[version]
    assert mkdocs_build(project.root).returncode == 0
    assert project.litter() == []


def damage(path: Path, rng: random.Random) -> None:
    data = path.read_bytes()
    kind = rng.choice(("flip", "truncate", "header", "empty", "garbage"))
    if kind == "flip" and data:
        flipped = bytearray(data)
        flipped[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(flipped))
    elif kind == "truncate":
        path.write_bytes(data[: rng.randrange(max(len(data), 1))])
    elif kind == "header":  # cut where a format keeps its magic number and checksum
        path.write_bytes(data[: rng.randrange(1, 64)])
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(os.urandom(rng.randrange(1, 200)))


@pytest.mark.parametrize("pattern", ["records.pickle", "jinja/*", "charts/*.svg"])
def test_damaged_cache_files_never_change_the_site(template: Project, tmp_path: Path, pattern: str) -> None:
    project = copy_project(template, tmp_path)
    assert mkdocs_build(project.root).returncode == 0
    rng = random.Random(f"{SEED}-{pattern}")
    for _ in range(2):
        files = sorted((project.root / CACHE).glob(pattern))
        assert files, pattern
        for path in rng.sample(files, min(len(files), 5)):
            damage(path, rng)
        result = mkdocs_build(project.root)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert project.published() == 0
        assert project.litter() == []


def test_cache_that_is_a_file_never_stops_a_build(template: Project, tmp_path: Path) -> None:
    project = copy_project(template, tmp_path)
    shutil.rmtree(project.root / ".cache")
    (project.root / ".cache").write_text("not a folder")
    result = mkdocs_build(project.root)
    assert result.returncode == 0, result.stderr
    assert project.published() == 0
    assert (project.root / ".cache").read_text() == "not a folder"
