"""Render every chapter of the report into Markdown, as {docs path: text}.

Where each record lives (its page and anchor) is decided here, once, so that every link and
citation in every chapter agrees with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment
from jinja2.runtime import Macro
from markupsafe import Markup

from generator.charts import Chart
from generator.charts.catalogue import declared as declared_chart
from generator.factbase.citations import sources_cited_in
from generator.factbase.declaration import RecordType
from generator.factbase.models import DECLARATIONS, Actor, Figure, Reaction, Record, Source, declaration_of
from generator.history.changes_feed import history_context
from generator.history.revisions import History
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.formatting import figure_value, short_date
from generator.i18n.texts import RecordText, record_text
from generator.model.coverage import audit, share
from generator.model.report import Report
from generator.site.blockmarks import marked
from generator.site.chart_names import UnknownChart
from generator.site.handwritten import cite_in_page
from generator.site.plaintext import inert_unbroken
from generator.site.render import Linker, external_link, make_environment
from generator.site.reuse import flatten, memo_for

FRAGMENTS_FOLDER = "fragments"
T = TypeVar("T", bound=str)


def record_location(report: Report, record: Record) -> tuple[str, str]:
    """(docs path, anchor) of the place where a record is presented, as its type declares it."""
    declared = declaration_of(record)
    return declared.page_of(record, report.timeline_slug.get(record.id)), declared.anchor_of(record)


def record_label(report: Report, record: Record, language: str = DEFAULT_LANGUAGE) -> Markup:
    """How a record is named in a link, in `language`; a name not translated yet is marked as such."""
    named: RecordText | None = None
    if isinstance(record, Reaction):
        actor = report.by_id[record.actor]
        named = record_text(actor, "name", language)
        label = f"{named if named is not None else record.actor}, {short_date(record.date, language)}"
    elif isinstance(record, Figure):
        named = record_text(record, "label", language)
        what = named if named is not None else _vocabulary_label(record.metric, language)
        label = f"{what}: {figure_value(record, language)} ({short_date(record.as_of, language)})"
    else:
        named = record_text(record, "name", language) or record_text(record, "title", language)
        label = str(named or record.id)
    if named is None or not named.fallback:
        return inert_unbroken(label)
    return Markup('<span class="untranslated" lang="{lang}">{label}</span>').format(
        lang=named.language, label=inert_unbroken(label)
    )


def _vocabulary_label(member: Any, language: str) -> str:
    method = getattr(member, "label_in", None)
    return method(language) if method is not None else member.label


class PageRenderer:
    def __init__(
        self,
        report: Report,
        templates_dir: Path,
        content_dir: Path,
        extra: dict[str, Any] | None = None,
        cache_dir: Path | None = None,
        charts: list[Chart] | None = None,
        language: str = DEFAULT_LANGUAGE,
    ) -> None:
        self.report = report
        self.language = language
        self.charts = {chart.name: chart for chart in charts or []}
        self.env: Environment = make_environment(templates_dir, cache_dir, language)
        self.content_dir = content_dir
        self.extra = extra or {}
        # One memo per edition: blocks of one language are never reused in another.
        self.blocks = memo_for(templates_dir if language == DEFAULT_LANGUAGE else (templates_dir, language))
        self._targets: dict[str, tuple[Markup, str, str, tuple[Record, ...]]] = {}

    def setting(self) -> tuple[Any, ...]:
        """What every block may read besides records: the templates, the report settings (timeline
        pages), the order of the bibliography (citation numbers) and the history ("last changed")."""
        templates = tuple(self.env.get_template(name) for name in self.env.list_templates(extensions=["j2"]))
        return (
            templates,
            self.report.info,
            tuple(source.id for source in self.report.sources),
            self.extra.get("history_key"),
            self.language,
        )

    def target(self, record: Record) -> tuple[Markup, str, str]:
        """(inert label, page, anchor) of a record, worked out once per build: pages link a record many times."""
        known = self._targets.get(record.id)
        if known is None:
            page, anchor = record_location(self.report, record)
            # The label may name other records (a reaction's actor): a change to them changes the link.
            reads: tuple[Record, ...] = (
                record,
                *(self.report.by_id[value] for reference, value, _ in record.named_ids if reference.in_label),
            )
            known = self._targets[record.id] = (record_label(self.report, record, self.language), page, anchor, reads)
        self.blocks.read(*known[3])
        return known[:3]

    def fragment(self, name: str) -> Markup:
        """A hand-written Markdown fragment from content/fragments/, trusted as the editors' prose;
        in another language, its translation (`name.fr.md`) when there is one."""
        path = self.content_dir / FRAGMENTS_FOLDER / f"{name}.md"
        translated = path.with_name(f"{name}.{self.language}.md")
        if self.language != DEFAULT_LANGUAGE and translated.is_file():
            path = translated
        if not path.is_file():
            return Markup("")
        text = path.read_text(encoding="utf-8")
        self.blocks.read(
            *(
                self.report.by_id[source_id]
                for source_id in sources_cited_in(text)
                if isinstance(self.report.by_id.get(source_id), Source)
            )
        )
        return Markup(text)

    def references(self, reads: list[Any], linker: Linker, page_path: str) -> str:
        """The list of the sources a page cites, numbered as in the bibliography, or nothing.

        Citing a source reads it (see `cite`), so a block reused from the last build, which
        replays its reads, still puts its sources on the list. The list is a block of its own:
        a timeline part cites thousands of sources at 10,000 events, and one edit seldom changes them.
        """
        cited = {record.id: record for record in reads if isinstance(record, Source)}
        if not cited:
            return ""
        sources = sorted(cited.values(), key=lambda source: self.report.source_number[source.id])
        return self.reused(
            (page_path, "_references.md.j2"),
            (sources,),
            lambda: marked(
                self.env.get_template("_references.md.j2").render(
                    sources=sources, report=self.report, url=linker.url, ext=external_link
                )
            ),
        )

    def reused(self, key: tuple[str, ...], inputs: tuple[Any, ...], draw: Callable[[], T]) -> T:
        return self.blocks.render(key, flatten(inputs), draw, self.report.by_id)

    def render(self, template: str, page_path: str, **context: Any) -> str:
        """The page, followed by the list of the sources it cites."""
        linker = Linker(page_path)
        with self.blocks.reading() as reads:
            try:
                text = self._render(template, page_path, linker, **context)
            except UnknownChart as error:
                raise error.where_asked() from None
        return text + self.references(reads, linker, page_path)

    def _render(self, template: str, page_path: str, linker: Linker, **context: Any) -> str:
        report = self.report

        def link_to(record: Record, text: Any = None) -> Markup:
            label, page, anchor = self.target(record)
            return linker.link(label if text is None else text, page, anchor)

        def ref(record_id: str, text: Any = None) -> Markup:
            return link_to(report.by_id[record_id], text)

        def cite_source(source_id: str) -> Markup:
            """A citation number linking to the bibliography; the source goes on the page's references."""
            self.blocks.read(report.by_id[source_id])
            number = report.source_number[source_id]
            return Markup(f"[\\[{number}\\]]({linker.url('sources/index.md', 'source-' + source_id)})")

        def cite(record: Record) -> Markup:
            self.blocks.read(record)
            return Markup(" ".join(cite_source(citation.source) for citation in record.citations))

        def chart(name: str) -> Markup:
            """The chart's figure (light and dark image, caption, sources, data), or why it is not drawn."""
            if name in self.charts:
                return Markup(
                    self.env.get_template("_chart.md.j2").render(
                        chart=self.charts[name], report=report, url=linker.url, link_to=link_to, cite_source=cite_source
                    )
                )
            kind = declared_chart(name)
            if kind is None:
                raise UnknownChart(name, sorted(self.charts))
            return Markup(self.env.get_template("_chart_not_drawn.md.j2").render(name=name, reason=kind.not_drawn))

        def reuse(macro: Macro, record: Any, *more: Any) -> Markup:
            """`macro(record, *more)`, reused from the last build when none of its inputs changed; `record`
            names the block on its page (a record, or a plain value such as a day, for a group of records)."""
            return self.reused(
                (page_path, macro.name, getattr(record, "id", record)),
                (record, *more),
                lambda: Markup(marked(macro(record, *more))),
            )

        return self.env.get_template(template).render(
            report=report,
            url=linker.url,
            link=linker.link,
            link_to=link_to,
            ref=ref,
            cite=cite,
            ext=external_link,
            fragment=lambda name: Markup(cite_in_page(self.fragment(name), report, page_path)),
            chart=chart,
            reuse=reuse,
            vocab=report.vocab.published(),
            **self.extra,
            **context,
        )


