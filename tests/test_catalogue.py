"""A catalogue of bad inputs: each must give exactly this diagnostic, at this file:line:col."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.factbase.checked import load_checked
from generator.factbase.diagnostics import ContentError

from .conftest import MINI

EVENT = "events/2022-01-02-first-rally.yml"
SOURCE = "sources/wire-one.yml"
PLACE = "places/testville.yml"
REACTION = "reactions/2022-01-06-far-union.yml"
FIGURE = "figures/deaths-2022-01-09-police.yml"
MODELINE = "# yaml-language-server: $schema=../schema/{}.schema.json\n"


def event(body: str) -> str:
    return MODELINE.format("event") + "id: 2022-01-02-first-rally\n" + body


GOOD_EVENT_TAIL = "category: protest\nconfidence: confirmed\nsources:\n  - wire-one\n"

# (name, file, new text or (old, new) replacement, expected "line:col: message")
CASES: list[tuple[str, str, str | tuple[str, str], str]] = [
    (
        "inline comment eats text",
        EVENT,
        ("title: First rally in Testville", "title: Protest #2 in Almaty"),
        "4:8: '#2 in Almaty' after this value is read as a comment and dropped; quote the value if it belongs to it, or move the comment to its own line",
    ),
    (
        "anchor-like text",
        EVENT,
        ("title: First rally in Testville", "title: &nbsp;text"),
        "4:13: YAML syntax error: while scanning an anchor did not find expected alphabetic or numeric character; quote text that starts with '&'",
    ),
    (
        "anchor",
        EVENT,
        ("title: First rally in Testville", "title: &a text"),
        "4:8: anchors (&a) are not allowed; quote text that starts with '&'",
    ),
    (
        "alias",
        EVENT,
        ("summary: People gather in the main square.", "summary: *a"),
        "5:10: aliases (*a) are not allowed; write the value out, or quote text that starts with '*'",
    ),
    (
        "tag",
        EVENT,
        ("title: First rally in Testville", "title: !important note"),
        "4:8: tags (!important) are not allowed; quote text that starts with '!'",
    ),
    (
        "merge key",
        EVENT,
        ("category: protest", "<<: {category: protest}"),
        "6:1: merge keys (<<) are not allowed; write the fields out",
    ),
    (
        "yaml 1.1 directive",
        EVENT,
        ("# yaml-language-server", "%YAML 1.1\n---\n# yaml-language-server"),
        "1:1: YAML directives (%YAML, %TAG) are not allowed; this project reads YAML 1.2 only",
    ),
    (
        "duplicate key",
        EVENT,
        ("category: protest", "category: protest\ncategory: clash"),
        "7:1: duplicate key 'category' (first at line 6)",
    ),
    (
        "tab indentation",
        EVENT,
        ("  - testville", "\t- testville"),
        "8:1: tab character; indent with spaces and write tabs in text as spaces",
    ),
    (
        "impossible date",
        EVENT,
        ("date: 2022-01-02", "date: 2022-02-30"),
        "3:7: date: impossible date '2022-02-30': day is out of range for month",
    ),
    (
        "number as date",
        EVENT,
        ("date: 2022-01-02", "date: 86400"),
        "3:7: date: invalid date '86400': expected YYYY-MM-DD",
    ),
    (
        "month without precision",
        EVENT,
        ("date: 2022-01-02", "date: 2022-01"),
        "3:7: a date without a day (YYYY-MM) needs 'precision: month'",
    ),
    (
        "unknown field",
        EVENT,
        ("category: protest", "category: protest\ncategroy: clash"),
        "7:1: unknown field 'categroy' (did you mean 'category'?)",
    ),
    ("missing required field", EVENT, ("confidence: confirmed\n", ""), "2:1: missing required field 'confidence'"),
    (
        "wrong enum",
        EVENT,
        ("category: protest", "category: protests"),
        "6:11: invalid category 'protests' (did you mean 'protest'?); expected one of: protest, clash, security-operation, government-measure, political-change, communications, international, legal, economy",
    ),
    (
        "list expected",
        EVENT,
        ("places:\n  - testville", "places: testville"),
        "7:9: places: expected a list, found 'testville'",
    ),
    (
        "text expected",
        EVENT,
        ("summary: People gather in the main square.", "summary:\n  - a"),
        "6:3: summary: expected text, found a list",
    ),
    (
        "empty text",
        EVENT,
        ("summary: People gather in the main square.", "summary: ''"),
        "5:10: summary: must not be empty",
    ),
    (
        "no sources",
        EVENT,
        ("sources:\n  - wire-one\n  - source: paper-two\n    locator: second paragraph\n", "sources: []\n"),
        "12:10: sources: needs at least one entry",
    ),
    (
        "unknown reference with suggestion",
        EVENT,
        ("- home-police", "- home-polise"),
        "10:5: unknown actor 'home-polise' (did you mean 'home-police'?)",
    ),
    (
        "reference to wrong kind",
        EVENT,
        ("  - testville", "  - home-police"),
        "8:5: 'home-police' is an actor, not a place",
    ),
    (
        "unknown source in citation",
        EVENT,
        ("source: paper-two", "source: paper-3"),
        "14:13: unknown source 'paper-3' (did you mean 'paper-two'?)",
    ),
    (
        "unknown citation field",
        EVENT,
        ("locator: second paragraph", "locatr: second paragraph"),
        "15:5: unknown field 'locatr' (did you mean 'locator'?)",
    ),
    (
        "outside period",
        EVENT,
        ("date: 2022-01-02", "date: 2022-02-10"),
        "3:7: date 2022-02-10 is after the report period (2022-01-01..2022-01-31); mark it 'phase: follow-up'",
    ),
    (
        "end before start",
        EVENT,
        ("date: 2022-01-02", "date: 2022-01-02\nend: 2022-01-01"),
        "4:6: end (2022-01-01) is before the start (2022-01-02)",
    ),
    (
        "id does not match file",
        EVENT,
        ("id: 2022-01-02-first-rally", "id: 2022-01-02-first-ralley"),
        "2:5: id '2022-01-02-first-ralley' does not match the file name '2022-01-02-first-rally.yml'; rename one of them",
    ),
    (
        "invalid id",
        EVENT,
        ("id: 2022-01-02-first-rally", "id: First_Rally"),
        "2:5: id: invalid id 'First_Rally': use lower-case letters, digits and single hyphens (e.g. 'first-rally')",
    ),
    (
        "missing modeline",
        EVENT,
        ("# yaml-language-server: $schema=../schema/event.schema.json\n", ""),
        "1:1: first line must be the schema modeline '# yaml-language-server: $schema=../schema/event.schema.json' (run `python -m generator fmt` to add it)",
    ),
    (
        "javascript url",
        SOURCE,
        ("url: https://news.example.org/story/1", "url: javascript:alert(1)"),
        "5:6: url: URL must start with http:// or https://, got 'javascript:alert(1)'",
    ),
    (
        "relative url",
        SOURCE,
        ("url: https://news.example.org/story/1", "url: /story/1"),
        "5:6: url: URL must start with http:// or https://, got '/story/1'",
    ),
    (
        "credentials in url",
        SOURCE,
        ("url: https://news.example.org/story/1", "url: https://user:pw@news.example.org/x"),
        "5:6: url: URL must not contain a user name or password",
    ),
    (
        "private host url",
        SOURCE,
        ("url: https://news.example.org/story/1", "url: http://192.168.1.10/x"),
        "5:6: url: URL points to a private or local address: '192.168.1.10'",
    ),
    (
        "bad language",
        SOURCE,
        ("language: en", "language: english"),
        "6:11: language: unknown language code 'english': use a BCP 47 tag such as 'en', 'ru', 'kk', 'zh-Hans'",
    ),
    (
        "accessed before published",
        SOURCE,
        ("accessed: 2026-11-24", "accessed: 2021-01-01"),
        "8:11: accessed (2021-01-01) is before published (2022-01-05)",
    ),
    (
        "swapped coordinates",
        PLACE,
        ("latitude: 43.25\nlongitude: 76.9", "latitude: 76.9\nlongitude: 43.25"),
        "7:11: coordinates 76.9, 43.25 are outside KZ; check the order (latitude first) and the signs",
    ),
    (
        "latitude out of range",
        PLACE,
        ("latitude: 43.25", "latitude: 143.25"),
        "7:11: latitude: input should be less than or equal to 90",
    ),
    (
        "number with separator",
        FIGURE,
        ("value: 12", "value: 1,200"),
        "4:8: value: expected a whole number without separators, got '1,200'",
    ),
    (
        "quote without translation",
        REACTION,
        ("  translation: Please stay calm.\n", ""),
        "13:13: a quote in 'de' needs an English 'translation'",
    ),
    (
        "bad country",
        "actors/home-state.yml",
        ("country: KZ", "country: XX"),
        "5:10: country: unknown country code 'XX': use ISO 3166-1 alpha-2, e.g. 'FR', 'RU'",
    ),
    (
        "duplicate url",
        SOURCE,
        ("url: https://news.example.org/story/1", "url: https://zeitung.example.de/bericht-2"),
        "5:6: same URL as source 'paper-two'; cite that source instead",
    ),
]


def _apply(root: Path, file: str, change: str | tuple[str, str]) -> None:
    path = root / file
    if isinstance(change, str):
        path.write_text(change, encoding="utf-8")
        return
    old, new = change
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_checked(content)
    return [f"{d.line}:{d.column}: {d.message}" for d in raised.value.diagnostics]


@pytest.mark.parametrize(("name", "file", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_exactly(
    content: Path, name: str, file: str, change: str | tuple[str, str], expected: str
) -> None:
    _apply(content, file, change)
    with pytest.raises(ContentError) as raised:
        load_checked(content)
    diagnostics = raised.value.diagnostics
    assert [f"{d.line}:{d.column}: {d.message}" for d in diagnostics if d.path.endswith(file)] == [expected]


RAW_CASES: list[tuple[str, bytes, str]] = [
    (
        "byte-order mark",
        b"\xef\xbb\xbf" + MODELINE.format("event").encode(),
        "1:1: file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
    ),
    (
        "non utf-8",
        MODELINE.format("event").encode() + b"id: caf\xe9\n",
        "2:8: invalid UTF-8 byte 0xe9; save the file as UTF-8",
    ),
    ("empty file", b"", "1:1: file is empty; it must hold one record (key: value lines)"),
    (
        "comment-only file",
        MODELINE.format("event").encode(),
        "1:1: file is empty; it must hold one record (key: value lines)",
    ),
    (
        "list instead of mapping",
        MODELINE.format("event").encode() + b"- a\n- b\n",
        "2:1: expected a mapping of fields (key: value), found a list",
    ),
    (
        "two documents",
        MODELINE.format("event").encode() + b"id: a\n---\nid: b\n",
        "3:1: only one YAML document per file (remove '---')",
    ),
    (
        "control character",
        MODELINE.format("event").encode() + b"id: a\x07\n",
        "2:6: control character U+0007 is not allowed in YAML",
    ),
    (
        "deep nesting",
        MODELINE.format("event").encode() + b"id: " + b"[" * 600 + b"]" * 600 + b"\n",
        "2:16: nesting deeper than 12 levels is not allowed",
    ),
    (
        "alias bomb",
        MODELINE.format("event").encode() + b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
        "2:4: anchors (&a) are not allowed; quote text that starts with '&'",
    ),
]


@pytest.mark.parametrize(("name", "raw", "expected"), RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_bad_bytes_are_reported_exactly(content: Path, name: str, raw: bytes, expected: str) -> None:
    (content / EVENT).write_bytes(raw)
    assert [p for p in problems(content) if True] == [expected]


def test_huge_file_is_refused_without_reading_it(content: Path) -> None:
    path = content / EVENT
    with path.open("wb") as handle:
        handle.write(MODELINE.format("event").encode())
        handle.truncate(50 * 1024 * 1024)
    assert problems(content) == ["1:1: file is 50.0 MiB; a record file must be under 256 KiB"]


def test_all_problems_are_reported_at_once_and_sorted(content: Path) -> None:
    _apply(content, EVENT, ("category: protest", "category: protests"))
    _apply(content, SOURCE, ("language: en", "language: english"))
    with pytest.raises(ContentError) as raised:
        load_checked(content)
    paths = [d.path for d in raised.value.diagnostics]
    assert len(paths) == 2 and paths == sorted(paths)


def test_yaml_12_keeps_text_as_typed(content: Path) -> None:
    _apply(content, PLACE, ("name: Testville", "name: NO"))
    _apply(content, PLACE, ("  - Testograd", "  - 007\n  - '1.10'\n  - 1.10"))
    loaded = load_checked(content)
    place = next(p for p in loaded.records["places"] if p.id == "testville")
    assert place.name == "NO"
    assert place.spellings == ["007", "1.10", "1.10"]


def test_validator_never_writes_to_content(content: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in content.rglob("*")}
    _apply(content, EVENT, ("category: protest", "category: protests"))
    changed = content / EVENT
    before[changed] = changed.stat().st_mtime_ns
    with pytest.raises(ContentError):
        load_checked(content)
    assert {p: p.stat().st_mtime_ns for p in content.rglob("*")} == before
