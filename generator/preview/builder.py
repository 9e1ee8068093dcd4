"""Rebuild only what an edit affects, with MkDocs's own page pipeline, so that every page is the
one a full `mkdocs build` would write.

A full build runs once (and again after an edit that can change every page: `mkdocs.yml`, the
theme overrides, `report.yml`, a page added or removed). After any other edit the generator's
bundle is made again (records re-read from the changed files only, blocks reused), and the pages
whose Markdown changed, plus the hand-written pages (their citations are numbered from the
bibliography), go through MkDocs's `_populate_page`/`_build_page` with the files, navigation and
theme environment kept from the full build (record blocks converted on their own and kept,
`integration/block_html.py`), and changed charts and data files are written. Pages and assets
replace their files at once (a temporary file renamed); files written in place (the search index,
the sitemap) are written under `lock`, which the server holds while it reads a file: no reader ever
gets a half-written file. The pages are served first, then their search entries follow
(`search.py`).

Each language edition is a build of its own (the default one at the root, the others under `<lang>/`,
configured as a full build configures them), kept and brought up to date the same way.

The pages being read come first: the server tells which pages have a browser waiting for their
next version (else the page served last). Their edition's bundle is made, those of its pages that
changed are written, and the edition's new version is announced: the reader's page reloads before
the edition's other pages are made (at 10,000 events a renamed place changes every timeline part,
megabytes each). The pages written after that announce their own version, so a page opened
meanwhile reloads too. Only when a page's title shows in the navigation of the others and may have
changed are the pages not split. With no page served yet, the whole edition comes first.

A chart whose data changed is drawn by a worker process meanwhile (`Drawings` started with "spawn"
and kept): the pages only need its plan. Its files are written once drawn, right after the pages
being read; until then the server holds back a request for them rather than serve the old picture.

The rest (the other pages, the other editions, the search entries) gives way to a newer save: it
stops at the next checkpoint (while the bundle is made, see `build_bundle`'s `gives_way`; between
two pages; every 50 ms while the search worker makes the entries), keeps what it owes (a bundle to make, pages and
assets to write, pages to index), and the next rebuild takes it up with the newer save's changes,
so saves in quick succession cost one rebuild of the rest, not one each.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from generator.cachefile import write_atomic
from generator.charts import DrawingFailed, Drawings, chart_workers
from generator.integration.editions import edition_prefix, load_config_apart
from generator.integration.warm_up import import_matplotlib
from generator.preview.search import DeferredSearch
from generator.preview.search_worker import SearchWorker
from generator.site.bundle import Superseded

PLUGIN_NAME = "crisis-report"
REPORT_FILE = "report.yml"
VOCABULARIES_FILE = "vocabularies.yml"


@dataclass
class Outcome:
    """What one rebuild did: the site paths it wrote, or the error that kept the last good site."""

    full: bool = False
    pages: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    served_after: float | None = None
    """Seconds until the first edition's pages were served (the rest: other editions, search index)."""
    deferred: bool = False
    """A newer save came first: the rest (other editions, search entries) follows with it."""


class _ErrorLog(logging.Handler):
    """MkDocs logs a plugin's error before it aborts with a generic one: keep the real message."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _Capture(BasePlugin):
    """Keeps the files, navigation and theme environment of a full build for later page builds."""

    files: Files
    nav: Navigation
    env: Any

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.env = env
        return env


@dataclass
class _Edition:
    config: MkDocsConfig
    capture: _Capture
    prefix: str
    """Where the edition sits in the site: "" for the default one, else `<lang>/`."""
    saved: set[Path] = field(default_factory=set)
    """Files saved since the edition's bundle was last made."""
    outdated: bool = False
    owed: dict[str, None] = field(default_factory=dict)
    """Pages whose Markdown changed but whose HTML is not written yet (in the order of the bundle)."""
    owed_assets: dict[str, None] = field(default_factory=dict)
    """Charts and data files made but not written yet (a write failed)."""
    charts_due: dict[str, None] = field(default_factory=dict)
    """The chart files older than the data: their charts are being drawn (see `_finish_charts`)."""
    owes_sitemap: bool = False
    search: DeferredSearch | None = None
    """Search entries still to make for pages already served."""
    markdown: dict[str, str] = field(default_factory=dict)
    """The generated pages' Markdown as their files hold it, in the order of the bundle."""
    sources: dict[str, str] = field(default_factory=dict)
    """The docs path of each page by `page_key`."""

    def __post_init__(self) -> None:
        self.markdown = dict(cast(Any, self.config.plugins[PLUGIN_NAME]).bundle.pages)
        for file in self.capture.files.documentation_pages():
            self.sources[page_key(self.prefix + file.url)] = file.src_uri