def hand_written_page(
    text: str,
    report: Report,
    page_path: str,
    templates_dir: Path,
    cache_dir: Path | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """A hand-written page with its `[@id]` citations numbered and, like a chapter, its list of references."""
    cited = [
        report.by_id[source_id]
        for source_id in sources_cited_in(text)
        if isinstance(report.by_id.get(source_id), Source)
    ]
    page = cite_in_page(text, report, page_path)
    if not cited:
        return page
    linker = Linker(page_path)
    sources = sorted(cited, key=lambda source: report.source_number[source.id])
    references = (
        make_environment(templates_dir, cache_dir, language)
        .get_template("_references.md.j2")
        .render(sources=sources, report=report, url=linker.url, ext=external_link)
    )
    return f"{page.rstrip()}\n\n{references}"


def render_pages(
    report: Report,
    templates_dir: Path,
    content_dir: Path,
    extra: dict[str, Any] | None = None,
    cache_dir: Path | None = None,
    charts: list[Chart] | None = None,
    language: str = DEFAULT_LANGUAGE,
    checkpoint: Callable[[], None] | None = None,
) -> dict[str, str]:
    """The generated pages' Markdown by path. `checkpoint` is called after each page; it may raise to stop
    the work (the blocks drawn so far are kept for the next call)."""
    renderer = PageRenderer(report, templates_dir, content_dir, extra, cache_dir, charts, language)
    return PageMaking(renderer, checkpoint).finish()


class PageMaking:
    """The generated pages, made in the order asked: `make(paths)` makes those first (the pages a reader
    is looking at, in the preview), `finish()` the others; `paths` lists them all from the start."""

    def __init__(self, renderer: PageRenderer, checkpoint: Callable[[], None] | None = None) -> None:
        self.renderer = renderer
        renderer.blocks.begin(renderer.setting())
        self.makers = dict(_pages(renderer.report, renderer))
        self.paths = list(self.makers)
        self.made: dict[str, str] = {}
        self.checkpoint = checkpoint

    def make(self, paths: Iterable[str]) -> dict[str, str]:
        """These pages (those that are generated), made now if they were not."""
        for path in paths:
            if path in self.makers and path not in self.made:
                self.made[path] = self.makers[path]()
                if self.checkpoint is not None:
                    self.checkpoint()
        return {path: self.made[path] for path in paths if path in self.made}

    def finish(self) -> dict[str, str]:
        """Every page, in the order of the report."""
        self.make(self.paths)
        self.renderer.blocks.finish()
        return {path: self.made[path] for path in self.paths}


def _record_page(renderer: PageRenderer, declared: RecordType, record: Record, path: str) -> str:
    """The page of one record (a place, an actor) at `path`: most pages of a large site, and few of them
    change after one edit."""
    report = renderer.report
    parent = report.by_id.get(record.parent) if isinstance(record, Actor) and record.parent else None
    inputs = (record, parent, report.mentions.get(record.id, []), report.members.get(record.id, []))
    return renderer.reused((path,), inputs, lambda: renderer.render(declared.template, path, **{declared.noun: record}))


PageMaker = Callable[[], str]


def _chapter(report: Report, renderer: PageRenderer, declared: RecordType) -> Iterator[tuple[str, PageMaker]]:
    """The pages of one record type: its index, then one page per timeline part, per record, or the one chapter."""
    render = renderer.render
    if declared.index_page and declared.index_template:
        yield declared.index_page, partial(render, declared.index_template, declared.index_page)
    if "{timeline_part}" in declared.page:
        for position, page in enumerate(report.timeline):
            path = declared.page.format(timeline_part=page.slug)
            previous = report.timeline[position - 1] if position > 0 else None
            following = report.timeline[position + 1] if position + 1 < len(report.timeline) else None
            yield path, partial(render, declared.template, path, page=page, previous=previous, following=following)
    elif declared.one_page_per_record:
        for record in report.records_of(declared.folder):
            path = declared.page_of(record)
            yield path, partial(_record_page, renderer, declared, record, path)
    else:
        yield declared.page, partial(render, declared.template, declared.page)


def _pages(report: Report, renderer: PageRenderer) -> Iterator[tuple[str, PageMaker]]:
    """Every generated page's path, in the order of the report, with what makes its Markdown."""
    render = renderer.render
    yield "index.md", partial(render, "home.md.j2", "index.md")
    for declared in DECLARATIONS:
        yield from _chapter(report, renderer, declared)
    yield (
        "sources/coverage.md",
        lambda: render("coverage.md.j2", "sources/coverage.md", audit=audit(report), share=share),
    )
    yield "data/index.md", partial(render, "data.md.j2", "data/index.md")
    # Without a history (a report rendered outside a build), the chapter says there is none.
    history = {} if "days" in renderer.extra else history_context(History())
    yield "changes/index.md", partial(render, "changes.md.j2", "changes/index.md", **history)
