"""Lines that mark a record's block in a generated page's Markdown.

A block (an event, a reaction, a bibliography entry) is Markdown that depends only on its own inputs,
so the MkDocs stage converts it to HTML on its own and keeps that HTML until the block's Markdown
changes (`generator/integration/block_html.py`). The marks are HTML comments on lines of their own:
record text is inert (`plaintext.inert`), so it never holds one.
"""

from __future__ import annotations

import re

BEGIN = "<!--crisis-report:block-->"
END = "<!--/crisis-report:block-->"

_MARKS = re.compile(rf"^(?:{re.escape(BEGIN)}|{re.escape(END)})\n", re.MULTILINE)


def marked(markdown: str) -> str:
    """The block's Markdown between its marks, each on a line of its own (blank lines around them, so
    the block stays a block of its own).

    A block made of marked blocks (a day of events, a hundred sources) stays unmarked: marks do not
    nest, and its blocks are the ones worth keeping.
    """
    if BEGIN in markdown:
        return markdown
    # Blank lines outside the marks too: a template may trim the newlines around a block.
    return f"\n\n{BEGIN}\n\n{markdown.strip(chr(10))}\n\n{END}\n\n"


def unmarked(markdown: str) -> str:
    """A page's Markdown without the marks, for tools that convert whole pages (plain MkDocs)."""
    return _MARKS.sub("", markdown)
