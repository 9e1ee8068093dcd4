"""The generator's own cost per preview rebuild: the plugin's `on_config` after one edit, before and after.

    python bench/rebuild.py [--before main] [--sizes real,1000,10000] [--edits 5]

`python -m generator serve` keeps one configuration and plugin and calls `on_config` again after
each save (records re-read from the changed files, checks, chapters with blocks reused, data files,
charts from the cache, the records cache saved). This times exactly that call, English edition
only (`languages: [en]`), in one process per side and size that first builds twice (cold, then
warm) and then makes N edits of each kind: an event's title, a place's name, a figure's value.
Each side is a copy of its own generator and templates (before = a git ref, after = this working
tree) with a project of its own, run in a fresh process with that copy first on the import path;
the sides alternate within each size. Prints a Markdown table of the median and worst seconds.
Not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ("generator", "templates", "bench")
KINDS = ("event title", "place name", "figure value")


def make_project(size: str, target: Path, templates: Path) -> Path:
    """The real report or a synthetic one of `size` events, with the side's own templates."""
    if size == "real":
        for item in ("content", "templates"):
            shutil.copytree(ROOT / item, target / item)
        shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    else:
        sys.path.insert(0, str(ROOT))
        from bench.synth import write_project

        write_project(target, int(size))
    shutil.rmtree(target / "templates")
    shutil.copytree(templates, target / "templates")
    return target


def _replace_line(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, (path, pattern)
    path.write_text(new, encoding="utf-8")


def _first(folder: Path) -> Path:
    return sorted(folder.glob("*.yml"))[0]


def worker(project: Path, edits: int) -> None:
    """In the side's process: time `on_config` as the preview calls it, after each edit."""
    from mkdocs.config import load_config

    import generator

    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["crisis-report"]
    plugin.config["languages"] = ["en"]
    config.plugins.on_startup(command="serve", dirty=False)

    def timed() -> float:
        start = time.perf_counter()
        plugin.on_config(config)
        return time.perf_counter() - start

    cold, warm = timed(), timed()
    content = project / "content"
    event, place, figure = (_first(content / folder) for folder in ("events", "places", "figures"))
    changes = {
        "event title": lambda n: _replace_line(event, r"^title: .*$", f"title: Benchtitle{n}"),
        "place name": lambda n: _replace_line(place, r"^name: .*$", f"name: Benchplace{n}"),
        "figure value": lambda n: _replace_line(figure, r"^value: .*$", f"value: {987650 + n}"),
    }
    seconds: dict[str, list[float]] = {}
    for kind in KINDS:
        seconds[kind] = []
        for n in range(edits):
            changes[kind](n)
            seconds[kind].append(timed())
    print(json.dumps({"generator": generator.__file__, "cold": cold, "warm": warm, "edits": seconds}))


def run(side: Path, project: Path, edits: int) -> dict[str, object]:
    from bench.sides import run_on_side

    worker = [str(side / "bench" / "rebuild.py"), "--worker", str(project), "--edits", str(edits)]
    outcome: dict[str, object] = run_on_side(side, worker, project, f"{side.name} {project.name}")
    assert str(outcome["generator"]).startswith(str(side)), f"{side.name} imported {outcome['generator']}"
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="main", help="git ref of the code to compare with (default: main)")
    parser.add_argument("--sizes", default="real,1000,10000")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.edits)
        return
    sys.path.insert(0, str(ROOT))
    from bench.sides import from_ref, from_tree

    work = Path(tempfile.mkdtemp(prefix="rebuild-bench-"))
    sides = {"before": work / "before", "after": work / "after"}
    results: dict[tuple[str, str], dict[str, object]] = {}
    try:
        from_ref(args.before, sides["before"], TREE)
        from_tree(sides["after"], TREE)
        # The worker is this file's: the `before` side may not have it.
        for side in sides.values():
            shutil.copy(Path(__file__), side / "bench" / "rebuild.py")
        for number, size in enumerate(args.sizes.split(",")):
            order = list(sides.items()) if number % 2 == 0 else list(reversed(sides.items()))
            for name, side in order:
                project = make_project(size, work / f"{name}-{size}", side / "templates")
                results[name, size] = run(side, project, args.edits)
                shutil.rmtree(project, ignore_errors=True)
                print(f"  {size} {name}: done", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"`on_config` seconds, English edition; before = {args.before}, after = working tree; "
        f"median and worst of {args.edits} edits\n"
    )
    print("| size | rebuild after | before median | before worst | after median | after worst | after / before |")
    print("|---|---|--:|--:|--:|--:|--:|")
    for size in args.sizes.split(","):
        before, after = results["before", size], results["after", size]
        for step in ("cold", "warm"):
            b, a = float(before[step]), float(after[step])  # type: ignore[arg-type]
            label = "first build (cold)" if step == "cold" else "no change (warm)"
            print(f"| {size} | {label} | {b:.3f} | | {a:.3f} | | {a / b:.2f} |")
        for kind in KINDS:
            b_all = before["edits"][kind]  # type: ignore[index]
            a_all = after["edits"][kind]  # type: ignore[index]
            b, a = statistics.median(b_all), statistics.median(a_all)
            print(f"| {size} | {kind} | {b:.3f} | {max(b_all):.3f} | {a:.3f} | {max(a_all):.3f} | {a / b:.2f} |")


if __name__ == "__main__":
    main()
