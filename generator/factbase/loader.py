"""Load the content folder into typed records, with the origin of each for error messages.

Each file is parsed and validated on its own; results are cached by path, size, modification
time and inode (plus contents while the mtime is too recent to be trusted), so a warm reload
(as `mkdocs serve` does after an edit) re-reads only the changed files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator import collector
from generator.cachefile import read_sealed, write_sealed
from generator.factbase.diagnostics import Diagnostic, did_you_mean
from generator.factbase.models import (
    RECORD_TYPE_BY_FOLDER,
    FieldRuleError,
    Publisher,
    PublisherRegister,
    Record,
    ReportInfo,
)
from generator.factbase.schema import MODELINE_PREFIX, modeline
from generator.factbase.strays import stray_files
from generator.factbase.vocab import Vocabularies, using
from generator.factbase.vocabfile import VocabularyFile, vocabularies_from
from generator.factbase.yamlread import Document, Path_, read_document

REPORT_FILE = "report.yml"
PUBLISHERS_FILE = "publishers.yml"
VOCABULARIES_FILE = "vocabularies.yml"
DATA_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Origin:
    """Where a record came from, to point errors at the right line."""

    path: str
    document: Document

    def at(self, *path: str | int, key: bool = False) -> tuple[int, int]:
        table = self.document.keys if key else self.document.values
        while path:
            if path in table:
                return table[path]
            path = path[:-1]
        return self.document.values.get((), (1, 1))

    def diagnostic(self, message: str, *path: str | int, key: bool = False, warning: bool = False) -> Diagnostic:
        line, column = self.at(*path, key=key)
        return Diagnostic(self.path, line, column, message, warning)


@dataclass
class Loaded:
    info: ReportInfo | None
    records: dict[str, list[Record]]
    origins: dict[int, Origin]
    diagnostics: list[Diagnostic]
    # Ids of files that failed validation: references to them are not reported a second time.
    broken_ids: dict[str, set[str]] = field(default_factory=dict)
    # The source register, when content/publishers.yml exists (None: no register, nothing to check against).
    publishers: list[Publisher] | None = None
    publishers_origin: Origin | None = None
    # Problems that do not stop a build (set by `factbase.load_checked`).
    warnings: list[Diagnostic] = field(default_factory=list)
    # The members of every vocabulary (None when content/vocabularies.yml could not be read).
    vocabularies: Vocabularies | None = None

    def origin(self, record: Any) -> Origin:
        return self.origins[id(record)]


@dataclass
class _Entry:
    stamp: tuple[int, ...]
    record: BaseModel | None
    origin: Origin | None
    diagnostics: list[Diagnostic]
    digest: bytes | None = None
    """The file's SHA-256 while its mtime is too recent to tell a later edit apart (see `_racy`)."""


JOURNAL_LIMIT = 500
"""Changed files kept in the small journal beside the saved cache before the whole cache is written again."""