@dataclass
class _State:
    editions: list[_Edition]
    site_dir: Path


@dataclass
class _Progress:
    """What a rebuild has done so far."""

    start: float
    pages: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    served_after: float | None = None

    def outcome(self, deferred: bool = False) -> Outcome:
        seconds = time.monotonic() - self.start
        return Outcome(
            pages=self.pages, assets=self.assets, seconds=seconds, served_after=self.served_after, deferred=deferred
        )


def page_key(url_path: str) -> str:
    """A page's path in the site as the server and the built files both name it: `fr/places/x/`."""
    return url_path.lstrip("/").removesuffix("index.html")


class _NeedsFullBuild(Exception):
    pass


class _Failed(Exception):
    pass


class PreviewBuilder:
    def __init__(self, config_file: Path, work_dir: Path) -> None:
        self.config_file = config_file.resolve()
        self.root = self.config_file.parent
        self.work_dir = work_dir
        self.lock = threading.RLock()
        self.state: _State | None = None
        self.version = 0
        # A page reloads when its version changes: the one at which the whole site, its edition (by
        # prefix) or the page itself (by `page_key`) was last replaced, whichever is newest.
        self.site_version = 0
        self.edition_versions: dict[str, int] = {}
        self.page_versions: dict[str, int] = {}
        # The pages being read: those with a browser waiting for their next version (by `page_key`,
        # changed under `changed`), else the one served last. They are rebuilt, and reloaded, first.
        self.reading: dict[str, int] = {}
        self.served_last: str | None = None
        self.changed = threading.Condition()
        self.error: str | None = None
        self.search_worker = SearchWorker()
        """Makes the search entries of every edition's rebuilt pages (started on first use)."""
        self.drawings = Drawings(method="spawn", keeps_workers=True)
        """Draws the charts a rebuild changes (started on first use, or by `prepare_drawing`)."""
        self.due: set[str] = set()
        """The site paths of chart files being drawn again (changed under `changed`): see `wait_for`."""
        weakref.finalize(self, self.search_worker.close)  # a builder dropped unclosed (tests make many)
        weakref.finalize(self, self.drawings.close)

    def prepare_drawing(self) -> None:
        """Start the chart worker now, importing matplotlib, so that the first edit of a chart's data
        does not wait for it (best effort: without it, charts are drawn in this process)."""
        self.drawings.prepare(chart_workers(), import_matplotlib)

    def close(self) -> None:
        """Stop the workers; a rebuild after this indexes in this process (and starts a chart worker again)."""
        self.search_worker.close()
        self.drawings.close()

    def wait_for(self, path: str, timeout: float) -> None:
        """Return once the file at this site path is not being drawn again any more (at most `timeout`
        seconds, or until a rebuild fails: the last good file is served then)."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while path in self.due and self.error is None and time.monotonic() < deadline:
                self.changed.wait(deadline - time.monotonic())

    @property
    def site_dir(self) -> Path:
        assert self.state is not None
        return self.state.site_dir

    def full_build(self) -> Outcome:
        """Build everything into a fresh folder, then serve from it; the old folder is removed."""
        start = time.monotonic()
        self.work_dir.mkdir(parents=True, exist_ok=True)
        site_dir = Path(tempfile.mkdtemp(prefix="site-", dir=self.work_dir))
        try:
            editions = self._build_editions(site_dir)
        except _Failed as error:
            shutil.rmtree(site_dir, ignore_errors=True)
            return self._failed(str(error), start)
        with self.lock:
            previous, self.state = self.state, _State(editions, site_dir)
            self._succeeded()
        self._update_due()
        if previous is not None:
            for edition in previous.editions:
                self.drawings.discard(_drawing_keys(edition))
            shutil.rmtree(previous.site_dir, ignore_errors=True)
        return Outcome(full=True, seconds=time.monotonic() - start)

    def _build_editions(self, site_dir: Path) -> list[_Edition]:
        config = load_config_apart(str(self.config_file), site_dir=str(site_dir))
        config.plugins.on_startup(command="serve", dirty=False)
        plugin: Any = config.plugins[PLUGIN_NAME]
        plugin.builds_other_editions = False
        plugin.block_html.converts = True
        editions = [_build_edition(config, "")]
        for language in plugin.languages[1:]:
            nested = plugin.edition_config(config, language)
            nested.plugins[PLUGIN_NAME].block_html.converts = True
            editions.append(_build_edition(nested, edition_prefix(language, plugin.languages[0])))
        return editions

    def rebuild(self, changed: Iterable[Path], newer_save: Callable[[], bool] = lambda: False) -> Outcome:
        """Bring the served site up to date with the edited files.

        `newer_save` tells whether another save is waiting: the work beyond the pages being read then
        stops early and is left for the next call (`Outcome.deferred`)."""
        changed = [Path(path).resolve() for path in changed]
        if self.state is None or any(self._needs_full_build(path) for path in changed):
            return self.full_build()
        progress = _Progress(time.monotonic())
        for edition in self.state.editions:
            edition.saved.update(changed)
            edition.outdated = True
        viewed = self.viewed_pages()
        read = {self.edition_of(page) for page in viewed}
        editions = sorted(self.state.editions, key=lambda edition: edition.prefix not in read)
        try:
            for position, edition in enumerate(editions):
                # The pages being read are always brought up to date: they are what the save is for.
                first_gives_way = newer_save if position else _never
                if not self._update_edition(edition, first_gives_way, newer_save, viewed, progress):
                    return progress.outcome(deferred=True)
            # Pages first: searching for the new text can wait a moment, reading it should not.
            for edition in editions:
                if edition.search is not None:
                    if not _indexed(edition.search, edition.capture.files, self.lock, newer_save):
                        return progress.outcome(deferred=True)
                    edition.search = None
        except _NeedsFullBuild:
            return self.full_build()
        except _Failed as error:
            return self._failed(str(error), progress.start)
        return progress.outcome()

    def viewed_pages(self) -> set[str]:
        """The pages being read (by `page_key`): those a browser waits on, else the one served last."""
        with self.changed:
            waited_on = {page for page, waiting in self.reading.items() if waiting}
        return waited_on or ({self.served_last} if self.served_last is not None else set())

    def _update_edition(
        self,
        edition: _Edition,
        first_gives_way: Callable[[], bool],
        rest_gives_way: Callable[[], bool],
        viewed: set[str],
        progress: _Progress,
    ) -> bool:
        """Make the edition's pages being read again (with its bundle) if files were saved, write them and
        announce the edition, then make and write its other pages; False if it gave way to a newer save
        before the end (what is left stays owed)."""
        first_pages = _read_first(edition, viewed)
        if edition.outdated:
            try:
                written = self._regenerate(edition, first_gives_way, first_pages)
            except Superseded:
                return False
            progress.assets += [edition.prefix + path for path in written]
        first = [path for path in edition.owed if first_pages is None or path in first_pages]
        written = self._build_pages(edition, first, first_gives_way) if first else []
        progress.pages += [edition.prefix + path for path in written]
        if len(written) < len(first):
            return False
        with self.lock:
            self._succeeded([edition.prefix])
        if progress.served_after is None:
            progress.served_after = time.monotonic() - progress.start
        try:
            progress.assets += [edition.prefix + path for path in self._finish_charts(edition, rest_gives_way)]
            self._finish_bundle(edition, rest_gives_way)
        except Superseded:
            edition.outdated = True  # its pages being read are written; the rest is made with the next save
            return False
        rest = list(edition.owed)
        written = self._build_pages(edition, rest, rest_gives_way) if rest else []
        progress.pages += [edition.prefix + path for path in written]
        if written:  # a page opened since the edition was announced reloads
            self._publish(pages=[_page_key_of(edition, path) for path in written])
        if len(written) < len(rest):
            return False
        if edition.owes_sitemap:
            _write_sitemap(edition, self.lock)
        return True

    def edition_of(self, url_path: str) -> str:
        """The prefix of the edition a served path belongs to ("" for the default one)."""
        prefixes = [edition.prefix for edition in self.state.editions] if self.state else []
        return max((prefix for prefix in prefixes if url_path.lstrip("/").startswith(prefix)), key=len, default="")

    def version_of(self, prefix: str, page: str | None = None) -> int:
        """The version of an edition, or of one of its pages (by `page_key`): a page reloads when it changes."""
        version = self.edition_versions.get(prefix, self.site_version)
        return max(version, self.page_versions.get(page, 0)) if page is not None else version

    def served(self, page: str) -> None:
        """A page was served (by `page_key`): the one being read, unless a browser says it waits on others."""
        self.served_last = page

    def _regenerate(self, edition: _Edition, gives_way: Callable[[], bool], first: list[str] | None) -> list[str]:
        """Make the edition's bundle again, its pages `first` only (all when None: `_finish_bundle` makes the
        others); the pages it changed become owed, the changed assets are written. Returns the assets'
        paths. Raises `Superseded` if it gave way to a newer save first."""
        config, files = edition.config, edition.capture.files
        plugin: Any = config.plugins[PLUGIN_NAME]
        old_assets = dict(plugin.bundle.assets)
        old_numbering = _bibliography(plugin.bundle)
        old_drawings = _drawing_keys(edition)
        plugin.gives_way, plugin.first_pages, plugin.drawings = gives_way, first, self.drawings
        try:
            plugin.on_config(config)
        except PluginError as error:
            raise _Failed(str(error)) from None
        finally:
            plugin.gives_way = plugin.first_pages = plugin.drawings = None
        bundle = plugin.bundle
        self.drawings.discard(old_drawings - _drawing_keys(edition))  # drawings of data edited since
        if set(bundle.page_paths) != edition.markdown.keys() or bundle.assets.keys() != old_assets.keys():
            raise _NeedsFullBuild
        # A chart being drawn is written by `_finish_charts`; one that was, and is drawn now, here.
        drawn_later = bundle.drawing_paths()
        assets = [
            path
            for path, data in bundle.assets.items()
            if path not in drawn_later and (old_assets[path] != data or path in edition.charts_due)
        ]
        edition.charts_due = dict.fromkeys(drawn_later)
        for path in drawn_later:  # a chart owed since a failed write: its new drawing is written instead
            edition.owed_assets.pop(path, None)
        self._update_due()
        # Hand-written pages cite sources by their number in the bibliography.
        renumbered = _bibliography(bundle) != old_numbering
        hand_written = [
            file.src_uri
            for file in files.documentation_pages()
            if not bundle.generates(file.src_uri)
            and (renumbered or (file.abs_src_path and Path(file.abs_src_path).resolve() in edition.saved))
        ]
        for path in assets:
            asset = files.get_file_from_path(path)
            assert asset is not None
            asset.content_bytes = bundle.assets[path]
        if bundle.page_paths != list(edition.markdown):
            _follow_order(files, [*bundle.page_paths, *bundle.assets])
            edition.markdown = {path: edition.markdown[path] for path in bundle.page_paths}
            edition.owes_sitemap = True
        _take_pages(edition, bundle.pages)
        edition.owed.update(dict.fromkeys(hand_written))
        edition.owed_assets.update(dict.fromkeys(assets))
        edition.saved.clear()
        edition.outdated = False
        site_dir = Path(config.site_dir)
        written = []
        try:
            # Assets replace their files at once (a reader gets the old or the new one).
            for path in list(edition.owed_assets):
                _write_atomically(site_dir / path, bundle.assets[path])
                del edition.owed_assets[path]
                written.append(path)
        except Exception as error:
            raise _Failed(f"{error.__class__.__name__}: {error}") from None
        return written

    def _finish_charts(self, edition: _Edition, gives_way: Callable[[], bool]) -> list[str]:
        """Wait for the edition's charts being drawn and write their files; returns their paths. Raises
        `Superseded` if it gave way to a newer save first (the drawing goes on)."""
        bundle = cast(Any, edition.config.plugins[PLUGIN_NAME]).bundle
        while not all(self.drawings.done(key) for key in _drawing_keys(edition)):
            if gives_way():
                raise Superseded
            time.sleep(0.01)
        try:
            finished = bundle.finish_charts()
            site_dir = Path(edition.config.site_dir)
            for path, data in finished.items():
                file = edition.capture.files.get_file_from_path(path)
                assert file is not None
                file.content_bytes = data
                _write_atomically(site_dir / path, data)
                edition.charts_due.pop(path, None)
        except DrawingFailed as error:
            raise _Failed(str(error)) from None
        except OSError as error:
            raise _Failed(f"{error.__class__.__name__}: {error}") from None
        finally:
            self._update_due()
        return list(finished)

    def _update_due(self) -> None:
        """The chart files being drawn again, in every edition: requests for them wait (`wait_for`)."""
        editions = self.state.editions if self.state is not None else []
        with self.changed:
            self.due = {edition.prefix + path for edition in editions for path in edition.charts_due}
            self.changed.notify_all()

    def _finish_bundle(self, edition: _Edition, gives_way: Callable[[], bool]) -> None:
        """Make the pages the bundle left for later; those that changed become owed. Raises `Superseded`
        if it gave way to a newer save first."""
        bundle = cast(Any, edition.config.plugins[PLUGIN_NAME]).bundle
        if bundle.unmade is None:
            return
        try:
            bundle.finish_pages(gives_way)
        except Superseded:
            raise
        except Exception as error:  # a page that fails to render must not stop the preview
            raise _Failed(f"{error.__class__.__name__}: {error}") from None
        _take_pages(edition, bundle.pages)

    def _build_pages(self, edition: _Edition, paths: list[str], gives_way: Callable[[], bool]) -> list[str]:
        """Writes the pages (stopping early if a newer save is waiting); returns those written. Their
        search entries are left to `edition.search`."""
        config, capture = edition.config, edition.capture
        files, nav, env = capture.files, capture.nav, capture.env
        bundle = cast(Any, config.plugins[PLUGIN_NAME]).bundle
        doc_files = files.documentation_pages()
        if edition.search is None:
            edition.search = DeferredSearch(config, self.search_worker)
        built: list[str] = []
        try:
            pages = []
            for path in paths:
                file = files.get_file_from_path(path)
                assert file is not None and file.page is not None
                if file.abs_src_path and not bundle.generates(file.src_uri):
                    file.content_string = Path(file.abs_src_path).read_text(encoding="utf-8-sig")
                pages.append(file.page)
            for page in pages:
                # Making a page's HTML from its Markdown is a large part of the work (a second at 10,000 events).
                if gives_way():
                    return built
                mkdocs_build._populate_page(page, config, files)
            for path, page in zip(paths, pages, strict=True):
                if gives_way():
                    break
                # Pages replace their files at once, so readers are not held up while the pages are made.
                with edition.search.recording(page):
                    _build_page_atomically(page, config, doc_files, nav, env)
                del edition.owed[path]
                built.append(path)
        except Exception as error:  # a page that fails to render must not stop the preview
            raise _Failed(f"{error.__class__.__name__}: {error}") from None
        return built

    def _needs_full_build(self, path: Path) -> bool:
        assert self.state is not None
        config = self.state.editions[0].config
        docs_dir = Path(config.docs_dir).resolve()
        theme_dir = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
        if path == self.config_file or path.name in (REPORT_FILE, VOCABULARIES_FILE):
            return True
        if theme_dir is not None and path.is_relative_to(theme_dir):
            return True
        # A hand-written page or asset added, removed or renamed changes the list of files.
        return path.is_relative_to(docs_dir) and (not path.exists() or path not in self._sources())

    def _sources(self) -> set[Path]:
        """The files the editions' pages and assets are read from (a translation is one in its edition only)."""
        assert self.state is not None
        return {
            Path(file.abs_src_path).resolve()
            for edition in self.state.editions
            for file in edition.capture.files
            if file.abs_src_path
        }

    def _succeeded(self, prefixes: list[str] | None = None) -> None:
        """A new version of these editions (all when None) is being served."""
        self.error = None
        self._publish(prefixes)

    def _failed(self, message: str, start: float) -> Outcome:
        self.error = message
        self._publish(None)
        return Outcome(error=message, seconds=time.monotonic() - start)

    def _publish(self, prefixes: list[str] | None = None, pages: Sequence[str] = ()) -> None:
        """A new version of these pages (by `page_key`), of these editions, or of the whole site when neither
        is given."""
        with self.changed:
            self.version += 1
            if prefixes is None and not pages:
                self.site_version = self.version
                self.edition_versions.clear()
                self.page_versions.clear()
            self.edition_versions.update(dict.fromkeys(prefixes or (), self.version))
            self.page_versions.update(dict.fromkeys(pages, self.version))
            self.changed.notify_all()


