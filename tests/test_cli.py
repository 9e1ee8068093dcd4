"""The command line as a researcher uses it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import MINI, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_check_clean_prints_counts_and_exits_0() -> None:
    result = run("check", str(MINI))
    assert result.returncode == 0
    assert result.stdout.strip() == "ok: 3 events, 1 reactions, 2 figures, 1 measures, 3 actors, 2 places, 2 sources"


def test_check_reports_all_problems_sorted_without_traceback(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    (content / "events" / "2022-01-02-first-rally.yml").write_text(
        (content / "events" / "2022-01-02-first-rally.yml")
        .read_text()
        .replace("category: protest", "category: protests")
    )
    (content / "sources" / "wire-one.yml").write_bytes(
        b"\xef\xbb\xbf" + (content / "sources" / "wire-one.yml").read_bytes()
    )
    result = run("check", "content", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines == [
        "content/events/2022-01-02-first-rally.yml:6:11: invalid category 'protests' (did you mean 'protest'?); expected one of: "
        "protest, clash, security-operation, government-measure, political-change, communications, international, legal, economy [E203]",
        "content/sources/wire-one.yml:1:1: file starts with a byte-order mark (BOM); save it as UTF-8 without BOM [E102]",
        "2 problems found",
    ]
    assert "Traceback" not in result.stderr + result.stdout


def test_check_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "content folder not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_committed_schemas_match_the_models() -> None:
    result = run("schema", "--check")
    assert result.returncode == 0, result.stdout


def test_every_command_has_help() -> None:
    result = run("--help")
    assert result.returncode == 0
    commands = [line.split()[0] for line in result.stdout.split("Commands:")[1].strip().splitlines()]
    assert {"check", "schema"} <= set(commands)
    for command in commands:
        help_text = run(command, "--help")
        assert help_text.returncode == 0 and len(help_text.stdout) > 80, command
