"""Hand-written pages and fragments publish Markdown, not active content.

Python-Markdown passes raw HTML through, so a page could carry a script, a frame, a form, an event
handler, a `javascript:` link or a `<meta http-equiv="refresh">` that sends readers off the site;
a `.js` or `.html` file next to the pages would be published as it is. The Content-Security-Policy
refuses scripts that are not the theme's, but a redirect, a form or a frame is not a script: the
check names each of them, with its position, before anything is built.

What counts is what the Markdown becomes: each file is rendered with the site's Markdown extensions
and the HTML is inspected, so `<script>` shown in a code span is fine while the same text inside a
raw `<div>` block (or between ``` lines: this site has no fenced-code extension) is reported. The
positions come from the source, where the same kinds of markup are looked for.

A page whose raw HTML has been reviewed can opt out with `trusted_html: true` in its front matter
(the policy still applies to it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml
from mkdocs.utils.meta import get_data

from generator.factbase.diagnostics import Diagnostic
from generator.factbase.loader import display_path

PAGES_FOLDER = "pages"
FRAGMENTS_FOLDER = "fragments"
ACTIVE_FILE_SUFFIXES = (".js", ".mjs", ".cjs", ".html", ".htm", ".xhtml", ".shtml")
ACTIVE_ELEMENTS = (
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "form",
    "meta",
    "link",
    "portal",
)
# Used when no mkdocs.yml sits next to the content folder (the extensions of this site's mkdocs.yml).
DEFAULT_EXTENSIONS: list[Any] = ["attr_list", "tables", "admonition", "toc"]
_ELEMENT = re.compile(r"<\s*(" + "|".join(ACTIVE_ELEMENTS) + r")(?=[\s/>]|$)", re.I)
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_ATTRIBUTE_LIST = re.compile(r"\{:?[^{}\n]*\}")
_HANDLER = re.compile(r"(?<=[\s/\"'{:])on[a-z]+\s*=", re.I)
_CONTROL = re.compile(r"[\x00-\x20]")
_CODE_SPAN = re.compile(r"(`+)(?!`)([^\n]+?)(?<!`)\1(?!`)")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def _obfuscatable(word: str) -> str:
    """A pattern for `word` as a browser reads it in a URL: any case, characters as entities, tabs and
    newlines in between (which URL parsing drops)."""
    parts = []
    for ch in word:
        entities = [
            entity
            for variant in sorted({ch.lower(), ch.upper()})
            for entity in (f"&#0*{ord(variant)};?", f"&#x0*{ord(variant):x};?")
        ] + (["&colon;"] if ch == ":" else [])
        parts.append("(?:" + "|".join([re.escape(ch), *entities]) + ")")
    return r"(?:[\x00-\x20]|&#0*(?:9|10|13);?|&#x0*[9ad];?|&Tab;|&NewLine;)*".join(parts)


_SCRIPT_URL = re.compile("|".join(_obfuscatable(w) for w in _SCRIPT_SCHEMES), re.I)


def check_hand_written(content_dir: Path) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    extensions = _site_extensions(content_dir)
    for folder in (PAGES_FOLDER, FRAGMENTS_FOLDER):
        root = content_dir / folder
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            suffix = path.suffix.lower()
            if not path.is_file() or suffix not in (*ACTIVE_FILE_SUFFIXES, ".md", ".svg"):
                continue
            shown = display_path(path)
            if suffix in ACTIVE_FILE_SUFFIXES:
                problems.append(
                    Diagnostic(
                        shown,
                        1,
                        1,
                        (
                            f"a {suffix} file among the hand-written {folder} would be published as it is; "
                            "the site's scripts live in templates/theme/assets/javascripts/, pages are Markdown"
                        ),
                    )
                )
                continue
            stat = path.stat()
            key = (str(path), stat.st_mtime_ns, stat.st_size, repr(extensions))
            if key in _FOUND:
                problems += _FOUND[key]
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if suffix == ".svg":
                found = [(line, column, message) for line, column, _, message in active_markup(text)]
            else:
                body, meta = get_data(text)
                trusted = folder == PAGES_FOLDER and meta.get("trusted_html") in (True, "true")
                found = [] if trusted else _in_markdown(text, body, extensions)
            where = "page" if folder == PAGES_FOLDER else "fragment"
            _FOUND[key] = [
                Diagnostic(
                    shown,
                    line,
                    column,
                    f"{message} in a hand-written {where}: write Markdown "
                    "instead (or, for a reviewed page, see 'trusted_html' in content/pages/contributing.md)",
                )
                for line, column, message in found
            ]
            problems += _FOUND[key]
    return problems


# Rendering every page takes tens of milliseconds: `mkdocs serve` re-checks only files that changed.
_FOUND: dict[tuple[str, int, int, str], list[Diagnostic]] = {}


def _in_markdown(text: str, body: str, extensions: list[Any]) -> list[tuple[int, int, str]]:
    """Active markup that the Markdown really produces, at the positions where its source is."""
    produced = _active_html(body, extensions)
    if not produced:
        return []
    outside_code = list(active_markup(_without_code(text)))
    anywhere = list(active_markup(text))
    found: list[tuple[int, int, str]] = []
    for kind, count in sorted(produced.items()):
        for candidates in ([c for c in outside_code if c[2] == kind], [c for c in anywhere if c[2] == kind]):
            if len(candidates) >= count:
                found += [(line, column, message) for line, column, _, message in candidates]
                break
        else:
            found.append((1, 1, f"{count} × {kind} produced by this Markdown"))
    return sorted(found)


def active_markup(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(line, column, kind, description) of every piece of active markup in `text`, in order."""
    found: list[tuple[int, str, str]] = []
    for match in _ELEMENT.finditer(text):
        name = match[1].lower()
        found.append(
            (
                match.start(),
                f"<{name}>",
                f"raw <{name}> element" + (" (http-equiv can redirect readers off the site)" if name == "meta" else ""),
            )
        )
    for container in (*_TAG.finditer(text), *_ATTRIBUTE_LIST.finditer(text)):
        for match in _HANDLER.finditer(container[0]):
            found.append(
                (
                    container.start() + match.start(),
                    "on*=",
                    f"event-handler attribute '{match[0].rstrip('= ').lower()}'",
                )
            )
    for match in _SCRIPT_URL.finditer(text):
        found.append((match.start(), "script URL", f"script URL '{_CONTROL.sub('', match[0])}'"))
    for offset, kind, message in sorted(set(found)):
        line = text.count("\n", 0, offset) + 1
        yield line, offset - (text.rfind("\n", 0, offset) + 1) + 1, kind, message


