"""MkDocs integration: validate the fact base, then add the generated chapters to the build.

`on_config` loads and checks the content before MkDocs empties `site/`, so invalid data fails the
build with the validator's messages and leaves the last good site in place; a `build` writes to a
private folder that replaces `site/` only when the build succeeded (see `publish`).
"""

from __future__ import annotations

import logging
import os
from datetime import UTC
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.factbase.diagnostics import ContentError
from generator.factbase.loader import LoadCache
from generator.factbase.models import DECLARATIONS
from generator.integration.csp import ThemeScripts, page_base_url, template_base_url
from generator.integration.edit_links import edit_url, repository_root
from generator.integration.publish import Publication, PublishError, prepare
from generator.site.bundle import Bundle, build_bundle
from generator.site.describe import describe
from generator.site.navigation import with_timeline_parts
from generator.site.pages import hand_written_page

log = get_plugin_logger(__name__)

# Kept at module level: `mkdocs serve` creates a new plugin instance for every rebuild, and the
# cache is what makes a rebuild after one edit re-read one file.
_CACHES: dict[str, LoadCache] = {}
LOAD_CACHE_FILE = "records.pickle"
_USER_SOURCE_DATE_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class CrisisReportConfig(Config):
    # A missing translation fails the build (release builds; or CRISIS_REPORT_REQUIRE_TRANSLATIONS=1).
    require_translations = config_options.Type(bool, default=False)
    content_dir = config_options.Type(str, default="content")
    templates_dir = config_options.Type(str, default="templates")
    cache_dir = config_options.Type(str, default=".cache/crisis-report")


class CrisisReportPlugin(BasePlugin[CrisisReportConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.bundle: Bundle | None = None
        self.theme_scripts: ThemeScripts | None = None
        self.publication: Publication | None = None
        self.counter = _WarningCounter()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from generator.factbase.checked import require_translations  # here: apart from the editions' imports

        require_translations(self.config.require_translations)
        root = Path(config.config_file_path).parent
        content_dir = (root / self.config.content_dir).resolve()
        templates_dir = (root / self.config.templates_dir).resolve()
        cache_dir = (root / self.config.cache_dir).resolve()
        cache = _CACHES.get(str(content_dir))
        if cache is None:
            cache = _CACHES[str(content_dir)] = LoadCache()
            cache.restore(cache_dir / LOAD_CACHE_FILE)
        parsed_before = cache.parsed
        try:
            self.bundle = build_bundle(content_dir, templates_dir, cache, cache_dir, Path(config.docs_dir), log.info,
                                       config.site_url)
        except ContentError as error:
            raise PluginError(f"the fact base has problems:\n{error.render()}") from None
        except FileNotFoundError as error:
            raise PluginError(str(error)) from None
        if cache.parsed != parsed_before:
            cache.save(cache_dir / LOAD_CACHE_FILE)
        log.info(
            "fact base: %s; %d pages generated, %d charts (%d drawn)",
            ", ".join(f"{len(self.bundle.report.records_of(declared.folder))} {declared.plural}" for declared in DECLARATIONS),
            len(self.bundle.pages), sum(1 for path in self.bundle.assets if path.endswith(".light.svg")), self.bundle.charts_rendered,
        )
        config.nav = with_timeline_parts(config.nav, self.bundle.report)
        # The build date (sitemap) comes from the data, so two builds of the same input are identical.
        # Set again on every build (a preview rebuilds after `updated:` changes), unless the user set it.
        if _USER_SOURCE_DATE_EPOCH is None:
            os.environ["SOURCE_DATE_EPOCH"] = str(_epoch(self.bundle.report.info.updated))
        if self.command in ("build", "gh-deploy"):
            try:
                self.publication = prepare(config.site_dir)
            except PublishError as error:
                raise PluginError(str(error)) from None
            config.site_dir = self.publication.partial
            logging.getLogger("mkdocs").addHandler(self.counter)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.bundle is not None
        for path, text in self.bundle.pages.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                raise PluginError(f"{existing.src_uri}: a hand-written page has the path of a generated page; rename it")
            generated = File.generated(config, path, content=text)
            if not self.bundle.in_nav(path):
                generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        for path, data in self.bundle.assets.items():
            files.append(File.generated(config, path, content=data))
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """A generated page's edit link opens the YAML it was made from, not a Markdown file."""
        if self.bundle is not None and page.file.src_uri in self.bundle.pages and config.repo_url:
            root = Path(config.config_file_path).parent.resolve()
            content = (root / self.config.content_dir).resolve().relative_to(root).as_posix()
            docs = Path(config.docs_dir).resolve()
            repository = repository_root(config.repo_url, config.edit_uri,
                                         docs.relative_to(root).as_posix() if docs.is_relative_to(root) else "")
            page.edit_url = edit_url(config.repo_url, repository, content, page.file.src_uri) if repository else None
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A hand-written page's `[@source-id]` citations become numbered links to the bibliography."""
        if self.bundle is None or page.file.src_uri in self.bundle.pages:
            return markdown
        try:
            root = Path(config.config_file_path).parent
            return hand_written_page(markdown, self.bundle.report, page.file.src_uri,
                                     (root / self.config.templates_dir).resolve(), (root / self.config.cache_dir).resolve())
        except KeyError as error:  # a docs_dir outside the content folder is not covered by `check`
            raise PluginError(f"{page.file.src_uri}: unknown source {error} cited") from None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Each page gets a description of its own (meta tags, link previews) unless it states one."""
        if not page.meta.get("description"):
            description = describe(html)
            if description:
                # Escaped here: Material writes the description into an attribute without escaping it.
                page.meta["description"] = escape(description)
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.theme_scripts = ThemeScripts.of(env, config)
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        assert self.theme_scripts is not None
        return self.theme_scripts.secure(output, page_base_url(page.url))

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        assert self.theme_scripts is not None
        return self.theme_scripts.secure(output_content, template_base_url(template_name, config))

    @event_priority(-100)  # last, so that every other plugin's output is in the tree published
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        publication, self.publication = self.publication, None
        if publication is None:
            return
        logging.getLogger("mkdocs").removeHandler(self.counter)
        config.site_dir = publication.site_dir
        if config.strict and self.counter.count:
            publication.discard()
            log.warning("strict build failed: %s left unchanged", publication.site_dir)
            return
        try:
            publication.commit()
        except OSError as error:
            raise PluginError(f"{publication.site_dir}: cannot publish the site: {error}") from None

    def on_build_error(self, *, error: Exception) -> None:
        publication, self.publication = self.publication, None
        if publication is not None:
            logging.getLogger("mkdocs").removeHandler(self.counter)
            publication.discard()


def _epoch(day: Any) -> int:
    from datetime import datetime

    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
