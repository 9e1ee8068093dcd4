"""A build from a fresh clone draws its charts in workers while MkDocs converts the pages: the site is
the same as a warm build's, a worker's drawing is the same as one drawn in the build's own process,
and a chart that cannot be drawn fails the build with the chart's name instead of hanging it."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from generator.charts import Drawings, render_charts

from .conftest import _env, make_project, mkdocs_build
from .test_charts import CONTENT, small_report

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent


def two_editions(project: Path) -> Path:
    report = project / "content" / "report.yml"
    text = report.read_text(encoding="utf-8")
    assert "languages:" not in text
    report.write_text(text + "languages:\n  - en\n  - fr\n", encoding="utf-8")
    return project


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def svg_size(svg: bytes) -> tuple[int, int]:
    head = svg[: svg.index(b">", svg.index(b"<svg"))]
    found = [re.search(rb'\s%s="([\d.]+)pt"' % name, head) for name in (b"width", b"height")]
    width, height = (float(match.group(1)) for match in found if match is not None)
    return round(width * 4 / 3), round(height * 4 / 3)


def test_a_cold_build_and_a_warm_build_give_the_same_site(tmp_path: Path) -> None:
    project = two_editions(make_project(tmp_path))
    cold = mkdocs_build(project, site="site-cold")
    assert cold.returncode == 0, cold.stderr
    assert "drawing" in cold.stderr, "the cold build drew no chart"
    warm = mkdocs_build(project, site="site-warm")
    assert warm.returncode == 0, warm.stderr
    assert "drawing" not in warm.stderr, "the warm build drew charts again"
    cold_tree, warm_tree = tree(project / "site-cold"), tree(project / "site-warm")
    assert cold_tree.keys() == warm_tree.keys()
    assert [path for path in cold_tree if cold_tree[path] != warm_tree[path]] == []
    charts = [path for path in cold_tree if path.endswith(".svg") and "charts/" in path]
    assert any(path.startswith("fr/charts/") for path in charts) and any(path.startswith("charts/") for path in charts)
    assert [path for path in charts if not cold_tree[path].rstrip().endswith(b"</svg>")] == []


def test_a_chart_drawn_by_a_worker_equals_one_drawn_in_process() -> None:
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(TESTS)!r})
        from test_charts import small_report, CONTENT
        from generator.charts.catalogue import plan_charts
        from generator.charts.drawing import Drawings, draw_pair
        plans = plan_charts(small_report(), CONTENT)
        drawings = Drawings()
        assert drawings.start([(plan.name, plan) for plan in plans], 2), "no worker started"
        assert "matplotlib" not in sys.modules, "the workers' drawing imported matplotlib here"
        by_workers = [drawings.collect(plan.name, plan.name) for plan in plans]
        here = [draw_pair(plan) for plan in plans]
        print(len(plans), sum(a == b for a, b in zip(by_workers, here)))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    count, same = result.stdout.split()
    assert int(count) >= 10 and same == count


def build_with_broken_chart(project: Path, action: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of `project` in which drawing the `measures` chart does `action`."""
    script = textwrap.dedent(f"""
        import os, sys
        import generator.charts.svg as svg
        real = svg.render
        def render(plan, theme):
            if plan.name == "measures":
                {action}
            return real(plan, theme)
        svg.render = render
        print(f"build process {{os.getpid()}}", file=sys.stderr, flush=True)
        from mkdocs.__main__ import cli
        sys.argv = ["mkdocs", "build", "--strict"]
        cli()
    """)
    return subprocess.run(
        [sys.executable, "-c", script], cwd=project, env=_env(), capture_output=True, text=True, timeout=120
    )


def test_a_chart_that_fails_in_a_worker_fails_the_build_with_its_name(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = build_with_broken_chart(project, 'raise RuntimeError(f"broken in process {os.getpid()}")')
    assert result.returncode == 1
    assert "chart 'measures' could not be drawn: RuntimeError: broken in process" in result.stderr, result.stderr
    builder = re.search(r"build process (\d+)", result.stderr)
    drawer = re.search(r"broken in process (\d+)", result.stderr)
    assert builder and drawer and builder.group(1) != drawer.group(1), "not drawn by a worker"
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_a_worker_that_dies_fails_the_build_with_the_charts_name_and_no_hang(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = build_with_broken_chart(project, "os._exit(3)")  # timeout: a hang fails the test
    assert result.returncode == 1
    assert re.search(r"chart '[a-z-]+' could not be drawn: the worker process drawing it died", result.stderr), (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_with_other_threads_running_charts_are_drawn_in_process_before_returning() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        drawings = Drawings()
        charts, drawn = render_charts(small_report(), CONTENT, None, drawings=drawings)
    finally:
        stop.set()
        other.join()
    assert drawn == len(charts) and all(chart.drawing.ready for chart in charts)
    assert not drawings.pending(charts[0].drawing.key)


def test_a_charts_size_is_known_from_its_plan(tmp_path: Path) -> None:
    for language in ("en", "fr"):
        charts, _ = render_charts(small_report(), CONTENT, tmp_path, language=language)
        sizes: dict[str, tuple[int, int]] = {chart.name: chart.size for chart in charts}
        assert sizes == {chart.name: svg_size(chart.svg_light) for chart in charts}
        assert len({height for _, height in sizes.values()}) > 3
