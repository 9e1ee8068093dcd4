"""Build time of the real report with one language edition and with two, side by side in one run.

    python bench/editions.py [--repeat 5] [--languages en,fr]

Two copies of the project, identical but for the plugin's `languages` option in mkdocs.yml:
  one   `mkdocs build --strict` with `languages: [en]` (the default edition only)
  two   `mkdocs build --strict` with `languages: [en, fr]` (English at the root, French under fr/)
Each build runs in a fresh process, alternated within each round after a warm-up round that fills
each copy's caches (parsed records, charts), so that the noise of this shared machine hits both alike.
Prints a Markdown table of medians and minimums in seconds (wall clock, and CPU: user + system of the
child processes) and the ratio two / one; the goal of issue 14 is at most 2.2.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_LINE = "      templates_dir: templates\n"


def _project(work: Path, name: str, languages: list[str]) -> Path:
    project = work / name
    for item in ("content", "templates"):
        shutil.copytree(ROOT / item, project / item)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if PLUGIN_LINE not in config:
        raise SystemExit("mkdocs.yml: the crisis-report plugin's `templates_dir: templates` line was not found")
    listed = ", ".join(languages)
    (project / "mkdocs.yml").write_text(
        config.replace(PLUGIN_LINE, f"{PLUGIN_LINE}      languages: [{listed}]\n", 1), encoding="utf-8"
    )
    return project


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _build(project: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one strict build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    start, cpu = time.perf_counter(), _cpu()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{project.name}: the build failed:\n{result.stderr}")
    return elapsed, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--languages", default="en,fr", help="the editions of the `two` build (the first is `one`)")
    args = parser.parse_args()
    languages = args.languages.split(",")
    with tempfile.TemporaryDirectory(prefix="bench-editions-") as tmp:
        projects = {"one": _project(Path(tmp), "one", languages[:1]), "two": _project(Path(tmp), "two", languages)}
        for project in projects.values():  # warm-up: fills the caches of each copy
            _build(project)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in projects}
        for _ in range(args.repeat):
            for name, project in projects.items():
                times[name].append(_build(project))
        pages = {name: sum(1 for _ in (project / "site").rglob("*.html")) for name, project in projects.items()}
    print(
        f"Python {platform.python_version()}, {platform.machine()}; real report; "
        f"median and minimum of {args.repeat} runs, seconds\n"
    )
    print("| build | editions | pages | wall median | wall min | CPU median | CPU min |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, runs in times.items():
        wall, cpu = [run[0] for run in runs], [run[1] for run in runs]
        editions = ", ".join(languages[:1] if name == "one" else languages)
        print(
            f"| {name} | {editions} | {pages[name]} | {statistics.median(wall):.2f} | {min(wall):.2f} "
            f"| {statistics.median(cpu):.2f} | {min(cpu):.2f} |"
        )
    ratios = []
    for column in (0, 1):
        for pick in (statistics.median, min):
            one = pick(run[column] for run in times["one"])
            ratios.append(pick(run[column] for run in times["two"]) / one)
    print(f"| two / one | | | {ratios[0]:.2f} | {ratios[1]:.2f} | {ratios[2]:.2f} | {ratios[3]:.2f} |")


if __name__ == "__main__":
    main()
