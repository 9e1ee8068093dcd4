"""A page's description for search engines and link previews, taken from the page's own text.

A page may state its own (`description:` in its front matter); otherwise the first paragraph of
its body long enough to say something is used, as plain text, cut at a word near 200 characters.
"""

from __future__ import annotations

import html
import re

MIN_LENGTH = 30
MAX_LENGTH = 200
_ARTICLE_START = re.compile(r"</h1>", re.I)
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_WHITESPACE = re.compile(r"\s+")
_CITATION_MARK = re.compile(r"\s*\[\d+\]")


def describe(content_html: str) -> str | None:
    """The first paragraph after the title with at least MIN_LENGTH characters, shortened; None if none."""
    heading = _ARTICLE_START.search(content_html)
    body = content_html[heading.end() :] if heading else content_html
    for match in _PARAGRAPH.finditer(body):
        text = _WHITESPACE.sub(" ", html.unescape(_TAG.sub("", match[1]))).strip()
        text = _CITATION_MARK.sub("", text).replace("¶", "").strip()
        if len(text) >= MIN_LENGTH:
            return shorten(text)
    return None


def shorten(text: str, limit: int = MAX_LENGTH) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:·–-")
    return f"{cut}…"