def _build_edition(config: MkDocsConfig, prefix: str) -> _Edition:
    capture = _Capture()
    config.plugins["preview-capture"] = capture
    errors = _ErrorLog()
    logging.getLogger("mkdocs").addHandler(errors)
    try:
        mkdocs_build.build(config)
    except (PluginError, Abort) as error:
        raise _Failed("\n".join(errors.messages) or str(error)) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
    return _Edition(config, capture, prefix)


def _write_sitemap(edition: _Edition, lock: threading.RLock) -> None:
    """The sitemap lists the pages in the order of the files, as a full build does; it is written in place."""
    capture = edition.capture
    try:
        with lock:
            mkdocs_build._build_theme_template("sitemap.xml", capture.env, capture.files, edition.config, capture.nav)
    except Exception as error:
        raise _Failed(f"{error.__class__.__name__}: {error}") from None
    edition.owes_sitemap = False


def _drawing_keys(edition: _Edition) -> set[str]:
    """The cache keys of the edition's charts still being drawn."""
    return {chart.drawing.key for chart in cast(Any, edition.config.plugins[PLUGIN_NAME]).bundle.drawing}


def _never() -> bool:
    return False


def _page_key_of(edition: _Edition, path: str) -> str:
    file = edition.capture.files.get_file_from_path(path)
    assert file is not None
    return page_key(edition.prefix + file.url)


