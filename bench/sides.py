"""The two sides of a before/after benchmark: the code of a git ref and of the working tree, each
copied into a folder of its own, and a command run with one side's code first on the import path."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def from_ref(ref: str, target: Path, tree: tuple[str, ...]) -> None:
    """The files and folders `tree` names, as they are at `ref`, into `target`."""
    archive = subprocess.run(["git", "archive", ref, *tree], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")


def from_tree(target: Path, tree: tuple[str, ...]) -> None:
    """The same from the working tree, caches left out."""
    for item in tree:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, target / item, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        else:
            shutil.copy(source, target / item)


def run_on_side(side: Path, arguments: list[str], cwd: Path, label: str) -> Any:
    """`python ARGUMENTS` in `cwd` with `side`'s code first on the import path; the JSON it printed last."""
    env = {**os.environ, "PYTHONPATH": str(side), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, *arguments], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{label} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
