"""The processes that draw charts die with the build that started them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import _env, make_project


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found.update(int(child) for child in text.split())
    return found


def alive(pid: int) -> bool:
    """Running and not a zombie (a reaped or zombie process no longer holds memory)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


def start_drawing(project: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """A build of a project with no chart cache, stopped once its chart workers exist."""
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert build.stderr is not None
    for line in build.stderr:
        if "drawing" in line:
            break
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        workers = children(build.pid)
        if len(workers) >= 1:
            return build, workers
        time.sleep(0.02)
    build.kill()
    raise AssertionError("the build started no chart workers")


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGTERM])
def test_chart_workers_die_with_a_killed_build(tmp_path: Path, signal_number: int) -> None:
    assert os.cpu_count() and os.cpu_count() >= 2, "drawing in parallel needs two cores"  # type: ignore[operator]
    project = make_project(tmp_path)
    build, workers = start_drawing(project)
    os.kill(build.pid, signal_number)
    build.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "chart workers outlived the build"
