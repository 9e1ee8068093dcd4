"""Property tests: the loader never lets an exception escape, and text renders inert."""

from __future__ import annotations

import shutil

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.factbase.checked import load_checked
from generator.factbase.diagnostics import ContentError
from generator.factbase.yamlread import parse_document
from generator.site.plaintext import inert

from .conftest import MINI

EVENT = MINI / "events" / "2022-01-02-first-rally.yml"
SEED = EVENT.read_bytes()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(SEED)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["delete", "insert", "replace", "duplicate-line"]))
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "delete" and data:
            del data[position : position + draw(st.integers(1, 8))]
        elif action == "insert":
            data[position:position] = draw(
                st.sampled_from(
                    [
                        b"#",
                        b":",
                        b" ",
                        b"\n",
                        b"\t",
                        b"&a ",
                        b"*a",
                        b"!t ",
                        b"- ",
                        b"[",
                        b"{",
                        b"'",
                        b'"',
                        b"\xff",
                        b"\x00",
                        b"%",
                        b"---\n",
                        b"<<: ",
                        b"  ",
                    ]
                )
            )
        elif action == "replace" and data:
            data[position] = draw(st.integers(0, 255))
        else:
            lines = bytes(data).split(b"\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=mutated())
def test_mutated_files_give_a_clean_report_or_clean_errors(tmp_path_factory, raw: bytes) -> None:
    root = tmp_path_factory.mktemp("content")
    shutil.copytree(MINI, root, dirs_exist_ok=True)
    (root / "events" / EVENT.name).write_bytes(raw)
    try:
        load_checked(root)
    except ContentError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.line >= 1 and diagnostic.column >= 1
            assert diagnostic.message and "\n" not in diagnostic.message


@settings(max_examples=500, deadline=None)
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    document, problems = parse_document(raw, "x.yml")
    assert (document is None) == bool(problems)


MARKDOWN_EXTENSIONS = ["attr_list", "tables", "admonition", "toc", "pymdownx.snippets"]
NASTY = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "{: onclick=alert(1) }",
        '<div markdown="1">*x*</div>',
        "# heading",
        "- item",
        "> quote",
        "| a | b |",
        "{{ 7*7 }}",
        '--8<-- "mkdocs.yml"',
        "*_\\",
        "&amp;",
        "&lt;b&gt;",
        "1. one",
        "    code",
        "`code`",
        "![i](x.png)",
        "<https://x.org>",
        "***",
        "\n\n",
        "  \n",
    ]
)


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.one_of(NASTY, st.text(max_size=12)), min_size=1, max_size=6).map("".join))
def test_inert_text_renders_exactly_as_typed(text: str) -> None:
    html = markdown.markdown(f"Before {inert(text)} after.", extensions=MARKDOWN_EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    paragraphs = soup.find_all(True)
    assert [tag.name for tag in paragraphs] == ["p"]
    typed = "".join(ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 32 and ord(ch) != 127))
    expected = " ".join(f"Before {typed} after.".split())
    assert " ".join(soup.get_text().split()) == expected
