"""A build from a fresh clone leaves less to its own process: the chart worker compiles the theme's
templates while the records load, and the pages are the same whoever compiled them."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader, Environment
from mkdocs.config import load_config

from generator.integration.session import MemoryBytecodeCache
from generator.integration.warm_up import theme_bytecode

from .conftest import _env, make_project

ROOT = Path(__file__).resolve().parents[1]


class _Theme:
    """What `theme_bytecode` asks of MkDocs's `Theme`."""

    def __init__(self, templates: dict[str, str], static_templates: set[str]) -> None:
        self.templates, self.static_templates = templates, static_templates

    def get_env(self) -> Environment:
        return Environment(loader=DictLoader(self.templates))


THEME = {
    "main.html": '{% extends "base.html" %}{% block body %}page{% endblock %}',
    "base.html": '{% import "partials/macros.html" as m %}{% include "partials/header.html" %}'
    "[{% block body %}{% endblock %}]{{ m.footer() }}",
    "partials/header.html": "header ",
    "partials/macros.html": "{% macro footer() %} footer{% endmacro %}",
    "404.html": '{% extends "base.html" %}{% block body %}not found{% endblock %}',
    "sitemap.xml": "{% include 'partials/' ~ kind ~ '.xml' %}",  # a name made at render time
    "partials/urls.xml": "<urlset/>",
    "partials/broken.html": "{% if %}",
    "unused.html": "never named",
}


def compiled_names(compiled: dict[tuple[str, str | None], bytes], env: Environment, names: Any) -> set[str]:
    """Which of `names` (templates of `env`) have their bytecode in `compiled`."""
    found = set()
    for name in names:
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        bucket = MemoryBytecodeCache().get_bucket(env, name, filename, source)
        if (bucket.key, bucket.checksum) in compiled:
            found.add(name)
    return found


def test_the_page_template_the_static_templates_and_what_they_name_are_compiled() -> None:
    theme = _Theme(THEME, {"404.html", "sitemap.xml"})
    compiled = theme_bytecode(theme)
    assert compiled_names(compiled, theme.get_env(), THEME) == {
        "main.html",
        "base.html",
        "partials/header.html",
        "partials/macros.html",
        "404.html",
        "sitemap.xml",
    }


