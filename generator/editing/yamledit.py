"""Set one top-level value in a record file the way `fmt` writes it, keeping every comment.

The file is replaced atomically, and only if nobody saved it in the meantime: an editor's save made
while the edit ran is never overwritten (the edit is skipped and said so).
"""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from generator.editing.fmt import format_text, replace_unless_changed
from generator.factbase.loader import display_path
from generator.factbase.models import RECORD_TYPE_BY_FOLDER


class EditSkipped(Exception):
    """The file was left as it was; the message says why."""


def set_scalar(path: Path, key: str, value: str, *, after: str) -> bool:
    """Set `key: value` (placed after `after` if new) in the record file; False if already so."""
    model = RECORD_TYPE_BY_FOLDER.get(path.parent.name)
    display = display_path(path)
    if model is None:
        raise EditSkipped(f"{display}: not in a record folder")
    before = path.read_bytes()
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    data = yaml.load(before.decode("utf-8"))
    if not isinstance(data, CommentedMap):
        raise EditSkipped(f"{display}: not a mapping")
    if data.get(key) == value:
        return False
    if key in data:
        data[key] = value
    else:
        keys = list(data)
        data.insert(keys.index(after) + 1 if after in keys else len(keys), key, value)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    text, problem = format_text(buffer.getvalue(), model, display)
    if problem:
        raise EditSkipped(problem)
    if not replace_unless_changed(path, before, text):
        raise EditSkipped(f"{display_path(path)}: changed while it was being edited; left as saved")
    return True
