"""Notice saves as they happen: the operating system's file events (inotify and the like, through
watchfiles), or polling where events are not available (some network and container file systems)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import watchfiles

from generator.preview.builder import PLUGIN_NAME, PreviewBuilder

# Editors save in bursts (a temporary file, a rename, a chmod): one rebuild per burst.
DEBOUNCE_MS = 40


def watched_paths(builder: PreviewBuilder) -> list[Path]:
    """The configuration, the docs folder, the folders `watch:` names, the plugin's content and templates."""
    assert builder.state is not None
    config = builder.state.editions[0].config
    plugin = config.plugins[PLUGIN_NAME]
    candidates = [
        builder.config_file,
        Path(config.docs_dir),
        *(Path(p) for p in config.watch),
        builder.root / plugin.config.content_dir,
        builder.root / plugin.config.templates_dir,
    ]
    paths: list[Path] = []
    for path in (candidate.resolve() for candidate in candidates):
        if path.exists() and not any(path.is_relative_to(kept) for kept in paths):
            paths = [kept for kept in paths if not kept.is_relative_to(path)] + [path]
    return paths


def watch_changes(paths: list[Path], *, poll: bool = False, stop: threading.Event | None = None) -> Iterator[set[Path]]:
    """Sets of changed files, one per burst of saves, until `stop` is set."""
    for changes in watchfiles.watch(
        *paths,
        debounce=DEBOUNCE_MS,
        step=10,
        force_polling=poll or None,
        poll_delay_ms=100,
        stop_event=stop,
        raise_interrupt=True,
    ):
        yield {Path(path) for _, path in changes}


class Saves:
    """The files saved while a rebuild runs, gathered for the next one, which takes them all at once.

    The watcher runs in a thread of its own, so a rebuild can ask whether a newer save is waiting
    (`waiting`) and leave its background work to the rebuild that follows."""

    def __init__(self) -> None:
        self._paths: set[Path] = set()
        self._ended = False
        self._arrived = threading.Condition()

    def gather(self, changes: Iterable[set[Path]]) -> None:
        try:
            for paths in changes:
                with self._arrived:
                    self._paths |= paths
                    self._arrived.notify_all()
        finally:
            with self._arrived:
                self._ended = True
                self._arrived.notify_all()

    def waiting(self) -> bool:
        return bool(self._paths)

    def take(self) -> set[Path] | None:
        """The files saved since the last call (waiting for one); None once the watcher has stopped."""
        with self._arrived:
            # A bounded wait keeps Ctrl+C prompt in the main thread.
            while not self._paths and not self._ended:
                self._arrived.wait(0.5)
            paths, self._paths = self._paths, set()
        return paths or None