def test_templates_from_the_workers_bytecode_render_as_compiled_here_and_are_not_compiled_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fresh = Environment(loader=DictLoader(THEME))
    expected = {name: fresh.get_template(name).render(kind="urls") for name in ("main.html", "404.html", "sitemap.xml")}
    cache = MemoryBytecodeCache()
    cache.compiled.update(theme_bytecode(_Theme(THEME, {"404.html", "sitemap.xml"})))
    env = Environment(loader=DictLoader(THEME), bytecode_cache=cache)
    compiled_here: list[str | None] = []
    real_compile = Environment.compile

    def compile_and_count(self: Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled_here.append(name)
        return real_compile(self, source, name, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", compile_and_count)
    assert {name: env.get_template(name).render(kind="urls") for name in expected} == expected
    assert compiled_here == ["partials/urls.xml"], "only the template named at render time is compiled here"
    assert expected["main.html"] == "header [page] footer"


def test_the_material_themes_pages_are_reached() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    pages = {"main.html", "base.html", "404.html", "sitemap.xml", "partials/header.html", "partials/nav.html"}
    assert compiled_names(theme_bytecode(config.theme), config.theme.get_env(), pages) == pages


COUNTING_BUILD = """
    import json, os, sys
    import jinja2
    build_process, compiled = os.getpid(), []
    real_compile = jinja2.Environment.compile
    def compile(self, source, name=None, filename=None, *args, **kwargs):
        if os.getpid() == build_process:
            compiled.append((name, filename))
        return real_compile(self, source, name, filename, *args, **kwargs)
    jinja2.Environment.compile = compile
    RESULT = "compiled"
"""


def build_counting_compiles(project: Path, site: str) -> list[tuple[str, str]]:
    """Build `project` with `mkdocs build`; the templates the build's own process compiled."""
    return [tuple(pair) for pair in _run_script(COUNTING_BUILD, project, site)]


# Both scripts end alike: a strict `mkdocs build` into the site folder given, then the variable they
# name in RESULT printed as JSON, whether the build succeeded or not.
_BUILD_AND_PRINT = """
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "--site-dir", sys.argv[1]]
try:
    cli()
except SystemExit as end:
    assert not end.code, end.code
finally:
    print(json.dumps(globals()[RESULT]))
"""


def _run_script(script: str, project: Path, site: str) -> Any:
    """Run `script`, then the build, in a fresh interpreter in `project`; what it printed last, as JSON."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script) + _BUILD_AND_PRINT, site],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_cold_build_leaves_the_themes_pages_to_the_worker_and_builds_the_same_site(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    compiled = build_counting_compiles(project, "site-cold")
    theme_pages = [name for name, filename in compiled if name in ("main.html", "base.html", "404.html", "sitemap.xml")]
    assert theme_pages == [], f"compiled by the build's own process: {theme_pages}"
    assert any(name.startswith(".icons/") for name, _ in compiled), "icons named at render time are compiled here"
    # A warm build (charts and templates cached) compiles the theme itself and gives the same site.
    warm = build_counting_compiles(project, "site-warm")
    assert "main.html" in [name for name, _ in warm]
    cold_tree, warm_tree = (_tree(project / site) for site in ("site-cold", "site-warm"))
    assert cold_tree.keys() == warm_tree.keys()
    assert [path for path in cold_tree if cold_tree[path] != warm_tree[path]] == []


def _tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


TIMED_BUILD = """
    import json, os, sys, time
    import generator.charts.svg as svg
    from generator.charts.drawing import Drawings
    import mkdocs.commands.build as build
    real_render, real_collect, real_build_page = svg.render, Drawings.collect, build._build_page
    def render(plan, theme):
        if plan.name == "measures":
            time.sleep(2)  # a slow chart: the pages need not wait for it
        return real_render(plan, theme)
    svg.render = render
    times = {"first page written": None, "last chart collected": None}
    def collect(self, key, name):
        svgs = real_collect(self, key, name)
        times["last chart collected"] = time.monotonic()
        return svgs
    Drawings.collect = collect
    def build_page(*args, **kwargs):
        times["first page written"] = times["first page written"] or time.monotonic()
        return real_build_page(*args, **kwargs)
    build._build_page = build_page
    RESULT = "times"
"""


def test_a_cold_build_writes_its_pages_while_the_charts_are_drawn_and_the_charts_after(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    times = _run_script(TIMED_BUILD, project, "site-cold")
    assert times["first page written"] < times["last chart collected"], "the pages waited for the charts"
    warm = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site-warm"],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert warm.returncode == 0, warm.stderr
    cold_tree, warm_tree = (_tree(project / site) for site in ("site-cold", "site-warm"))
    assert cold_tree.keys() == warm_tree.keys()
    assert [path for path in cold_tree if cold_tree[path] != warm_tree[path]] == []
    assert cold_tree["charts/measures.light.svg"].rstrip().endswith(b"</svg>")


def test_every_format_character_is_still_found_in_text() -> None:
    """Texts are checked for bidi controls and zero-width characters; ASCII and printable texts are
    passed without looking at each character, which holds only while no such character is either."""
    from generator.factbase.fieldtypes import _invisible

    formats = [chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"]
    assert len(formats) > 100
    assert [char for char in formats if char.isascii() or char.isprintable()] == []
    missed = [
        f"U+{ord(char):04X}" for char in formats if _invisible(f"a{char}b") is None and char not in "\u200c\u200d"
    ]
    assert missed == []
    assert _invisible("Алматы\u00a0— l’aéroport\n") is None
    assert _invisible("Алматы\u202e") is not None
