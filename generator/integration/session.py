"""What outlives one build in a process: `mkdocs serve` and each language edition make a new
configuration and new plugin instances for every build, so the caches that make the next build fast
live here, in one object the plugin asks, instead of in module globals of several modules."""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from generator.charts import Drawings
from generator.factbase.loader import LoadCache

LOAD_CACHE_FILE = "records.pickle"


class MemoryBytecodeCache(BytecodeCache):
    """The theme's compiled templates: each edition (and each rebuild of `mkdocs serve`) gets a new Jinja
    environment, which would otherwise compile Material's templates again. Keyed by template name and
    source checksum, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self.compiled: dict[tuple[str, str | None], bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[(bucket.key, bucket.checksum)] = bucket.bytecode_to_string()


class Session:
    """The process's caches: parsed records per content folder (restored from and saved to the cache
    folder, so a cold process starts warm), the theme's compiled templates and the charts being drawn."""

    def __init__(self) -> None:
        self._records: dict[Path, LoadCache] = {}
        self._parsed_when_saved: dict[Path, int] = {}
        self.theme_bytecode = MemoryBytecodeCache()
        self.drawings = Drawings()
        """Charts being drawn by workers, started by one edition's build and collected by another's."""

    def records(self, content_dir: Path, cache_dir: Path) -> LoadCache:
        """The parsed-records cache of `content_dir`, restored from `cache_dir` on first use."""
        cache = self._records.get(content_dir)
        if cache is None:
            cache = self._records[content_dir] = LoadCache()
            cache.restore(cache_dir / LOAD_CACHE_FILE)
            self._parsed_when_saved[content_dir] = cache.parsed
        return cache

    def save_records(self, content_dir: Path, cache_dir: Path) -> None:
        """Write the records cache of `content_dir` when this process parsed files since the last write."""
        cache = self._records.get(content_dir)
        if cache is not None and cache.parsed != self._parsed_when_saved.get(content_dir):
            cache.save(cache_dir / LOAD_CACHE_FILE)
            self._parsed_when_saved[content_dir] = cache.parsed


SESSION = Session()
