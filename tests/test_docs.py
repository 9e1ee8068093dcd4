"""The developers' documents say what the code has (in the spirit of datasette's tests/test_docs.py).

Every name is read from the code, so a command, option, template helper, problem code or package
added anywhere shows up here as a failure naming what to document, never as a crash:

- every command and option of `python -m generator` in README.md's command reference;
- every template helper (the keywords passed to `render()` in generator/site/pages.py, the context of
  `build_bundle`, the globals, filters and tests `make_environment` adds) in ARCHITECTURE.md's
  "Template helpers";
- every problem code in ERRORS.md;
- a section of ARCHITECTURE.md for every package of generator/, naming each of its modules.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import click
import jinja2
import pytest

from generator.cli import main
from generator.factbase.codes import CODES

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
ARCHITECTURE = ROOT / "ARCHITECTURE.md"
ERRORS = ROOT / "ERRORS.md"
PACKAGE = ROOT / "generator"


def section(path: Path, title: str) -> str:
    """The text under the `## title` heading of a Markdown file, up to the next heading of level 2."""
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert found, f"{path.name} has no section '## {title}'"
    return found.group(1)


def mentions(text: str, name: str) -> bool:
    """`name` appears as a whole word (a flag, a command) in `text`."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


# Commands and options ---------------------------------------------------------------------------


def commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    """Every command as typed after `python -m generator`, sub-commands of groups included."""
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        path = f"{prefix}{name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, f"{path} ")


COMMANDS = dict(commands(main))


def reference_of(command: str) -> str:
    """What README.md's command reference says of a command: each table row or paragraph of the
    "Commands" section that names `python -m generator COMMAND`."""
    blocks = re.split(r"\n(?=\|)|\n\s*\n", section(README, "Commands"))
    return "\n".join(block for block in blocks if mentions(block, f"python -m generator {command}"))


def options(command: click.Command) -> Iterator[list[str]]:
    """The flags of each option (`--poll`, or `--write`/`--no-write`), long ones first; `--help` aside."""
    for parameter in command.params:
        if isinstance(parameter, click.Option) and not parameter.hidden:
            flags = [*parameter.opts, *parameter.secondary_opts]
            yield sorted(flags, key=lambda flag: not flag.startswith("--"))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_and_its_options_are_in_the_readme(command: str) -> None:
    reference = reference_of(command)
    assert reference, f"README.md's '## Commands' has no row naming `python -m generator {command}`"
    missing = [flags[0] for flags in options(COMMANDS[command]) if not any(mentions(reference, flag) for flag in flags)]
    assert not missing, (
        f"README.md's row(s) for `python -m generator {command}` do not mention "
        f"{', '.join(missing)}: document each option where the command is"
    )


def test_every_command_is_checked() -> None:
    """The commands this file knows: if main had none, the test above would pass vacuously."""
    assert {"check", "codes", "export", "serve"} <= COMMANDS.keys()


def test_error_statuses_and_traceback_switch_are_documented() -> None:
    reference = section(README, "Commands")
    missing = [
        word
        for word in ("exit status 1", "exit status 2", "exit status 3", "CRISIS_REPORT_TRACEBACK")
        if word not in reference
    ]
    assert not missing, f"README.md's '## Commands' does not say: {', '.join(missing)}"


# Template helpers -------------------------------------------------------------------------------


