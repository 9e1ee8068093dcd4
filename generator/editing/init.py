"""`init DIR`: a new report that builds at once, from the skeleton of plain files in `generator/skeleton/`.

The skeleton holds what a report owns (configuration, content, page stubs, a map frame to fill
in); the presentation (the project's `templates/` and the style sheets of `content/pages/assets/`)
is copied from the project `init` is run from, so the new report looks like this one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.factbase.loader import read_vocabularies
from generator.factbase.schema import write_schemas

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
PRESENTATION = ("templates", "content/pages/assets")


class InitError(Exception):
    """Why a report cannot be created there."""


def init_report(target: Path, project: Path) -> list[Path]:
    """Create a report in `target` (a new or empty folder); return the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target} exists and is not an empty folder; choose a new one")
    missing = [part for part in PRESENTATION if not (project / part).is_dir()]
    if missing:
        raise InitError(
            f"{project} has no {' or '.join(missing)} to copy the presentation from; "
            "run init from the generator's project folder (or give --project)"
        )
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SKELETON, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    for part in PRESENTATION:
        shutil.copytree(project / part, target / part, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    content = target / "content"
    write_schemas(content, read_vocabularies(content))
    return sorted(path for path in target.rglob("*") if path.is_file())
