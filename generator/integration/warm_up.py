"""What the chart worker does first in a build from a fresh clone, while the build's own process loads the
records: compiling templates that the build would otherwise compile on its own path.

Our templates go to the bytecode cache on disk, where the build finds them. The theme's (Material's
pages, partials, 404 and sitemap) are compiled in an environment made by the theme exactly as MkDocs
makes the build's, and sent back as bytecode for the build's in-memory cache (`Session.theme_bytecode`).
A template is compiled from the same source by the same Jinja either way, so the pages are the same
whoever compiled it; one the walk below does not reach (a name built at render time) is compiled by the
build as before.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, meta

from generator.integration.session import MemoryBytecodeCache

PAGE_TEMPLATE = "main.html"
"""The template MkDocs renders a page with, unless the page names another."""


def compile_templates(templates_dir: Path, cache_dir: Path, theme: Any) -> dict[tuple[str, str | None], bytes]:
    """Our templates into the disk cache; the theme's compiled templates, for `MemoryBytecodeCache.compiled`."""
    from generator.site.render import make_environment

    env = make_environment(templates_dir, cache_dir)
    for name in env.list_templates(extensions=["j2"]):
        with suppress(Exception):  # the build reports a broken template where it is used
            env.get_template(name)
    return theme_bytecode(theme)


def theme_bytecode(theme: Any) -> dict[tuple[str, str | None], bytes]:
    """The theme's page template, its static templates and every template they name (include, extends,
    import), compiled in the theme's own environment; {(bucket key, source checksum): bytecode}."""
    env = theme.get_env()
    cache = MemoryBytecodeCache()
    waiting = sorted({PAGE_TEMPLATE, *theme.static_templates})
    seen: set[str] = set()
    while waiting:
        name = waiting.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)
            parsed = env.parse(source, name, filename)
            bucket = cache.get_bucket(env, name, filename, source)
            bucket.code = env.compile(parsed, name, filename)
        except TemplateError:  # missing or broken: the build says so where it is used
            continue
        cache.set_bucket(bucket)
        waiting.extend(found for found in meta.find_referenced_templates(parsed) if found and found not in seen)
    return cache.compiled


def import_matplotlib() -> None:
    """Run by the worker once the templates are compiled: the charts it will draw need it."""
    import generator.charts.svg  # noqa: F401
