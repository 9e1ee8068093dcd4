"""`fmt` never stops halfway, never loses a comment, never overwrites a save made while it runs (issue 12)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.editing import fmt
from generator.editing.fmt import data_files, format_file, format_text
from generator.factbase.models import Event

from .conftest import MINI

EVENT = "events/2022-01-02-first-rally.yml"
PLACE = "places/testville.yml"
HEAD = "# yaml-language-server: $schema=../schema/event.schema.json\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


def run_fmt(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "fmt", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def _unformat_place(content: Path) -> Path:
    """Move `name:` below `longitude:` so that fmt has something to do in another file."""
    path = content / PLACE
    path.write_text(path.read_text().replace("name: Testville\n", "") + "name: Testville\n")
    return path


@pytest.mark.parametrize("check_only", [False, True], ids=["fmt", "fmt --check"])
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"date: 2022-02-30",
            "content/events/2022-01-02-first-rally.yml:3:7: impossible date '2022-02-30': day is out of range for month [E206]",
        ),
        (
            b"date: 2022-01-02\nnote: caf\xe9",
            "content/events/2022-01-02-first-rally.yml:4:10: invalid UTF-8 byte 0xe9; save the file as UTF-8 [E101]",
        ),
    ],
    ids=["impossible date", "invalid utf-8"],
)
def test_a_bad_file_is_reported_and_the_others_formatted(
    content: Path, raw: bytes, expected: str, check_only: bool
) -> None:
    path = content / EVENT
    path.write_bytes(path.read_bytes().replace(b"date: 2022-01-02", raw, 1))
    place = _unformat_place(content)
    before = place.read_text()
    result = run_fmt(content.parent, *(["--check"] if check_only else []), "content")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert expected in result.stdout.splitlines()
    if check_only:
        assert place.read_text() == before
        assert "would reformat content/places/testville.yml" in result.stdout
    else:
        assert place.read_text().index("name: Testville") < place.read_text().index("latitude")


def test_fmt_formats_yaml_suffix_files_the_check_reads(content: Path) -> None:
    place = _unformat_place(content)
    renamed = place.with_suffix(".yaml")
    place.rename(renamed)
    assert renamed in [path for path, _ in data_files(content)]


def test_a_save_made_while_fmt_runs_is_kept(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    place = _unformat_place(content)
    saved = place.read_text() + "# the editor's save\n"
    real_format_text = fmt.format_text

    def format_while_editor_saves(*args: object, **kwargs: object) -> tuple[str, str | None]:
        result = real_format_text(*args, **kwargs)  # type: ignore[arg-type]
        place.write_text(saved)
        return result

    monkeypatch.setattr(fmt, "format_text", format_while_editor_saves)
    outcome = format_file(place, fmt.RECORD_TYPE_BY_FOLDER["places"], write=True)
    assert place.read_text() == saved
    assert not outcome.changed
    assert outcome.problem is not None and "changed while fmt was running" in outcome.problem
    assert not [p for p in place.parent.iterdir() if p.name.startswith(".")]


def test_a_number_python_cannot_read_is_reported_at_its_place() -> None:
    text = HEAD + "id: e1\nnote: " + "9" * 5000 + "\n"
    formatted, problem = format_text(text, Event, "e1.yml")
    assert formatted == text
    assert problem == "e1.yml:3:7: a number of 5000 digits is not a count; a count has at most 12 digits"


def test_windows_line_ends_become_lf_everywhere() -> None:
    text = (
        HEAD + "# above\ndate: 2022-01-02\nid: e1\ntitle: T\nsummary: S\ncategory: protest\nconfidence: reported\n"
        "sources:\n  - w\n# below\n"
    ).replace("\n", "\r\n")
    formatted, problem = format_text(text, Event, "e1.yml")
    assert problem is None and "\r" not in formatted
    assert formatted.startswith(HEAD + "# above\nid: e1\n") and formatted.endswith("  - w\n# below\n")
