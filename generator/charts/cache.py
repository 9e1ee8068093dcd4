"""Rendered SVGs on disk, keyed by the chart's drawn data and the version of the charts code."""

from __future__ import annotations

import hashlib
import re
from contextlib import suppress
from importlib import metadata
from pathlib import Path

from generator.cachefile import read_sealed, write_sealed
from generator.charts.plan import Plan, canonical_json
from generator.i18n import DEFAULT_LANGUAGE

_CODE_DIR = Path(__file__).parent
VARIANTS = ("light", "dark")


def code_version() -> str:
    """A hash of every module of this package and of matplotlib's version: any change re-renders."""
    digest = hashlib.sha256()
    for path in sorted(_CODE_DIR.rglob("*.py")):
        digest.update(path.relative_to(_CODE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    try:
        digest.update(metadata.version("matplotlib").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"matplotlib-unknown")
    return digest.hexdigest()


def chart_key(plan: Plan, version: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The default language's key is the one it always was, so an English cache stays valid."""
    parts = [plan.name, plan.canonical(), version] + ([] if language == DEFAULT_LANGUAGE else [language])
    return hashlib.sha256(canonical_json(parts).encode()).hexdigest()


class SvgCache:
    """`<directory>/<name>-<key>.<variant>.svg`; without a directory nothing is kept."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def load(self, name: str, key: str) -> tuple[bytes, bytes] | None:
        """Both variants, or None when one is missing, cut short or altered (each file is sealed)."""
        if self.directory is None:
            return None
        light, dark = (read_sealed(self._path(name, key, variant)) for variant in VARIANTS)
        if light is None or dark is None:
            return None
        return light, dark

    def store(self, name: str, key: str, svgs: tuple[bytes, bytes]) -> None:
        """Best effort: a cache that cannot be written (read-only, full disk) is a miss next time."""
        if self.directory is None:
            return
        for variant, svg in zip(VARIANTS, svgs, strict=True):
            write_sealed(self._path(name, key, variant), svg)
        self._prune(name, key)

    def _path(self, name: str, key: str, variant: str) -> Path:
        assert self.directory is not None
        return self.directory / f"{name}-{key}.{variant}.svg"

    def _prune(self, name: str, key: str) -> None:
        assert self.directory is not None
        stale = re.compile(rf"^{re.escape(name)}-(?!{key}\.)[0-9a-f]{{64}}\.(light|dark)\.svg$")
        with suppress(OSError):
            for path in self.directory.iterdir():
                if stale.match(path.name):
                    path.unlink(missing_ok=True)
