"""What a hand-written page contains cannot change the policy its page carries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.integration.csp import inline_script_hashes

from .conftest import make_project, mkdocs_build

TRICKS = """---
trusted_html: true
---
# Background

A hand-written page of the test site, citing a source.[[1]](sources/index.md#source-wire-one)

<!-- </article> --><script>alert(1)</script><!-- <article> -->
</article><script>alert(2)</script><article>
<script type="text/javascript">alert(3)</script>
<script>var palette=__md_get("__palette")</script>
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    clean = make_project(tmp_path_factory.mktemp("clean"))
    tricked = make_project(tmp_path_factory.mktemp("tricked"))
    (tricked / "content/pages/background.md").write_text(TRICKS, encoding="utf-8")
    for project in (clean, tricked):
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
    return clean / "site", tricked / "site"


def _policy(page: Path) -> str:
    match = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page.read_text(encoding="utf-8"))
    assert match, page
    return match[1]


def test_the_policy_does_not_depend_on_the_page_text(sites: tuple[Path, Path]) -> None:
    clean, tricked = sites
    assert _policy(tricked / "background/index.html") == _policy(clean / "background/index.html")
    assert _policy(tricked / "background/index.html") == _policy(tricked / "methodology/index.html")


def test_no_smuggled_script_is_allowed(sites: tuple[Path, Path]) -> None:
    _, tricked = sites
    policy = _policy(tricked / "background/index.html")
    for body in ("alert(1)", "alert(2)", "alert(3)", 'var palette=__md_get("__palette")'):
        assert not any(h in policy for h in inline_script_hashes(f"<script>{body}</script>")), body
    assert "'self'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
