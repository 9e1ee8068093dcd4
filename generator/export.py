"""Write the complete docs tree as plain files, buildable by MkDocs without this generator.

The exit path for when Material or this plugin is not available: hand-written pages, generated
chapters, charts and data files, plus an `mkdocs.yml` without the generator's plugin.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from . import csp
from .bundle import build_bundle

PLUGIN_NAME = "crisis-report"


def export_site(config_file: Path, out_dir: Path, progress: Callable[[str], None] | None = None) -> int:
    """Export the project of `config_file` into `out_dir`; return the number of files written."""
    config = _read_config(config_file)
    root = config_file.parent
    plugin_options = _plugin_options(config)
    content_dir = root / plugin_options.get("content_dir", "content")
    templates_dir = root / plugin_options.get("templates_dir", "templates")
    bundle = build_bundle(content_dir, templates_dir, cache_dir=root / plugin_options.get("cache_dir", ".cache/crisis-report"),
                          pages_dir=root / config.get("docs_dir", "docs"), progress=progress)

    docs = out_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(root / config.get("docs_dir", "docs"), docs)
    written = sum(1 for p in docs.rglob("*") if p.is_file())
    for path, text in bundle.pages.items():
        _write(docs / path, text.encode("utf-8"))
        written += 1
    for path, data in bundle.assets.items():
        _write(docs / path, data)
        written += 1

    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        target = out_dir / "theme"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(root / theme["custom_dir"], target)
        theme["custom_dir"] = "theme"
    config["docs_dir"] = "docs"
    config["plugins"] = [p for p in config.get("plugins", []) if _plugin_name(p) != PLUGIN_NAME]
    config.pop("watch", None)
    config["not_in_nav"] = "\n".join(f"/{path}" for path in sorted(bundle.pages) if not bundle.in_nav(path))
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    with (out_dir / "mkdocs.yml").open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    # Without the plugin no builder adds the Content-Security-Policy: `python csp.py site` after the build does.
    shutil.copyfile(Path(csp.__file__), out_dir / "csp.py")
    return written + 2


def _read_config(config_file: Path) -> dict[str, Any]:
    data = YAML(typ="safe", pure=True).load(config_file.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{config_file}: not a mapping")
    return data


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return entry[PLUGIN_NAME] or {}
    return {}


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
