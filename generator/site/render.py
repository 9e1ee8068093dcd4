"""The Jinja2 environment that turns the report model into Markdown pages.

Every `{{ expression }}` is made inert by `finalize` unless it is already Markup, so a template
cannot forget to escape researcher-typed text; helpers that build links return Markup.
Autoescape is on only so that macros return Markup (and are not escaped twice); its HTML
escaping is not enough for Markdown, hence two rules for templates: never concatenate text with
`~` (it yields HTML-escaped Markup), and `join` is replaced by one that makes each item inert.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

from generator.cachefile import read_sealed, write_sealed
from generator.factbase.models import Figure
from generator.site.plaintext import inert
from generator.model.report import possible_outlier

_LINK = re.compile(r"^[A-Za-z0-9._/-]+(#[a-z0-9-]+)?$")
_ANCHOR = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _finalize(value: Any) -> Any:
    if value is None:
        return Markup("")
    return inert(value)


def _join_inert(items: Any, separator: str = "") -> Markup:
    return Markup(inert(separator)).join(inert(item) for item in items)


def figure_value(figure: Figure) -> str:
    """A reported value as a reader says it: '225', 'about 2,500', 'at least 200', '20–30'."""
    if figure.value is not None:
        return f"{'about ' if figure.approximate else ''}{figure.value:,}"
    if figure.min is not None and figure.max is not None:
        return f"{figure.min:,}–{figure.max:,}"
    if figure.min is not None:
        return f"at least {figure.min:,}"
    return f"up to {figure.max:,}"


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def anchor(record_id: str) -> Markup:
    """A record id as an HTML id; ids are validated as [a-z0-9-], which is safe as is."""
    if not _ANCHOR.match(record_id):
        raise ValueError(f"not a valid anchor: {record_id!r}")
    return Markup(record_id)


_ENVIRONMENTS: dict[tuple[Path, Path | None], Environment] = {}


def make_environment(templates_dir: Path, cache_dir: Path | None = None) -> Environment:
    """One environment per templates folder, reused across builds so templates compile once.

    Jinja re-reads a template whose file changed (auto_reload), and the bytecode cache lets a
    new process skip compiling templates that did not change.
    """
    key = (templates_dir, cache_dir)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(templates_dir, cache_dir)
    return _ENVIRONMENTS[key]


class CheckedBytecodeCache(BytecodeCache):
    """Compiled templates in sealed files: a damaged file is compiled again, a failed write skipped."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, bucket: Bucket) -> Path:
        return self.directory / f"__jinja2_{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        payload = read_sealed(self._path(bucket))
        if payload is None:
            return
        try:
            bucket.bytecode_from_string(payload)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        write_sealed(self._path(bucket), bucket.bytecode_to_string())


def _new_environment(templates_dir: Path, cache_dir: Path | None) -> Environment:
    bytecode_cache = CheckedBytecodeCache(cache_dir / "jinja") if cache_dir is not None else None
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        bytecode_cache=bytecode_cache,
        auto_reload=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    env.filters["iso_date"] = date.fromisoformat
    env.filters["short_date"] = short_date
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["join"] = _join_inert
    env.filters["anchor"] = anchor
    env.filters["figure_value"] = figure_value
    env.tests["possible_outlier"] = possible_outlier
    return env


@lru_cache(maxsize=65536)
def _relative(target: str, start: str) -> str:
    return posixpath.relpath(target, start)


class Linker:
    """Relative links from one generated page to others, checked by MkDocs at build time."""

    def __init__(self, page_path: str) -> None:
        self.page_dir = posixpath.dirname(page_path)

    def url(self, target: str, anchor: str = "") -> Markup:
        relative = _relative(target, self.page_dir or ".")
        link = f"{relative}#{anchor}" if anchor else relative
        if not _LINK.match(link):
            raise ValueError(f"unsafe internal link: {link!r}")
        return Markup(link)

    def link(self, text: Any, target: str, anchor: str = "") -> Markup:
        return Markup(f"[{inert(text)}]({self.url(target, anchor)})")


def external_link(text: Any, url: str) -> Markup:
    return Markup(f'<a href="{inert(url)}">{inert(text)}</a>')
