"""`[@source-id]` citations in hand-written pages and fragments: numbered links like a record's,
unknown ids reported by `check` as file:line:col, code left as typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from generator.factbase.citations import unknown_citations
from generator.site.handwritten import resolve_citations

from .conftest import make_project, mkdocs_build


def test_marks_become_links_and_code_stays_as_typed() -> None:
    text = "A fact.[@wire-one; @paper-two] Shown as `[@wire-one]` in the guide.\n\n```\n[@not-a-source]\n```\n"
    out = resolve_citations(text, lambda source_id: f"<{source_id}>")
    assert out.startswith("A fact.<wire-one> <paper-two> Shown as `[@wire-one]`")
    assert "[@not-a-source]" in out


def test_unknown_ids_are_reported_at_their_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "fragments").mkdir()
    (tmp_path / "pages" / "about.md").write_text(
        "# About\n\nKnown.[@wire-one] Typo: [@wire-onne; @paper-two]\n", encoding="utf-8"
    )
    (tmp_path / "fragments" / "home.md").write_text("Bad [@Not An Id].\n", encoding="utf-8")
    problems = {
        (Path(d.path).name, d.line, d.column): d.message for d in unknown_citations(tmp_path, {"wire-one", "paper-two"})
    }
    assert set(problems) == {("about.md", 3, 27), ("home.md", 1, 7)}
    assert "unknown source 'wire-onne'" in problems[("about.md", 3, 27)]
    assert "did you mean 'wire-one'" in problems[("about.md", 3, 27)]
    assert "not a citation" in problems[("home.md", 1, 7)]


def test_check_reports_an_unknown_citation_like_a_compiler(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    page = project / "content" / "pages" / "methodology.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee the wire.[@wire-two]\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").count("\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "content"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"content/pages/methodology.md:{line}:16: unknown source 'wire-two'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_fragment_and_page_citations_are_numbered_links_to_the_bibliography(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "content" / "fragments").mkdir(exist_ok=True)
    (project / "content" / "fragments" / "home.md").write_text(
        "The first rally.[@wire-one; @paper-two]\n", encoding="utf-8"
    )
    page = project / "content" / "pages" / "names.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA cited line.[@paper-two]\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    para = next(p for p in home.select("article p") if p.get_text().startswith("The first rally."))
    links = [(a.get_text(), a["href"]) for a in para.find_all("a")]
    assert [text for text, _ in links] == ["[2]", "[1]"] or [text for text, _ in links] == ["[1]", "[2]"]
    assert {href for _, href in links} == {"sources/#source-wire-one", "sources/#source-paper-two"}
    names = BeautifulSoup((site / "names" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert any(
        a["href"] == "../sources/#source-paper-two" and a.get_text().startswith("[") for a in names.select("article a")
    )
    assert "[@" not in (site / "index.html").read_text(encoding="utf-8")
    bibliography = BeautifulSoup((site / "sources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    entry = bibliography.find(id="source-paper-two").find_parent("p").find_next_sibling("p")
    assert {"Home", "Names"} <= {a.get_text() for a in entry.find_all("a")} | {
        a.get_text().split(" (")[0] for a in entry.find_all("a")
    }
