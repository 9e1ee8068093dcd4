"""Write the complete docs tree as plain files, buildable by MkDocs without this generator.

The exit path for when Material or this plugin is not available: hand-written pages, generated
chapters, charts and data files, plus an `mkdocs.yml` without the generator's plugin.

The export writes only into an empty (or new) folder, or over a previous export, recognised by
its manifest: it never deletes or overwrites a file it did not write, and never writes inside
the project's own folders.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.errors import Failure
from generator.factbase.citations import is_translation
from generator.integration import csp_standalone
from generator.integration.mkdocs_config import dump_config, read_config
from generator.site.blockmarks import unmarked
from generator.site.bundle import build_bundle
from generator.site.navigation import with_timeline_parts
from generator.site.pages import hand_written_page

PLUGIN_NAME = "crisis-report"
MANIFEST = ".crisis-report-export"
_MANIFEST_HEADER = "# Files written by `python -m generator export`; a later export replaces exactly these."


class ExportError(Failure):
    """The export cannot be written where asked; nothing was changed."""


def export_site(config_file: Path, out_dir: Path, progress: Callable[[str], None] | None = None) -> int:
    """Export the project of `config_file` into `out_dir`; return the number of files written."""
    config = read_config(config_file)
    written_config = read_config(config_file, keep_tags=True)
    root = config_file.parent
    plugin_options = _plugin_options(config)
    content_dir = root / plugin_options.get("content_dir", "content")
    templates_dir = root / plugin_options.get("templates_dir", "templates")
    pages_dir = root / config.get("docs_dir", "docs")
    theme = config.get("theme", {})
    custom_dir = root / theme["custom_dir"] if isinstance(theme, dict) and theme.get("custom_dir") else None
    _refuse_own_folder(out_dir, root, [content_dir, templates_dir, pages_dir, *([custom_dir] if custom_dir else [])])
    previous = _previous_export(out_dir)

    bundle = build_bundle(
        content_dir,
        templates_dir,
        cache_dir=root / plugin_options.get("cache_dir", ".cache/crisis-report"),
        pages_dir=pages_dir,
        progress=progress,
        site_url=config.get("site_url"),
    )
    # The default edition's tree: a translated page (`x.fr.md`) belongs to another edition.
    files: dict[str, bytes] = {
        f"docs/{path}": data for path, data in _tree(pages_dir).items() if not is_translation(pages_dir / path)
    }
    for path in [path for path in files if path.endswith(".md")]:
        text = hand_written_page(
            files[path].decode("utf-8"),
            bundle.report,
            path.removeprefix("docs/"),
            templates_dir,
            root / plugin_options.get("cache_dir", ".cache/crisis-report"),
        )
        files[path] = text.encode("utf-8")
    for path in bundle.pages:
        if f"docs/{path}" in files:
            raise ExportError(f"{pages_dir / path}: a hand-written page has the path of a generated page; rename it")
    files.update({f"docs/{path}": unmarked(text).encode("utf-8") for path, text in bundle.pages.items()})
    files.update({f"docs/{path}": data for path, data in bundle.assets.items()})
    if custom_dir is not None:
        files.update({f"theme/{path}": data for path, data in _tree(custom_dir).items()})
        _set(written_config, "theme", "custom_dir", "theme")
    written_config["docs_dir"] = "docs"
    written_config["plugins"] = [p for p in written_config.get("plugins", []) if _plugin_name(p) != PLUGIN_NAME]
    written_config.pop("watch", None)
    written_config["nav"] = with_timeline_parts(written_config.get("nav"), bundle.report)
    written_config["not_in_nav"] = "\n".join(f"/{path}" for path in sorted(bundle.pages) if not bundle.in_nav(path))
    files["mkdocs.yml"] = dump_config(written_config).encode("utf-8")
    # Without the plugin no builder adds the Content-Security-Policy: `python csp.py site` after the build does.
    files["csp.py"] = Path(csp_standalone.__file__).read_bytes()

    clashes = sorted(path for path in files if path not in previous and (out_dir / path).exists())
    if clashes:
        raise ExportError(
            f"{out_dir} holds files this export did not write and would overwrite: {', '.join(clashes[:5])}"
            f"{' ...' if len(clashes) > 5 else ''}; move them away or export elsewhere"
        )
    for stale in sorted(previous - files.keys()):
        _remove(out_dir, stale)
    for path, data in files.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (out_dir / MANIFEST).write_text("\n".join([_MANIFEST_HEADER, *sorted(files)]) + "\n", encoding="utf-8")
    return len(files)


def _refuse_own_folder(out_dir: Path, root: Path, own: list[Path]) -> None:
    target = out_dir.resolve()
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} is a file, not a folder")
    for folder in (root, *own):
        folder = folder.resolve()
        if target == folder or (folder != root.resolve() and target.is_relative_to(folder)):
            raise ExportError(
                f"{out_dir} is one of the project's own folders ({folder}); export into a new or empty folder"
            )


def _previous_export(out_dir: Path) -> set[str]:
    """The files a previous export wrote into `out_dir` (none for a new or empty folder)."""
    if not out_dir.exists() or not any(out_dir.iterdir()):
        return set()
    manifest = out_dir / MANIFEST
    if not manifest.is_file():
        raise ExportError(
            f"{out_dir} is not empty and holds no previous export ({MANIFEST}); export into a new or empty folder"
        )
    lines = manifest.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#") and _inside(out_dir, line)}


def _inside(out_dir: Path, relative: str) -> bool:
    """A manifest names files inside the export only (an edited manifest cannot reach outside it)."""
    return not Path(relative).is_absolute() and (out_dir / relative).resolve().is_relative_to(out_dir.resolve())


def _remove(out_dir: Path, relative: str) -> None:
    path = out_dir / relative
    if path.is_file():
        path.unlink()
    parent = path.parent
    while parent != out_dir and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _tree(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def _set(config: dict[str, Any], section: str, key: str, value: Any) -> None:
    if isinstance(config.get(section), dict):
        config[section][key] = value


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return entry[PLUGIN_NAME] or {}
    return {}
