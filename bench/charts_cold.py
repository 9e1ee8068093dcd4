"""Cold build of the real report with the code of a git ref (before) and of this working tree (after).

    python bench/charts_cold.py [--before REF] [--repeat 5]

Each side is a copy of its own generator, templates, content and mkdocs.yml, run by its own
`bench/worker.py` in a fresh process with that copy first on the import path. Steps: `generate-cold`
(chapters, charts and data with an empty chart cache) and `build` (a full `mkdocs build` without
`.cache/`, so every chart is drawn). Sides and steps alternate within each round so the noise of a
shared machine hits them alike; prints a Markdown table of medians.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sides import from_ref, from_tree, run_on_side  # noqa: E402

STEPS = ["generate-cold", "build"]
TREE = ("generator", "templates", "content", "locales", "bench", "mkdocs.yml")


def run(side: Path, step: str) -> float:
    return run_step(side, step)["seconds"]


def run_step(side: Path, step: str) -> dict[str, float]:
    """One step of `bench/worker.py` with the side's code, in a process of its own: its figures."""
    figures: dict[str, float] = run_on_side(
        side, [str(side / "bench" / "worker.py"), step, str(side)], side, f"{side.name} {step}"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="main", help="git ref of the code to compare with (default: main)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="charts-bench-"))
    sides = {"before": work / "before", "after": work / "after"}
    try:
        from_ref(args.before, sides["before"], TREE)
        from_tree(sides["after"], TREE)
        for name, side in sides.items():
            used = subprocess.run(
                [sys.executable, "-c", "import generator; print(generator.__file__)"],
                cwd=side,
                env={**os.environ, "PYTHONPATH": str(side)},
                capture_output=True,
                text=True,
                check=True,
            )
            assert used.stdout.strip().startswith(str(side)), f"{name} imports {used.stdout.strip()}"
        samples: dict[tuple[str, str], list[float]] = {(n, s): [] for n in sides for s in STEPS}
        for round_number in range(args.repeat):
            for step in STEPS:
                for name, side in sides.items() if round_number % 2 == 0 else reversed(sides.items()):
                    samples[name, step].append(run(side, step))
            print(f"round {round_number + 1}/{args.repeat} done", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"Real report, cold (empty chart cache); before = {args.before}, after = working tree; "
        f"median of {args.repeat} runs, seconds\n"
    )
    print("| step | before | after | after / before |\n|---|---|---|---|")
    for step in STEPS:
        before, after = (statistics.median(samples[name, step]) for name in sides)
        print(f"| {step} | {before:.3f} | {after:.3f} | {after / before:.2f} |")


if __name__ == "__main__":
    main()
