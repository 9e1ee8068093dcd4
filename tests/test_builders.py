"""The site builds, and builds the same pages, with each supported builder.

MkDocs 1.6 (the default) and ProperDocs build the full project with the generator's plugin;
Zensical builds the exported tree (`python -m generator export DIR`), which needs no plugin.
Each alternative builder runs from its own venv under .cache/builders (tests/builder_envs.py):
one that cannot be installed fails its test.
"""

from __future__ import annotations

import concurrent.futures
import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .builder_envs import pinned_version, properdocs_build, zensical_build
from .conftest import ROOT

pytestmark = pytest.mark.slow

CSP_META = 'http-equiv="Content-Security-Policy"'
CHROMIUM = "/usr/bin/chromium"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _copy_project(target: Path) -> Path:
    for item in ("content", "templates"):
        shutil.copytree(ROOT / item, target / item)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def _report_languages() -> list[str]:
    from ruamel.yaml import YAML

    report = YAML(typ="safe").load((ROOT / "content" / "report.yml").read_text(encoding="utf-8"))
    return list(report.get("languages", ["en"]))


def _pages(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in site.rglob("*.html"))


def _article(page: Path) -> BeautifulSoup:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    assert article is not None, page
    return article


def _text(article: BeautifulSoup) -> str:
    # Spacing is compared loosely: Zensical highlights code blocks, splitting a token over several
    # elements; every character of the text, in order, must still be there.
    return "".join(article.get_text().split())


def _images(article: BeautifulSoup) -> list[str]:
    return [img["src"] for img in article.find_all("img")]


def _generator(page: Path) -> str:
    match = re.search(r'<meta name="generator" content="([^"]+)"', page.read_text(encoding="utf-8"))
    assert match is not None, page
    return match.group(1)


def _assert_same_pages(default: Path, other: Path, *, spacing_loose: bool, editions: bool = True) -> None:
    """The same pages with the same text; `editions=False` compares the default edition only (an export
    is the default edition's tree)."""
    others = set(_report_languages()[1:])
    pages = [p for p in _pages(default) if editions or p.parts[0] not in others]
    assert pages == _pages(other)
    for page in pages:
        if page.name == "404.html":
            continue
        ours, theirs = _article(default / page), _article(other / page)
        if spacing_loose:
            assert _text(ours) == _text(theirs), page
        else:
            assert " ".join(ours.get_text(" ").split()) == " ".join(theirs.get_text(" ").split()), page
        assert _images(ours) == _images(theirs), page
        for src in _images(theirs):
            assert (other / page).parent.joinpath(src.split("#")[0]).resolve().is_file(), f"{page}: {src} missing"


def _assert_theme_overrides(site: Path) -> None:
    """The project's theme overrides: CSP on every page, named search dialog, no GitHub API call."""
    for page in _pages(site):
        html = (site / page).read_text(encoding="utf-8")
        assert CSP_META in html.split("</head>")[0], f"{page}: no Content-Security-Policy"
        assert "connect-src 'self'" in html, page
        assert 'data-md-component="source"' not in html, f"{page}: the header asks the GitHub API for stars"
        if 'class="md-search"' in html:
            assert re.search(r'class="md-search"[^>]*role="dialog"[^>]*aria-label="[^"]+"', html), page


def test_default_builder_is_mkdocs_1_6_and_keeps_the_overrides(real_site: Path) -> None:
    assert re.fullmatch(r"mkdocs-1\.6\.\d+, mkdocs-material-9\.\d+\.\d+", _generator(real_site / "index.html"))
    _assert_theme_overrides(real_site)


