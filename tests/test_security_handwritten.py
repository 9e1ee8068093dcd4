"""`check` names active markup in hand-written pages and fragments, and script or HTML files among them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.factbase.handwritten_safety import check_hand_written

from .conftest import make_project, mkdocs_build

HOSTILE_PAGE = """# Notes

Harmless text with `<script>alert(0)</script>` in a code span.

<!-- </article> -->
<script>document.title = "owned"</script>
<iframe src="https://evil.example/"></iframe>
<object data="x.swf"></object><embed src="x.swf">
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<BASE href="https://evil.example/">
<form action="https://evil.example/"><input name=q></form>
<img src="x.png" alt="" onerror="alert(1)">
A [link](javascript:alert(1)) and [another](JaVa&#x53;cript&colon;alert(2)) and [a third](java\tscript:alert(3)).
An image {: onclick=alert(4) }

```html
<script>no fenced-code extension here: this line is raw HTML</script>
```

    <script>an indented code block is text</script>
"""

EXPECTED = [
    "content/pages/notes.md:6:1: raw <script> element",
    "content/pages/notes.md:7:1: raw <iframe> element",
    "content/pages/notes.md:8:1: raw <object> element",
    "content/pages/notes.md:8:31: raw <embed> element",
    "content/pages/notes.md:9:1: raw <meta> element (http-equiv can redirect readers off the site)",
    "content/pages/notes.md:10:1: raw <base> element",
    "content/pages/notes.md:11:1: raw <form> element",
    "content/pages/notes.md:12:25: event-handler attribute 'onerror'",
    "content/pages/notes.md:13:10: script URL 'javascript:'",
    "content/pages/notes.md:13:45: script URL 'JaVa&#x53;cript&colon;'",
    "content/pages/notes.md:13:91: script URL 'javascript:'",
    "content/pages/notes.md:14:13: event-handler attribute 'onclick'",
    "content/pages/notes.md:17:1: raw <script> element",
]


def _check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", "content"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_every_piece_of_active_markup_is_reported_with_its_position(project: Path) -> None:
    (project / "content/pages/notes.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    result = _check(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    reported = [line.split(" in a hand-written page")[0] for line in result.stdout.splitlines() if "notes.md" in line]
    assert reported == EXPECTED


def test_fragments_and_files_are_checked_too(project: Path) -> None:
    (project / "content/fragments").mkdir(exist_ok=True)
    (project / "content/fragments/home.md").write_text("Intro.\n\n<script>alert(1)</script>\n", encoding="utf-8")
    (project / "content/pages/evil.js").write_text("alert(1)\n", encoding="utf-8")
    (project / "content/pages/assets/page.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    (project / "content/pages/assets/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>\n', encoding="utf-8"
    )
    out = _check(project).stdout
    assert "content/fragments/home.md:3:1: raw <script> element in a hand-written fragment" in out
    assert "content/pages/evil.js:1:1: a .js file among the hand-written pages would be published" in out
    assert "content/pages/assets/page.html:1:1: a .html file among the hand-written pages" in out
    assert "content/pages/assets/logo.svg:2:1: raw <script> element" in out


def test_a_trusted_page_may_carry_raw_html(project: Path) -> None:
    (project / "content/pages/notes.md").write_text("---\ntrusted_html: true\n---\n" + HOSTILE_PAGE, encoding="utf-8")
    result = _check(project)
    assert result.returncode == 0, result.stdout
    (project / "content/pages/notes.md").write_text("---\ntrusted_html: false\n---\n" + HOSTILE_PAGE, encoding="utf-8")
    assert _check(project).returncode == 1
    body_not_front_matter = "---\ntitle: Notes\n---\ntrusted_html: true\n\n---\n"
    (project / "content/pages/notes.md").write_text(body_not_front_matter + HOSTILE_PAGE, encoding="utf-8")
    assert _check(project).returncode == 1


def test_the_build_fails_on_active_markup_and_keeps_the_old_site(project: Path) -> None:
    assert mkdocs_build(project).returncode == 0
    before = (project / "site/index.html").read_bytes()
    (project / "content/pages/background.md").write_text(
        '# Background\n\n<meta http-equiv="refresh" content="0; url=https://evil.example/">\n', encoding="utf-8"
    )
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "content/pages/background.md:3:1: raw <meta> element" in result.stderr
    assert (project / "site/index.html").read_bytes() == before


@pytest.mark.parametrize(
    "text",
    [
        "Plain prose about an onion market and javascript as a language.",
        "`<iframe>` and ``<script>`` in code spans, `[x](javascript:alert(1))` too.",
        "Code:\n\n    <form action=x>\n    <script>alert(1)</script>\n",
        'A paragraph.\n{: .note }\n\nA <span class="x">span</span> and <abbr title="on=off">abbr</abbr>.',
    ],
)
def test_ordinary_markdown_is_not_flagged(project: Path, text: str) -> None:
    (project / "content/pages/notes.md").write_text(text, encoding="utf-8")
    assert check_hand_written(project / "content") == []


@pytest.mark.parametrize(
    "text",
    [
        "<div>\n`<script>alert(1)</script>`\n</div>\n",
        "A lone ` backtick\n<script>alert(1)</script>\nand ` another\n",
        '~~~\n<iframe src="https://evil.example/"></iframe>\n~~~\n',
    ],
)
def test_markup_that_only_looks_like_code_is_flagged(project: Path, text: str) -> None:
    (project / "content/pages/notes.md").write_text(text, encoding="utf-8")
    assert check_hand_written(project / "content") != []
