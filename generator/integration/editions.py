"""Language editions: one `mkdocs build` writes the default edition at the site's root and each
other language of `report.yml` (`languages:`) under `<lang>/`.

The plugin builds the default edition as MkDocs always does; at the end of that build, before the
site is published, it runs one nested MkDocs build per other language into `<site_dir>/<lang>/`,
from the same `mkdocs.yml` with the edition's `theme.language`, `site_url`, search language and the
plugin's `language` set. So every edition goes through the same plugin (generated chapters, checks,
Content-Security-Policy) and the whole tree is published by one atomic swap.

Hand-written pages in another language sit beside the original, the language before the suffix
(`background.fr.md`): in that edition they take the original's place (same URL under `fr/`), in
every other edition they are not pages at all.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape, unescape
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.factbase.pagenames import split_language

DEFAULT_LANGUAGES = ("en",)
SEARCH_PLUGIN = "material/search"
_SITEMAP_OPENING = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
_SITEMAP_LOCATION = re.compile(r"<loc>([^<]*)</loc>")


def report_languages(report: Any, override: Sequence[str] = ()) -> list[str]:
    """The editions to build: `override` (the plugin's `languages` option) when given, else `report.yml`'s
    `languages:`; the first is the default edition, at the site's root."""
    languages = list(override) or list(getattr(report.info, "languages", None) or DEFAULT_LANGUAGES)
    return list(dict.fromkeys(str(language) for language in languages))


def edition_prefix(language: str, default: str) -> str:
    """Where an edition sits in the published tree: the root for the default language, else `<lang>/`."""
    return "" if language == default else f"{language}/"


def root_site_url(site_url: str | None, language: str, default: str) -> str | None:
    """The default edition's `site_url`, from an edition's own."""
    if not site_url or language == default:
        return site_url
    return site_url.removesuffix(f"{language}/")


def edition_site_url(root: str | None, language: str, default: str) -> str | None:
    if not root:
        return root
    return f"{root.rstrip('/')}/{edition_prefix(language, default)}"


def translation_of(src_uri: str, languages: Sequence[str]) -> tuple[str, str] | None:
    """(original path, language) of a hand-written translation such as `background.fr.md`."""
    original, language = split_language(src_uri)
    if language is None or language not in languages:
        return None
    return original, language


def edition_files(files: Files, config: MkDocsConfig, language: str, languages: Sequence[str]) -> dict[str, str]:
    """Put the edition's hand-written translations in place of their originals and drop every other
    language's; returns original path -> translation path of the pages replaced."""
    replaced: dict[str, str] = {}
    for file in list(files):
        found = translation_of(file.src_uri, languages)
        if found is None:
            continue
        files.remove(file)
        original_uri, file_language = found
        if file_language != language:
            continue
        original = files.get_file_from_path(original_uri)
        if original is not None:
            files.remove(original)
        assert file.abs_src_path is not None
        files.append(File.generated(config, original_uri, abs_src_path=file.abs_src_path))
        replaced[original_uri] = file.src_uri
    return replaced


def translated_nav(nav: list[Any] | None, titles: dict[str, str]) -> list[Any] | None:
    """The configured nav with its titles in the edition's language (a title without translation stays)."""
    if not nav:
        return nav
    translated: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict):
            entry = {
                titles.get(title, title): translated_nav(target, titles) if isinstance(target, list) else target
                for title, target in entry.items()
            }
        translated.append(entry)
    return translated


@dataclass(frozen=True)
class Edition:
    """One edition of a page, as the language switcher and the `hreflang` links name it."""

    language: str
    href: str
    """Relative to the page being written (works from a folder or a local server)."""
    url: str
    """Absolute when `site_url` is set (what `hreflang` wants), else the same as `href`."""
    current: bool


def page_editions(page_url: str, language: str, languages: Sequence[str], root: str | None) -> list[Edition]:
    """The same page in every edition, seen from the page `page_url` of the edition `language`."""
    default = languages[0]
    here = edition_prefix(language, default) + page_url
    up = "../" * here.count("/")
    editions = []
    for other in languages:
        target = edition_prefix(other, default) + page_url
        href = up + target or "./"
        url = f"{root.rstrip('/')}/{target}" if root else href
        editions.append(Edition(other, href, url, other == language))
    return editions


def load_config_apart(config_file: str | None, **options: Any) -> MkDocsConfig:
    """`mkdocs.config.load_config` with plugin instances of its own.

    MkDocs hands every configuration loaded in a process the same instance of each plugin that has
    `on_startup` (so that `mkdocs serve` keeps them across rebuilds): an edition's build would then
    change the state (language, fact bundle, search index) of the build that started it.
    """
    from mkdocs.config import load_config
    from mkdocs.config.config_options import Plugins

    option = dict(MkDocsConfig._schema)["plugins"]
    assert isinstance(option, Plugins)
    shared, option.plugin_cache = option.plugin_cache, {}
    try:
        return load_config(config_file, **options)
    finally:
        option.plugin_cache = shared


def edition_config(
    config: MkDocsConfig,
    language: str,
    languages: Sequence[str],
    search_separator: str | None = None,
    site: dict[str, str] | None = None,
) -> MkDocsConfig:
    """The configuration of the nested build of `language`: the same `mkdocs.yml` into `<site_dir>/<lang>/`."""
    default = languages[0]
    nested = load_config_apart(
        config.config_file_path,
        site_dir=posixpath.join(config.site_dir, language),
        site_url=edition_site_url(config.site_url, language, default),
        strict=config.strict,
        use_directory_urls=config.use_directory_urls,
    )
    nested.theme["language"] = language
    # The site's own name and description in the edition's language (`site_name`, `site_description`).
    for key in ("site_name", "site_description"):
        if site and site.get(key):
            nested[key] = site[key]
    if SEARCH_PLUGIN in nested.plugins:
        nested.plugins[SEARCH_PLUGIN].config["lang"] = [language]
        if search_separator:
            nested.plugins[SEARCH_PLUGIN].config["separator"] = search_separator
    return nested


def sitemap_with_alternates(sitemap: str, language: str, languages: Sequence[str], root: str) -> str:
    """MkDocs's sitemap of an edition with each page's twins as `<xhtml:link rel="alternate" hreflang>` (every
    edition, and x-default for the default one).

    The alternates are in the sitemaps rather than as `<link rel="alternate">` in each page's head: Material's
    script fetches a `sitemap.xml` next to every such link (it expects links to an edition's root), so per-page
    links would cost each reader failed requests, or requests the Content-Security-Policy blocks. Written here,
    not in a theme template, because Zensical renders the theme's templates too and has no such page objects.
    """
    own = edition_site_url(root, language, languages[0]) or ""

    def with_twins(match: re.Match[str]) -> str:
        url = unescape(match[1])
        if not url.startswith(own):
            return match[0]
        editions = page_editions(url[len(own) :], language, languages, root)
        links = [(edition.language, edition.url) for edition in editions] + [("x-default", editions[0].url)]
        return match[0] + "".join(
            f'\n         <xhtml:link rel="alternate" hreflang="{hreflang}" href="{escape(href)}"/>'
            for hreflang, href in links
        )

    opening = _SITEMAP_OPENING.replace(">", ' xmlns:xhtml="http://www.w3.org/1999/xhtml">')
    return _SITEMAP_LOCATION.sub(with_twins, sitemap.replace(_SITEMAP_OPENING, opening, 1))
