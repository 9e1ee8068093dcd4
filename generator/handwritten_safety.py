"""Hand-written pages and fragments publish Markdown, not active content.

Python-Markdown passes raw HTML through, so a page could carry a script, a frame, a form, an event
handler, a `javascript:` link or a `<meta http-equiv="refresh">` that sends readers off the site;
a `.js` or `.html` file next to the pages would be published as it is. The Content-Security-Policy
refuses scripts that are not the theme's, but a redirect, a form or a frame is not a script: the
check names each of them, with its position, before anything is built.

A page whose raw HTML has been reviewed can opt out with `trusted_html: true` in its front matter
(the policy still applies to it). Code spans and fenced code blocks are text, not markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from mkdocs.utils.meta import get_data

from .diagnostics import Diagnostic
from .loader import display_path

PAGES_FOLDER = "pages"
FRAGMENTS_FOLDER = "fragments"
ACTIVE_FILE_SUFFIXES = (".js", ".mjs", ".cjs", ".html", ".htm", ".xhtml", ".shtml")
ACTIVE_ELEMENTS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "meta",
                   "link", "portal")
_ELEMENT = re.compile(r"<\s*(" + "|".join(ACTIVE_ELEMENTS) + r")(?=[\s/>]|$)", re.I)
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_ATTRIBUTE_LIST = re.compile(r"\{:?[^{}\n]*\}")
_HANDLER = re.compile(r"(?<=[\s/\"'{:])on[a-z]+\s*=", re.I)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CONTROL = re.compile(r"[\x00-\x20]")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


def _obfuscatable(word: str) -> str:
    """A pattern for `word` as a browser reads it in a URL: any case, characters as entities, tabs and
    newlines in between (which URL parsing drops)."""
    parts = []
    for ch in word:
        entities = [entity for variant in sorted({ch.lower(), ch.upper()})
                    for entity in (f"&#0*{ord(variant)};?", f"&#x0*{ord(variant):x};?")] + (["&colon;"] if ch == ":" else [])
        parts.append("(?:" + "|".join([re.escape(ch), *entities]) + ")")
    return r"[\x00-\x20]*".join(parts)


_SCRIPT_URL = re.compile("|".join(_obfuscatable(w) for w in ("javascript:", "vbscript:", "data:text/html")), re.I)


def check_hand_written(content_dir: Path) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for folder in (PAGES_FOLDER, FRAGMENTS_FOLDER):
        root = content_dir / folder
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            if not path.is_file():
                continue
            if path.suffix.lower() in ACTIVE_FILE_SUFFIXES:
                problems.append(Diagnostic(display_path(path), 1, 1, (
                    f"a {path.suffix} file among the hand-written {folder} would be published as it is; "
                    "the site's scripts live in templates/theme/assets/javascripts/, pages are Markdown")))
            elif path.suffix.lower() in (".md", ".svg"):
                text = path.read_text(encoding="utf-8", errors="replace")
                if folder == PAGES_FOLDER and path.suffix == ".md" and _trusted(text):
                    continue
                where = "page" if folder == PAGES_FOLDER else "fragment"
                problems += [Diagnostic(display_path(path), line, column, f"{message} in a hand-written {where}: "
                                        "write Markdown instead (or, for a reviewed page, see 'trusted_html' in "
                                        "content/pages/contributing.md)")
                             for line, column, message in active_markup(text if path.suffix == ".svg" else _without_code(text))]
    return problems


def _trusted(markdown: str) -> bool:
    """Whether the page's front matter, read as MkDocs reads it, says `trusted_html: true`."""
    return get_data(markdown)[1].get("trusted_html") in (True, "true")


def active_markup(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, what) of every piece of active markup in `text`, in order."""
    found: list[tuple[int, str]] = []
    for match in _ELEMENT.finditer(text):
        name = match[1].lower()
        found.append((match.start(), f"raw <{name}> element" + (" (http-equiv can redirect readers off the site)" if name == "meta" else "")))
    for container in (*_TAG.finditer(text), *_ATTRIBUTE_LIST.finditer(text)):
        for match in _HANDLER.finditer(container[0]):
            found.append((container.start() + match.start(), f"event-handler attribute '{match[0].rstrip('= ').lower()}'"))
    for match in _SCRIPT_URL.finditer(text):
        found.append((match.start(), f"script URL '{_CONTROL.sub('', match[0])}'"))
    for offset, message in sorted(set(found)):
        line = text.count("\n", 0, offset) + 1
        yield line, offset - (text.rfind("\n", 0, offset) + 1) + 1, message


def _without_code(markdown: str) -> str:
    """`markdown` with fenced code blocks and code spans blanked out, positions unchanged."""
    lines, fence = [], ""
    for line in markdown.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence) and not line.strip(" \n`~"):
                fence = ""
            lines.append(_blank(line))
        elif opening:
            fence = opening[1]
            lines.append(_blank(line))
        else:
            lines.append(line)
    text = "".join(lines)
    return _CODE_SPAN.sub(lambda m: _blank(m[0]) if "\n\n" not in m[0] else m[0], text)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)
