"""Reuse text rendered by an earlier build in this process when none of its inputs changed.

`mkdocs serve` rebuilds the whole site after every edit, but one edited YAML file changes few
pages: unchanged files give the very same record objects from the load cache, so a block whose
inputs are all the same objects as last time renders to the same text. Comparing identities is
exact and costs one pass over the inputs.

A block's inputs are what it is given (the record, and e.g. the records citing it) plus every
record it reads while rendering (link labels, citations), which the renderer reports through
`read`. Anything a block reads that is neither (the report settings, the citation numbers, the
templates) belongs in the build's `setting`: when that changes, nothing is reused.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=str)


@dataclass(frozen=True, slots=True)
class _Block:
    inputs: tuple[Any, ...]
    reads: tuple[Any, ...]
    text: str
    # The blocks drawn inside this one: still in use while it is reused.
    inner: tuple[Hashable, ...] = ()


def flatten(values: Iterable[Any]) -> tuple[Any, ...]:
    """Inputs as one flat tuple: a list contributes its length and its items (a list of lists, theirs)."""
    flat: list[Any] = []
    _flatten_into(flat, values)
    return tuple(flat)


def _flatten_into(flat: list[Any], values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, list | tuple):
            flat.append(len(value))
            if any(isinstance(item, list | tuple) for item in value):
                _flatten_into(flat, value)
            else:
                flat.extend(value)
        else:
            flat.append(value)


def same(previous: tuple[Any, ...], current: tuple[Any, ...]) -> bool:
    """Identical objects, or equal plain values (numbers, strings, frozen dataclasses)."""
    return len(previous) == len(current) and all(
        a is b or (type(a) is type(b) and not isinstance(a, BaseModel) and a == b)
        for a, b in zip(previous, current, strict=True)
    )


class BlockMemo:
    """Rendered blocks of one templates folder, kept from one build to the next."""

    def __init__(self) -> None:
        self._blocks: dict[Hashable, _Block] = {}
        self._setting: tuple[Any, ...] = ()
        self._used: set[Hashable] = set()
        self._reading: list[list[Any]] = []
        self._drawing: list[list[Hashable]] = []
        self.hits = self.misses = 0

    def begin(self, setting: tuple[Any, ...]) -> None:
        """Start a build; every block is dropped when the setting is not the same as last build's."""
        if not same(self._setting, setting):
            self._blocks.clear()
        self._setting = setting
        self._used = set()
        self._reading.clear()
        self._drawing.clear()
        self.hits = self.misses = 0

    def finish(self) -> None:
        """End a build: forget the blocks it did not use (records deleted, pages gone)."""
        for key in self._blocks.keys() - self._used:
            del self._blocks[key]

    def read(self, *records: Any) -> None:
        """Note that the block being rendered reads these records (by their `id`)."""
        if self._reading:
            self._reading[-1].extend(records)

    def render(self, key: Hashable, inputs: tuple[Any, ...], draw: Callable[[], T], by_id: Mapping[str, Any]) -> T:
        """What `draw()` returned in the last build if nothing it depends on changed, else `draw()`."""
        known = self._blocks.get(key)
        if (
            known is not None
            and same(known.inputs, inputs)
            and all(by_id.get(record.id) is record for record in known.reads)
        ):
            self.hits += 1
            self._use(key, *known.inner)
            self.read(*known.reads)
            return known.text  # type: ignore[return-value]
        self.misses += 1
        self._use(key)
        self._reading.append([])
        self._drawing.append([])
        try:
            text = draw()
        finally:
            reads = tuple(self._reading.pop())
            inner = tuple(self._drawing.pop())
        self.read(*reads)
        self._use(*inner)
        self._blocks[key] = _Block(inputs, reads, text, inner)
        return text

    def _use(self, *keys: Hashable) -> None:
        self._used.update(keys)
        if self._drawing:
            self._drawing[-1].extend(keys)

    @contextmanager
    def reading(self) -> Iterator[list[Any]]:
        """Collect what is read inside the `with`, blocks reused from the last build included
        (a page's citations); it still counts for the block around it."""
        frame: list[Any] = []
        self._reading.append(frame)
        try:
            yield frame
        finally:
            self._reading.pop()
            self.read(*frame)


_MEMOS: dict[Hashable, BlockMemo] = {}


def memo_for(key: Hashable) -> BlockMemo:
    """The memo kept for one templates folder across the builds of this process."""
    if key not in _MEMOS:
        _MEMOS[key] = BlockMemo()
    return _MEMOS[key]
