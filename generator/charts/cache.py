"""Rendered SVGs on disk, keyed by the chart's drawn data and the version of the charts code."""

from __future__ import annotations

import hashlib
import os
import re
from importlib import metadata
from pathlib import Path

from .plan import Plan, canonical_json

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


def chart_key(plan: Plan, version: str) -> str:
    return hashlib.sha256(canonical_json([plan.name, plan.canonical(), version]).encode()).hexdigest()


class SvgCache:
    """`<directory>/<name>-<key>.<variant>.svg`; without a directory nothing is kept."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def load(self, name: str, key: str) -> tuple[bytes, bytes] | None:
        if self.directory is None:
            return None
        try:
            light, dark = (self._path(name, key, variant).read_bytes() for variant in VARIANTS)
        except OSError:
            return None
        return light, dark

    def store(self, name: str, key: str, svgs: tuple[bytes, bytes]) -> None:
        if self.directory is None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for variant, svg in zip(VARIANTS, svgs, strict=True):
            path = self._path(name, key, variant)
            # Written aside then renamed, so a concurrent build never reads half a file.
            partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
            partial.write_bytes(svg)
            os.replace(partial, path)
        self._prune(name, key)

    def _path(self, name: str, key: str, variant: str) -> Path:
        assert self.directory is not None
        return self.directory / f"{name}-{key}.{variant}.svg"

    def _prune(self, name: str, key: str) -> None:
        assert self.directory is not None
        stale = re.compile(rf"^{re.escape(name)}-(?!{key}\.)[0-9a-f]{{64}}\.(light|dark)\.svg$")
        for path in self.directory.iterdir():
            if stale.match(path.name):
                path.unlink(missing_ok=True)
