"""The preview of a report with two language editions: after each kind of edit every page of both
editions equals a fresh full build's."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.preview.builder import PreviewBuilder
from generator.preview.server import PreviewServer

from .test_editions import FRENCH_NAMES, bilingual_project
from .test_preview import _changed, _get, _snapshot, assert_same_as_fresh_build
from .test_reuse import _replace

EVENT = "content/events/2022-01-02-first-rally.yml"


def _translate_event(project: Path) -> None:
    with (project / EVENT).open("a", encoding="utf-8") as out:
        out.write("translations:\n  fr:\n    title: Premier rassemblement à Testville\n")


EDITS: dict[str, Callable[[Path], None]] = {
    "English title edited": _replace(EVENT, "title: First rally in Testville", "title: First rally, Testville"),
    "French translation added": _translate_event,
    "French translation edited": _replace(EVENT, "title: Premier rassemblement", "title: Le premier rassemblement"),
    "hand-written French page edited": _replace("content/pages/names.fr.md", "en français", "en français, revue"),
    "hand-written English page edited": _replace("content/pages/names.md", "\n", "\nAn added sentence.\n"),
}


def test_after_each_kind_of_edit_both_editions_equal_a_fresh_build(tmp_path: Path) -> None:
    project = bilingual_project(tmp_path)
    assert "en français" in FRENCH_NAMES
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    assert builder.full_build().error is None
    assert (builder.site_dir / "fr" / "index.html").is_file()
    for number, (name, edit) in enumerate(EDITS.items()):
        before = _snapshot(project)
        edit(project)
        outcome = builder.rebuild(_changed(project, before))
        assert outcome.error is None, f"{name}: {outcome.error}"
        assert not outcome.full, f"{name}: the whole site was built again"
        assert_same_as_fresh_build(builder, project, tmp_path / f"fresh-{number}", name)


@contextmanager
def _served_bilingual(tmp_path: Path) -> Iterator[tuple[Path, PreviewBuilder, PreviewServer]]:
    """A bilingual project built whole by the preview, served on a free port."""
    project = bilingual_project(tmp_path)
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    assert builder.full_build().error is None
    server = PreviewServer(builder, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield project, builder, server
    finally:
        server.shutdown()
        server.server_close()


def test_the_edition_being_read_is_rebuilt_and_announced_first(tmp_path: Path) -> None:
    with _served_bilingual(tmp_path) as (project, builder, server):
        status, page = _get(server.url + "fr/places/testville/")
        assert status == 200 and 'data-edition="fr/"' in page
        before = _snapshot(project)
        _replace(EVENT, "title: First rally in Testville", "title: First rally, Testville")(project)
        outcome = builder.rebuild(_changed(project, before))
        assert outcome.error is None and outcome.pages
        assert outcome.pages[0].startswith("fr/") and not outcome.pages[-1].startswith("fr/")
        french = json.loads(_get(server.url + "__preview__/state?edition=fr/")[1])["version"]
        english = json.loads(_get(server.url + "__preview__/state?edition=")[1])["version"]
        assert french < english, "the French pages were announced before the English ones"
        assert json.loads(_get(server.url + f"__preview__/state?edition=fr/&since={french - 1}")[1]) == {
            "version": french,
            "error": None,
        }


def test_a_page_waiting_for_its_next_version_is_the_page_being_read(tmp_path: Path) -> None:
    with _served_bilingual(tmp_path) as (project, builder, server):
        _get(server.url + "index.html")
        version = builder.version_of("fr/", "fr/places/testville/")
        answers: list[dict[str, object]] = []
        query = f"__preview__/state?edition=fr/&since={version}&page=%2Ffr%2Fplaces%2Ftestville%2F"
        poll = threading.Thread(target=lambda: answers.append(json.loads(_get(server.url + query)[1])))
        poll.start()
        deadline = time.monotonic() + 10
        while not builder.reading and time.monotonic() < deadline:
            time.sleep(0.01)
        assert builder.viewed_pages() == {"fr/places/testville/"}, "the page waited on, not the one served last"

        before = _snapshot(project)
        _replace(EVENT, "title: First rally in Testville", "title: First rally, Testville")(project)
        outcome = builder.rebuild(_changed(project, before))
        assert outcome.error is None and outcome.pages[0] == "fr/places/testville.md"
        poll.join(10)
        assert answers and answers[0]["version"] != version, "the waiting page learns of its new version"
        assert not builder.reading, "a page no longer waiting is not being read"
