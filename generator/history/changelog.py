"""Say in words what a revision did to a record: a figure revised, a stance reclassified, a source
replaced. Used by `python -m generator changes` and by the report's "What changed" page."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.factbase.models import DECLARATIONS
from generator.history.revisions import FieldChange, History, RecordChange

NOUNS = {declared.folder: declared.noun for declared in DECLARATIONS}
COUNTS = ("value", "min", "max")
# A day that adds more records than this (a first release, an import) is summed up by kind.
LISTED_ADDITIONS = 20
TEXTS = ("title", "summary", "note", "name", "role", "label")


def describe(change: RecordChange) -> list[str]:
    """One phrase per thing that changed, most telling first."""
    if change.action in ("added", "removed"):
        return [change.action]
    phrases = [f"renamed from '{change.previous_id}'"] if change.action == "renamed" else []
    fields = {field.name: field for field in change.fields}
    counted = [fields.pop(name) for name in COUNTS if name in fields]
    if counted:
        phrases.append(f"figure revised from {_amount(counted, 'before')} to {_amount(counted, 'after')}")
    if "also" in fields:
        phrases.append(_listed("secondary stance", fields.pop("also")))
    for name in ("stance", "confidence", "category", "type", "metric"):
        if name in fields:
            field = fields.pop(name)
            verb = "changed" if name == "confidence" else "reclassified"
            phrases.append(f"{name} {verb} from {_plain(field.before)} to {_plain(field.after)}")
    if "sources" in fields:
        phrases.append(_sources(fields.pop("sources")))
    for name in list(fields):
        field = fields.pop(name)
        if field.before is None:
            phrases.append(f"{name} added")
        elif field.after is None:
            phrases.append(f"{name} removed")
        elif _scalars(field.before) and _scalars(field.after):
            phrases.append(_listed(f"{name}:", field))
        elif name in TEXTS or isinstance(field.after, dict | list):
            phrases.append(f"{name} edited")
        else:
            phrases.append(f"{name} changed from {_plain(field.before)} to {_plain(field.after)}")
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
    revisions = [{
        "commit": revision.commit, "date": revision.date, **({"subject": revision.subject} if subjects else {}),
        "changes": [{"kind": change.kind, "id": change.record_id, "action": change.action, "label": change.label,
                     "previous_id": change.previous_id, "what": describe(change),
                     "fields": {f.name: {"before": f.before, "after": f.after} for f in change.fields}}
                    for change in revision.changes],
    } for revision in reversed(history.revisions)]
    return json.dumps({"note": history.note, "revisions": revisions}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _amount(fields: list[FieldChange], side: str) -> str:
    values = {field.name: getattr(field, side) for field in fields}
    if values.get("value") is not None:
        return str(values["value"])
    low, high = values.get("min"), values.get("max")
    if low is not None and high is not None:
        return f"{low}-{high}"
    if low is not None:
        return f"at least {low}"
    if high is not None:
        return f"up to {high}"
    return "nothing"


def _sources(field: FieldChange) -> str:
    before, after = _source_ids(field.before), _source_ids(field.after)
    removed, added = [s for s in before if s not in after], [s for s in after if s not in before]
    if len(removed) == 1 and len(added) == 1:
        return f"source {removed[0]} replaced by {added[0]}"
    parts = ([f"sources added: {', '.join(added)}"] if added else []) + (
        [f"sources removed: {', '.join(removed)}"] if removed else [])
    return "; ".join(parts) or "citations edited"


def _listed(noun: str, field: FieldChange) -> str:
    before, after = _plain_list(field.before), _plain_list(field.after)
    added, dropped = [x for x in after if x not in before], [x for x in before if x not in after]
    parts = [f"{noun} {x} added" for x in added] + [f"{noun} {x} dropped" for x in dropped]
    return "; ".join(parts) or f"{noun}s reordered"


def _scalars(value: Any) -> bool:
    return isinstance(value, list) and not any(isinstance(item, dict | list) for item in value)


def _plain_list(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _source_ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else []
    return [str(item.get("source") if isinstance(item, dict) else item) for item in items]


def _plain(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value) or "none"
    return str(value)
