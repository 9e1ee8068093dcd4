"""Benchmark the generator against the floor of plain MkDocs, side by side in one run.

    python bench/run.py [--sizes 100,1000,10000] [--repeat 5] [--real]

For each size it writes a deterministic synthetic project, exports its docs tree (the floor:
the same pages built by plain `mkdocs build`), and times every step in fresh processes,
alternating the steps within each round so machine noise hits them alike. Prints a Markdown
table of medians, the ratios build/floor and rebuild/floor-rebuild, and 10k/1k per step.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import write_project  # noqa: E402

STEPS = [
    "check-cold",
    "check-warm",
    "generate-cold",
    "generate-warm",
    "build",
    "build-warm",
    "build-en",  # after build-warm: it leaves a cache with one edition's charts only
    "floor",
    "rebuild",
    "floor-rebuild",
]


def run_step(step: str, project: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "worker.py"), step, str(project)],
        capture_output=True,
        text=True,
        check=False,
        cwd=project,
    )
    if result.returncode != 0:
        raise SystemExit(f"{step} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def prepare(project: Path) -> None:
    exported = project.parent / f"{project.name}-exported"
    subprocess.run(
        [sys.executable, "-m", "generator", "export", str(exported)], cwd=project, check=True, capture_output=True
    )


def reset_edits(project: Path, pristine: Path) -> None:
    for name in (project.name, f"{project.name}-exported"):
        shutil.rmtree(project.parent / name)
        shutil.copytree(pristine / name, project.parent / name)


def bench_size(label: str, project: Path, repeat: int) -> dict[str, dict[str, float]]:
    prepare(project)
    pristine = Path(tempfile.mkdtemp(prefix="pristine-"))
    for name in (project.name, f"{project.name}-exported"):
        shutil.copytree(project.parent / name, pristine / name)
    samples: dict[str, list[dict[str, float]]] = {step: [] for step in STEPS}
    for round_number in range(repeat):
        for step in STEPS:
            samples[step].append(run_step(step, project))
            if step.endswith("rebuild"):
                reset_edits(project, pristine)
        print(f"  {label}: round {round_number + 1}/{repeat} done", file=sys.stderr, flush=True)
    shutil.rmtree(pristine)
    return {
        step: {
            "seconds": statistics.median(s["seconds"] for s in runs),
            "peak_mb": max(s["peak_mb"] for s in runs),
            "cpu_main": statistics.median(s["cpu_main"] for s in runs),
            "cpu_all": statistics.median(s["cpu_all"] for s in runs),
        }
        for step, runs in samples.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--real", action="store_true", help="also benchmark the real report in content/")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="crisis-bench-"))
    results: dict[str, dict[str, dict[str, float]]] = {}
    try:
        if args.real:
            real = work / "real"
            shutil.copytree(ROOT / "content", real / "content")
            shutil.copytree(ROOT / "templates", real / "templates")
            shutil.copy(ROOT / "mkdocs.yml", real / "mkdocs.yml")
            print("real report", file=sys.stderr, flush=True)
            results["real"] = bench_size("real", real, args.repeat)
        for size in [int(s) for s in args.sizes.split(",")]:
            print(f"{size} events: writing", file=sys.stderr, flush=True)
            project = write_project(work / f"n{size}", size)
            results[str(size)] = bench_size(str(size), project, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(results, args.repeat)


def print_table(results: dict[str, dict[str, dict[str, float]]], repeat: int) -> None:
    import matplotlib
    import mkdocs

    print(
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, "
        f"mkdocs {mkdocs.__version__}, matplotlib {matplotlib.__version__}; median of {repeat} runs, seconds\n"
    )
    sizes = list(results)
    print("| step | " + " | ".join(sizes) + (" | 10k/1k |" if {"1000", "10000"} <= set(sizes) else " |"))
    print("|---" * (len(sizes) + 1 + ({"1000", "10000"} <= set(sizes))) + "|")
    for step in STEPS:
        row = [f"{results[size][step]['seconds']:.3f}" for size in sizes]
        if {"1000", "10000"} <= set(sizes):
            row.append(f"{results['10000'][step]['seconds'] / results['1000'][step]['seconds']:.1f}")
        print(f"| {step} | " + " | ".join(row) + " |")
    print(
        "| build / floor (no cache) | "
        + " | ".join(f"{r['build']['seconds'] / r['floor']['seconds']:.2f}" for r in results.values())
        + " |"
    )
    print(
        "| build-en / floor (no cache, one edition each) | "
        + " | ".join(f"{r['build-en']['seconds'] / r['floor']['seconds']:.2f}" for r in results.values())
        + " |"
    )
    print(
        "| build-warm / floor | "
        + " | ".join(f"{r['build-warm']['seconds'] / r['floor']['seconds']:.2f}" for r in results.values())
        + " |"
    )
    print(
        "| rebuild / floor-rebuild | "
        + " | ".join(f"{r['rebuild']['seconds'] / r['floor-rebuild']['seconds']:.2f}" for r in results.values())
        + " |"
    )
    print("| peak MB (build) | " + " | ".join(f"{r['build']['peak_mb']:.0f}" for r in results.values()) + " |")
    print(
        "\nCPU seconds (user + system, median): the build's own process / with its chart workers. On a shared "
        "machine the wall clock also counts waiting for a core; the own process's CPU is the build's critical path.\n"
    )
    print("| step | " + " | ".join(sizes) + " |")
    print("|---" * (len(sizes) + 1) + "|")
    for step in ("generate-cold", "build", "build-en", "build-warm", "floor"):
        cells = [f"{results[size][step]['cpu_main']:.2f} / {results[size][step]['cpu_all']:.2f}" for size in sizes]
        print(f"| {step} | " + " | ".join(cells) + " |")
    print(
        "| build-en / floor, own process | "
        + " | ".join(f"{r['build-en']['cpu_main'] / r['floor']['cpu_main']:.2f}" for r in results.values())
        + " |"
    )


if __name__ == "__main__":
    main()
