"""`python -m generator serve` end to end: the watcher in its own thread, saves in quick succession
folded, every page of both editions equal to a fresh build once the saves stop, and a clean stop (told
to, interrupted or terminated)."""

from __future__ import annotations

import multiprocessing
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from generator.preview import serve

from .conftest import _env, make_project, mkdocs_build
from .test_chart_workers import alive, children
from .test_editions import bilingual_project
from .test_preview import _tree
from .test_reuse import _replace
from .test_serve import _fetch

EVENT = "content/events/2022-01-02-first-rally.yml"


def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_saves_in_quick_succession_end_in_the_site_a_full_build_makes(tmp_path: Path) -> None:
    project = bilingual_project(tmp_path)
    children_before = {child.pid for child in multiprocessing.active_children()}  # other tests' builders'
    said: list[str] = []
    stop = threading.Event()
    server = threading.Thread(
        target=serve, args=(project / "mkdocs.yml", "127.0.0.1", 0, False, said.append, stop), daemon=True
    )
    server.start()
    try:
        assert _wait_for(lambda: any(line.startswith("serving on ") for line in said), 120), said
        url = next(line.split()[2] for line in said if line.startswith("serving on "))
        page = url + "timeline/first/"
        assert "First rally in Testville" in _fetch(page)

        # Three saves, each before the previous one's rebuild can have finished.
        for old, new in [
            ("First rally in Testville", "Rally one"),
            ("Rally one", "Rally two"),
            ("Rally two", "Rally three"),
        ]:
            _replace(EVENT, f"title: {old}", f"title: {new}")(project)
            time.sleep(0.05)
        assert _wait_for(lambda: "Rally three" in _fetch(page), 60), said
        # Once the saves stop, the other edition and the search entries follow.
        assert _wait_for(lambda: "Rally three" in _fetch(url + "search/search_index.json"), 60), said
        assert _wait_for(lambda: "Rally three" in _fetch(url + "fr/search/search_index.json"), 60), said
        time.sleep(1)  # the last rebuild's report
        assert not any(line.startswith("not published") for line in said), said
    finally:
        stop.set()
        server.join(30)
    assert not server.is_alive(), "serve() returns once it is told to stop"
    started = {child.pid for child in multiprocessing.active_children()} - children_before
    assert started == set(), "the search worker stops with serve()"

    site = next(iter(sorted((project / ".cache" / "crisis-report" / "preview").glob("site-*"))), None)
    assert site is not None
    fresh = tmp_path / "fresh"
    result = mkdocs_build(project, site=str(fresh))
    assert result.returncode == 0, result.stderr
    preview, full = _tree(site), _tree(fresh)
    assert preview.keys() == full.keys()
    assert [path for path in full if preview[path] != full[path]] == []
    assert re.search(r"rebuilt .* in [0-9.]+ s", "\n".join(said)), said


def test_a_terminated_preview_stops_its_workers_as_ctrl_c_does(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:
        preview = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", "0"],
            cwd=project,
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        try:
            assert preview.stdout is not None
            for line in preview.stdout:
                if line.startswith("serving on "):
                    break
            assert _wait_for(lambda: children(preview.pid), 60), "the chart worker starts with the preview"
            workers = children(preview.pid)
            preview.send_signal(signal.SIGTERM)
            preview.communicate(timeout=60)
        finally:
            preview.kill()
    assert preview.returncode == 0, errors.read_text()
    assert _wait_for(lambda: not any(alive(worker) for worker in workers), 10), "no worker is left behind"
    assert "leaked" not in errors.read_text(), errors.read_text()
