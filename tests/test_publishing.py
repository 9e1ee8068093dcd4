"""The publishing workflow and the hooks are valid, checked offline."""

from __future__ import annotations

import subprocess
import sys

from ruamel.yaml import YAML

from .conftest import ROOT


def test_pages_workflow_matches_the_github_schema() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(ROOT / ".github" / "workflows" / "pages.yml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_workflow_publishes_with_least_permissions() -> None:
    workflow = YAML(typ="safe").load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    steps = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps)
    assert any(s.startswith("actions/deploy-pages@") for s in steps)
    runs = " ".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    assert "mkdocs build --strict" in runs and "pytest" in runs


def test_pre_commit_hooks_are_local() -> None:
    config = YAML(typ="safe").load((ROOT / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    ids = {hook["id"] for hook in config["repos"][0]["hooks"]}
    assert {"fact-base-check", "fact-base-format"} <= ids
