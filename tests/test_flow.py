"""Data flows one way: a module imports only from its own stage or an earlier one (see ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "generator"

# The pipeline's stages, in the order data flows through them.
STAGES = ["factbase", "history", "model", "i18n", "charts", "site", "editing", "integration", "preview"]
# Utilities every stage may use; they import no stage themselves.
SHARED = {"errors", "cachefile", "collector", "csvsafe"}
# The entry points sit after every stage.
ENTRIES = {"cli", "__main__"}


def _stage_of(module: str) -> int:
    """Rank of a dotted module under `generator`: shared utilities first, entry points last."""
    parts = module.split(".")
    if parts[0] != "generator" or len(parts) == 1:
        raise ValueError(module)
    top = parts[1]
    if top in SHARED:
        return -1
    if top in ENTRIES:
        return len(STAGES)
    return STAGES.index(top)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("generator"):
            targets = (
                [node.module] if node.module != "generator" else [f"generator.{alias.name}" for alias in node.names]
            )
            found += [(node.lineno, target) for target in targets]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("generator.")]
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            found.append((node.lineno, "." * node.level + (node.module or "")))
    return found


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def test_every_module_belongs_to_a_stage() -> None:
    for path in _modules():
        parts = path.relative_to(ROOT).with_suffix("").parts
        if len(parts) == 2 and parts[1] == "__init__":
            continue
        _stage_of(".".join(parts))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_imports_against_the_flow(path: Path) -> None:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if len(parts) == 2 and parts[1] == "__init__":
        return
    own = _stage_of(".".join(parts))
    backward = []
    for line, target in _imports(path):
        assert not target.startswith("."), f"{path.relative_to(ROOT)}:{line}: write imports absolute ({target})"
        rank = _stage_of(target)
        if rank > own or (own == -1 and rank != -1):
            backward.append(f"{path.relative_to(ROOT)}:{line}: imports {target}, a later stage")
    assert not backward, "\n".join(backward)


def test_a_backward_import_is_caught(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text("from generator.site.render import long_date\n")
    assert _imports(module) == [(1, "generator.site.render")]
    assert _stage_of("generator.site.render") > _stage_of("generator.charts.figures")
