"""Publishing `site/`: concurrent builds, a symlinked web root, a mount point."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import _env, make_project, mkdocs_build


def tree(root: Path) -> dict[str, str]:
    """Every file under `root` (links followed) with the SHA-256 of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def litter(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial" in p.name or p.name.endswith(".previous"))


def start_build(project: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_builds_at_once_each_publish_a_complete_site(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert mkdocs_build(project, site="reference").returncode == 0
    reference = tree(project / "reference")
    for _ in range(2):
        builds = [start_build(project), start_build(project)]
        for build in builds:
            _, err = build.communicate(timeout=120)
            assert build.returncode == 0, err
        assert tree(project / "site") == reference
        assert litter(project) == []


def test_symlinked_site_is_published_through_the_link(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert mkdocs_build(project, site="reference").returncode == 0
    webroot = tmp_path / "www" / "report"
    webroot.mkdir(parents=True)
    (project / "site").symlink_to(webroot)
    for _ in range(2):
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
        assert (project / "site").is_symlink() and (project / "site").resolve() == webroot
        assert tree(webroot) == tree(project / "reference")
    event = project / "content" / "events" / "2022-01-02-first-rally.yml"
    event.write_text(event.read_text().replace("First rally", "Edited rally"))
    assert mkdocs_build(project).returncode == 0
    assert "Edited rally" in (webroot / "timeline" / "index.html").read_text()
    assert litter(webroot.parent) == [] and litter(project) == []


def test_dangling_site_link_gets_its_target_created(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (tmp_path / "www").mkdir()
    (project / "site").symlink_to(tmp_path / "www" / "report")
    assert mkdocs_build(project).returncode == 0
    assert (tmp_path / "www" / "report" / "index.html").is_file()


def test_site_on_a_mount_point_is_synced_into_it(tmp_path: Path) -> None:
    """`site/` is a tmpfs mounted in a private mount namespace: it cannot be renamed (EBUSY)."""
    assert shutil.which("unshare"), "the test needs unshare (util-linux)"
    project = make_project(tmp_path)
    assert mkdocs_build(project, site="reference").returncode == 0
    (project / "site").mkdir()
    (project / "site" / "stale.html").write_text("from an older build")
    script = f"""
set -e
mount -t tmpfs none site
echo old > site/stale.html
{sys.executable} -m mkdocs build --strict -q
{sys.executable} -m mkdocs build --strict -q
mountpoint -q site
cd site && find . -type f | sort | xargs sha256sum
"""
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], cwd=project, env=_env(), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    published = {
        name.removeprefix("./"): digest for digest, name in (line.split() for line in result.stdout.splitlines())
    }
    assert published == tree(project / "reference")
    assert litter(project) == []


def test_read_only_project_publishes_into_a_mounted_site(tmp_path: Path) -> None:
    """No private folder can be made next to `site/`: the build is made in the temporary folder."""
    import tempfile

    project = make_project(tmp_path)
    assert mkdocs_build(project, site="reference").returncode == 0
    shutil.rmtree(project / ".cache")
    www = tmp_path / "www"
    www.mkdir()
    (project / "site").mkdir()
    before = set(Path(tempfile.gettempdir()).glob("site.partial.*"))
    script = f"""
set -e
mount --bind . . && mount -o remount,bind,ro .
cd {project}
mount --bind {www} site
{sys.executable} -m mkdocs build --strict
"""
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], cwd=project, env=_env(), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(www) == tree(project / "reference")
    assert set(Path(tempfile.gettempdir()).glob("site.partial.*")) == before


def test_without_rename_exchange_a_crash_between_renames_is_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback swap (two renames) can be cut between them; the next build restores the old site."""
    import errno
    import os

    from generator.integration import publish

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")

    def no_exchange(first: str, second: str) -> None:
        raise OSError(errno.ENOSYS, "no rename-exchange")

    monkeypatch.setattr(publish, "_rename_exchange", no_exchange)
    publication = publish.prepare(str(site))
    (Path(publication.partial) / "index.html").write_text("new")
    real_rename = os.rename

    def crash_on_second(source: str, destination: str) -> None:
        if destination == str(site):
            raise KeyboardInterrupt  # the process dies between the two renames
        real_rename(source, destination)

    monkeypatch.setattr(publish.os, "rename", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        publication.commit()
    monkeypatch.setattr(publish.os, "rename", real_rename)
    assert not site.exists()
    publication = publish.prepare(str(site))
    assert (site / "index.html").read_text() == "old"
    (Path(publication.partial) / "index.html").write_text("new")
    publication.commit()
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
