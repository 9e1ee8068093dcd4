"""`mkdocs serve --livereload` shows an edited fact without a restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from ruamel.yaml import YAML

from .conftest import make_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_after_a_yaml_edit(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    try:
        base = urlsplit(YAML(typ="safe").load((project / "mkdocs.yml").read_text())["site_url"]).path
        page = f"http://127.0.0.1:{port}{base}timeline/first/"
        assert _wait_for(page, "First rally in Testville", 60), "serve did not come up"
        event = project / "content" / "events" / "2022-01-02-first-rally.yml"
        event.write_text(event.read_text().replace("First rally in Testville", "Edited rally title"))
        assert _wait_for(page, "Edited rally title", 60), "the edit was not served"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
