"""The alternative site builders, each in its own venv under .cache/builders, installed from its hashed lock.

Shared by tests/test_builders.py and bench/builders.py. A builder that cannot be installed raises
BuilderError: the tests fail on it, they never skip.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements"
BUILDERS_DIR = ROOT / ".cache" / "builders"


class BuilderError(RuntimeError):
    pass


def pinned_version(name: str) -> str:
    """The version of `name` pinned in requirements/NAME.in."""
    match = re.search(rf"^{re.escape(name)}==(\S+)", (REQUIREMENTS / f"{name}.in").read_text(), re.M)
    if match is None:
        raise BuilderError(f"requirements/{name}.in pins no version of {name}")
    return match.group(1)


def builder_venv(name: str, *, with_project: bool) -> Path:
    """The venv of builder `name`, (re)installed when its lock (or the project's pyproject.toml) changed; with the project when it runs the plugin."""
    lock = REQUIREMENTS / f"{name}.txt"
    venv = BUILDERS_DIR / f"{name}-{pinned_version(name)}"
    stamp = venv / ".installed"
    # The project's entry points live in pyproject.toml: a moved plugin needs a fresh editable install.
    project = (ROOT / "pyproject.toml").read_bytes() if with_project else b""
    digest = hashlib.sha256(lock.read_bytes() + project).hexdigest()
    if stamp.is_file() and stamp.read_text() == digest:
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    _run([sys.executable, "-m", "venv", str(venv)])
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, "--require-hashes", "--no-deps", "-r", str(lock)])
    if with_project:
        _run([*pip, "--no-deps", "--no-build-isolation", "-e", str(ROOT)])
    stamp.write_text(digest)
    return venv


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["DISABLE_MKDOCS_2_WARNING"] = "true"
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def properdocs_build(project: Path, site: str = "site") -> subprocess.CompletedProcess[str]:
    """The full project (plugin included) built strictly by ProperDocs."""
    properdocs = builder_venv("properdocs", with_project=True) / "bin" / "properdocs"
    return subprocess.run(
        [str(properdocs), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", site],
        cwd=project,
        capture_output=True,
        text=True,
        env=build_env(),
        check=False,
    )


def zensical_build(exported: Path) -> subprocess.CompletedProcess[str]:
    """The exported tree built strictly by Zensical into exported/site, then given its CSP by csp.py."""
    venv = builder_venv("zensical", with_project=False)
    build = subprocess.run(
        [str(venv / "bin" / "zensical"), "build", "--strict", "--clean", "-f", "mkdocs.yml"],
        cwd=exported,
        capture_output=True,
        text=True,
        env=build_env(),
        check=False,
    )
    if build.returncode != 0:
        return build
    return subprocess.run(
        [str(venv / "bin" / "python"), "csp.py", "site"],
        cwd=exported,
        capture_output=True,
        text=True,
        env=build_env(),
        check=False,
    )


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuilderError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
