from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.factbase import vocab
from generator.factbase.loader import read_vocabularies

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
MINI_PAGES = ROOT / "tests" / "fixtures" / "mini-pages"
# Records the tests build directly are validated against the real report's vocabularies.
vocab.activate(read_vocabularies(ROOT / "content"))


def make_project(tmp_path: Path, content: Path = MINI, pages: Path = MINI_PAGES) -> Path:
    """A buildable copy of the project: real mkdocs.yml and templates, the given facts and pages."""
    project = tmp_path / "project"
    shutil.copytree(content, project / "content", ignore=shutil.ignore_patterns("pages", "fragments", "geo"))
    shutil.copytree(pages, project / "content" / "pages")
    shutil.copytree(ROOT / "content" / "pages" / "assets", project / "content" / "pages" / "assets", dirs_exist_ok=True)
    for optional in ("fragments", "geo"):
        if (content / optional).is_dir():
            shutil.copytree(content / optional, project / "content" / optional)
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def mkdocs_build(project: Path, *extra: str, site: str = "site") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site, *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("mini"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real report, built strictly once per test session from a copy of the project."""
    project = tmp_path_factory.mktemp("real") / "project"
    for item in ("content", "templates"):
        shutil.copytree(ROOT / item, project / item)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


# The browser and the local server are shared by every browser test module: Playwright's sync API
# runs one instance per thread.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(real_site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(real_site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), "Debian's chromium is required: apt-get install chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(autouse=True)
def _preview_workers_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each preview builder's search and chart workers (processes of about 70 and 100 MB) stop with its test, not at the end
    of the session: the suite makes dozens of builders."""
    from generator.preview.builder import PreviewBuilder

    builders: list[PreviewBuilder] = []
    start = PreviewBuilder.__init__

    def recorded(builder: PreviewBuilder, *args: object, **kwargs: object) -> None:
        start(builder, *args, **kwargs)  # type: ignore[arg-type]
        builders.append(builder)

    monkeypatch.setattr(PreviewBuilder, "__init__", recorded)
    yield
    for builder in builders:
        builder.close()
