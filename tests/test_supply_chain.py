"""Every version the project is built with is pinned, hashed and kept current by configuration."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements"
LOCK = REQUIREMENTS / "lock.txt"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.M)
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.M)


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match is not None, requirement
    return _normalize(match.group(1))


def _locked(lock_text: str) -> dict[str, set[str]]:
    versions: dict[str, set[str]] = {}
    for name, version in PINNED.findall(lock_text):
        versions.setdefault(_normalize(name), set()).add(version)
    return versions


def missing_from_lock(pyproject_text: str, lock_text: str) -> list[str]:
    """Dependencies named in pyproject.toml (runtime, test extra, build back-end) that the lock lacks."""
    project = tomllib.loads(pyproject_text)
    wanted = [
        *project["project"]["dependencies"],
        *project["project"]["optional-dependencies"]["test"],
        *project["build-system"]["requires"],
    ]
    locked = _locked(lock_text)
    return sorted({_requirement_name(r) for r in wanted} - set(locked))


def test_every_pyproject_dependency_is_in_the_lock() -> None:
    missing = missing_from_lock((ROOT / "pyproject.toml").read_text(), LOCK.read_text())
    assert missing == [], f"run `make lock`: {missing} are in pyproject.toml but not in requirements/lock.txt"


def test_a_dependency_added_to_pyproject_without_locking_is_caught() -> None:
    pyproject = (
        (ROOT / "pyproject.toml").read_text().replace('"click>=8.1",', '"click>=8.1",\n    "an-unlocked-package>=5",')
    )
    assert missing_from_lock(pyproject, LOCK.read_text()) == ["an-unlocked-package"]


def test_every_lock_pins_each_package_with_hashes() -> None:
    for lock in sorted(REQUIREMENTS.glob("*.txt")):
        blocks = re.split(r"\n(?=[A-Za-z0-9])", lock.read_text())
        entries = [block for block in blocks if PINNED.match(block)]
        assert len(entries) >= 5, lock
        for block in entries:
            assert "--hash=sha256:" in block, f"{lock.name}: {block.splitlines()[0]} has no hash"
        assert not re.search(r"^[A-Za-z0-9][^=\n]*(>=|<|~=)[^\n]*\\$", lock.read_text(), re.M), lock.name


def test_locks_are_universal_and_resolved_for_the_oldest_supported_python() -> None:
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    oldest = re.fullmatch(r">=\s*(3\.\d+)", requires)
    assert oldest is not None, requires
    for lock in sorted(REQUIREMENTS.glob("*.txt")):
        header = lock.read_text().splitlines()[1]
        assert "--universal" in header and "--generate-hashes" in header, lock.name
        assert f"--python-version {oldest.group(1)}" in header, lock.name
        assert lock.with_suffix(".in").exists() or lock == LOCK, lock.name


def test_the_builder_locks_follow_the_main_lock() -> None:
    main = _locked(LOCK.read_text())
    properdocs = _locked((REQUIREMENTS / "properdocs.txt").read_text())
    for name in ("mkdocs-material", "matplotlib", "pydantic", "jinja2", "ruamel-yaml"):
        assert properdocs[name] == main[name], name
    assert "properdocs" in properdocs and "properdocs" not in main
    assert "zensical" in _locked((REQUIREMENTS / "zensical.txt").read_text())


def test_installs_use_the_lock_with_hashes_and_the_project_without_dependencies() -> None:
    makefile = (ROOT / "Makefile").read_text()
    stamp = makefile[makefile.index("$(STAMP):") :]
    stamp = stamp[: stamp.index("\n\n")]
    assert "--require-hashes" in stamp and "-r $(LOCK)" in stamp
    assert re.search(r"pip install [^\n]*--no-deps[^\n]*-e \.", stamp)
    assert "'.[test]'" not in stamp and "--upgrade" not in stamp
    workflow = WORKFLOW.read_text()
    assert "pip install -e" not in workflow
    assert workflow.count("--require-hashes --no-deps -r requirements/lock.txt") >= 2


def test_make_lock_is_one_command_that_writes_every_lock() -> None:
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile[makefile.index("\nlock:") :]
    recipe = recipe[: recipe.index("\n\n")]
    for lock in sorted(REQUIREMENTS.glob("*.txt")):
        assert f"-o requirements/{lock.name}" in recipe or (lock == LOCK and "-o $(LOCK)" in recipe), lock.name


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
    uses = [(path.name, *match) for path in workflows for match in USES.findall(path.read_text())]
    assert len(uses) >= 5
    for name, action, comment in uses:
        if action.startswith("./"):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{name}: {action} is not pinned to a commit"
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*", comment), f"{name}: {action} has no version comment"


def test_the_suite_runs_on_every_supported_python() -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    versions = jobs["test"]["strategy"]["matrix"]["python-version"]
    minors = [int(v.split(".")[1]) for v in versions]
    assert versions[0] == "3.11"
    assert minors == list(range(minors[0], minors[-1] + 1)), versions
    assert minors[-1] >= 15, "3.15 is released: test on it"
    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["classifiers"]
    declared = [
        c.removeprefix("Programming Language :: Python :: ") for c in classifiers if re.search(r":: 3\.\d+$", c)
    ]
    assert declared == versions, "pyproject.toml declares the Python versions the workflow tests"
    assert "pytest" in str(jobs["test"]["steps"])
    assert set(jobs["build"]["needs"]) >= {"test", "audit"}


def test_the_workflow_audits_the_locked_dependencies() -> None:
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["audit"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "--require-hashes --no-deps -r requirements/audit.txt" in commands
    assert re.search(r"pip-audit [^\n]*--require-hashes", commands)
    assert "requirements/lock.txt" in commands


def test_dependabot_updates_pip_and_actions_weekly_in_groups() -> None:
    config = yaml.safe_load(DEPENDABOT.read_text())
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"]
    assert updates["pip"]["directory"] == "/requirements"


def _check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_workflow_and_dependabot_config_are_valid() -> None:
    for schema, path in (("vendor.github-workflows", WORKFLOW), ("vendor.dependabot", DEPENDABOT)):
        result = _check_jsonschema(schema, path)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_an_invalid_dependabot_config(tmp_path: Path) -> None:
    broken = tmp_path / "dependabot.yml"
    broken.write_text(DEPENDABOT.read_text().replace("interval: weekly", "interval: fortnightly", 1))
    assert _check_jsonschema("vendor.dependabot", broken).returncode != 0
