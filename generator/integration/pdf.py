"""The whole report as one PDF, printed by headless Chromium from the built site.

Chromium is the engine because the browser tests already require it: the PDF shows exactly what the
site shows (same theme, same SVG charts, same fonts), with no second renderer to keep in step. The
site is served on 127.0.0.1, each chapter is opened in nav order (timeline parts after the timeline
index) and its article collected; one print document (cover, contents, chapters) then replaces the
home page's article and is printed twice: once to learn the page each chapter starts on (from the
outline Chromium writes for the headings), once with those numbers in the contents.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import io
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from generator.errors import Failure
from generator.factbase.models import DECLARATIONS

DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "pdf"
# Pages of one record each are many and short; the PDF links them to the published site instead.
LEFT_OUT = (*(f"{declared.chapter}/" for declared in DECLARATIONS if declared.one_page_per_record), "contributing/")
TIMELINE = "timeline/"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}


class PdfError(Failure):
    """The PDF cannot be made; the message says why."""


@dataclass
class Chapter:
    url: str
    title: str
    html: str
    part: bool
    page: int | None = None


@dataclass(frozen=True)
class ReportInfo:
    title: str
    subtitle: str
    updated: date
    language: str = "en"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """The built site on a free port of 127.0.0.1, for as long as the block runs."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def read_report_info(report_yml: Path, language: str | None = None) -> ReportInfo:
    """The cover's title and subtitle in `language` (from the report's `translations:`, else as written)."""
    data = read_report(report_yml)
    updated = data.get("updated")
    if not isinstance(updated, date):
        raise PdfError(f"{report_yml}: `updated:` must be a date (it dates the PDF)")
    language = language or report_languages(data)[0]
    translated = (data.get("translations") or {}).get(language) or {}
    return ReportInfo(
        str(translated.get("title") or data.get("title", "")),
        str(translated.get("subtitle") or data.get("subtitle", "") or ""),
        updated,
        language,
    )


def read_report(report_yml: Path) -> dict[str, Any]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(report_yml.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def report_languages(data: dict[str, Any]) -> list[str]:
    """`languages:` of report.yml; the first is the edition at the site's root, the others under `<lang>/`."""
    return [str(language) for language in data.get("languages") or ["en"]]


def edition_folder(site: Path, language: str, languages: list[str]) -> Path:
    return site if language == languages[0] else site / language


def build_pdf(
    site: Path,
    out: Path,
    report_yml: Path,
    chromium: Path = DEFAULT_CHROMIUM,
    progress: Callable[[str], None] = lambda message: None,
    language: str | None = None,
) -> tuple[int, list[Chapter]]:
    """Print the report in SITE (one language edition: its root folder) to OUT; returns the number of pages
    and the chapters with their first page. The cover and contents are in `language` (default: the report's first)."""
    if not (site / "index.html").is_file():
        raise PdfError(f"{site}: no built site here (run `make site` first)")
    if not chromium.is_file():
        raise PdfError(f"{chromium}: Chromium is not installed (Debian: apt-get install chromium)")
    info = read_report_info(report_yml, language)
    from playwright.sync_api import sync_playwright

    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
            # Offline by construction: only the served site (and inline data) may load.
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith((base, "data:", "blob:")) else route.abort()
                ),
            )
            page = context.new_page()
            chapters = collect_chapters(page, base, progress)
            progress(f"printing {len(chapters)} chapters")
            pdf = print_document(page, base, chapters, info)
        finally:
            browser.close()
    data, pages = finalize(pdf, info)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(data)
    partial.replace(out)
    return pages, chapters


def chapter_urls(page: Any, base: str) -> list[str]:
    """The chapters in nav order, each timeline part right after the timeline index."""
    page.goto(base, wait_until="load")
    nav = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]", "links => links.map(link => link.href)")
    urls = _unique(
        url for url in nav if url.startswith(base) and "#" not in url and not url[len(base) :].startswith(LEFT_OUT)
    )
    if base + TIMELINE in urls:
        page.goto(base + TIMELINE, wait_until="load")
        linked = page.eval_on_selector_all("article a[href]", "links => links.map(link => link.href)")
        parts = _unique(
            url
            for url in linked
            if url.startswith(base + TIMELINE) and "#" not in url and url.count("/") == (base + TIMELINE).count("/") + 1
        )
        at = urls.index(base + TIMELINE) + 1
        urls[at:at] = [url for url in parts if url not in urls]
    return urls


def _unique(urls: Any) -> list[str]:
    return list(dict.fromkeys(urls))


# Runs in the chapter's page: a copy of its article made fit for print, with every link rewritten
# for the one document (ids prefixed by the chapter's number, so that anchors of two chapters never clash).
_COLLECT = """([index, chapters, base, published]) => {
  const article = document.querySelector("article.md-content__inner").cloneNode(true);
  article.querySelectorAll(".md-content__button, .headerlink, form, input, select, button, script, [popover], [role=search]")
    .forEach(element => element.remove());
  article.querySelectorAll('img[src*="#only-dark"]').forEach(image => image.remove());
  article.querySelectorAll("details").forEach(details => details.setAttribute("open", ""));
  article.querySelectorAll("img[src]").forEach(image => {
    image.setAttribute("src", new URL(image.getAttribute("src"), location.href).href);
    image.setAttribute("loading", "eager");
  });
  article.querySelectorAll("[id]").forEach(element => { element.id = `c${index}-${element.id}`; });
  article.querySelectorAll("a[href]").forEach(link => {
    const url = new URL(link.getAttribute("href"), location.href);
    if (!url.href.startsWith(base)) return;
    const target = chapters[url.origin + url.pathname];
    if (target !== undefined) {
      link.setAttribute("href", url.hash ? `#c${target}-${decodeURIComponent(url.hash.slice(1))}` : `#chapter-${target}`);
    } else if (published) {
      link.setAttribute("href", published + url.href.slice(base.length));
      link.classList.add("pdf-plain");
    } else {
      link.replaceWith(...link.childNodes);
    }
  });
  return {title: (article.querySelector("h1") || {}).textContent || document.title, html: article.innerHTML};
}"""


