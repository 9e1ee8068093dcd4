"""The Jinja2 environment that turns the report model into Markdown pages.

Every `{{ expression }}` is made inert by `finalize` unless it is already Markup, so a template
cannot forget to escape researcher-typed text; helpers that build links return Markup.
Autoescape is on only so that macros return Markup (and are not escaped twice); its HTML
escaping is not enough for Markdown, hence two rules for templates: never concatenate text with
`~` (it yields HTML-escaped Markup), and `join` is replaced by one that makes each item inert.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.bccache import Bucket
from jinja2.filters import do_truncate
from markupsafe import Markup

from generator.cachefile import read_sealed, write_sealed
from generator.i18n import DEFAULT_LANGUAGE
from generator.i18n.catalogues import translations
from generator.i18n.formatting import figure_value, long_date, number, short_date
from generator.i18n.texts import N_, RecordText, part_text, record_text
from generator.model.report import possible_outlier
from generator.site.plaintext import inert, inert_unbroken

_LINK = re.compile(r"^[A-Za-z0-9._/-]+(#[a-z0-9-]+)?$")
_ANCHOR = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _finalize(value: Any) -> Any:
    if value is None:
        return Markup("")
    return inert(value)


def _join_inert(items: Any, separator: str = "") -> Markup:
    return Markup(inert(separator)).join(inert(item) for item in items)


def anchor(record_id: str) -> Markup:
    """A record id as an HTML id; ids are validated as [a-z0-9-], which is safe as is."""
    if not _ANCHOR.match(record_id):
        raise ValueError(f"not a valid anchor: {record_id!r}")
    return Markup(record_id)


_ENVIRONMENTS: dict[tuple[Path, Path | None, str], Environment] = {}


def make_environment(
    templates_dir: Path, cache_dir: Path | None = None, language: str = DEFAULT_LANGUAGE
) -> Environment:
    """One environment per templates folder and language, reused across builds so templates compile once.

    Jinja re-reads a template whose file changed (auto_reload), and the bytecode cache lets a
    new process skip compiling templates that did not change (compiled templates call `gettext`
    at render time, so both languages share them).
    """
    key = (templates_dir, cache_dir, language)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(templates_dir, cache_dir, language)
    return _ENVIRONMENTS[key]


class CheckedBytecodeCache(BytecodeCache):
    """Compiled templates in sealed files: a damaged file is compiled again, a failed write skipped."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, bucket: Bucket) -> Path:
        return self.directory / f"__jinja2_{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        payload = read_sealed(self._path(bucket))
        if payload is None:
            return
        try:
            bucket.bytecode_from_string(payload)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        write_sealed(self._path(bucket), bucket.bytecode_to_string())


def _new_environment(templates_dir: Path, cache_dir: Path | None, language: str) -> Environment:
    bytecode_cache = CheckedBytecodeCache(cache_dir / "jinja") if cache_dir is not None else None
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        bytecode_cache=bytecode_cache,
        auto_reload=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    _install_messages(env, language)
    env.globals["language"] = language
    env.filters["long_date"] = env.filters["date"] = lambda day: long_date(day, language)
    env.filters["iso_date"] = date.fromisoformat
    env.filters["short_date"] = lambda day: short_date(day, language)
    env.filters["thousands"] = env.filters["number"] = lambda n: inert_unbroken(number(n, language))
    env.filters["join"] = _join_inert
    env.filters["anchor"] = anchor
    env.filters["figure_value"] = lambda figure: inert_unbroken(figure_value(figure, language))
    env.filters["label"] = lambda member: _in_language(member, "label", language)
    env.filters["definition"] = lambda member: _in_language(member, "definition", language)
    env.filters["text"] = lambda record, field, mark=True, note=True, longer_than=None, cut_at=0: shown_text(
        record, field, language, mark, note, None if longer_than is None else _shortener(env, longer_than, cut_at)
    )
    # A message used as plain text (a label handed to a macro that makes its text inert, as a literal was).
    env.filters["plain"] = lambda value: str.__str__(value) if isinstance(value, str) else str(value)
    env.filters["part"] = pass_context(
        lambda context, part, field: marked_text(part_text(context["report"].info, part, field, language), language)
    )
    # A word an earlier stage wrote in the default language (see EARLIER_WORDS), as plain text.
    env.filters["message"] = lambda value: translations(language).gettext(str(value))
    env.filters["counted"] = lambda count, noun: counted(count, noun, language)
    env.filters["quote_translation"] = lambda reaction: quote_translation(reaction, language)
    env.filters["initial"] = initial
    env.filters["tally"] = lambda values: dict(Counter(values))
    env.filters["values_in"] = lambda keys, table, default=None: [table.get(key, default) for key in keys]
    env.tests["possible_outlier"] = possible_outlier
    return env


def initial(name: str) -> str:
    """The letter a name is listed under: its first, in capitals; "0–9" for a name starting with a digit."""
    return "0–9" if name[:1].isdigit() else name[:1].upper()


# Words the report model and the data files name things with, in the default language (stages before
# this one do not translate): marked here for `make messages`, translated by the `message` filter.
EARLIER_WORDS = (
    N_("All records"),
    N_("Events"),
    N_("Reactions"),
    N_("Figures"),
    N_("Measures"),
    N_("Actors"),
    N_("Places"),
    N_("Sources"),
)


def counted(count: int, noun: str, language: str) -> Markup:
    """'3 events' for a record noun of the history ('event', 'place'...), with the language's plural."""
    if language == DEFAULT_LANGUAGE or noun not in _COUNTED:
        return inert(f"{count} {noun}{'s' if count != 1 else ''}")
    return inert(_COUNTED[noun](translations(language), count) % {"num": count})