def _called_name(function: ast.expr) -> str:
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def render_keywords(path: Path) -> set[str]:
    """The keyword arguments of every call of a function or method named `render` in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        keyword.arg
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _called_name(node.func) == "render"
        for keyword in node.keywords
        if keyword.arg
    }


def dict_keys(path: Path, owner: str) -> set[str]:
    """The string keys of the dict literals assigned to, or returned by, `owner` in a module."""
    keys: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == owner for t in node.targets):
            values = [node.value]
        elif isinstance(node, ast.FunctionDef) and node.name == owner:
            values = [child.value for child in ast.walk(node) if isinstance(child, ast.Return) and child.value]
        else:
            continue
        keys |= {
            key.value
            for value in values
            if isinstance(value, ast.Dict)
            for key in value.keys
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        }
    return keys


def environment_helpers() -> set[str]:
    """The globals, filters and tests that the templates' environment adds to (or replaces in) Jinja's own."""
    from generator.site.render import make_environment

    environment = make_environment(ROOT / "templates")
    plain = jinja2.Environment()
    return {
        name
        for kind in ("globals", "filters", "tests")
        for name, value in getattr(environment, kind).items()
        if getattr(plain, kind).get(name) is not value
    }


def test_helper_sources_are_found() -> None:
    """The names below are read from the code; a refactoring that hides them must not pass vacuously."""
    assert {"link_to", "cite", "chart"} <= render_keywords(PACKAGE / "site" / "pages.py")
    assert {"short_date", "anchor"} <= environment_helpers()
    assert "downloads" in dict_keys(PACKAGE / "site" / "bundle.py", "context")


def test_every_template_helper_is_in_the_architecture() -> None:
    helpers = (
        render_keywords(PACKAGE / "site" / "pages.py")
        | environment_helpers()
        | dict_keys(PACKAGE / "site" / "bundle.py", "context")
        | dict_keys(PACKAGE / "history" / "changes_feed.py", "history_context")
    )
    documented = section(ARCHITECTURE, "Template helpers")
    missing = sorted(name for name in helpers if not re.search(rf"`{re.escape(name)}[`(]", documented))
    assert not missing, f"ARCHITECTURE.md's '## Template helpers' does not list: {', '.join(missing)}"


# Problem codes and packages ---------------------------------------------------------------------


def test_every_problem_code_is_in_errors_md() -> None:
    reference = ERRORS.read_text(encoding="utf-8")
    missing = [entry.code for entry in CODES if f"`{entry.code}`" not in reference]
    assert not missing, f"ERRORS.md lacks {', '.join(missing)}: run `python -m generator codes > ERRORS.md`"


def packages() -> list[str]:
    """generator/ and every package in it, as `generator/name/`."""
    found = [
        folder
        for folder in [PACKAGE, *sorted(PACKAGE.rglob("*"))]
        if folder.is_dir() and (folder / "__init__.py").is_file()
    ]
    return [f"{folder.relative_to(ROOT).as_posix()}/" for folder in found]


def test_every_package_has_a_section_in_the_architecture() -> None:
    headings = re.findall(r"^#{2,4} .*$", ARCHITECTURE.read_text(encoding="utf-8"), re.M)
    assert "generator/factbase/" in packages()
    missing = [name for name in packages() if not any(f"`{name}`" in heading for heading in headings)]
    assert not missing, f"ARCHITECTURE.md has no section (a heading naming `generator/x/`) for: {', '.join(missing)}"


def package_sections() -> dict[str, str]:
    """The text under each heading of ARCHITECTURE.md that names a package, by package (`generator/x/`)."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    sections: dict[str, str] = {}
    for found in re.finditer(
        r"^#{2,4} [^\n]*?`(generator/(?:[\w/]+/)?)`[^\n]*\n(?P<body>.*?)(?=^#{2,4} |\Z)", text, re.M | re.S
    ):
        sections[found.group(1)] = found.group("body")
    return sections


def test_every_module_is_named_in_its_package_section() -> None:
    sections = package_sections()
    whole = ARCHITECTURE.read_text(encoding="utf-8")
    missing = []
    for module in sorted(PACKAGE.rglob("*.py")):
        if module.name in ("__init__.py", "__main__.py") or "skeleton" in module.parts:
            continue
        path = module.relative_to(ROOT).as_posix()
        package = f"{module.parent.relative_to(ROOT).as_posix()}/"
        if f"`{path}`" not in whole and not mentions(sections.get(package, ""), f"{module.name}"):
            missing.append(path)
    assert not missing, f"ARCHITECTURE.md's package sections do not name: {', '.join(missing)}"
