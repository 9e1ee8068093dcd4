"""`new`: a record file with every field listed and explained, ready to fill in."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from generator.factbase.diagnostics import ContentError
from generator.factbase.fieldtypes import parse_identifier
from generator.factbase.loader import models_in, read_vocabularies
from generator.factbase.models import DECLARATIONS, RECORD_TYPE_BY_FOLDER, Record
from generator.factbase.schema import json_schema, modeline
from generator.factbase.vocab import VOCABULARY_MARK, Vocabularies

KIND_ALIASES = {declared.noun: declared.folder for declared in DECLARATIONS}


def record_template(model: type[Record], record_id: str, vocabularies: Vocabularies | None) -> str:
    """The record file; vocabulary fields list their members when the vocabularies file could be read."""
    schema = json_schema(model, vocabularies) if vocabularies is not None else model.model_json_schema()
    definitions = schema.get("$defs", {})
    required = set(schema.get("required", []))
    lines = [modeline(model), f"id: {record_id}"]
    optional = []
    for name, prop in schema["properties"].items():
        if name == "id":
            continue
        if name == "translations":
            optional.extend(_translations_example(model))
            continue
        hint = _hint(prop, definitions)
        if name in required:
            lines.append(f"# {name} (required): {hint}")
            lines.append(f"{name}:")
        else:
            optional.append(f"# {name}: {hint}")
    if optional:
        lines.append("# Optional fields (uncomment to use):")
        lines.extend(optional)
    return "\n".join(lines) + "\n"


def _translations_example(model: type[Record]) -> list[str]:
    """A commented `translations:` block naming every translatable field, ready to uncomment."""
    translation = next(models_in(model.model_fields["translations"].annotation))
    lines = [
        f"# translations: the record's text in other languages, by language code ({', '.join(translation.model_fields)}), e.g.:",
        "# translations:",
        "#   fr:",
    ]
    for name, info in translation.model_fields.items():
        nested = next(models_in(info.annotation), None)
        lines.append(f"#     {name}:")
        if nested is not None:
            lines.extend(f"#       {inner}:" for inner in nested.model_fields)
    return lines


def create_record(content_dir: Path, kind: str, record_id: str) -> Path:
    folder = KIND_ALIASES.get(kind, kind)
    model = RECORD_TYPE_BY_FOLDER.get(folder)
    if model is None:
        raise ValueError(f"unknown record kind '{kind}'; use one of: {', '.join(KIND_ALIASES)}")
    parse_identifier(record_id)
    existing = [p for p in content_dir.glob(f"*/{record_id}.y*ml")]
    if existing:
        raise FileExistsError(f"id '{record_id}' is already used by {existing[0]}")
    path = content_dir / folder / f"{record_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        vocabularies: Vocabularies | None = read_vocabularies(content_dir)
    except ContentError:
        vocabularies = None  # `check` reports the file's problems; the new record still lists its fields
    _create_whole(path, record_template(model, record_id, vocabularies).encode())
    return path


def _create_whole(path: Path, data: bytes) -> None:
    """Create `path` with all of `data` or not at all (a full disk leaves no empty record behind)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)  # unlike a rename, refuses to replace a file created meanwhile
    finally:
        temporary.unlink(missing_ok=True)


def _hint(prop: dict[str, Any], definitions: dict[str, Any]) -> str:
    description = prop.get("description", "")
    kinds = _kinds(prop, definitions)
    return "; ".join(part for part in (kinds, description) if part)


def _kinds(prop: dict[str, Any], definitions: dict[str, Any]) -> str:
    if "$ref" in prop:
        target = definitions[prop["$ref"].split("/")[-1]]
        if "enum" in target:
            return "one of " + " | ".join(target["enum"])
        return "a mapping: " + ", ".join(target.get("properties", {}))
    options = prop.get("anyOf") or prop.get("oneOf")
    if options:
        return " or ".join(k for k in (_kinds(option, definitions) for option in options) if k != "null")
    if prop.get("type") == "array":
        return "a list of " + (_kinds(prop.get("items", {}), definitions) or "values")
    if "enum" in prop:
        return "one of " + " | ".join(prop["enum"])
    if VOCABULARY_MARK in prop:
        return f"a member of '{prop[VOCABULARY_MARK]}' in vocabularies.yml"
    if prop.get("format") == "date":
        return "a date YYYY-MM-DD"
    if prop.get("type") == "null":
        return "null"
    pattern = prop.get("pattern", "")
    if pattern.startswith("^[a-z0-9]"):
        return "an id"
    if pattern.startswith("^\\d{4}-\\d{2}"):
        return "a date YYYY-MM-DD (YYYY-MM with precision: month)"
    if pattern.startswith("^([01]"):
        return "a time HH:MM"
    if pattern.startswith("^https?"):
        return "an http(s) URL"
    return {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false"}.get(
        prop.get("type", ""), ""
    )