def test_full_site_builds_with_properdocs_and_matches(real_site: Path, tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "project")
    result = properdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    site = project / "site"
    assert _generator(site / "index.html").startswith(f"mkdocs-ProperDocs {pinned_version('properdocs')}")
    _assert_same_pages(real_site, site, spacing_loose=False)
    _assert_theme_overrides(site)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real report exported, built by Zensical and given its CSP by the exported csp.py."""
    tmp_path = tmp_path_factory.mktemp("zensical")
    project = _copy_project(tmp_path / "project")
    exported = tmp_path / "exported"
    export = subprocess.run(
        [sys.executable, "-m", "generator", "export", str(exported)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert export.returncode == 0, export.stderr
    result = zensical_build(exported)
    assert result.returncode == 0, result.stdout + result.stderr
    return exported / "site"


def test_exported_tree_builds_with_zensical_and_matches(real_site: Path, zensical_site: Path) -> None:
    site = zensical_site
    assert _generator(site / "index.html") == f"zensical-{pinned_version('zensical')}"
    _assert_same_pages(real_site, site, spacing_loose=True, editions=False)
    _assert_theme_overrides(site)
    # The title override (escaping a record title) is applied by Zensical's MiniJinja too.
    assert (site / "index.html").read_text(encoding="utf-8").count("<title>") == 1
    assert (site / "data" / "events.csv").read_bytes() == (real_site / "data" / "events.csv").read_bytes()


def _open_pages(base: str, paths: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """Open each page in Chromium; return the console errors, requests off the site, and pages whose theme
    scripts did not run."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    errors: list[str] = []
    not_run: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context()
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(base)
                else (outside.append(route.request.url), route.abort())
            ),
        )
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in paths:
            page.goto(base + path, wait_until="networkidle")
            # Defined by one of the theme's inline scripts: the policy let it run.
            if page.evaluate("typeof __md_get") != "function":
                not_run.append(path)
        browser.close()
    return errors, outside, not_run


@pytest.mark.browser
def test_zensical_pages_run_their_theme_scripts_under_the_policy(zensical_site: Path) -> None:
    assert Path(CHROMIUM).is_file(), "Debian's chromium is required: apt-get install chromium"
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(zensical_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    # Playwright's sync API refuses a thread that already runs one (the browser tests' session
    # browser): this check gets a thread of its own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        try:
            errors, outside, not_run = pool.submit(_open_pages, base, ("/", "/timeline/")).result()
        finally:
            server.shutdown()
    assert errors == []
    assert outside == []
    assert not_run == []


def test_csp_step_gives_a_page_the_plugin_s_protection(real_site: Path, tmp_path: Path) -> None:
    """`python csp.py site` in the exported tree: the page's own theme scripts run, nothing from its text."""
    from generator.integration import csp_standalone

    page = (real_site / "timeline" / "index.html").read_text(encoding="utf-8")
    plugin_policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert plugin_policy is not None
    smuggled = "<!-- </article> --><script>alert(1)</script>"
    bare = re.sub(r"\n    <meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", page, count=1)
    bare = re.sub(r' integrity="[^"]*"', "", bare).replace("<article", "<article", 1)
    bare = bare.replace("</h1>", "</h1>" + smuggled, 1)
    site = tmp_path / "site"
    (site / "timeline").mkdir(parents=True)
    (site / "timeline" / "index.html").write_text(bare, encoding="utf-8")
    shutil.copytree(real_site / "assets" / "javascripts", site / "assets" / "javascripts")
    assert csp_standalone.add_to_site(site) == 1
    secured = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', secured)
    assert policy is not None
    sources = set(policy[1].split("script-src ")[1].split(";")[0].split())
    assert sources <= set(plugin_policy[1].split("script-src ")[1].split(";")[0].split()), "nothing the plugin refuses"
    assert "'self'" not in sources and "'unsafe-inline'" not in sources
    smuggled_hash = "'" + csp_standalone._digest("sha256", b"alert(1)") + "'"
    assert smuggled_hash not in sources, "a script in the article's text is not allowed, even after a fake </article>"
    assert re.findall(r' integrity="[^"]*"', secured) == re.findall(r' integrity="[^"]*"', page)
    assert csp_standalone.add_to_site(site) == 0
