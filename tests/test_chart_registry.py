"""Charts are declared once; a template asking for an unknown chart fails at its line, a chart not drawn says why."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.charts.catalogue import KINDS, declared

from .conftest import make_project, mkdocs_build


def test_every_declared_kind_is_found_by_its_names() -> None:
    assert declared("figures-deaths") is not None and declared("figures-deaths").name == "figures-{metric}"  # type: ignore[union-attr]
    assert declared("events-per-day") is KINDS[0]
    assert declared("figurs-deaths") is None
    assert declared("events-per-day-2") is None


def _ask_for(project: Path, template: str, name: str) -> int:
    """Append `chart(name)` to a template of the project; return its line."""
    path = project / "templates" / template
    lines = path.read_text(encoding="utf-8").splitlines()
    lines += ["", f'{{{{ chart("{name}") }}}}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def test_an_unknown_chart_name_fails_the_build_at_the_template_line(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    line = _ask_for(project, "measures.md.j2", "figurs-deaths")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert (
        f"templates/measures.md.j2:{line}:1: unknown chart 'figurs-deaths' (did you mean 'figures-deaths'?)"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_declared_chart_without_a_plan_says_why_on_the_page(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    _ask_for(project, "measures.md.j2", "figures-other")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((project / "site" / "measures" / "index.html").read_text(encoding="utf-8"), "html.parser")
    note = page.select_one(".chart-not-drawn")
    assert note is not None
    assert "This chart is not drawn: the figures of this metric count different things" in note.get_text()
