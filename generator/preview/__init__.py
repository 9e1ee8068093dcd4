"""`python -m generator serve`: the researcher's preview, rebuilding only what an edit affects.

`builder` rebuilds, `server` serves the result, `watch` notices saves; `serve()` ties them together.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from pathlib import Path

from generator.preview.builder import Outcome, PreviewBuilder
from generator.preview.server import PreviewServer
from generator.preview.watch import Saves, watch_changes, watched_paths


def serve(
    config_file: Path,
    host: str,
    port: int,
    poll: bool,
    echo: Callable[[str], None],
    stop: threading.Event | None = None,
) -> None:
    root = config_file.resolve().parent
    builder = PreviewBuilder(config_file, root / ".cache" / "crisis-report" / "preview")
    _stop_when_terminated()
    built = False
    try:
        echo("building the whole site once...")
        outcome = builder.full_build()
        if outcome.error:
            echo(f"the site could not be built:\n{outcome.error}")
            return
        echo(f"built in {outcome.seconds:.2f} s")
        built = True
        builder.prepare_drawing()
        _serve_built(builder, host, port, poll, echo, stop or threading.Event())
    except KeyboardInterrupt:  # Ctrl+C or terminated once serving: a normal stop
        if not built:
            raise
    finally:
        builder.close()  # the search and chart workers


def _serve_built(
    builder: PreviewBuilder, host: str, port: int, poll: bool, echo: Callable[[str], None], stop: threading.Event
) -> None:
    server = PreviewServer(builder, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    echo(f"serving on {server.url} (Ctrl+C to stop)")
    saves = Saves()
    watcher = watch_changes(watched_paths(builder), poll=poll, stop=stop)
    threading.Thread(target=saves.gather, args=(watcher,), daemon=True).start()
    try:
        while (changed := saves.take()) is not None:
            outcome = builder.rebuild(changed, newer_save=saves.waiting)
            server.announce()
            echo(_report(outcome))
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def _stop_when_terminated() -> None:
    """A terminated preview (`kill`, a service manager) stops as Ctrl+C stops it, its workers shut down
    rather than left for multiprocessing to warn about."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _report(outcome: Outcome) -> str:
    if outcome.error:
        return f"not published, the last good pages stay:\n{outcome.error}"
    what = "whole site" if outcome.full else f"{len(outcome.pages)} pages, {len(outcome.assets)} files"
    served = "" if outcome.served_after is None else f" (pages served after {outcome.served_after:.2f} s)"
    rest = "; a newer save came: the rest follows with it" if outcome.deferred else ""
    return f"rebuilt {what} in {outcome.seconds:.2f} s{served}{rest}"
