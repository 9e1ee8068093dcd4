"""Build time of the real report with each supported builder, side by side in one run.

    python bench/builders.py [--repeat 5]

Steps, each in a fresh process, alternated within each round so that the noise of this shared
machine hits them alike (after one warm-up round that fills the chart caches):
  mkdocs      `mkdocs build --strict` of the full project (MkDocs 1.6, the default; plugin included)
  properdocs  `properdocs build --strict` of the same project (its own venv, tests/builder_envs.py)
  export      `python -m generator export DIR` (charts cached): what the generator does for Zensical
  zensical    `zensical build --strict --clean` of the exported tree, then `python csp.py site`
  mkdocs-floor plain `mkdocs build --strict` of the exported tree (no plugin), for comparison
Prints a Markdown table of medians and minimums in seconds: wall clock, and CPU (user + system of
the child processes), which the other work on a shared machine disturbs far less.
"""

from __future__ import annotations

import argparse
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.builder_envs import build_env, pinned_version, properdocs_build, zensical_build  # noqa: E402

Step = Callable[[], subprocess.CompletedProcess[str]]


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=build_env(), check=False)


def _steps(work: Path) -> dict[str, Step]:
    project = work / "project"
    for item in ("content", "templates"):
        shutil.copytree(ROOT / item, project / item)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    exported = work / "exported"
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    return {
        "mkdocs": lambda: _run([*mkdocs, "--site-dir", "site-mkdocs"], project),
        "properdocs": lambda: properdocs_build(project, site="site-properdocs"),
        "export": lambda: _run([sys.executable, "-m", "generator", "export", str(exported)], project),
        "zensical": lambda: zensical_build(exported),
        "mkdocs-floor": lambda: _run([*mkdocs, "--site-dir", "site-floor"], exported),
    }


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(step: Step, name: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of `step`."""
    start, cpu = time.perf_counter(), _cpu()
    result = step()
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{name} failed:\n{result.stdout}{result.stderr}")
    return elapsed, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-builders-") as tmp:
        steps = _steps(Path(tmp))
        for name, step in steps.items():  # warm-up: installs the builder venvs, fills the chart caches
            _timed(step, name)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in steps}
        for _ in range(args.repeat):
            for name, step in steps.items():
                times[name].append(_timed(step, name))
        pages = sum(1 for _ in (Path(tmp) / "exported" / "site").rglob("*.html"))
    import mkdocs

    versions = {
        "mkdocs": f"MkDocs {mkdocs.__version__}",
        "properdocs": f"ProperDocs {pinned_version('properdocs')}",
        "export": "generator",
        "zensical": f"Zensical {pinned_version('zensical')}",
        "mkdocs-floor": f"MkDocs {mkdocs.__version__}, no plugin",
    }
    print(
        f"Python {platform.python_version()}, {platform.machine()}; real report, {pages} pages; "
        f"median and minimum of {args.repeat} runs, seconds\n"
    )
    print("| step | builder | wall median | wall min | CPU median | CPU min |")
    print("|---|---|---:|---:|---:|---:|")
    for name, runs in times.items():
        wall, cpu = [run[0] for run in runs], [run[1] for run in runs]
        print(
            f"| {name} | {versions[name]} | {statistics.median(wall):.2f} | {min(wall):.2f} "
            f"| {statistics.median(cpu):.2f} | {min(cpu):.2f} |"
        )


if __name__ == "__main__":
    main()
