"""Cold one-edition build of the real report against the floor, with the code of a git ref and of this tree.

    python bench/cold_floor.py [--before REF] [--repeat 5]

`build-en` (a fresh clone: no `.cache/`, one edition, every chart drawn) with the code of REF (before)
and of the working tree (after), each side a copy of its own generator, templates, content and
mkdocs.yml run by its own `bench/worker.py`; and the floor (plain MkDocs on the tree `export` writes,
exported once by the after side). The three alternate within each round (the two sides swap places
every round) so the noise of a shared machine hits them alike. Prints medians of the wall clock and of
the CPU seconds of the build's own process and of it with its chart workers, and each side / floor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.charts_cold import TREE
from bench.charts_cold import run_step as run
from bench.sides import from_ref, from_tree

FIGURES = ("seconds", "cpu_main", "cpu_all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="main", help="git ref of the code to compare with (default: main)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cold-floor-"))
    sides = {"before": work / "before", "after": work / "after"}
    try:
        from_ref(args.before, sides["before"], TREE)
        from_tree(sides["after"], TREE)
        subprocess.run(
            [sys.executable, "-m", "generator", "export", str(work / "after-exported")],
            cwd=sides["after"],
            env={**os.environ, "PYTHONPATH": str(sides["after"])},
            check=True,
            capture_output=True,
        )
        runs = [("before", "build-en"), ("after", "build-en"), ("after", "floor")]
        samples: dict[tuple[str, str], list[dict[str, float]]] = {run: [] for run in runs}
        for round_number in range(args.repeat):
            order = runs if round_number % 2 == 0 else [runs[1], runs[0], runs[2]]
            for name, step in order:
                samples[name, step].append(run(sides[name], step))
            print(f"round {round_number + 1}/{args.repeat} done", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    medians = {
        key: {figure: statistics.median(sample[figure] for sample in values) for figure in FIGURES}
        for key, values in samples.items()
    }
    floor = medians["after", "floor"]
    print(
        f"Real report, cold one-edition build (build-en) against the floor; before = {args.before}, after = "
        f"working tree; median of {args.repeat} alternated runs, seconds\n"
    )
    print("| run | wall | CPU own process | CPU with chart worker | wall / floor | own CPU / floor |")
    print("|---|--:|--:|--:|--:|--:|")
    for (name, step), figures in medians.items():
        label = "floor" if step == "floor" else f"build-en, {name}"
        print(
            f"| {label} | {figures['seconds']:.3f} | {figures['cpu_main']:.2f} | {figures['cpu_all']:.2f} | "
            f"{figures['seconds'] / floor['seconds']:.2f} | {figures['cpu_main'] / floor['cpu_main']:.2f} |"
        )


if __name__ == "__main__":
    main()