def collect_chapters(page: Any, base: str, progress: Callable[[str], None]) -> list[Chapter]:
    urls = chapter_urls(page, base)
    page.goto(base, wait_until="load")
    canonical = page.eval_on_selector_all("link[rel=canonical]", "links => links.map(link => link.href)")
    published = canonical[0] if canonical else ""
    numbers = {url: index for index, url in enumerate(urls)}
    chapters = []
    for index, url in enumerate(urls):
        page.goto(url, wait_until="load")
        found = page.evaluate(_COLLECT, [index, numbers, base, published])
        title = " ".join(found["title"].split())
        progress(f"[{index + 1}/{len(urls)}] {title} ({url[len(base) :] or '/'})")
        part = url.startswith(base + TIMELINE) and url != base + TIMELINE
        chapters.append(Chapter(url, title, found["html"], part))
    return chapters


def _template(name: str) -> Any:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True
    )
    return environment.get_template(name)


def print_document(page: Any, base: str, chapters: list[Chapter], info: ReportInfo) -> bytes:
    """The print document in place of the home page's article, printed until the contents are right."""
    page.goto(base, wait_until="load")
    published = page.eval_on_selector_all("link[rel=canonical]", "links => links.map(link => link.href)")
    footer = _template("footer.html").render(title=info.title, language=info.language)
    pdf = b""
    for _attempt in range(3):
        body = _template("document.html").render(
            title=info.title,
            subtitle=info.subtitle,
            updated=info.updated.isoformat(),
            language=info.language,
            public_url=published[0] if published else "",
            chapters=chapters,
        )
        page.evaluate(
            """html => {
          document.body.setAttribute("data-md-color-scheme", "default");
          document.querySelector("article.md-content__inner").innerHTML = html;
          document.querySelectorAll("details").forEach(details => { details.open = true; });
        }""",
            body,
        )
        _wait_for_images(page)
        pdf = page.pdf(
            format="A4",
            print_background=True,
            outline=True,
            tagged=True,
            margin=MARGIN,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=footer,
        )
        starts = chapter_pages(pdf, chapters)
        if all(chapter.page == start for chapter, start in zip(chapters, starts, strict=True)):
            return pdf
        for chapter, start in zip(chapters, starts, strict=True):
            chapter.page = start
    raise PdfError("the page numbers in the contents did not settle after three printings")


def chapter_pages(pdf: bytes, chapters: list[Chapter]) -> list[int]:
    """The page (from 1) each chapter starts on, read from the outline Chromium made of the headings."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    # Chromium drops the space where a heading wraps, so titles are compared without any whitespace.
    entries = [
        ("".join(str(item.title).split()), (reader.get_destination_page_number(item) or 0) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]
    pages, position = [], 0
    for chapter in chapters:
        while position < len(entries) and entries[position][0] != "".join(chapter.title.split()):
            position += 1
        if position == len(entries):
            raise PdfError(f"chapter {chapter.title!r} ({chapter.url}) has no heading in the printed outline")
        pages.append(entries[position][1])
        position += 1
    return pages


def finalize(pdf: bytes, info: ReportInfo) -> tuple[bytes, int]:
    """The PDF with its metadata dated from `updated:` (not from the time of printing), and its page count."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    stamp = f"D:{info.updated:%Y%m%d}000000Z"
    writer.add_metadata(
        {
            "/Title": info.title,
            "/Subject": info.subtitle,
            "/CreationDate": stamp,
            "/ModDate": stamp,
            "/Creator": "python -m generator pdf",
            "/Producer": "Chromium, pypdf",
        }
    )
    # The file identifier follows the report's title and date, so that two printings of one version match.
    identifier = ByteStringObject(hashlib.md5(f"{info.title}|{info.updated}".encode(), usedforsecurity=False).digest())
    writer._ID = ArrayObject([identifier, identifier])
    _stable_structure_ids(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), len(reader.pages)


def _stable_structure_ids(writer: Any) -> None:
    """Renumber the ids Chromium gives the tagged structure (they count DOM nodes, which vary from run to
    run) by rank, so that two printings of the same site are byte-identical and the id tree stays sorted."""
    from pypdf.generic import ArrayObject, DictionaryObject, TextStringObject

    objects = [item for item in writer._objects if item is not None]
    ranked = sorted(
        {
            str(item["/ID"])
            for item in objects
            if isinstance(item, DictionaryObject) and item.get("/Type") == "/StructElem" and "/ID" in item
        }
    )
    renamed = {old: TextStringObject(f"node{rank:08d}") for rank, old in enumerate(ranked)}

    def fix(value: Any) -> Any:
        if isinstance(value, TextStringObject):
            return renamed.get(str(value), value)
        if isinstance(value, DictionaryObject):
            for key, item in list(value.items()):
                value[key] = fix(item)
        elif isinstance(value, ArrayObject):
            for index, item in enumerate(value):
                value[index] = fix(item)
        return value

    for item in objects:
        fix(item)


def _wait_for_images(page: Any, timeout: float = 30.0) -> None:
    """Until every image of the page is loaded, polled from Python: the pages' Content-Security-Policy
    refuses the string evaluation that `wait_for_function` uses."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(
        "() => Array.from(document.images).every(image => image.complete && image.naturalWidth > 0)"
    ):
        if time.monotonic() > deadline:
            raise PdfError("the chapters' images did not load within 30 s")
        page.wait_for_timeout(100)