class _ActiveHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kinds: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_ELEMENTS:
            self.kinds[f"<{tag}>"] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.kinds["on*="] += 1
            if value and _CONTROL.sub("", value).lower().startswith(_SCRIPT_SCHEMES):
                self.kinds["script URL"] += 1


def _active_html(body: str, extensions: list[Any]) -> Counter[str]:
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    configs = {next(iter(e)): next(iter(e.values())) or {} for e in extensions if isinstance(e, dict)}
    try:
        html = markdown.markdown(body, extensions=names, extension_configs=configs)
    except Exception:  # an extension this check cannot load: judge with the default ones
        html = markdown.markdown(body, extensions=DEFAULT_EXTENSIONS)
    parser = _ActiveHtml()
    parser.feed(html)
    parser.close()
    return parser.kinds


def _site_extensions(content_dir: Path) -> list[Any]:
    """The Markdown extensions of the mkdocs.yml beside the content folder."""
    config_file = content_dir.parent / "mkdocs.yml"
    try:
        return _extensions_of(str(config_file), config_file.stat().st_mtime_ns)
    except OSError:
        return DEFAULT_EXTENSIONS


@lru_cache(maxsize=4)
def _extensions_of(config_file: str, stamp: int) -> list[Any]:
    try:
        config = yaml.safe_load(Path(config_file).read_text(encoding="utf-8"))
        extensions = config.get("markdown_extensions")
    except (OSError, yaml.YAMLError, AttributeError):
        return DEFAULT_EXTENSIONS
    return list(extensions) if isinstance(extensions, list) else DEFAULT_EXTENSIONS


def _without_code(markdown_text: str) -> str:
    """`markdown_text` with what looks like code (indented blocks, one-line spans) blanked out,
    positions unchanged. Only a guess at where the produced markup comes from: when it leaves fewer
    candidates than the rendering produced, every candidate is reported."""
    lines, in_code, previous_blank = [], False, True
    for line in markdown_text.splitlines(keepends=True):
        blank = not line.strip()
        in_code = (in_code and blank) or (line.startswith(("    ", "\t")) and not blank and (previous_blank or in_code))
        lines.append(re.sub(r"[^\n]", " ", line) if in_code else line)
        previous_blank = blank
    return _CODE_SPAN.sub(lambda m: " " * len(m[0]), "".join(lines))
