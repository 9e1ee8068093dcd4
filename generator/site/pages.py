"""Render every chapter of the report into Markdown, as {docs path: text}.

Where each record lives (its page and anchor) is decided here, once, so that every link and
citation in every chapter agrees with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment
from jinja2.runtime import Macro
from markupsafe import Markup

from generator.history.changes_feed import history_context
from generator.charts import Chart
from generator.model.coverage import audit, share
from generator.site.handwritten import cite_in_page, sources_cited_in
from generator.history.revisions import History
from generator.factbase.models import Actor, Event, Figure, Measure, Place, Reaction, Record, Source
from generator.site.plaintext import inert
from generator.site.render import Linker, external_link, figure_value, make_environment, short_date
from generator.model.report import Report
from generator.site.reuse import flatten, memo_for

FRAGMENTS_FOLDER = "fragments"
T = TypeVar("T", bound=str)


def record_location(report: Report, record: Record) -> tuple[str, str]:
    """(docs path, anchor) of the place where a record is presented."""
    if isinstance(record, Event):
        return f"timeline/{report.timeline_slug[record.id]}.md", f"event-{record.id}"
    if isinstance(record, Reaction):
        return "reactions/index.md", f"reaction-{record.id}"
    if isinstance(record, Figure):
        return "figures/index.md", f"figure-{record.id}"
    if isinstance(record, Measure):
        return "measures/index.md", f"measure-{record.id}"
    if isinstance(record, Source):
        return "sources/index.md", f"source-{record.id}"
    if isinstance(record, Place):
        return f"places/{record.id}.md", ""
    if isinstance(record, Actor):
        return f"actors/{record.id}.md", ""
    raise TypeError(f"no location for {type(record).__name__}")


def record_label(report: Report, record: Record) -> str:
    """How a record is named in a link."""
    if isinstance(record, Reaction):
        actor = report.by_id[record.actor]
        return f"{getattr(actor, 'name', record.actor)}, {short_date(record.date)}"
    if isinstance(record, Figure):
        return f"{record.label or record.metric.label}: {figure_value(record)} ({short_date(record.as_of)})"
    return str(getattr(record, "name", None) or getattr(record, "title", None) or record.id)


class PageRenderer:
    def __init__(self, report: Report, templates_dir: Path, content_dir: Path, extra: dict[str, Any] | None = None,
                 cache_dir: Path | None = None, charts: list[Chart] | None = None) -> None:
        self.report = report
        self.charts = {chart.name: chart for chart in charts or []}
        self.env: Environment = make_environment(templates_dir, cache_dir)
        self.content_dir = content_dir
        self.extra = extra or {}
        self.blocks = memo_for(templates_dir)
        self._targets: dict[str, tuple[Markup, str, str, tuple[Record, ...]]] = {}

    def setting(self) -> tuple[Any, ...]:
        """What every block may read besides records: the templates, the report settings (timeline
        pages), the order of the bibliography (citation numbers) and the history ("last changed")."""
        templates = tuple(self.env.get_template(name) for name in self.env.list_templates(extensions=["j2"]))
        return (templates, self.report.info, tuple(source.id for source in self.report.sources),
                self.extra.get("history_key"))

    def target(self, record: Record) -> tuple[Markup, str, str]:
        """(inert label, page, anchor) of a record, worked out once per build: pages link a record many times."""
        known = self._targets.get(record.id)
        if known is None:
            page, anchor = record_location(self.report, record)
            reads: tuple[Record, ...] = (record,)
            if isinstance(record, Reaction):
                reads += (self.report.by_id[record.actor],)
            known = self._targets[record.id] = (inert(record_label(self.report, record)), page, anchor, reads)
        self.blocks.read(*known[3])
        return known[:3]

    def fragment(self, name: str) -> Markup:
        """A hand-written Markdown fragment from content/fragments/, trusted as the editors' prose."""
        path = self.content_dir / FRAGMENTS_FOLDER / f"{name}.md"
        if not path.is_file():
            return Markup("")
        text = path.read_text(encoding="utf-8")
        self.blocks.read(*(self.report.by_id[source_id] for source_id in sources_cited_in(text)
                           if isinstance(self.report.by_id.get(source_id), Source)))
        return Markup(text)

    def references(self, reads: list[Any], linker: Linker) -> str:
        """The list of the sources a page cites, numbered as in the bibliography, or nothing.

        Citing a source reads it (see `cite`), so a block reused from the last build, which
        replays its reads, still puts its sources on the list.
        """
        cited = {record.id: record for record in reads if isinstance(record, Source)}
        if not cited:
            return ""
        sources = sorted(cited.values(), key=lambda source: self.report.source_number[source.id])
        return self.env.get_template("_references.md.j2").render(
            sources=sources, report=self.report, url=linker.url, ext=external_link)

    def reused(self, key: tuple[str, ...], inputs: tuple[Any, ...], draw: Callable[[], T]) -> T:
        return self.blocks.render(key, flatten(inputs), draw, self.report.by_id)

    def render(self, template: str, page_path: str, **context: Any) -> str:
        """The page, followed by the list of the sources it cites."""
        linker = Linker(page_path)
        with self.blocks.reading() as reads:
            text = self._render(template, page_path, linker, **context)
        return text + self.references(reads, linker)

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
            return Markup(f'[\\[{number}\\]]({linker.url("sources/index.md", "source-" + source_id)})')

        def cite(record: Record) -> Markup:
            self.blocks.read(record)
            return Markup(" ".join(cite_source(citation.source) for citation in record.citations))

        def chart(name: str) -> Markup:
            """The chart's figure (light and dark image, caption, sources, data), or nothing."""
            if name not in self.charts:
                return Markup("")
            return Markup(self.env.get_template("_chart.md.j2").render(
                chart=self.charts[name], report=report, url=linker.url, link_to=link_to, cite_source=cite_source))

        def reuse(macro: Macro, record: Record, *more: Any) -> Markup:
            """`macro(record, *more)`, reused from the last build when none of its inputs changed."""
            return self.reused((page_path, macro.name, record.id), (record, *more), lambda: Markup(macro(record, *more)))

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


