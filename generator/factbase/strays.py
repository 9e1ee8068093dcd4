"""Files under the content folder that look like records but are not read, and why.

A record saved in a misspelled folder, with `.YML`, in a subfolder, or with a name ending in a
space would otherwise be left out of the report without a word.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from generator.factbase.diagnostics import did_you_mean
from generator.factbase.models import RECORD_TYPE_BY_FOLDER

REPORT_FILE = "report.yml"
PUBLISHERS_FILE = "publishers.yml"
VOCABULARIES_FILE = "vocabularies.yml"
TOP_LEVEL_FILES = (REPORT_FILE, PUBLISHERS_FILE, VOCABULARIES_FILE)
_DATA_SUFFIXES = (".yml", ".yaml")
# Folders that hold other things than records: their files are not records.
_OTHER_FOLDERS = frozenset({"pages", "fragments", "schema", "geo"})


def _looks_like_data(name: str) -> bool:
    lowered = name.lower()
    return ".yml" in lowered or ".yaml" in lowered


def _ignored(name: str) -> bool:
    """Hidden files and editors' backups (`.x.yml.swp`, `x.yml~`) are never records."""
    return name.startswith(".") or name.endswith("~")


def stray_files(content_dir: Path) -> Iterator[tuple[Path, str]]:
    """(path, reason) of each file that looks like a record but is not read."""
    if not content_dir.is_dir():
        return
    for entry in sorted(os.scandir(content_dir), key=lambda e: e.name):
        if _ignored(entry.name):
            continue
        if entry.is_dir(follow_symlinks=False):
            if entry.name in RECORD_TYPE_BY_FOLDER:
                yield from _in_record_folder(Path(entry.path), entry.name)
            elif entry.name not in _OTHER_FOLDERS:
                reason = f"'{entry.name}' is not a record folder{did_you_mean(entry.name, RECORD_TYPE_BY_FOLDER)}"
                yield from ((path, reason) for path in _data_files_below(Path(entry.path)))
        elif entry.name not in TOP_LEVEL_FILES and _looks_like_data(entry.name):
            yield (
                Path(entry.path),
                f"only {', '.join(repr(name) for name in TOP_LEVEL_FILES)} and the files of the record folders are read",
            )


def _in_record_folder(folder: Path, name: str) -> Iterator[tuple[Path, str]]:
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if _ignored(entry.name):
            continue
        if entry.is_dir(follow_symlinks=False):
            for path in _data_files_below(Path(entry.path)):
                yield path, f"record files must be directly in '{name}/', not in a subfolder"
        elif entry.name.endswith(_DATA_SUFFIXES):
            if not entry.is_file():
                yield Path(entry.path), "not a regular file (a broken link?)"
        elif entry.name.rstrip().endswith(_DATA_SUFFIXES):
            yield Path(entry.path), "the file name must end in '.yml' (it ends with a space)"
        elif entry.name.lower().endswith(_DATA_SUFFIXES):
            yield Path(entry.path), "the file name must end in '.yml' (lower case)"
        elif _looks_like_data(entry.name):
            yield Path(entry.path), "the file name must end in '.yml'"


def _data_files_below(folder: Path) -> Iterator[Path]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not _ignored(f))
        for name in sorted(files):
            if not _ignored(name) and _looks_like_data(name):
                yield Path(root) / name
