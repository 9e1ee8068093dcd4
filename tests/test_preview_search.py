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


def test_the_table_of_contents_lookup_answers_as_materials_own() -> None:
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.structure.toc import get_toc

    from generator.preview.search import _TocLookup

    def heading(id: str, level: int, children: list[dict[str, object]]) -> dict[str, object]:
        return {"id": id, "name": id, "level": level, "html": id, "data-toc-label": None, "children": children}

    # Nested headings, one id repeated in another branch: the first one in document order wins.
    toc = get_toc(
        [
            heading("a", 1, [heading("b", 2, [heading("c", 3, [])]), heading("d", 2, [])]),
            heading("e", 1, [heading("c", 2, []), heading("f", 2, [])]),
        ]
    )
    materials = SearchIndex()._find_toc_by_id
    lookup = _TocLookup()
    for id in ["a", "b", "c", "d", "e", "f", "missing", None]:
        assert lookup(toc, id) is materials(toc, id), id
    assert lookup(toc, "c").url == "#c" and lookup(toc, "c").level == 3
    other = get_toc([heading("c", 1, [])])
    assert lookup(other, "c") is materials(other, "c"), "a new table of contents is looked up afresh"
