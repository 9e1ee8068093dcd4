"""In Chromium, the Content-Security-Policy runs the theme's scripts and nothing a page smuggles in."""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, _QuietHandler, make_project, mkdocs_build

pytestmark = pytest.mark.browser

SMUGGLED = """---
trusted_html: true
---
# Background

A hand-written page of the test site, citing a source.[[1]](sources/index.md#source-wire-one)

<!-- </article> -->
<script>document.documentElement.dataset.inline = "ran"</script>
<script src="../assets/javascripts/dropped.js"></script>
<script src="../assets/javascripts/probe.js" integrity="sha384-AAAA"></script>
<img src="missing.png" alt="" onerror="document.documentElement.dataset.handler = 'ran'">
<!-- <article> -->
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("csp"))
    scripts = project / "templates/theme/assets/javascripts"
    scripts.mkdir(parents=True, exist_ok=True)
    (scripts / "probe.js").write_text('document.documentElement.dataset.probe = "ran";\n', encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "\nextra_javascript:\n" in text:
        text = text.replace("\nextra_javascript:\n", "\nextra_javascript:\n  - assets/javascripts/probe.js\n", 1)
    else:
        text += "\nextra_javascript:\n  - assets/javascripts/probe.js\n"
    config.write_text(text, encoding="utf-8")
    (project / "content/pages/background.md").write_text(SMUGGLED, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    # A script file that reached the served folder some other way (the check refuses it in content/).
    (project / "site/assets/javascripts/dropped.js").write_text('document.documentElement.dataset.file = "ran";\n')
    return project / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def seen(base_url: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "tests.csp_probe", base_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_smuggled_scripts_do_not_run(seen: dict[str, Any]) -> None:
    ran = seen["smuggled"]["ran"]
    assert "inline" not in ran and "file" not in ran and "handler" not in ran, ran
    assert ran.get("probe") == "ran", "the theme's own script still runs on this page"
    violations = [e for e in seen["smuggled"]["errors"] if "Content Security Policy" in e]
    assert len(violations) >= 3, seen["smuggled"]["errors"]


def test_theme_scripts_run_without_violations(seen: dict[str, Any]) -> None:
    # 404.html links from site_url's path, which this server does not have: only its policy is judged.
    assert [e for e in seen["404"]["errors"] if "Content Security Policy" in e] == []
    for path in ["", "timeline/", "sources/", "data/"]:
        assert seen[f"page:{path}"]["ran"].get("probe") == "ran", path
    assert seen["palette"][0] != seen["palette"][1]
    assert seen["search_results"] >= 1
    assert seen["theme_errors"] == []


def test_every_page_carries_the_policy_without_self_for_scripts(site: Path) -> None:
    import re

    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert policy, path
        script_src = re.search(r"script-src ([^;]+);", policy[1])
        assert script_src and "'self'" not in script_src[1] and "'unsafe-inline'" not in script_src[1], path
        assert "base-uri 'none'" in policy[1]
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html):
            if "bundle." in tag or ("probe.js" in tag and "sha384-AAAA" not in tag):
                assert 'integrity="sha384-' in tag, (path, tag)
