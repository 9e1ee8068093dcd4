"""MkDocs integration: validate the fact base, then add the generated chapters to the build.

`on_config` loads and checks the content before MkDocs empties `site/`, so invalid data fails the
build with the validator's messages and leaves the last good site in place; a `build` writes to a
private folder that replaces `site/` only when the build succeeded (see `publish`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection
from contextlib import suppress
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.charts import DrawingFailed, Drawings, chart_workers, start_charts
from generator.factbase.diagnostics import ContentError
from generator.factbase.loader import LoadCache
from generator.factbase.models import DECLARATIONS
from generator.integration.block_html import BlockHtml
from generator.integration.csp import ThemeScripts, page_base_url, template_base_url
from generator.integration.edit_links import edit_url, repository_root
from generator.integration.editions import (
    edition_config,
    edition_files,
    edition_prefix,
    page_editions,
    report_languages,
    root_site_url,
    sitemap_with_alternates,
    translated_nav,
)
from generator.integration.publish import Publication, PublishError, prepare
from generator.integration.session import SESSION
from generator.integration.warm_up import compile_templates, import_matplotlib
from generator.site.bundle import Bundle, build_bundle
from generator.site.describe import describe
from generator.site.navigation import with_timeline_parts
from generator.site.pages import hand_written_page

if TYPE_CHECKING:
    from concurrent.futures import Future

log = get_plugin_logger(__name__)

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
    # The edition this build makes (None: the default edition, which then builds the others).
    language = config_options.Optional(config_options.Type(str))
    # The editions to build, instead of `languages:` of report.yml (e.g. `[en]` for a quick English-only build).
    languages = config_options.ListOfItems(config_options.Type(str), default=[])
    # Per other language: {fr: {site_name: ..., site_description: ..., nav: {Home: Accueil, ...}, search_separator: <regex>}}
    # (README, "Language editions").
    editions = config_options.Type(dict, default={})


class CrisisReportPlugin(BasePlugin[CrisisReportConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: Literal["build", "gh-deploy", "serve"] = "build"
        self.bundle: Bundle | None = None
        self.theme_scripts: ThemeScripts | None = None
        # The theme's templates being compiled by a chart worker (a cold build), collected in `on_env`.
        self.theme_compiled: Future[dict[tuple[str, str | None], bytes]] | None = None
        # The files of the charts being drawn, left out of the copy of static files and written once drawn.
        self.charts_due: list[File] = []
        self._edit_root_of: tuple[MkDocsConfig, str | None, str] | None = None
        self.publication: Publication | None = None
        self.counter = _WarningCounter()
        self.languages: list[str] = ["en"]
        self.known_languages: list[str] = ["en"]
        self.language = "en"
        self.root_url: str | None = None
        self.replaced: dict[str, str] = {}
        # The default edition's build makes the others too, unless whoever runs it builds them (the preview).
        self.builds_other_editions = True
        self.block_html = BlockHtml()
        # Asked while the bundle is made; True stops `on_config` with `Superseded` (the preview's other
        # editions giving way to a newer save).
        self.gives_way: Callable[[], bool] | None = None
        # The generated pages `on_config` makes (the preview's pages being read; None: all of them). The
        # others wait for `bundle.finish_pages()`.
        self.first_pages: Collection[str] | None = None
        # Workers that draw the charts missing from the cache while pages are made (the preview's own,
        # kept between rebuilds); None: a build uses the session's, `mkdocs serve` draws them at once.
        self.drawings: Drawings | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from generator.factbase.checked import require_translations  # here: apart from the editions' imports

        require_translations(self.config.require_translations)
        root = Path(config.config_file_path).parent
        content_dir = (root / self.config.content_dir).resolve()
        templates_dir = (root / self.config.templates_dir).resolve()
        cache_dir = (root / self.config.cache_dir).resolve()
        drawings = self._drawings()
        if drawings is not None and not any((cache_dir / "charts").glob("*.svg")):
            # A fresh clone: every chart will be drawn. The workers start now, and while this process
            # loads the records they compile the templates (ours into the cache, the theme's for
            # `on_env`), then import matplotlib.
            self.theme_compiled = drawings.prepare(
                chart_workers(), compile_templates, templates_dir, cache_dir, config.theme
            )
            drawings.prepare(chart_workers(), import_matplotlib)
        cache = SESSION.records(content_dir, cache_dir)
        language = self.config.language or (self.config.languages or ["en"])[0]
        self.bundle = self._bundle(config, content_dir, templates_dir, cache, cache_dir, language)
        self.languages = report_languages(self.bundle.report, self.config.languages)
        # A translation of a language left out by the `languages` option is still no page of its own.
        self.known_languages = list(dict.fromkeys([*self.languages, *report_languages(self.bundle.report)]))
        self.language = self.config.language or self.languages[0]
        if self.language not in self.languages:
            raise PluginError(
                f"language '{self.language}' is not one of the report's languages ({', '.join(self.languages)})"
            )
        if self.language != language:  # report.yml names another default language than the guess
            self.bundle = self._bundle(config, content_dir, templates_dir, cache, cache_dir, self.language)
        default = self.languages[0]
        if drawings is not None and self.language == default and self.builds_other_editions:
            # The other editions' charts are drawn while this one builds: their builds find them started.
            for other in self.languages[1:]:
                start_charts(self.bundle.report, content_dir, cache_dir / "charts", other, drawings)
        self.root_url = root_site_url(config.site_url, self.language, default)
        SESSION.save_records(content_dir, cache_dir)
        log.info(
            "fact base: %s; %d pages generated, %d charts (%d drawn)",
            ", ".join(
                f"{len(self.bundle.report.records_of(declared.folder))} {declared.plural}" for declared in DECLARATIONS
            ),
            len(self.bundle.page_paths),
            sum(1 for path in self.bundle.assets if path.endswith(".light.svg")),
            self.bundle.charts_rendered,
        )
        if self.block_html not in config.markdown_extensions:
            config.markdown_extensions.append(self.block_html)
        config.nav = with_timeline_parts(config.nav, self.bundle.report, self.language)
        if self.language != default:
            config.nav = translated_nav(config.nav, dict(self._edition_settings(self.language).get("nav") or {}))
        if len(self.languages) > 1:
            # Material shows its language menu (partials/alternate.html) when this is set; ours links each
            # page to its twin. Not a list, so Material's base.html writes no site-wide hreflang links.
            config.extra["alternate"] = True
        # The build date (sitemap) comes from the data, so two builds of the same input are identical.
        # Set again on every build (a preview rebuilds after `updated:` changes), unless the user set it.
        if _USER_SOURCE_DATE_EPOCH is None:
            os.environ["SOURCE_DATE_EPOCH"] = str(_epoch(self.bundle.report.info.updated))
        if self.command in ("build", "gh-deploy") and self.language == default:
            try:
                self.publication = prepare(config.site_dir)
            except PublishError as error:
                raise PluginError(str(error)) from None
            config.site_dir = self.publication.partial
            logging.getLogger("mkdocs").addHandler(self.counter)
        return config

    def _edition_settings(self, language: str) -> dict[str, Any]:
        settings = self.config.editions.get(language) or {}
        unknown = sorted(set(settings) - {"nav", "search_separator", "site_name", "site_description"})
        if not isinstance(settings, dict) or unknown:
            raise PluginError(
                f"crisis-report option editions.{language}: unknown settings {', '.join(unknown)} "
                "(known: nav, search_separator, site_name, site_description)"
            )
        return settings

    def _drawings(self) -> Drawings | None:
        """A build draws missing charts in workers while MkDocs converts the pages, and so does the
        preview with its own (`drawings`); `mkdocs serve` draws them at once (it compares and reuses the
        bundle's assets right away)."""
        if self.drawings is not None:
            return self.drawings
        return SESSION.drawings if self.command in ("build", "gh-deploy") else None

    def _bundle(
        self,
        config: MkDocsConfig,
        content_dir: Path,
        templates_dir: Path,
        cache: LoadCache,
        cache_dir: Path,
        language: str,
    ) -> Bundle:
        try:
            return build_bundle(
                content_dir,
                templates_dir,
                cache,
                cache_dir,
                Path(config.docs_dir),
                log.info,
                config.site_url,
                language=language,
                drawings=self._drawings(),
                gives_way=self.gives_way,
                first=self.first_pages,
            )
        except ContentError as error:
            raise PluginError(f"the fact base has problems:\n{error.render()}") from None
        except FileNotFoundError as error:
            raise PluginError(str(error)) from None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.bundle is not None
        self.replaced = edition_files(files, config, self.language, self.known_languages)
        for path, text in self.bundle.pages.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                raise PluginError(
                    f"{existing.src_uri}: a hand-written page has the path of a generated page; rename it"
                )
            generated = File.generated(config, path, content=text)
            if not self.bundle.in_nav(path):
                generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        for path, data in self.bundle.assets.items():
            files.append(File.generated(config, path, content=data))
        if self.language == self.languages[0]:
            editions = {edition_prefix(language, self.language) for language in self.languages[1:]}
            for file in files:
                if any(file.dest_uri.startswith(prefix) for prefix in editions):
                    raise PluginError(
                        f"{file.src_uri}: would be written into {file.dest_uri.split('/')[0]}/, the folder "
                        "of a language edition; move or rename it"
                    )
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """A generated page's edit link opens the YAML it was made from, not a Markdown file."""
        if self.bundle is not None and self.bundle.generates(page.file.src_uri) and config.repo_url:
            repository, content = self._edit_root(config)
            page.edit_url = edit_url(config.repo_url, repository, content, page.file.src_uri) if repository else None
        translation = self.replaced.get(page.file.src_uri)
        if translation and page.edit_url and page.edit_url.endswith(page.file.src_uri):
            page.edit_url = page.edit_url.removesuffix(page.file.src_uri) + translation
        return page

    def _edit_root(self, config: MkDocsConfig) -> tuple[str | None, str]:
        """The edit address of the repository's root and the content folder in it, worked out once per
        configuration (resolving the folders for each page cost more than the rest of the hook)."""
        known = self._edit_root_of
        if known is None or known[0] is not config:
            root = Path(config.config_file_path).parent.resolve()
            content = (root / self.config.content_dir).resolve().relative_to(root).as_posix()
            docs = Path(config.docs_dir).resolve()
            repository = repository_root(
                config.repo_url or "",
                config.edit_uri,
                docs.relative_to(root).as_posix() if docs.is_relative_to(root) else "",
            )
            known = self._edit_root_of = (config, repository, content)
        return known[1], known[2]

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A hand-written page's `[@source-id]` citations become numbered links to the bibliography."""
        if self.bundle is None or self.bundle.generates(page.file.src_uri):
            return markdown
        try:
            root = Path(config.config_file_path).parent
            return hand_written_page(
                markdown,
                self.bundle.report,
                page.file.src_uri,
                (root / self.config.templates_dir).resolve(),
                (root / self.config.cache_dir).resolve(),
                language=self.language,
            )
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

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """The page in every edition (language switcher, hreflang), and whether it is shown untranslated."""
        if len(self.languages) > 1:
            generated = self.bundle is not None and self.bundle.generates(page.file.src_uri)
            untranslated = (
                self.language != self.languages[0] and not generated and page.file.src_uri not in self.replaced
            )
            extra: dict[str, Any] = {
                "editions": page_editions(page.url, self.language, self.languages, self.root_url),
                "untranslated_from": self.languages[0] if untranslated else None,
            }
            context.update(extra)  # type: ignore[typeddict-item]
        return context

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # The pages are converted; the static files are copied next. The charts still being drawn are
        # not waited for: their files leave the copy and are written when drawn, after the pages
        # (`on_post_build`), so the pages are built while the worker draws.
        if self.bundle is not None and self.bundle.drawing:
            for path in self.bundle.drawing_paths():
                file = files.get_file_from_path(path)
                assert file is not None
                files.remove(file)
                self.charts_due.append(file)
        if env.bytecode_cache is None:
            env.bytecode_cache = SESSION.theme_bytecode
        compiled, self.theme_compiled = self.theme_compiled, None
        if compiled is not None:
            with suppress(Exception):  # the worker could not compile them: they are compiled here, as they are used
                SESSION.theme_bytecode.compiled.update(compiled.result())
        self.theme_scripts = ThemeScripts.of(env, config)
        return env

    def _write_charts(self) -> None:
        """The files of the charts that were still being drawn when the static files were copied."""
        due, self.charts_due = self.charts_due, []
        if not due:
            return
        assert self.bundle is not None
        try:
            finished = self.bundle.finish_charts()
        except DrawingFailed as error:
            raise PluginError(str(error)) from None
        for file in due:
            file.content_bytes = finished[file.src_uri]
            file.copy_file()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        assert self.theme_scripts is not None
        return self.theme_scripts.secure(output, page_base_url(page.url))

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "sitemap.xml" and len(self.languages) > 1 and self.root_url:
            return sitemap_with_alternates(output_content, self.language, self.languages, self.root_url)
        if not template_name.endswith(".html"):
            return output_content
        assert self.theme_scripts is not None
        return self.theme_scripts.secure(output_content, template_base_url(template_name, config))

    @event_priority(-100)  # last, so that every other plugin's output is in the tree published
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._write_charts()
        if self.language == self.languages[0] and self.builds_other_editions:
            for language in self.languages[1:]:
                self._build_edition(config, language)
            SESSION.drawings.close()  # nothing is left to draw unless an edition did not ask for its charts
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

    def edition_config(self, config: MkDocsConfig, language: str) -> MkDocsConfig:
        """The configuration that builds another language's edition into `<site_dir>/<lang>/`, with plugin
        instances of its own (their `on_startup` already run)."""
        settings = self._edition_settings(language)
        nested = edition_config(config, language, self.languages, settings.get("search_separator"), settings)
        for plugin in nested.plugins.values():
            if isinstance(plugin, CrisisReportPlugin):
                plugin.config["language"] = language
                plugin.config["languages"] = list(self.languages)
        nested.plugins.on_startup(command=self.command, dirty=False)
        return nested

    def _build_edition(self, config: MkDocsConfig, language: str) -> None:
        """Another language's edition into `<site_dir>/<lang>/`, before this build is published: a failure
        fails the whole build (the published site stays as it was)."""
        from mkdocs.commands.build import build

        nested = self.edition_config(config, language)
        log.info("building the '%s' edition into %s", language, edition_prefix(language, self.languages[0]))
        try:
            build(nested)
        except PluginError:
            raise
        except Exception as error:
            raise PluginError(f"the '{language}' edition failed: {error}") from None

    def on_build_error(self, *, error: Exception) -> None:
        SESSION.drawings.close()
        publication, self.publication = self.publication, None
        if publication is not None:
            logging.getLogger("mkdocs").removeHandler(self.counter)
            publication.discard()


def _epoch(day: Any) -> int:
    from datetime import datetime

    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
