"""The preview serves a save's pages first and updates the search index right after."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.preview.builder import PreviewBuilder

from .conftest import make_project
from .test_preview import _changed, _snapshot
from .test_reuse import _replace


def test_pages_are_served_before_the_search_index_follows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path)
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    assert builder.full_build().error is None
    index = builder.site_dir / "search" / "search_index.json"
    page = builder.site_dir / "timeline" / "first" / "index.html"
    seen_at_publication: list[tuple[bool, bool]] = []
    publish = builder._succeeded

    def observed(prefixes: list[str] | None = None) -> None:
        seen_at_publication.append(
            ("Rally renamed" in page.read_text(encoding="utf-8"), "Rally renamed" in index.read_text(encoding="utf-8"))
        )
        publish(prefixes)

    monkeypatch.setattr(builder, "_succeeded", observed)
    before = _snapshot(project)
    _replace("content/events/2022-01-02-first-rally.yml", "title: First rally in Testville", "title: Rally renamed")(
        project
    )
    outcome = builder.rebuild(_changed(project, before))
    assert outcome.error is None
    assert outcome.served_after is not None and outcome.served_after <= outcome.seconds
    assert seen_at_publication == [(True, False)], "the page is served with the old index, then the index follows"
    assert "Rally renamed" in index.read_text(encoding="utf-8")