@dataclass
class LoadCache:
    """Per-file results of earlier loads, keyed by path; valid while size and mtime match.

    It can be kept on disk between processes (`save`/`restore`), so a second `mkdocs build`
    does not parse and validate again the files that did not change. Pickling every entry takes
    about a second at 20,000 files, so after an edit `save` writes only the entries changed since
    the last full save (a journal beside it, naming the full save it extends), and the whole
    cache only when that journal grows past `JOURNAL_LIMIT` entries.
    """

    entries: dict[str, _Entry] = field(default_factory=dict)
    parsed: int = 0
    # The full save on disk these entries extend, and what changed since (None: a file gone).
    snapshot: str | None = None
    journal: dict[str, _Entry | None] = field(default_factory=dict)

    def put(self, key: str, entry: _Entry) -> None:
        self.entries[key] = entry
        self.journal[key] = entry

    def drop(self, key: str) -> None:
        del self.entries[key]
        self.journal[key] = None

    def save(self, path: Path) -> None:
        """Keep the entries at `path` if it can be written; a cache that cannot be saved is a miss next time."""
        if self.snapshot is not None and len(self.journal) <= JOURNAL_LIMIT:
            try:
                changes = pickle.dumps((_code_version(), self.snapshot, self.journal), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                return
            if write_sealed(journal_path(path), changes):
                return
        snapshot = secrets.token_hex(8)
        try:
            payload = pickle.dumps((_code_version(), snapshot, self.entries), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # an entry that cannot be pickled: no cache rather than no build
            return
        with suppress(OSError):
            journal_path(path).unlink(missing_ok=True)
        if write_sealed(path, payload):
            self.snapshot = snapshot
            self.journal = {}

    def restore(self, path: Path) -> None:
        """Take the entries saved at `path` (and its journal), unless they were made by other code or were altered."""
        payload = read_sealed(path)
        if payload is None:
            return
        try:
            with collector.loading():
                version, snapshot, entries = pickle.loads(payload)
        except Exception:
            return
        if not (version == _code_version() and _entries(entries)):
            return
        self.entries.update(entries)
        self.snapshot = snapshot
        changes = read_sealed(journal_path(path))
        if changes is None:
            return
        try:
            with collector.loading():
                version, extends, journal = pickle.loads(changes)
        except Exception:
            return
        # A journal written for another full save (a second process saved since) is not ours to apply.
        if version != _code_version() or extends != snapshot or not _entries(journal, gone=True):
            return
        for key, entry in journal.items():
            if entry is None:
                self.entries.pop(key, None)
            else:
                self.entries[key] = entry
        self.journal = dict(journal)


def journal_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.journal")


def _entries(value: Any, gone: bool = False) -> bool:
    return isinstance(value, dict) and all(
        isinstance(key, str) and (isinstance(entry, _Entry) or (gone and entry is None)) for key, entry in value.items()
    )


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A digest of the code that turns files into records: a change to it invalidates saved caches."""
    # Every module of this stage, by name: moving or adding one cannot break the cache, only renew it.
    digest = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def load_content(
    content_dir: Path, cache: LoadCache | None = None, checkpoint: Callable[[], None] | None = None
) -> Loaded:
    """Every record of `content_dir`, with positions and problems. `checkpoint` is called every
    `CHECKPOINT_FILES` files; it may raise to stop the load (the cache stays consistent)."""
    with collector.loading():
        return _load_content(content_dir, cache if cache is not None else LoadCache(), checkpoint or _go_on)


CHECKPOINT_FILES = 1000


def _go_on() -> None:
    pass


def _load_content(content_dir: Path, cache: LoadCache, checkpoint: Callable[[], None]) -> Loaded:
    records: dict[str, list[Record]] = {folder: [] for folder in RECORD_TYPE_BY_FOLDER}
    broken_ids: dict[str, set[str]] = {folder: set() for folder in RECORD_TYPE_BY_FOLDER}
    origins: dict[int, Origin] = {}
    diagnostics: list[Diagnostic] = []
    seen: set[str] = set()

    vocabularies, problems, salt = _load_vocabularies(content_dir, cache, seen)
    diagnostics += problems
    if vocabularies is None:
        # Without the members of the vocabularies no record can be checked: fix the file first.
        for stale in set(cache.entries) - seen:
            cache.drop(stale)
        return Loaded(None, records, origins, diagnostics, broken_ids)
    with using(vocabularies):
        loaded = _load_records(content_dir, cache, seen, salt, records, broken_ids, origins, diagnostics, checkpoint)
    loaded.vocabularies = vocabularies
    return loaded


def _load_vocabularies(
    content_dir: Path, cache: LoadCache, seen: set[str]
) -> tuple[Vocabularies | None, list[Diagnostic], int]:
    """The vocabularies, their problems, and a number that changes with the file (records validated against it)."""
    path = content_dir / VOCABULARIES_FILE
    if not path.is_file():
        return (
            None,
            [
                Diagnostic(
                    display_path(path),
                    1,
                    1,
                    "missing vocabularies file: it declares the members of every "
                    "vocabulary (categories, stances, metrics...) with their labels",
                )
            ],
            0,
        )
    entry = _load_file(path, VocabularyFile, cache, seen)
    if not isinstance(entry.record, VocabularyFile) or entry.origin is None:
        return None, entry.diagnostics, 0
    vocabularies, problems = vocabularies_from(entry.record, entry.origin)
    salt = int.from_bytes((_digest(path) or b"\0" * 8)[:8], "big")
    return vocabularies, entry.diagnostics + problems, salt


def _load_records(
    content_dir: Path,
    cache: LoadCache,
    seen: set[str],
    salt: int,
    records: dict[str, list[Record]],
    broken_ids: dict[str, set[str]],
    origins: dict[int, Origin],
    diagnostics: list[Diagnostic],
    checkpoint: Callable[[], None],
) -> Loaded:
    info_path = content_dir / REPORT_FILE
    info: ReportInfo | None = None
    if info_path.is_file():
        entry = _load_file(info_path, ReportInfo, cache, seen, salt)
        diagnostics += entry.diagnostics
        info = entry.record if isinstance(entry.record, ReportInfo) else None
        if info is not None and entry.origin is not None:
            origins[id(info)] = entry.origin
    else:
        diagnostics.append(
            Diagnostic(
                display_path(info_path),
                1,
                1,
                "missing report file: it gives the report's title, period and timeline phases",
            )
        )

    publishers: list[Publisher] | None = None
    publishers_entry: _Entry | None = None
    if (content_dir / PUBLISHERS_FILE).is_file():
        publishers_entry = _load_file(content_dir / PUBLISHERS_FILE, PublisherRegister, cache, seen, salt)
        diagnostics += publishers_entry.diagnostics
        if isinstance(publishers_entry.record, PublisherRegister):
            publishers = list(publishers_entry.record.publishers)

    for folder, model in RECORD_TYPE_BY_FOLDER.items():
        for position, path in enumerate(_record_paths(content_dir / folder), 1):
            if position % CHECKPOINT_FILES == 0:
                checkpoint()
            entry = _load_file(path, model, cache, seen, salt)
            diagnostics += entry.diagnostics
            if isinstance(entry.record, Record) and entry.origin is not None:
                records[folder].append(entry.record)
                origins[id(entry.record)] = entry.origin
            elif entry.diagnostics:
                broken_ids[folder].add(Path(path).stem)
    diagnostics += [
        Diagnostic(display_path(path), 1, 1, f"not read: {reason}") for path, reason in stray_files(content_dir)
    ]
    for stale in set(cache.entries) - seen:
        cache.drop(stale)
    return Loaded(
        info,
        records,
        origins,
        diagnostics,
        broken_ids,
        publishers,
        publishers_entry.origin if publishers_entry is not None else None,
    )


def record_files(directory: Path) -> list[Path]:
    """The record files of one record folder, sorted: `*.yml` and `*.yaml` directly in it."""
    return [Path(path) for path in _record_paths(directory)]


def _record_paths(directory: Path) -> list[str]:
    """`record_files` as strings: a warm load of 20,000 files spends more in `Path` than in `stat`."""
    try:
        with os.scandir(directory) as entries:
            found = [entry.path for entry in entries if entry.name.endswith(DATA_SUFFIXES) and entry.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(found, key=os.path.basename)


def _load_file(file: Path | str, model: type[BaseModel], cache: LoadCache, seen: set[str], salt: int = 0) -> _Entry:
    """`salt` changes with what the validation depends on besides the file (the vocabularies)."""
    key = str(file)
    seen.add(key)
    stat = os.stat(key)
    stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino, salt)
    cached = cache.entries.get(key)
    if cached is not None and cached.stamp == stamp and _unchanged(cached, key, stat.st_mtime_ns):
        return cached
    path = Path(key)
    cache.parsed += 1
    digest = _digest(path) if _racy(stat.st_mtime_ns) else None
    display = display_path(path)
    document, diagnostics = read_document(path, display)
    record: BaseModel | None = None
    origin: Origin | None = None
    if document is not None and not document.first_line.startswith(MODELINE_PREFIX):
        diagnostics.append(
            Diagnostic(
                display,
                1,
                1,
                f"first line must be the schema modeline '{modeline(model)}' (run `python -m generator fmt` to add it)",
            )
        )
    if document is not None:
        origin = Origin(display, document)
        try:
            record = model.model_validate(document.data)
        except ValidationError as exc:
            diagnostics = [_explain(error, origin, model) for error in exc.errors(include_url=False)]
        if isinstance(record, Record) and record.id != path.stem:
            diagnostics.append(
                origin.diagnostic(
                    f"id '{record.id}' does not match the file name '{path.name}'; rename one of them", "id"
                )
            )
    entry = _Entry(stamp, record, origin, diagnostics, digest)
    cache.put(key, entry)
    return entry


TIMESTAMP_GRANULARITY_NS = 2_000_000_000
"""The coarsest file timestamps in use (FAT: 2 s; ext3, HFS+ and some network filesystems: 1 s)."""


def _racy(mtime_ns: int) -> bool:
    """Whether a file could still be edited without its mtime changing (git's "racy" rule)."""
    return mtime_ns >= time.time_ns() - TIMESTAMP_GRANULARITY_NS


def _unchanged(entry: _Entry, path: Path | str, mtime_ns: int) -> bool:
    """Size, mtime and inode match; a racy entry must also match by content."""
    if entry.digest is None:
        return True
    if _digest(path) != entry.digest:
        return False
    if not _racy(mtime_ns):
        entry.digest = None  # any later edit now gets a later mtime
    return True


def _digest(path: Path | str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return hashlib.sha256(file.read()).digest()
    except OSError:
        return None


def _explain(error: ErrorDetails, origin: Origin, model: type[BaseModel]) -> Diagnostic:
    """Turn one pydantic error into a positioned, plain-English diagnostic."""
    loc = _data_path(origin.document.data, error["loc"])
    field_name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "record")
    kind = error["type"]
    given = error.get("input")
    if loc and loc[-1] == "[key]":  # a key of a mapping such as `translations: {<language>: ...}` is refused
        mapping = next((str(part) for part in reversed(loc[:-2]) if isinstance(part, str)), "record")
        return origin.diagnostic(f"{mapping}: {_strip_prefix(error['msg'])}", *loc[:-1], key=True)
    if kind == "missing":
        return origin.diagnostic(f"missing required field '{loc[-1]}'", *loc[:-1])
    if kind == "extra_forbidden":
        allowed = _field_names(model, loc[:-1])
        return origin.diagnostic(f"unknown field '{loc[-1]}'{did_you_mean(str(loc[-1]), allowed)}", *loc, key=True)
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        choices = [choice.strip(" '") for choice in expected.replace(" or ", ",").split(",") if choice.strip()]
        hint = did_you_mean(str(given), choices)
        return origin.diagnostic(f"invalid {field_name} '{given}'{hint}; expected one of: {', '.join(choices)}", *loc)
    if kind == "value_error":
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, FieldRuleError):
            return origin.diagnostic(str(cause), *loc, *cause.path, key=cause.at_key)
        return origin.diagnostic(f"{field_name}: {_strip_prefix(error['msg'])}", *loc)
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = {"string_type": "text", "list_type": "a list"}.get(kind, "a mapping (key: value lines)")
        return origin.diagnostic(f"{field_name}: expected {wanted}, found {_describe(given)}", *loc)
    if kind == "too_short" and isinstance(given, list):
        return origin.diagnostic(f"{field_name}: needs at least one entry", *loc)
    return origin.diagnostic(f"{field_name}: {_strip_prefix(error['msg']).lower()}", *loc)


def _data_path(data: Any, loc: tuple[str | int, ...]) -> Path_:
    """Keep the parts of a pydantic location that exist in the data (drops union tags)."""
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif index == len(loc) - 1:
            node = None
        else:
            continue
        path.append(part)
    return tuple(path)


def _field_names(model: type[BaseModel], loc: Path_) -> list[str]:
    current: type[BaseModel] | None = model
    keyed = False  # the part at hand is a key of a mapping such as `translations` (a language), not a field
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        if keyed:
            keyed = False
            continue
        info = current.model_fields.get(part)
        current = next(models_in(info.annotation), None) if info else None
        keyed = info is not None and is_mapping(info.annotation)
    return list(current.model_fields) if current else []


def is_mapping(annotation: Any) -> bool:
    """Whether a field's values are keyed by names the researcher chooses (`translations: {fr: ...}`)."""
    return getattr(annotation, "__origin__", None) is dict


def models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for inner in (getattr(annotation, "__origin__", None), *getattr(annotation, "__args__", ())):
        if inner is not None and inner is not annotation:
            yield from models_in(inner)


def _strip_prefix(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


def read_vocabularies(content_dir: Path) -> Vocabularies:
    """The vocabularies of a content folder on their own (for schemas), or ContentError with their problems."""
    from generator.factbase.diagnostics import ContentError

    vocabularies, problems, _ = _load_vocabularies(content_dir, LoadCache(), set())
    errors = [problem for problem in problems if not problem.warning]
    if vocabularies is None or errors:
        raise ContentError(errors)
    return vocabularies
