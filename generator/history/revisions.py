"""The fact base's history from git, read record by record: what was added, revised, removed.

Only git's plumbing is used (one `git log` for the list of commits and files, one `git cat-file
--batch` for the file texts), and every date is a commit date, so the same commit always gives the
same history. Outside a git checkout, or where git is missing, the history is empty and says why;
in a shallow clone it says where it starts.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.factbase.models import RECORD_TYPE_BY_FOLDER
from generator.factbase.yamlread import parse_document

_COMMIT = "\x01"


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class RecordChange:
    """One record touched by one commit. `action`: added, changed, removed or renamed."""

    kind: str
    record_id: str
    action: str
    label: str
    fields: tuple[FieldChange, ...] = ()
    previous_id: str | None = None


@dataclass(frozen=True)
class Revision:
    commit: str
    date: str
    subject: str
    changes: tuple[RecordChange, ...]


@dataclass(frozen=True)
class Release:
    """The tag on the checked-out commit (`v1.2` gives version `1.2`) and that commit's date."""

    version: str
    date: str


@dataclass
class History:
    revisions: list[Revision] = field(default_factory=list)
    note: str | None = None
    release: Release | None = None

    def last_changed(self) -> dict[tuple[str, str], str]:
        """(kind, id) → date of the last commit that added or changed the record."""
        latest: dict[tuple[str, str], str] = {}
        for revision in self.revisions:
            for change in revision.changes:
                if change.action != "removed":
                    latest[(change.kind, change.record_id)] = revision.date
        return latest


_BY_HEAD: dict[tuple[str, str], History] = {}


def current_history(content_dir: Path) -> History:
    """The whole history, read again only when the checkout's HEAD moved (builds and previews)."""
    git = shutil.which("git")
    head = (_git(git, content_dir, "rev-parse", "HEAD") or "").strip() if git and content_dir.is_dir() else ""
    key = (str(content_dir.resolve()), head)
    if key not in _BY_HEAD:
        _BY_HEAD.clear()
        _BY_HEAD[key] = read_history(content_dir)
    return _BY_HEAD[key]


def read_history(content_dir: Path, revisions: str | None = None) -> History:
    """The changes to the records under `content_dir`, oldest first, for `revisions` (git's A..B)."""
    git = shutil.which("git")
    if git is None:
        return History(note="git is not installed: no history of changes")
    root = _git(git, content_dir, "rev-parse", "--show-toplevel")
    if root is None:
        return History(note="the content is not in a git checkout: no history of changes")
    top = Path(root.strip())
    content = content_dir.resolve().relative_to(top.resolve()).as_posix()
    log = _git(
        git,
        top,
        "log",
        "--reverse",
        "-M",
        "--name-status",
        f"--format={_COMMIT}%H%x00%cs%x00%P%x00%s",
        *([revisions] if revisions else []),
        "--",
        content,
    )
    if log is None:
        return History(note=f"git could not read the history{f' {revisions}' if revisions else ''}")
    commits = list(_parse_log(log, content))
    texts = _file_texts(git, top, [key for commit in commits for key in commit[4]])
    history = History([_revision(commit, texts) for commit in commits])
    history.revisions = [revision for revision in history.revisions if revision.changes]
    tag = (_git(git, top, "describe", "--tags", "--exact-match", "HEAD") or "").strip() if not revisions else ""
    if tag:
        history.release = Release(
            tag.removeprefix("v"), (_git(git, top, "log", "-1", "--format=%cs", "HEAD") or "").strip()
        )
    if (_git(git, top, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        start = history.revisions[0].date if history.revisions else "the cloned commit"
        history.note = f"this copy of the repository is shallow: the history shown starts at {start}"
    return history


def _git(git: str, cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run([git, *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


FileKey = tuple[str, str]  # (revision, path)
LogEntry = tuple[str, str, str, str, list[FileKey], list[tuple[str, str | None, str | None]]]


def _parse_log(log: str, content: str) -> Iterable[LogEntry]:
    for block in log.split(_COMMIT)[1:]:
        header, _, body = block.partition("\n")
        commit, day, parents, subject = header.split("\x00", 3)
        parent = parents.split(" ")[0] if parents else None
        files: list[tuple[str, str | None, str | None]] = []
        keys: list[FileKey] = []
        for line in body.splitlines():
            if not line.strip():
                continue
            status, *paths = line.split("\t")
            old, new = (paths[0], paths[-1])
            before = old if status[0] in "MDR" and parent else None
            after = new if status[0] in "AMR" else None
            if not any(path and _record_folder(path, content) for path in (before, after)):
                continue
            files.append((status[0], before, after))
            keys += [(parent, before)] if before and parent else []
            keys += [(commit, after)] if after else []
        yield commit, day, parent or "", subject, keys, files


def _record_folder(path: str, content: str) -> str | None:
    folder, _, name = path.removeprefix(f"{content}/").partition("/")
    return folder if folder in RECORD_TYPE_BY_FOLDER and name.endswith(".yml") and "/" not in name else None


def _file_texts(git: str, top: Path, keys: list[FileKey]) -> dict[FileKey, bytes]:
    if not keys:
        return {}
    request = "".join(f"{revision}:{path}\n" for revision, path in keys).encode("utf-8")
    done = subprocess.run([git, "cat-file", "--batch"], cwd=top, input=request, capture_output=True, check=True)
    texts: dict[FileKey, bytes] = {}
    output, position = done.stdout, 0
    for key in keys:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        texts[key] = output[position : position + size]
        position += size + 1
    return texts


def _revision(entry: LogEntry, texts: dict[FileKey, bytes]) -> Revision:
    commit, day, parent, subject, _, files = entry
    changes = []
    for _status, before, after in files:
        old = _data(texts.get((parent, before))) if before else None
        new = _data(texts.get((commit, after))) if after else None
        path = after or before
        assert path is not None
        kind = path.split("/")[-2]
        change = _compare(kind, old, new)
        if change is not None:
            changes.append(change)
    return Revision(commit, day, subject, tuple(changes))


def _data(raw: bytes | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    document, _ = parse_document(raw, "history")
    return document.data if document is not None and isinstance(document.data, dict) else None


def _compare(kind: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> RecordChange | None:
    if new is None and old is None:
        return None
    if old is None:
        assert new is not None
        return RecordChange(kind, str(new.get("id")), "added", _label(new))
    if new is None:
        return RecordChange(kind, str(old.get("id")), "removed", _label(old))
    fields = tuple(
        FieldChange(name, old.get(name), new.get(name))
        for name in dict.fromkeys([*old, *new])
        if name != "id" and old.get(name) != new.get(name)
    )
    if old.get("id") != new.get("id"):
        return RecordChange(kind, str(new.get("id")), "renamed", _label(new), fields, str(old.get("id")))
    return RecordChange(kind, str(new.get("id")), "changed", _label(new), fields) if fields else None


def _label(data: dict[str, Any]) -> str:
    return str(data.get("title") or data.get("name") or data.get("id"))
