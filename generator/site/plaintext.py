"""Make researcher-typed text safe to drop into generated Markdown.

Text fields are plain text: whatever is typed must render literally and inertly. HTML escaping is
not enough inside Markdown (links to `javascript:`, attribute lists, snippets, line-start
markers still act), so every ASCII punctuation character becomes a numeric character reference,
which no Markdown or HTML rule interprets, and whitespace runs (newlines included) become one
space, so text cannot start a block, a code block or a table row.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from markupsafe import Markup

_PUNCTUATION = frozenset(string.punctuation)
_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _PUNCTUATION}
_WHITESPACE = re.compile(r"\s+")
# YAML already refuses these; Python-Markdown uses some of them as internal placeholders.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def inert(value: object) -> Markup:
    """Plain text → Markdown (or an HTML attribute value) that shows exactly that text, whitespace folded."""
    if isinstance(value, Markup):
        return value
    return _inert_text(str(value))


@lru_cache(maxsize=65536)
def _inert_text(text: str) -> Markup:
    # Pages repeat the same short texts (dates, labels, names) thousands of times.
    return Markup(_WHITESPACE.sub(" ", _CONTROL.sub("", text)).translate(_TABLE))


_NO_BREAK = re.compile("([\u00a0\u202f])")


def inert_unbroken(value: object) -> Markup:
    """`inert`, keeping the no-break spaces that locales put in numbers ('9 900') and before colons
    as character references (inert folds every whitespace character into a plain space)."""
    if isinstance(value, Markup):
        return value
    return Markup("").join(
        Markup(f"&#{ord(piece)};") if _NO_BREAK.fullmatch(piece) else _inert_text(piece)
        for piece in _NO_BREAK.split(str(value))
        if piece
    )