def _read_first(edition: _Edition, viewed: set[str]) -> list[str] | None:
    """The edition's pages (docs paths) to make and write before it is announced: those being read; None
    (all of them) when no page is known to be read, or when the navigation shows a page's title taken
    from its text (MkDocs's way for a page listed without one), which a save may change on every page."""
    if not viewed or any("title" not in vars(page) for page in edition.capture.nav.pages):
        return None
    return [edition.sources[key] for key in sorted(viewed) if key in edition.sources]


def _take_pages(edition: _Edition, pages: dict[str, str]) -> None:
    """Give the files the Markdown of the pages that changed; they become owed."""
    files = edition.capture.files
    for path, text in pages.items():
        if edition.markdown[path] != text:
            file = files.get_file_from_path(path)
            assert file is not None
            file.content_string = edition.markdown[path] = text
            edition.owed[path] = None


def _indexed(search: DeferredSearch, files: Files, lock: threading.RLock, gives_way: Callable[[], bool]) -> bool:
    try:
        return search.finish(files.documentation_pages(), lock, gives_way)
    except Exception as error:  # the search index must not stop the preview either
        raise _Failed(f"search index: {error.__class__.__name__}: {error}") from None


def _follow_order(files: Files, paths: list[str]) -> None:
    """Put the generated files in the order a full build adds them (a renamed record sorts elsewhere)."""
    generated = [files.get_file_from_path(path) for path in paths]
    for file in generated:
        assert file is not None
        files.remove(file)
    for file in generated:
        assert file is not None
        files.append(file)


def _bibliography(bundle: Any) -> tuple[str, ...]:
    return tuple(source.id for source in bundle.report.sources)


def _build_page_atomically(
    page: Any, config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation, env: Any
) -> None:
    """MkDocs's `_build_page`, writing to a temporary file renamed over the page."""
    destination = page.file.abs_dest_path
    temporary = f"{destination}.preview-{os.getpid()}"
    page.file.abs_dest_path = temporary
    try:
        mkdocs_build._build_page(page, config, doc_files, nav, env)
        os.replace(temporary, destination)
    finally:
        page.file.abs_dest_path = destination
        if os.path.exists(temporary):
            os.unlink(temporary)


def _write_atomically(path: Path, data: bytes) -> None:
    if not write_atomic(path, data):
        raise OSError(f"cannot write {path}")
