"""`fmt`: put record files in canonical form (key order, quoting) and keep every comment.

A file is rewritten only when its form changes, atomically, and only when re-reading the result
gives exactly the values the researcher typed and every comment it had; otherwise the file is left
alone and reported. Comment lines above a field move with it; the lines above and below the
record (modeline, notes, a closing `...`) stay where they are.
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from generator.editing.yamlcomments import Comment, comments, layout, top_level_blocks
from generator.factbase.fieldtypes import MAX_COUNT_DIGITS, parse_day
from generator.factbase.loader import REPORT_FILE, VOCABULARIES_FILE, display_path, is_mapping, models_in, record_files
from generator.factbase.models import RECORD_TYPE_BY_FOLDER, ReportInfo
from generator.factbase.schema import MODELINE_PREFIX, modeline
from generator.factbase.vocabfile import VocabularyFile
from generator.factbase.yamlread import Document, parse_document

# What ruamel reads as a date (and fails to build when the day does not exist).
_DATE_LIKE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")
# Editors' notes read best after the facts they comment on; a record's other languages come last.
LAST_KEYS = ("note", "translations")


@dataclass(frozen=True)
class Outcome:
    path: Path
    changed: bool
    problem: str | None = None


def data_files(content_dir: Path) -> list[tuple[Path, type[BaseModel]]]:
    """The files `check` reads, each with its model."""
    files: list[tuple[Path, type[BaseModel]]] = []
    if (content_dir / REPORT_FILE).is_file():
        files.append((content_dir / REPORT_FILE, ReportInfo))
    if (content_dir / VOCABULARIES_FILE).is_file():
        files.append((content_dir / VOCABULARIES_FILE, VocabularyFile))
    for folder, model in RECORD_TYPE_BY_FOLDER.items():
        files += [(path, model) for path in record_files(content_dir / folder)]
    return files


def format_text(text: str, model: type[BaseModel], display: str) -> tuple[str, str | None]:
    """Return the canonical text, or the original text and the reason it cannot be formatted."""
    original, problems = parse_document(text.encode("utf-8"), display)
    if original is None:
        return text, str(problems[0])
    between = _comment_inside_a_field(text, original, display)
    if between is not None:
        return text, between
    parts = layout(text.replace("\r\n", "\n"))  # canonical form ends lines with LF only
    blocks = top_level_blocks(parts.body)
    yaml = _round_trip()
    try:
        # Without the comment lines between fields, which ruamel would leave where they were.
        data = yaml.load("\n".join(line for block in blocks for line in block.lines) + "\n")
    except (YAMLError, ValueError, OverflowError) as error:
        # The safe reader accepted the file, so this is a value ruamel types and cannot construct.
        return text, _unconstructible(original, display, error)
    if not isinstance(data, CommentedMap) or len(data) != len(blocks):
        return text, f"{display}:1:1: cannot tell the fields of this file apart; check its indentation"
    leading = dict(zip(data, (block.leading for block in blocks), strict=True))
    _keep_typed_text(data, original.data)
    _quote_commented_text(data)
    _reorder(data, model)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    fields = top_level_blocks(buffer.getvalue().rstrip("\n").split("\n"))
    body = [
        line for key, field in zip(data, fields, strict=True) for line in [*leading[key], *field.leading, *field.lines]
    ]
    head = _with_modeline(parts.head, modeline(model))
    formatted = "\n".join([*head, *body, *parts.tail]).rstrip("\n") + "\n"
    again, _ = parse_document(formatted.encode("utf-8"), display)
    if again is None or again.data != original.data:
        return text, f"{display}:1:1: formatting would change a value; quote text values and run fmt again"
    lost = _lost_comment(text, formatted, added=head[: len(head) - len(parts.head)])
    if lost is not None:
        return text, (
            f"{display}:{lost.line}:{lost.column}: formatting would drop or change the comment "
            f"'{lost.text}'; put it on its own line above a key and run fmt again"
        )
    return formatted, None


def _comment_inside_a_field(text: str, document: Document, display: str) -> str | None:
    """A comment between a key and its value has no place in canonical form: ask to move it."""
    found = comments(text)
    scalars = dict(_scalars(document.data))
    for path, key_at in document.keys.items():
        value_at = document.values[path]
        if path not in scalars:
            continue  # ruamel keeps a comment after a key whose value is a list or mapping
        for comment in found:
            if key_at < (comment.line, comment.column) < value_at:
                return (
                    f"{display}:{comment.line}:{comment.column}: the comment '{comment.text}' is between the key "
                    f"'{path[-1]}' and its value; move it to its own line above the key"
                )
    return None


def _with_modeline(head: list[str], line: str) -> list[str]:
    """The head with the schema modeline first: an existing one is kept (never duplicated)."""
    if head and head[0].startswith(MODELINE_PREFIX):
        return head
    if line in head:
        return [line, *(other for index, other in enumerate(head) if index != head.index(line))]
    return [line, *head]


def _lost_comment(before: str, after: str, added: list[str]) -> Comment | None:
    """The first comment of `before` that `after` does not have (as many times), if any."""
    remaining = Counter(comment.text for comment in comments(after))
    remaining.subtract(added)
    for comment in comments(before):
        if remaining[comment.text] <= 0:
            return comment
        remaining[comment.text] -= 1
    return None


def format_file(path: Path, model: type[BaseModel], *, write: bool) -> Outcome:
    display = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Outcome(path, False, f"{display}:1:1: cannot read file: {error.strerror or error}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        _, problems = parse_document(raw, display)
        return Outcome(path, False, str(problems[0]))
    formatted, problem = format_text(text, model, display)
    if problem:
        return Outcome(path, False, problem)
    if formatted == text:
        return Outcome(path, False)
    if write and not replace_unless_changed(path, raw, formatted):
        return Outcome(
            path, False, f"{display}:1:1: the file changed while fmt was running; left as saved, run fmt again"
        )
    return Outcome(path, True)


def _unconstructible(original: Document, display: str, error: Exception) -> str:
    for path, value in _scalars(original.data):
        line, column = original.values.get(path, (1, 1))
        if isinstance(value, str) and value.lstrip("+-").isdigit() and len(value) > sys.get_int_max_str_digits() > 0:
            return f"{display}:{line}:{column}: a number of {len(value.lstrip('+-'))} digits is not a count; a count has at most {MAX_COUNT_DIGITS} digits"
        if isinstance(value, str) and _DATE_LIKE.match(value):
            try:
                parse_day(value)
            except ValueError as bad_date:
                return f"{display}:{line}:{column}: {bad_date}"
    return f"{display}:1:1: cannot format: {error}"


def _scalars(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _scalars(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _scalars(value, (*path, index))
    else:
        yield path, node


def _round_trip() -> YAML:
    yaml = YAML()  # a fresh parser per file: directives and state never leak between files
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one line per plain value: no wrapped lines with trailing spaces
    yaml.preserve_quotes = False
    return yaml


def _keep_typed_text(node: Any, typed: Any) -> None:
    """Where YAML would re-type text (`007` → 7), keep the text the researcher typed, quoted."""
    if isinstance(node, CommentedMap) and isinstance(typed, dict):
        for key in list(node):
            node[key] = _typed_value(node[key], typed.get(key))
    elif isinstance(node, CommentedSeq) and isinstance(typed, list):
        for index, item in enumerate(node):
            if index < len(typed):
                node[index] = _typed_value(item, typed[index])


def _quote_commented_text(node: Any) -> None:
    """Text followed by a comment on its line stays quoted: plain, YAML would read the comment into it."""
    if isinstance(node, CommentedMap | CommentedSeq):
        slot = 2 if isinstance(node, CommentedMap) else 0
        for key in list(node) if isinstance(node, CommentedMap) else range(len(node)):
            value = node[key]
            entry = node.ca.items.get(key)
            token = entry[slot] if entry and len(entry) > slot else None
            if isinstance(value, str) and token is not None and not token.value.startswith("\n"):
                node[key] = SingleQuotedScalarString(value)
            _quote_commented_text(value)


def _typed_value(value: Any, typed: Any) -> Any:
    if isinstance(value, CommentedMap | CommentedSeq):
        _keep_typed_text(value, typed)
        return value
    if isinstance(typed, str) and isinstance(value, int) and not isinstance(value, bool) and str(value) != typed:
        return typed
    return value


def _reorder(node: Any, model: type[BaseModel] | None) -> None:
    if not isinstance(node, CommentedMap) or model is None:
        return
    order = [name for name in model.model_fields if name not in LAST_KEYS] + list(LAST_KEYS)
    before = list(node)
    leading = _detach_leading_comments(node, before)
    for key in sorted(node, key=lambda k: order.index(k) if k in order else len(order)):
        node.move_to_end(key)
    _attach_leading_comments(node, leading, trailing_of=before[-1] if before else None)
    for key, value in node.items():
        nested = _nested_model(model, key)
        items = value if isinstance(value, CommentedSeq) else [value]
        if _keyed(model, key) and isinstance(value, CommentedMap):
            items = list(value.values())  # `translations: {fr: {...}}`: the language keys keep their order
        for item in items:
            _reorder(item, nested)


def _detach_leading_comments(node: CommentedMap, keys: list[Any]) -> dict[Any, str]:
    """ruamel stores the comment lines above a key with the previous key: take them back."""
    leading: dict[Any, str] = {}
    for previous, key in zip(keys, [*keys[1:], None], strict=True):
        entry = node.ca.items.get(previous)
        token = entry[2] if entry and len(entry) > 2 else None
        if token is None or isinstance(node[previous], CommentedMap | CommentedSeq):
            continue  # below a key that opens a list or mapping, a comment is about its first entry
        end_of_line, _, below = token.value.partition("\n")
        if below.strip():
            token.value = end_of_line + "\n"
            leading[key] = below
    return leading


def _attach_leading_comments(node: CommentedMap, leading: dict[Any, str], trailing_of: Any) -> None:
    keys = list(node)
    for key, text in leading.items():
        if key is None:
            _append_comment(node, keys[-1], text)
            continue
        position = keys.index(key)
        if position == 0:
            top = node.ca.comment
            if top is None:
                node.ca.comment = top = [None, []]
            if top[1] is None:
                top[1] = []
            top[1].append(CommentToken(text, CommentMark(0), None))
        else:
            _append_comment(node, keys[position - 1], text)


def _append_comment(node: CommentedMap, key: Any, text: str) -> None:
    entry = node.ca.items.setdefault(key, [None, None, None, None])
    if entry[2] is None:
        entry[2] = CommentToken("\n" + text, CommentMark(0), None)
    else:
        entry[2].value += text


def _keyed(model: type[BaseModel], key: str) -> bool:
    info = model.model_fields.get(key)
    return info is not None and is_mapping(info.annotation)


def _nested_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    info = model.model_fields.get(key)
    return next(models_in(info.annotation), None) if info else None


def replace_unless_changed(path: Path, read: bytes, text: str) -> bool:
    """Atomically replace `path` by `text`, unless it no longer holds the bytes fmt read.

    An editor may save while fmt runs: the file is compared again after the new text is on disk,
    just before the rename, so a save is never overwritten (the window left is the rename itself).
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        if path.read_bytes() != read:
            os.unlink(temporary)
            return False
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return True
