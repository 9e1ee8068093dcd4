"""Every problem has a stable code, documented with an example; commands fail one way, never with a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import cli
from generator.factbase.codes import CODES, UNCLASSIFIED, code_of, reference_markdown

from .conftest import MINI, ROOT
from .test_catalogue import CASES, RAW_CASES


def test_codes_and_names_are_unique() -> None:
    assert len({entry.code for entry in CODES}) == len(CODES)
    assert len({entry.name for entry in CODES}) == len(CODES)
    assert UNCLASSIFIED.code not in {entry.code for entry in CODES}


@pytest.mark.parametrize("entry", CODES, ids=[entry.code for entry in CODES])
def test_each_code_is_documented_with_an_example_of_its_own(entry) -> None:  # type: ignore[no-untyped-def]
    assert entry.meaning and entry.example
    assert code_of(entry.example) == entry


@pytest.mark.parametrize(
    "message", [case[3].split(": ", 1)[1] for case in CASES] + [case[2].split(": ", 1)[1] for case in RAW_CASES]
)
def test_every_message_of_the_bad_input_catalogue_has_a_code(message: str) -> None:
    assert code_of(message) is not UNCLASSIFIED, message


def test_the_reference_page_is_in_step_with_the_codes() -> None:
    assert (ROOT / "ERRORS.md").read_text(encoding="utf-8") == reference_markdown(), (
        "run: python -m generator codes > ERRORS.md"
    )


def test_check_prints_the_code_after_each_problem(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    event = content / "events" / "2022-01-02-first-rally.yml"
    event.write_text(event.read_text(encoding="utf-8").replace("- home-police", "- home-polise"), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", str(content)])
    assert result.exit_code == 1
    assert "unknown actor 'home-polise' (did you mean 'home-police'?) [E301]" in result.output


def _run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", **env},
    )


def test_an_unexpected_failure_is_one_line_without_a_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("something the code did not expect")

    monkeypatch.setattr(cli, "load_checked", broken)
    shutil.copytree(MINI, tmp_path / "content")
    result = CliRunner().invoke(cli.main, ["check", str(tmp_path / "content")])
    assert result.exit_code == 3
    assert result.output.strip().startswith("internal error: RuntimeError: something the code did not expect")
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    "args",
    [
        ("export", "out", "--config", "missing.yml"),
        ("pdf", "--site", "nowhere", "--report", "missing.yml"),
        ("export", "/proc/forbidden/out"),
        ("changes", "--content", "nope"),
        ("links", "nope"),
    ],
)
def test_bad_paths_never_end_in_a_traceback(tmp_path: Path, args: tuple[str, ...]) -> None:
    shutil.copytree(MINI, tmp_path / "content")
    result = _run(tmp_path, *args)
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr + result.stdout
    assert (result.stderr + result.stdout).strip()
