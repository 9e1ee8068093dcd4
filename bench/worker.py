"""One benchmark measurement in a fresh process; prints JSON {seconds, peak_mb}.

Steps: check-cold/-warm (load and validate), generate-cold/-warm (chapters, charts, data; cold
means an empty chart cache), build (full `mkdocs build` from a fresh clone: no .cache), build-en (the
same with one edition, `languages: [en]`, as the floor has), build-warm
(a second `mkdocs build`: chart and template caches on disk), floor (plain MkDocs on the exported
tree), rebuild and floor-rebuild (a second build in the same process after editing one event, as
`mkdocs serve` does).

Usage: python bench/worker.py STEP PROJECT_DIR
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


CPU = {"cpu_main": 0.0, "cpu_all": 0.0}
"""CPU seconds (user + system) of the timed action: this process, and with its children (chart workers)."""


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    main = own.ru_utime + own.ru_stime
    return main, main + children.ru_utime + children.ru_stime


def _build(config_file: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _one_edition(config_file: Path) -> Path:
    """A copy of the configuration that builds the default edition only (the plugin option `languages`)."""
    text = config_file.read_text(encoding="utf-8")
    marker = "  - crisis-report:\n"
    assert marker in text, f"{config_file}: no crisis-report plugin entry with options"
    single = config_file.with_name("mkdocs-one-edition.yml")
    single.write_text(text.replace(marker, marker + "      languages: [en]\n", 1), encoding="utf-8")
    return single


def _edit_one_event(project: Path) -> None:
    event = sorted((project / "content" / "events").glob("*.yml"))[0]
    event.write_text(event.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")


def _edit_one_page(exported: Path) -> None:
    page = exported / "docs" / "timeline" / "protests.md"
    page.write_text(page.read_text(encoding="utf-8").replace("### ", "### Edited ", 1), encoding="utf-8")


def measure(step: str, project: Path) -> float:
    from generator.factbase.checked import load_checked
    from generator.factbase.loader import LoadCache
    from generator.site.bundle import build_bundle

    content, templates = project / "content", project / "templates"
    exported = project.parent / f"{project.name}-exported"
    site = project.parent / f"{project.name}-site"

    def timed(action: Callable[[], object]) -> float:
        start = time.perf_counter()
        before = _cpu()
        action()
        seconds = time.perf_counter() - start
        CPU.update({name: after - earlier for name, after, earlier in zip(CPU, _cpu(), before, strict=True)})
        return seconds

    if step == "check-cold":
        return timed(lambda: load_checked(content, LoadCache()))
    if step == "check-warm":
        cache = LoadCache()
        load_checked(content, cache)
        return timed(lambda: load_checked(content, cache))
    charts_cache = project.parent / f"{project.name}-bench-cache"
    if step == "generate-cold":
        shutil.rmtree(charts_cache, ignore_errors=True)
        return timed(lambda: build_bundle(content, templates, LoadCache(), charts_cache))
    if step == "generate-warm":
        cache = LoadCache()
        build_bundle(content, templates, cache, charts_cache)
        return timed(lambda: build_bundle(content, templates, cache, charts_cache))
    if step == "build":
        shutil.rmtree(project / ".cache", ignore_errors=True)
        return timed(lambda: _build(project / "mkdocs.yml", site))
    if step == "build-en":
        shutil.rmtree(project / ".cache", ignore_errors=True)
        single = _one_edition(project / "mkdocs.yml")
        return timed(lambda: _build(single, site))
    if step == "build-warm":
        return timed(lambda: _build(project / "mkdocs.yml", site))
    if step == "floor":
        return timed(lambda: _build(exported / "mkdocs.yml", site))
    if step == "rebuild":
        _build(project / "mkdocs.yml", site)
        _edit_one_event(project)
        return timed(lambda: _build(project / "mkdocs.yml", site))
    if step == "floor-rebuild":
        _build(exported / "mkdocs.yml", site)
        _edit_one_page(exported)
        return timed(lambda: _build(exported / "mkdocs.yml", site))
    raise SystemExit(f"unknown step {step}")


if __name__ == "__main__":
    import logging

    logging.disable(logging.WARNING)
    seconds = measure(sys.argv[1], Path(sys.argv[2]))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, **CPU}))