def hand_written_page(text: str, report: Report, page_path: str, templates_dir: Path,
                      cache_dir: Path | None = None) -> str:
    """A hand-written page with its `[@id]` citations numbered and, like a chapter, its list of references."""
    cited = [report.by_id[source_id] for source_id in sources_cited_in(text)
             if isinstance(report.by_id.get(source_id), Source)]
    page = cite_in_page(text, report, page_path)
    if not cited:
        return page
    linker = Linker(page_path)
    sources = sorted(cited, key=lambda source: report.source_number[source.id])
    references = make_environment(templates_dir, cache_dir).get_template("_references.md.j2").render(
        sources=sources, report=report, url=linker.url, ext=external_link)
    return f"{page.rstrip()}\n\n{references}"


def render_pages(report: Report, templates_dir: Path, content_dir: Path, extra: dict[str, Any] | None = None,
                 cache_dir: Path | None = None, charts: list[Chart] | None = None) -> dict[str, str]:
    renderer = PageRenderer(report, templates_dir, content_dir, extra, cache_dir, charts)
    renderer.blocks.begin(renderer.setting())
    pages = dict(_pages(report, renderer))
    renderer.blocks.finish()
    return pages


def _record_page(renderer: PageRenderer, template: str, path: str, record: Actor | Place, **context: Any) -> str:
    """The page of a place or an actor: most pages of a large site, and few of them change after one edit."""
    report = renderer.report
    parent = report.by_id.get(record.parent) if isinstance(record, Actor) and record.parent else None
    inputs = (record, parent, report.mentions.get(record.id, []), report.members.get(record.id, []))
    return renderer.reused((path,), inputs, lambda: renderer.render(template, path, **context))


def _pages(report: Report, renderer: PageRenderer) -> Iterator[tuple[str, str]]:
    render = renderer.render
    yield "index.md", render("home.md.j2", "index.md")
    yield "timeline/index.md", render("timeline_index.md.j2", "timeline/index.md")
    for position, page in enumerate(report.timeline):
        path = f"timeline/{page.slug}.md"
        previous = report.timeline[position - 1] if position > 0 else None
        following = report.timeline[position + 1] if position + 1 < len(report.timeline) else None
        yield path, render("timeline_page.md.j2", path, page=page, previous=previous, following=following)
    yield "places/index.md", render("places_index.md.j2", "places/index.md")
    for place in report.places:
        yield f"places/{place.id}.md", _record_page(renderer, "place.md.j2", f"places/{place.id}.md", place, place=place)
    yield "actors/index.md", render("actors_index.md.j2", "actors/index.md")
    for actor in report.actors:
        yield f"actors/{actor.id}.md", _record_page(renderer, "actor.md.j2", f"actors/{actor.id}.md", actor, actor=actor)
    yield "reactions/index.md", render("reactions.md.j2", "reactions/index.md")
    yield "figures/index.md", render("figures.md.j2", "figures/index.md")
    yield "measures/index.md", render("measures.md.j2", "measures/index.md")
    yield "sources/index.md", render("sources.md.j2", "sources/index.md")
    yield "sources/coverage.md", render("coverage.md.j2", "sources/coverage.md", audit=audit(report), share=share)
    yield "data/index.md", render("data.md.j2", "data/index.md")
    # Without a history (a report rendered outside a build), the chapter says there is none.
    history = {} if "days" in renderer.extra else history_context(History())
    yield "changes/index.md", render("changes.md.j2", "changes/index.md", **history)
