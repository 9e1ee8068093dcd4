"""Message catalogues: `locales/<lang>/LC_MESSAGES/messages.po`, compiled in memory at build time.

No `.mo` file is committed or written: the `.po` file is the one source, read with Babel and
compiled into a GNU catalogue in memory, once per process for each (file, modification time).
The default language needs no catalogue: its messages are the msgids themselves.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator.i18n import DEFAULT_LANGUAGE

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
DOMAIN = "messages"


def catalogue_path(language: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(language: str = DEFAULT_LANGUAGE, locales_dir: Path = LOCALES_DIR) -> gettext.NullTranslations:
    """The interface messages in `language`; the default language (or one without a catalogue) gets the msgids."""
    path = catalogue_path(language, locales_dir)
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return gettext.NullTranslations()
    return _compiled(path, stamp, language)


@lru_cache(maxsize=16)
def _compiled(path: Path, stamp: int, language: str) -> gettext.GNUTranslations:
    """The `.po` file as a GNU catalogue; `stamp` (its mtime) makes an edited file a new entry (`serve`)."""
    with path.open("rb") as po:
        catalog = read_po(po, locale=language)
    buffer = io.BytesIO()
    # Fuzzy entries are drafts: like msgfmt, leave them out so the English text shows instead.
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
