"""Records per second for checking the fact base: a cold load and a warm (cached) reload.

    python bench/load.py [--sizes 1000,10000] [--repeat 5]

Cold: a new process-level cache, every file parsed and validated. Warm: the same cache, no file
changed, as `mkdocs serve` sees it after an unrelated edit. Prints a Markdown table of medians.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import write_fact_base
from generator.factbase.checked import load_checked
from generator.factbase.loader import LoadCache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| events | records | cold s | cold records/s | warm s | warm records/s |")
    print("|---|---|---|---|---|---|")
    for size in [int(s) for s in args.sizes.split(",")]:
        work = Path(tempfile.mkdtemp(prefix="crisis-load-"))
        try:
            counts = write_fact_base(work / "content", size)
            records = sum(counts.values())
            cold, warm = [], []
            for _ in range(args.repeat):
                cache = LoadCache()
                start = time.perf_counter()
                load_checked(work / "content", cache)
                cold.append(time.perf_counter() - start)
                start = time.perf_counter()
                load_checked(work / "content", cache)
                warm.append(time.perf_counter() - start)
            c, w = statistics.median(cold), statistics.median(warm)
            print(f"| {size:,} | {records:,} | {c:.2f} | {records / c:,.0f} | {w:.3f} | {records / w:,.0f} |")
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
