"""Names of hand-written pages in another language: `X.<lang>.md` beside `X.md`."""

from __future__ import annotations

import re

_TRANSLATED = re.compile(r"^(?P<stem>.+)\.(?P<language>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$")


def split_language(name: str) -> tuple[str, str | None]:
    """`background.fr.md` -> ("background.md", "fr"); `background.md` -> ("background.md", None).

    `name` is a file's name or a path with `/` (`sub/x.fr.md` -> ("sub/x.md", "fr")).
    """
    match = _TRANSLATED.match(name)
    return (f"{match['stem']}.md", match["language"]) if match else (name, None)