_COUNTED: dict[str, Callable[[Any, int], str]] = {
    "event": lambda t, n: t.ngettext("%(num)s event", "%(num)s events", n),
    "reaction": lambda t, n: t.ngettext("%(num)s reaction", "%(num)s reactions", n),
    "figure": lambda t, n: t.ngettext("%(num)s figure", "%(num)s figures", n),
    "measure": lambda t, n: t.ngettext("%(num)s measure", "%(num)s measures", n),
    "source": lambda t, n: t.ngettext("%(num)s source", "%(num)s sources", n),
    "actor": lambda t, n: t.ngettext("%(num)s actor", "%(num)s actors", n),
    "place": lambda t, n: t.ngettext("%(num)s place", "%(num)s places", n),
}


def _install_messages(env: Environment, language: str) -> None:
    """`{% trans %}`, `_()` and `ngettext()` in `language`, with the values they interpolate made inert.

    Jinja's own new-style callables escape values for HTML, which is not enough in Markdown (see
    the module's docstring); a translated message itself is template text, trusted as such.
    Messages are always %-formatted, so a literal % is written %% in them.
    """
    catalogue = translations(language)

    def gettext(message: str, **variables: Any) -> Markup:
        return Markup(catalogue.gettext(message)) % {name: inert(value) for name, value in variables.items()}

    def ngettext(singular: str, plural: str, num: int, **variables: Any) -> Markup:
        variables.setdefault("num", num)
        return Markup(catalogue.ngettext(singular, plural, num)) % {
            name: inert(value) for name, value in variables.items()
        }

    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(gettext=gettext, _=gettext, ngettext=ngettext)


def _shortener(env: Environment, longer_than: int, cut_at: int) -> Callable[[str], str]:
    """Jinja's `truncate(cut_at, end="…")` for a text longer than `longer_than` characters."""
    return lambda text: do_truncate(env, text, cut_at, False, "…") if len(text) > longer_than else text


def _in_language(member: Any, attribute: str, language: str) -> str:
    """A vocabulary member's label or definition in `language` (contract C), the default one until it has one."""
    method = getattr(member, f"{attribute}_in", None)
    return method(language) if method is not None else getattr(member, attribute)


@dataclass(frozen=True)
class ShownTranslation:
    """The translation of a quote shown under it: its text (marked when it stands in for a missing
    one), its language, and who made it, in words of the page's language."""

    text: Markup
    language: str
    label: Markup
    name: Markup


def quote_translation(reaction: Any, language: str) -> ShownTranslation | None:
    """The translation of a reaction's quote into the page's language, the English one while that is
    missing, or None when the quote is in the page's language or has no translation at all."""
    quote = getattr(reaction, "quote", None)
    if quote is None or quote.language.split("-")[0].lower() == language:
        return None
    text = record_text(reaction, "quote.translation", language)
    if text is None:
        return None
    by = record_text(reaction, "quote.translated_by", language) if not text.fallback else quote.translated_by
    _ = translations(language).gettext
    if text.language == DEFAULT_LANGUAGE:
        name = _("English translation")
        label = (
            _("English translation (published by the source):")
            if by == "source"
            else _("English translation (by the editors):")
        )
    else:
        name = _("Translation")
        label = _("Translation (published by the source):") if by == "source" else _("Translation (by the editors):")
    shown = inert(text)
    if text.fallback:
        shown = Markup('<span class="untranslated">{text}</span>').format(text=shown)
    return ShownTranslation(shown, text.language, Markup(label), Markup(name))


def shown_text(
    record: Any,
    field: str,
    language: str,
    mark: bool = True,
    note: bool = True,
    shorten: Callable[[str], str] | None = None,
) -> Markup:
    """A record's text in the page's language, inert.

    A text that falls back to the default language is wrapped in a span with its `lang` and the
    class `untranslated` (styled as such), followed by a short note ("(in English)") unless `note`
    is false (a link label); `mark=False` gives the bare text, for an attribute value.
    """
    return marked_text(record_text(record, field, language), language, mark, note, shorten)


def marked_text(
    text: RecordText | None,
    language: str,
    mark: bool = True,
    note: bool = True,
    shorten: Callable[[str], str] | None = None,
) -> Markup:
    """See `shown_text`."""
    if text is None:
        return Markup("")
    if shorten is not None:
        text = RecordText(shorten(text), text.language, text.fallback)
    if not text.fallback or not mark:
        return inert(text)
    words = translations(language).gettext("(in English)")
    span = Markup('<span class="untranslated" lang="{lang}" title="{words}">{text}</span>').format(
        lang=inert(text.language), words=inert(words), text=inert(text)
    )
    if not note:
        return span
    return span + Markup(' <span class="untranslated-note">{words}</span>').format(words=inert(words))


@lru_cache(maxsize=65536)
def _relative(target: str, start: str) -> str:
    return posixpath.relpath(target, start)


class Linker:
    """Relative links from one generated page to others, checked by MkDocs at build time."""

    def __init__(self, page_path: str) -> None:
        self.page_dir = posixpath.dirname(page_path)

    def url(self, target: str, anchor: str = "") -> Markup:
        relative = _relative(target, self.page_dir or ".")
        link = f"{relative}#{anchor}" if anchor else relative
        if not _LINK.match(link):
            raise ValueError(f"unsafe internal link: {link!r}")
        return Markup(link)

    def link(self, text: Any, target: str, anchor: str = "") -> Markup:
        return Markup(f"[{inert(text)}]({self.url(target, anchor)})")


def external_link(text: Any, url: str) -> Markup:
    return Markup(f'<a href="{inert(url)}">{inert(text)}</a>')
