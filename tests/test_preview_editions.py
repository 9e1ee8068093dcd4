"""The preview of a report with two language editions: after each kind of edit every page of both
editions equals a fresh full build's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.preview.builder import PreviewBuilder

from .conftest import mkdocs_build
from .test_editions import FRENCH_NAMES, bilingual_project
from .test_preview import _changed, _snapshot, _tree
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
        fresh = tmp_path / f"fresh-{number}"
        result = mkdocs_build(project, site=str(fresh))
        assert result.returncode == 0, f"{name}: {result.stderr}"
        preview, full = _tree(builder.site_dir), _tree(fresh)
        assert preview.keys() == full.keys(), f"{name}: files differ"
        differing = [path for path in full if preview[path] != full[path]]
        assert not differing, f"after '{name}' the preview differs from a fresh build in {differing[:5]}"
