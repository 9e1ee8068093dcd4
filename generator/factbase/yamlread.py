"""Read one YAML file into plain data with the position of every key and value.

Only a safe subset of YAML is accepted, because the rest silently changes what a researcher
meant: anchors, aliases, merge keys, tags and directives are refused; every scalar is kept as the
exact text typed (typing is the models' job), and a plain value followed by ` #...` is flagged
since YAML would drop that text as a comment. Parsing uses libyaml's event stream (fast, and
non-recursive, so deep nesting cannot exhaust the stack) and composes the data here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _ruamel_yaml import CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

from generator.factbase.diagnostics import Diagnostic

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_COMMENT_AFTER = re.compile(r"^[ \t]+#")

_SYNTAX_HINTS = {
    "anchor": "; quote text that starts with '&'",
    "alias": "; quote text that starts with '*'",
    "tag": "; quote text that starts with '!'",
    "mapping values are not allowed": "; quote text that contains ': '",
}

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A YAML file's data, with 1-based (line, column) of every value and mapping key."""

    data: Any
    first_line: str = ""
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)


class _Refused(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def read_document(path: Path, display: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse `path`; return the document, or None with the reasons it was refused."""

    def problem(line: int, column: int, message: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(display, line, column, message)]

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return problem(
                1, 1, f"file is {size / 1_048_576:.1f} MiB; a record file must be under {MAX_FILE_BYTES // 1024} KiB"
            )
        raw = path.read_bytes()
    except OSError as exc:
        return problem(1, 1, f"cannot read file: {exc.strerror or exc}")
    return parse_document(raw, display)


def parse_document(raw: bytes, display: str) -> tuple[Document | None, list[Diagnostic]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Diagnostic(display, 1, 1, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column_of_byte(raw, exc.start)
        return None, [
            Diagnostic(display, line, column, f"invalid UTF-8 byte 0x{raw[exc.start]:02x}; save the file as UTF-8")
        ]
    problems = _scan_text(text, display)
    if problems:
        return None, problems
    try:
        document = _compose(text)
    except _Refused as refused:
        return None, [Diagnostic(display, refused.line, refused.column, refused.message)]
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        hint = next((h for word, h in _SYNTAX_HINTS.items() if word in message), "")
        return None, [Diagnostic(display, line, column, f"YAML syntax error: {message}{hint}")]
    except ReaderError as exc:
        line, column = _line_column_of_char(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
        return None, [Diagnostic(display, line, column, f"control character U+{code:04X} is not allowed in YAML")]
    except YAMLError as exc:
        return None, [Diagnostic(display, 1, 1, f"YAML error: {exc}")]
    if document is None:
        return None, [Diagnostic(display, 1, 1, "file is empty; it must hold one record (key: value lines)")]
    document.first_line = text.split("\n", 1)[0]
    if not isinstance(document.data, dict):
        found = "a list" if isinstance(document.data, list) else "a single value"
        line, column = document.values[()]
        return None, [Diagnostic(display, line, column, f"expected a mapping of fields (key: value), found {found}")]
    return document, []


def _scan_text(text: str, display: str) -> list[Diagnostic]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            problems.append(
                Diagnostic(
                    display,
                    number,
                    line.index("\t") + 1,
                    "tab character; indent with spaces and write tabs in text as spaces",
                )
            )
        if line.startswith("%"):
            problems.append(
                Diagnostic(
                    display,
                    number,
                    1,
                    "YAML directives (%YAML, %TAG) are not allowed; this project reads YAML 1.2 only",
                )
            )
    return problems


def _line_column_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _line_column_of_char(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _compose(text: str) -> Document | None:
    parser = CParser(text)
    lines = text.splitlines()
    document: Document | None = None
    stack: list[_Frame] = []
    while True:
        event = parser.get_event()
        if isinstance(event, StreamEndEvent):
            return document
        if isinstance(event, DocumentStartEvent):
            if document is not None:
                raise _Refused(event.start_mark.line + 1, 1, "only one YAML document per file (remove '---')")
            document = Document(data=None)
            continue
        if isinstance(event, MappingEndEvent | SequenceEndEvent):
            finished = stack.pop()
            _attach(stack, document, finished.container, finished.line, finished.column, lines)
            continue
        if not isinstance(event, ScalarEvent | MappingStartEvent | SequenceStartEvent | AliasEvent):
            continue
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, AliasEvent):
            raise _Refused(
                line,
                column,
                f"aliases (*{event.anchor}) are not allowed; write the value out, or quote text that starts with '*'",
            )
        if event.anchor is not None:
            raise _Refused(line, column, f"anchors (&{event.anchor}) are not allowed; quote text that starts with '&'")
        if event.tag is not None and not (isinstance(event, ScalarEvent) and event.tag == "!" and event.style != ""):
            raise _Refused(line, column, f"tags ({event.tag}) are not allowed; quote text that starts with '!'")
        if isinstance(event, ScalarEvent):
            plain = event.style in ("", None)
            value: Any = None if plain and event.value in _NULLS else event.value
            if (
                plain
                and stack
                and isinstance(stack[-1].container, dict)
                and stack[-1].pending_key is None
                and value == "<<"
            ):
                raise _Refused(line, column, "merge keys (<<) are not allowed; write the fields out")
            if plain and value is not None and not _is_key_slot(stack):
                rest = lines[event.end_mark.line][event.end_mark.column :] if event.end_mark.line < len(lines) else ""
                if _COMMENT_AFTER.match(rest):
                    hidden = rest.strip()
                    raise _Refused(
                        line,
                        column,
                        f"'{hidden}' after this value is read as a comment and dropped; quote the value if it belongs to it, or move the comment to its own line",
                    )
            _attach(stack, document, value, line, column, lines)
            continue
        if len(stack) >= MAX_DEPTH:
            raise _Refused(line, column, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
        stack.append(_Frame({} if isinstance(event, MappingStartEvent) else [], line, column, _path_of(stack)))


@dataclass
class _Frame:
    container: Any
    line: int
    column: int
    path: Path_
    pending_key: str | None = None
    pending_key_at: tuple[int, int] = (0, 0)


def _is_key_slot(stack: list[_Frame]) -> bool:
    return bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].pending_key is None


def _path_of(stack: list[_Frame]) -> Path_:
    if not stack:
        return ()
    top = stack[-1]
    if isinstance(top.container, dict):
        return (*top.path, top.pending_key or "")
    return (*top.path, len(top.container))


def _attach(
    stack: list[_Frame], document: Document | None, value: Any, line: int, column: int, lines: list[str]
) -> None:
    assert document is not None
    if not stack:
        document.data = value
        document.values[()] = (line, column)
        return
    top = stack[-1]
    if isinstance(top.container, list):
        document.values[(*top.path, len(top.container))] = (line, column)
        top.container.append(value)
        return
    if top.pending_key is None:
        if not isinstance(value, str):
            raise _Refused(line, column, "a key must be plain text")
        if value in top.container:
            first = document.keys[(*top.path, value)]
            raise _Refused(line, column, f"duplicate key '{value}' (first at line {first[0]})")
        top.pending_key, top.pending_key_at = value, (line, column)
        return
    key = top.pending_key
    document.keys[(*top.path, key)] = top.pending_key_at
    document.values[(*top.path, key)] = (line, column)
    top.container[key] = value
    top.pending_key = None
