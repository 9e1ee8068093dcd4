"""Convert each marked record block of a page on its own, and keep its HTML while its Markdown is the same.

One edited record changes a few blocks of a page that may hold thousands (a timeline part, the
bibliography); Python-Markdown would convert the whole page again. This extension, given to MkDocs with
the site's other Markdown extensions, takes each block between the marks of `generator/site/blockmarks.py`
out of the page, converts it as MkDocs converts a page (same extensions, links made relative to the
same page) and puts its HTML back in the page's place, as raw HTML. What the page's own conversion
would have learnt from the block is given back to it: the block's headings go into the page's table of
contents in their place, its anchors and its links to other pages' anchors into MkDocs's checks.

Pages come out byte for byte as converting them whole gives (`tests/test_block_html.py`; the preview's
tests compare its pages with a full build's). Only the preview converts by blocks (`converts`): a
one-off build would pay a conversion per block for nothing kept; it only drops the marks. The HTML
is kept per page for as long as the site's files and configuration are the same objects (the
preview's rebuilds); a new build starts afresh.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import nest_toc_tokens
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from generator.site.blockmarks import BEGIN, END

# MkDocs's own processors of a page, which a block needs as much as the page (relative links, anchors).
try:
    from mkdocs.structure.pages import (
        _ExtractAnchorsTreeprocessor,
        _RawHTMLPreprocessor,
        _RelativePathTreeprocessor,
    )
except ImportError:  # another MkDocs: blocks are converted with their page, as plain Markdown
    _ExtractAnchorsTreeprocessor = _RawHTMLPreprocessor = _RelativePathTreeprocessor = None  # type: ignore[misc,assignment]

_RELATIVE_PATHS = "relpath"
_ANCHORS = "mkdocs_extract_anchors"
_WRAPPER_START, _WRAPPER_END = "<div>\n", "\n</div>"
_PLACEHOLDER_START = markdown.util.HTML_PLACEHOLDER.split("%s")[0]


@dataclass(frozen=True, slots=True)
class _Converted:
    html: str
    toc: tuple[dict[str, Any], ...]
    """The block's headings as the page's table of contents lists them, flat, in order."""
    anchors: frozenset[str]
    links_to_anchors: tuple[tuple[Any, tuple[tuple[str, str], ...]], ...]


class BlockHtml(Extension):
    """One per build configuration (the plugin's); keeps the converted blocks of each page when `converts`."""

    converts = False
    """Whether blocks are converted on their own and kept (the preview) or only unmarked."""

    def __init__(self) -> None:
        super().__init__()
        self._kept: dict[str, dict[str, _Converted]] = {}
        self._site: tuple[int, int] | None = None
        self.converted = self.reused = 0

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        if not self.converts or _RelativePathTreeprocessor is None:
            md.preprocessors.register(_Unmark(md), "crisis_report_unmark", 25)
            return
        placed: dict[str, list[_Converted]] = {}
        md.preprocessors.register(_TakeOut(md, self, placed), "crisis_report_blocks", 25)
        md.treeprocessors.register(_GiveBack(md, placed), "crisis_report_blocks", 4)

    def kept_for(self, relative: Any) -> dict[str, _Converted]:
        """The page's blocks converted last time, or none when the site's files or configuration changed."""
        site = (id(relative.files), id(relative.config))
        if site != self._site:
            self._kept.clear()
            self._site = site
        return self._kept.get(relative.file.src_uri, {})

    def keep(self, relative: Any, blocks: dict[str, _Converted]) -> None:
        self._kept[relative.file.src_uri] = blocks


class _Unmark(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [line for line in lines if line not in (BEGIN, END)]


class _TakeOut(Preprocessor):
    """Each marked block becomes a placeholder of its HTML; runs before any HTML is parsed."""

    def __init__(self, md: markdown.Markdown, extension: BlockHtml, placed: dict[str, list[_Converted]]) -> None:
        super().__init__(md)
        self.extension = extension
        self.placed = placed
        self._converter: _Converter | None = None

    def run(self, lines: list[str]) -> list[str]:
        self.placed.clear()
        if BEGIN not in lines:
            return lines
        relative = self.md.treeprocessors[_RELATIVE_PATHS]
        kept = self.extension.kept_for(relative)
        used: dict[str, _Converted] = {}
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == BEGIN:
                    block = []
                else:
                    out.append(line)
            elif line == END:
                text = "\n".join(block).strip("\n")
                block = None
                if not text.strip():  # a block that shows nothing (an empty table's macro)
                    continue
                converted = used.get(text) or kept.get(text)
                if converted is None:
                    converted = self._convert(relative, text)
                    self.extension.converted += 1
                else:
                    self.extension.reused += 1
                used[text] = converted
                self._place(converted, out)
            else:
                block.append(line)
        if block is not None:  # an unclosed mark: the rest is converted with the page
            out.extend(block)
        self._store_html()
        self.extension.keep(relative, used)
        return out

    def _place(self, converted: _Converted, out: list[str]) -> None:
        """The block's placeholder; blocks with only blank lines between them share one (a day's events
        become one paragraph of the page instead of hundreds), their HTML one line apart as whole-page
        conversion writes them."""
        last = len(out) - 1
        while last >= 0 and not out[last].strip():
            last -= 1
        if last >= 0 and out[last] in self.placed:
            self.placed[out[last]].append(converted)
            del out[last + 1 :]
            return
        placeholder = self.md.htmlStash.store("")  # its HTML is stored once all its blocks are known
        self.placed[placeholder] = [converted]
        out.append(placeholder)

    def _store_html(self) -> None:
        for placeholder, placed in self.placed.items():
            index = int(placeholder[len(_PLACEHOLDER_START) : -1])
            self.md.htmlStash.rawHtmlBlocks[index] = "\n".join(converted.html for converted in placed)

    def _convert(self, relative: Any, text: str) -> _Converted:
        if self._converter is None or self._converter.relative is not relative:
            self._converter = _Converter(relative)
        return self._converter.convert(text)


class _Converter:
    """A Markdown converter set up as MkDocs sets up the page's, for the blocks of that page."""

    def __init__(self, relative: Any) -> None:
        self.relative = relative
        config = relative.config
        extensions = [ext for ext in config["markdown_extensions"] if not isinstance(ext, BlockHtml)]
        self.md = markdown.Markdown(extensions=extensions, extension_configs=config["mdx_configs"] or {})
        self.raw_html = _RawHTMLPreprocessor()
        self.raw_html._register(self.md)
        self.anchors = _ExtractAnchorsTreeprocessor(relative.file, relative.files, config)
        self.anchors._register(self.md)
        self.links = _RelativePathTreeprocessor(relative.file, relative.files, config)
        self.links._register(self.md)

    def convert(self, text: str) -> _Converted:
        self.md.reset()
        self.anchors.present_anchor_ids = set()
        self.links.links_to_anchors = {}
        # As inside the record's `markdown="1"` element, where the templates put every block (raw HTML in
        # such an element is parsed, not copied).
        html = self.md.convert(f'<div markdown="1">\n\n{text}\n\n</div>')
        if html.startswith(_WRAPPER_START) and html.endswith(_WRAPPER_END):
            html = html[len(_WRAPPER_START) : -len(_WRAPPER_END)]
        return _Converted(
            html,
            tuple(_flat(getattr(self.md, "toc_tokens", []))),
            frozenset(self.anchors.present_anchor_ids | self.raw_html.present_anchor_ids),
            tuple((file, tuple(links.items())) for file, links in self.links.links_to_anchors.items()),
        )


class _GiveBack(Treeprocessor):
    """After the page's table of contents is made: the blocks' headings, anchors and links, in place."""

    def __init__(self, md: markdown.Markdown, placed: dict[str, list[_Converted]]) -> None:
        super().__init__(md)
        self.placed = placed

    def run(self, root: etree.Element) -> None:
        if not self.placed:
            return
        page_tokens = {token["id"]: token for token in _flat(getattr(self.md, "toc_tokens", []))}
        toc: list[dict[str, Any]] = []
        for element in root.iter():
            placed = self.placed.get(element.text or "") if element.tag == "p" else None
            if placed is not None:
                toc.extend(dict(token) for converted in placed for token in converted.toc)
            elif element.get("id") in page_tokens:
                toc.append(page_tokens.pop(element.get("id", "")))
        toc.extend(page_tokens.values())  # headings the walk did not meet stay, after the others
        self.md.toc_tokens = nest_toc_tokens(toc)
        anchors = self.md.treeprocessors[_ANCHORS].present_anchor_ids
        links = self.md.treeprocessors[_RELATIVE_PATHS].links_to_anchors
        for converted in (converted for placed in self.placed.values() for converted in placed):
            anchors.update(converted.anchors)
            for file, pairs in converted.links_to_anchors:
                links.setdefault(file, {}).update(pairs)


def _flat(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    flat: list[dict[str, Any]] = []
    for token in tokens:
        flat.append({key: value for key, value in token.items() if key != "children"})
        flat.extend(_flat(token.get("children", [])))
    return flat
