"""The history's downloads: an Atom feed of the "What changed" page and `changes.json`."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from generator.history.changelog import NOUNS, Day, as_json, by_day, describe
from generator.history.revisions import History

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "changes/changes.atom"
JSON_PATH = "changes/changes.json"
PAGE_PATH = "changes/"
FEED_ENTRIES = 50


def history_context(history: History) -> dict[str, object]:
    """What the "What changed" chapter reads."""
    latest = history.last_changed()

    def last_changed(record: object) -> datetime.date | None:
        """The day of the last commit that added or changed the record, if the history reaches it."""
        day = latest.get((str(getattr(record, "kind", "")), str(getattr(record, "id", ""))))
        return datetime.date.fromisoformat(day) if day else None

    return {
        "days": by_day(history),
        "describe": describe,
        "nouns": NOUNS,
        "history_note": history.note,
        "feed_path": FEED_PATH,
        "json_path": JSON_PATH,
        "last_changed": last_changed,
        "history_key": (history.revisions[-1].commit if history.revisions else None, history.release),
        "release": history.release,
    }


def history_files(history: History, title: str, site_url: str | None) -> dict[str, bytes]:
    return {FEED_PATH: atom_feed(history, title, site_url), JSON_PATH: as_json(history, subjects=False).encode()}


def atom_feed(history: History, title: str, site_url: str | None) -> bytes:
    """One entry per day of changes, newest first. Ids are tag URIs, stable for a given day."""
    base = site_url or "https://example.invalid/"
    page = urljoin(base, PAGE_PATH)
    days = by_day(history)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", f"{title}: what changed")
    _text(feed, "id", page)
    _text(feed, "updated", _stamp(days[0].date if days else "1970-01-01"))
    ET.SubElement(feed, f"{{{ATOM}}}link", href=page)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=urljoin(base, FEED_PATH))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", title)
    for day in days[:FEED_ENTRIES]:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", f"Changes of {day.date}: {_count(day)}")
        _text(entry, "id", f"{page}#{day.date}")
        _text(entry, "updated", _stamp(day.date))
        ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{page}#changes-{day.date}")
        lines = [f"{NOUNS.get(c.kind, c.kind)} {c.label}: {'; '.join(describe(c))}" for c in day.changes]
        lines += [f"{count} {noun}s added" for noun, count in sorted(day.added.items())]
        _text(entry, "content", "\n".join(lines)).set("type", "text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _count(day: Day) -> str:
    total = len(day.changes) + sum(day.added.values())
    return f"{total} record{'s' if total != 1 else ''}"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"
