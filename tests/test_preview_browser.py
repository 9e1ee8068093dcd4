"""The preview in Chromium: the page reloads after a save, an invalid edit shows the validator's message."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.preview.builder import PreviewBuilder
from generator.preview.server import PreviewServer

from .conftest import make_project

pytestmark = pytest.mark.browser


@pytest.fixture()
def preview(tmp_path: Path) -> Iterator[tuple[Path, PreviewBuilder, PreviewServer]]:
    project = make_project(tmp_path)
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    assert builder.full_build().error is None
    server = PreviewServer(builder, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield project, builder, server
    server.shutdown()
    server.server_close()


def test_the_page_follows_saves_and_shows_errors(
    browser: object, preview: tuple[Path, PreviewBuilder, PreviewServer]
) -> None:
    project, builder, server = preview
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(server.url + "places/otherton/", wait_until="load")  # the reload script keeps a request open
    assert "Otherton" in page.inner_text("article")
    place = project / "content" / "places" / "otherton.yml"
    good = place.read_text(encoding="utf-8")
    place.write_text(good + "name: duplicate\n", encoding="utf-8")
    builder.rebuild([place])
    server.announce()
    overlay = page.wait_for_selector("#preview-error", timeout=15000)
    assert (
        overlay is not None
        and "otherton.yml" in overlay.inner_text()
        and "duplicate key 'name'" in overlay.inner_text()
    )
    assert "Otherton" in page.inner_text("article"), "the last good page stays under the message"
    place.write_text(good.replace("name: Otherton", "name: Otherton Again"), encoding="utf-8")
    builder.rebuild([place])
    server.announce()
    deadline = time.monotonic() + 15
    while "Otherton Again" not in _article_text(page):  # the page's policy forbids eval-based waits
        assert time.monotonic() < deadline, "the page did not reload after the save"
        page.wait_for_timeout(100)
    assert page.query_selector("#preview-error") is None
    assert errors == [], "no console error (the reload script is allowed by the page's policy)"
    context.close()


def _article_text(page: object) -> str:
    """The article's text, or nothing while the page is being reloaded."""
    from playwright.sync_api import Error

    try:
        return str(page.inner_text("article", timeout=1000))  # type: ignore[attr-defined]
    except Error:
        return ""
