"""In Chromium, the Content-Security-Policy runs the theme's scripts and nothing a page smuggles in."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import make_project, mkdocs_build
from .test_browser import Reader, _QuietHandler, browser  # noqa: F401  (browser is a fixture)

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


@pytest.fixture
def reader(browser: object, base_url: str) -> Iterator[Reader]:  # noqa: F811
    opened = Reader(browser, base_url)
    yield opened
    opened.close()


def _ran(page: object) -> dict[str, str]:
    return page.evaluate("Object.assign({}, document.documentElement.dataset)")  # type: ignore[attr-defined]


def test_smuggled_scripts_do_not_run(reader: Reader) -> None:
    page = reader.open("background/")
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    ran = _ran(page)
    assert "inline" not in ran and "file" not in ran and "handler" not in ran, ran
    assert ran.get("probe") == "ran", "the theme's own script still runs on this page"
    violations = [e for e in reader.errors if "Content Security Policy" in e]
    assert len(violations) >= 3, reader.errors


def test_theme_scripts_run_without_violations(reader: Reader) -> None:
    reader.open("404.html")  # its links start at site_url's path, which this server does not have
    assert [e for e in reader.errors if "Content Security Policy" in e] == []
    reader.errors.clear()
    for path in ["", "timeline/", "sources/", "data/"]:
        page = reader.open(path)
        assert _ran(page).get("probe") == "ran", path
    page = reader.open("")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()  # type: ignore[attr-defined]
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")  # type: ignore[attr-defined]
    page.locator("input.md-search__input").click()  # type: ignore[attr-defined]
    page.keyboard.type("Testville")  # type: ignore[attr-defined]
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)  # type: ignore[attr-defined]
    assert reader.errors == []
    assert reader.outside == []


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
                assert "integrity=\"sha384-" in tag, (path, tag)
