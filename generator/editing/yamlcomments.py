"""Where the comments of a YAML text are, so that `fmt` can prove it kept every one of them.

A `#` starts a comment when it is outside every scalar (libyaml's events give each scalar's span)
and begins a line or follows a space. Text split at its first and last line of data gives the
head (modeline, notes above the record), the body (the record) and the tail (notes below it).
"""

from __future__ import annotations

from dataclasses import dataclass

from _ruamel_yaml import CParser
from ruamel.yaml.events import ScalarEvent


@dataclass(frozen=True)
class Comment:
    line: int  # 1-based
    column: int  # 1-based
    text: str  # from '#' to the end of the line, trailing spaces removed


@dataclass(frozen=True)
class Layout:
    head: list[str]
    body: list[str]
    tail: list[str]


def _scalar_spans(text: str) -> list[tuple[int, int]]:
    parser = CParser(text)
    spans: list[tuple[int, int]] = []
    while True:
        event = parser.get_event()
        if event is None or type(event).__name__ == "StreamEndEvent":
            return spans
        if isinstance(event, ScalarEvent):
            spans.append((event.start_mark.index, event.end_mark.index))


def _split_lines(text: str) -> list[tuple[int, str, str | None]]:
    """Each line as (1-based number, its data part, its comment or None). `text` must parse."""
    spans = _scalar_spans(text)
    inside = bytearray(len(text) + 1)
    for start, end in spans:
        inside[start:end] = b"\x01" * (end - start)
    result: list[tuple[int, str, str | None]] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        comment_at = None
        for column, char in enumerate(line):
            if char == "#" and not inside[offset + column] and (column == 0 or line[column - 1] in " \t"):
                comment_at = column
                break
        if comment_at is None:
            result.append((number, line, None))
        else:
            result.append((number, line[:comment_at], line[comment_at:].rstrip()))
        offset += len(line) + 1
    return result


def comments(text: str) -> list[Comment]:
    """Every comment of `text` (which must be YAML the parser accepts), in order."""
    return [
        Comment(number, len(data) + 1, comment) for number, data, comment in _split_lines(text) if comment is not None
    ]


def layout(text: str) -> Layout:
    """Split `text` into the lines above its data (a leading `---` included), the data, and the
    lines below it (a closing `...` included)."""
    lines = _split_lines(text.rstrip("\n"))
    data = [index for index, (_, code, _) in enumerate(lines) if code.strip()]
    raw = text.rstrip("\n").split("\n")
    if not data:
        return Layout(raw, [], [])
    first, last = data[0], data[-1]
    if lines[first][1].strip() == "---" and len(data) > 1:
        first = data[1]
    if lines[last][1].strip() == "..." and len(data) > 1:
        last = data[-2]
    return Layout(raw[:first], raw[first : last + 1], raw[last + 1 :])


@dataclass(frozen=True)
class Block:
    """One top-level field: the comment and blank lines above it, and its own lines."""

    leading: list[str]
    lines: list[str]


def top_level_blocks(body: list[str]) -> list[Block]:
    """The fields of a block mapping, each with the lines above it that belong to it.

    A field starts at a line of data that is not indented; comment and blank lines right above it
    are its own (an editor writes a note above what it is about), so moving the field moves them.
    """
    lines = _split_lines("\n".join(body))
    starts = [index for index, (_, code, _) in enumerate(lines) if code.strip() and not code[0].isspace()]
    blocks: list[Block] = []
    previous_end = 0
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        while end - 1 > start and not lines[end - 1][1].strip():
            end -= 1  # comment and blank lines above the next field belong to it
        blocks.append(Block(body[previous_end:start], body[start:end]))
        previous_end = end
    return blocks
