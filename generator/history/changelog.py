"""Say in words what a revision did to a record: a figure revised, a stance reclassified, a source
replaced. Used by `python -m generator changes` and by the report's "What changed" page."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.factbase.models import DECLARATIONS
from generator.history.revisions import FieldChange, History, RecordChange


def N_(message: str) -> str:
    """Marks a message for `make messages`; an edition in another language translates it where it is shown."""
    return message


def _same(message: str) -> str:
    return message


NOUNS = {declared.folder: declared.noun for declared in DECLARATIONS}
# The declared nouns as messages for `make messages` (declarations come before the i18n stage); a
# record type added later shows its English noun in other editions until its noun is listed here.
_NOUN_MESSAGES = (N_("event"), N_("reaction"), N_("figure"), N_("measure"), N_("source"), N_("actor"), N_("place"))
COUNTS = ("value", "min", "max")
# A day that adds more records than this (a first release, an import) is summed up by kind.
LISTED_ADDITIONS = 20
TEXTS = ("title", "summary", "note", "name", "role", "label")


def describe(change: RecordChange, _: Callable[[str], str] = _same) -> list[str]:
    """One phrase per thing that changed, most telling first; `_` translates the phrases (an
    edition's gettext: this stage comes before the languages and does not import them)."""
    if change.action in ("added", "removed"):
        return [_("added") if change.action == "added" else _("removed")]
    phrases = (
        [_("renamed from '%(previous)s'") % {"previous": change.previous_id}] if change.action == "renamed" else []
    )
    fields = {field.name: field for field in change.fields}
    counted = [fields.pop(name) for name in COUNTS if name in fields]
    if counted:
        phrases.append(
            _("figure revised from %(before)s to %(after)s")
            % {"before": _amount(counted, "before", _), "after": _amount(counted, "after", _)}
        )
    if "also" in fields:
        phrases.append(_listed(_("secondary stance"), fields.pop("also"), _))
    for name in ("stance", "confidence", "category", "type", "metric"):
        if name in fields:
            field = fields.pop(name)
            values = {"field": name, "before": _plain(field.before, _), "after": _plain(field.after, _)}
            if name == "confidence":
                phrases.append(_("%(field)s changed from %(before)s to %(after)s") % values)
            else:
                phrases.append(_("%(field)s reclassified from %(before)s to %(after)s") % values)
    if "sources" in fields:
        phrases.append(_sources(fields.pop("sources"), _))
    for name in list(fields):
        field = fields.pop(name)
        if field.before is None:
            phrases.append(_("%(field)s added") % {"field": name})
        elif field.after is None:
            phrases.append(_("%(field)s removed") % {"field": name})
        elif _scalars(field.before) and _scalars(field.after):
            phrases.append(_listed(f"{name}:", field, _))
        elif name in TEXTS or isinstance(field.after, dict | list):
            phrases.append(_("%(field)s edited") % {"field": name})
        else:
            phrases.append(
                _("%(field)s changed from %(before)s to %(after)s")
                % {"field": name, "before": _plain(field.before, _), "after": _plain(field.after, _)}
            )
    return phrases


@dataclass
class Day:
    """The changes of one day, newest day first, as the "What changed" page lists them."""

    date: str
    changes: list[RecordChange] = field(default_factory=list)
    added: Counter[str] = field(default_factory=Counter)

    @property
    def when(self) -> datetime.date:
        return datetime.date.fromisoformat(self.date)


def by_day(history: History) -> list[Day]:
    days: dict[str, Day] = {}
    for revision in history.revisions:
        day = days.setdefault(revision.date, Day(revision.date))
        day.changes += revision.changes
    for day in days.values():
        additions = [change for change in day.changes if change.action == "added"]
        if len(additions) > LISTED_ADDITIONS:
            day.added = Counter(NOUNS.get(change.kind, change.kind) for change in additions)
            day.changes = [change for change in day.changes if change.action != "added"]
    return sorted(days.values(), key=lambda day: day.date, reverse=True)


def as_json(history: History, *, subjects: bool = True) -> str:
    """The history as JSON, newest first, with the phrases of each change (changes.json).

    The published copy leaves out commit subjects: they speak of the editing, not of the facts.
    """
    revisions = [
        {
            "commit": revision.commit,
            "date": revision.date,
            **({"subject": revision.subject} if subjects else {}),
            "changes": [
                {
                    "kind": change.kind,
                    "id": change.record_id,
                    "action": change.action,
                    "label": change.label,
                    "previous_id": change.previous_id,
                    "what": describe(change),
                    "fields": {f.name: {"before": f.before, "after": f.after} for f in change.fields},
                }
                for change in revision.changes
            ],
        }
        for revision in reversed(history.revisions)
    ]
    return (
        json.dumps({"note": history.note, "revisions": revisions}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )


def _amount(fields: list[FieldChange], side: str, _: Callable[[str], str] = _same) -> str:
    values = {field.name: getattr(field, side) for field in fields}
    if values.get("value") is not None:
        return str(values["value"])
    low, high = values.get("min"), values.get("max")
    if low is not None and high is not None:
        return f"{low}-{high}"
    if low is not None:
        return _("at least %(number)s") % {"number": low}
    if high is not None:
        return _("up to %(number)s") % {"number": high}
    return _("nothing")


def _sources(field: FieldChange, _: Callable[[str], str] = _same) -> str:
    before, after = _source_ids(field.before), _source_ids(field.after)
    removed, added = [s for s in before if s not in after], [s for s in after if s not in before]
    if len(removed) == 1 and len(added) == 1:
        return _("source %(before)s replaced by %(after)s") % {"before": removed[0], "after": added[0]}
    parts = ([_("sources added: %(sources)s") % {"sources": ", ".join(added)}] if added else []) + (
        [_("sources removed: %(sources)s") % {"sources": ", ".join(removed)}] if removed else []
    )
    return "; ".join(parts) or _("citations edited")


def _listed(noun: str, field: FieldChange, _: Callable[[str], str] = _same) -> str:
    before, after = _plain_list(field.before), _plain_list(field.after)
    added, dropped = [x for x in after if x not in before], [x for x in before if x not in after]
    parts = [_("%(what)s %(item)s added") % {"what": noun, "item": x} for x in added] + [
        _("%(what)s %(item)s dropped") % {"what": noun, "item": x} for x in dropped
    ]
    return "; ".join(parts) or _("%(what)s reordered") % {"what": noun + "s" if _ is _same else noun}


def _scalars(value: Any) -> bool:
    return isinstance(value, list) and not any(isinstance(item, dict | list) for item in value)


def _plain_list(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _source_ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else []
    return [str(item.get("source") if isinstance(item, dict) else item) for item in items]


def _plain(value: Any, _: Callable[[str], str] = _same) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, list):
        return ", ".join(_plain(item, _) for item in value) or _("none")
    return str(value)
