"""`changes`: the fact base's history read from a git repository built in a tmp dir."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.history.changelog import describe
from generator.history.revisions import read_history

from .conftest import MINI


def _git(repo: Path, *args: str, when: str = "2026-01-01T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A repository whose history adds, revises, reclassifies, replaces a source, removes and renames."""
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(MINI, content)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "First facts", when="2026-01-01T10:00:00+00:00")
    figure = content / "figures" / "deaths-2022-01-09-police.yml"
    _edit(figure, "value: 12", "value: 15")
    _git(repo, "commit", "-qam", "Revise the police death toll", when="2026-02-01T10:00:00+00:00")
    reaction = content / "reactions" / "2022-01-06-far-union.yml"
    _edit(reaction, "stance: calls-for-restraint", "stance: supports-intervention")
    _git(repo, "commit", "-qam", "Reclassify a stance", when="2026-03-01T10:00:00+00:00")
    event = content / "events" / "2022-01-12-second-event.yml"
    _edit(event, "  - paper-two", "  - wire-one")
    _git(repo, "commit", "-qam", "Replace a source", when="2026-04-01T10:00:00+00:00")
    _git(repo, "rm", "-q", str(content / "measures" / "curfew-testville.yml"))
    _git(repo, "commit", "-qm", "Remove a measure", when="2026-05-01T10:00:00+00:00")
    place = content / "places" / "otherton.yml"
    _edit(place, "id: otherton", "id: other-town")
    place.rename(place.with_name("other-town.yml"))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Rename a place", when="2026-06-01T10:00:00+00:00")
    (repo / "README.md").write_text("not a record\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Outside the records", when="2026-07-01T10:00:00+00:00")
    return repo


def test_each_kind_of_change_is_read_and_worded(repo: Path) -> None:
    history = read_history(repo / "content")
    assert history.note is None
    subjects = [revision.subject for revision in history.revisions]
    assert subjects == [
        "First facts",
        "Revise the police death toll",
        "Reclassify a stance",
        "Replace a source",
        "Remove a measure",
        "Rename a place",
    ], "a commit touching no record is left out"
    first = history.revisions[0]
    assert {change.action for change in first.changes} == {"added"} and len(first.changes) == 14
    words = {revision.subject: [(c.record_id, describe(c)) for c in revision.changes] for revision in history.revisions}
    assert words["Revise the police death toll"] == [("deaths-2022-01-09-police", ["figure revised from 12 to 15"])]
    assert words["Reclassify a stance"] == [
        ("2022-01-06-far-union", ["stance reclassified from calls-for-restraint to supports-intervention"])
    ]
    assert words["Replace a source"] == [("2022-01-12-second-event", ["source paper-two replaced by wire-one"])]
    assert words["Remove a measure"] == [("curfew-testville", ["removed"])]
    assert words["Rename a place"] == [("other-town", ["renamed from 'otherton'"])]
    assert history.last_changed()[("figures", "deaths-2022-01-09-police")] == "2026-02-01"
    assert ("measures", "curfew-testville") in history.last_changed(), "last changed before removal"


def test_a_revision_range_limits_the_history(repo: Path) -> None:
    history = read_history(repo / "content", "HEAD~3..HEAD")
    assert [revision.subject for revision in history.revisions] == ["Remove a measure", "Rename a place"]


def test_same_commit_same_json(repo: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["changes", "--content", str(repo / "content"), "--json"])
    second = runner.invoke(main, ["changes", "--content", str(repo / "content"), "--json"])
    assert first.exit_code == 0 and first.output == second.output
    data = json.loads(first.output)
    assert data["revisions"][0]["subject"] == "Rename a place", "newest first"
    text = runner.invoke(main, ["changes", "--content", str(repo / "content")])
    assert (
        "2026-02-01" in text.output and "figure deaths-2022-01-09-police: figure revised from 12 to 15" in text.output
    )


def test_a_shallow_clone_says_where_its_history_starts(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True, capture_output=True
    )
    history = read_history(clone / "content")
    assert history.note is not None and "shallow" in history.note
    assert [revision.subject for revision in history.revisions][-1] == "Rename a place"


def test_outside_git_there_is_a_note_and_no_crash(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    history = read_history(content)
    assert history.revisions == [] and history.note and "not in a git checkout" in history.note
    result = CliRunner().invoke(main, ["changes", "--content", str(content)])
    assert result.exit_code == 0 and "not in a git checkout" in result.output
