"""Record blocks converted on their own (generator/integration/block_html.py) give the very pages that
converting each page whole gives, and a rebuild converts only the blocks whose Markdown changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build

from generator.integration import block_html
from generator.integration.editions import load_config_apart
from generator.preview.builder import PreviewBuilder
from generator.site.blockmarks import BEGIN, END, marked, unmarked

from .conftest import make_project
from .test_editions import bilingual_project
from .test_preview import _changed, _snapshot, _tree
from .test_reuse import _replace


def _build(project: Path, site: Path, *, by_block: bool) -> int:
    """Builds the site; returns how many blocks the default edition converted on their own."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = load_config_apart(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    blocks = config.plugins["crisis-report"].block_html
    blocks.converts = by_block
    build(config)
    return int(blocks.converted)


def test_pages_equal_those_converted_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = bilingual_project(tmp_path)
    # The other edition's plugins are made during the build: convert by blocks there too.
    monkeypatch.setattr(block_html.BlockHtml, "converts", True)
    converted = _build(project, tmp_path / "by-block", by_block=True)
    monkeypatch.undo()
    assert converted > 0
    # Whole pages: the marks are dropped and Python-Markdown converts each page in one piece.
    assert _build(project, tmp_path / "whole", by_block=False) == 0
    by_block, whole = _tree(tmp_path / "by-block"), _tree(tmp_path / "whole")
    assert by_block.keys() == whole.keys()
    assert [path for path in whole if by_block[path] != whole[path]] == []
    timeline = by_block["timeline/first/index.html"].decode("utf-8")
    assert 'id="event-2022-01-02-first-rally"' in timeline
    assert 'href="#event-2022-01-02-first-rally"' in timeline.split('class="md-nav md-nav--secondary"')[1], (
        "an event's heading is in the page's table of contents"
    )
    assert "crisis-report:block" not in timeline


def test_a_rebuild_converts_only_the_changed_blocks(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    builder = PreviewBuilder(project / "mkdocs.yml", tmp_path / "preview")
    assert builder.full_build().error is None
    assert builder.state is not None
    blocks = builder.state.editions[0].config.plugins["crisis-report"].block_html
    before = _snapshot(project)
    # The date it was read is shown in the source's bibliography entry only.
    _replace("content/sources/wire-one.yml", "accessed: 2026-11-24", "accessed: 2026-11-25")(project)
    blocks.converted = blocks.reused = 0
    outcome = builder.rebuild(_changed(project, before))
    assert outcome.error is None and "sources/index.md" in outcome.pages
    # Only the edited entry is converted again; the bibliography's other entry is reused.
    assert blocks.converted == 1 and blocks.reused >= 1, (blocks.converted, blocks.reused)
    page = (builder.site_dir / "sources" / "index.html").read_text(encoding="utf-8")
    assert page.count("accessed 25 Nov 2026") == 1


def test_marks_wrap_a_block_and_leave_no_trace_when_removed() -> None:
    text = marked("### Title\n\nBody.\n")
    assert text.strip().splitlines()[0] == BEGIN and text.strip().splitlines()[-1] == END
    assert f"\n{BEGIN}\n" in "x" + text + "y" and f"\n{END}\n" in "x" + text + "y", "marks on lines of their own"
    assert unmarked(f"Intro\n\n{text}\n\nOutro\n").split() == ["Intro", "###", "Title", "Body.", "Outro"]


def test_exported_pages_have_no_marks(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    out = tmp_path / "exported"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "export", str(out)], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    pages = list((out / "docs").rglob("*.md"))
    assert pages and not [page for page in pages if "crisis-report:block" in page.read_text(encoding="utf-8")]


def test_a_block_of_marked_blocks_is_not_marked_again() -> None:
    inner = marked("### One\n") + "\n\n" + marked("### Two\n")
    assert marked(inner) == inner
