"""JSON Schemas of the record files, generated from the models for editors' autocompletion."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.factbase.models import DECLARATION_BY_FOLDER, RECORD_TYPES, PublisherRegister, ReportInfo
from generator.factbase.vocab import VOCABULARY_MARK, Vocabularies
from generator.factbase.vocabfile import VocabularyFile

SCHEMA_FOLDER = "schema"


def schema_file_name(model: type[BaseModel]) -> str:
    kind = getattr(model, "kind", "report")
    if kind == "vocabularies":
        return "vocabularies.schema.json"
    declared = DECLARATION_BY_FOLDER.get(kind)
    singular = declared.noun if declared is not None and declared.model is model else kind.removesuffix("s")
    return f"{singular}.schema.json"


MODELINE_PREFIX = "# yaml-language-server: $schema="


def modeline(model: type[BaseModel]) -> str:
    """The first line of a record file: lets editors validate and autocomplete while typing."""
    folder = "" if model in (ReportInfo, PublisherRegister, VocabularyFile) else "../"
    return f"{MODELINE_PREFIX}{folder}{SCHEMA_FOLDER}/{schema_file_name(model)}"


def render_schemas(vocabularies: Vocabularies) -> dict[str, str]:
    """File name -> JSON text, for every record type, report.yml and publishers.yml; vocabulary
    fields list the members of `vocabularies`."""
    models: list[type[BaseModel]] = [*RECORD_TYPES, ReportInfo, PublisherRegister]
    return {schema_file_name(model): _json(json_schema(model, vocabularies)) for model in models}


def json_schema(model: type[BaseModel], vocabularies: Vocabularies) -> dict[str, Any]:
    """The model's JSON Schema, its vocabulary fields listing the members of `vocabularies`."""
    schema = model.model_json_schema(mode="validation")
    given = schema.pop("$defs", {})
    definitions: dict[str, Any] = {}
    schema = _with_members(schema, vocabularies, definitions)
    definitions.update(_with_members(given, vocabularies, definitions))
    if definitions:
        schema["$defs"] = definitions
    return schema


def render_vocabularies_schema() -> tuple[str, str]:
    """The file name and JSON text of the schema of `vocabularies.yml` itself."""
    return schema_file_name(VocabularyFile), _json(VocabularyFile.model_json_schema(mode="validation"))


def _json(schema: dict[str, Any]) -> str:
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _with_members(node: Any, vocabularies: Vocabularies, definitions: dict[str, Any]) -> Any:
    """`node` with each vocabulary field turned into a reference to the list of its members."""
    if isinstance(node, list):
        return [_with_members(item, vocabularies, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    if VOCABULARY_MARK in node:
        name = node[VOCABULARY_MARK]
        title = "".join(part.capitalize() for part in name.split("_"))
        vocabulary = vocabularies[name]
        definitions[title] = {"enum": vocabulary.values(), "title": title, "type": "string"}
        if vocabulary.description:
            definitions[title]["description"] = vocabulary.description
        kept = {key: value for key, value in node.items() if key not in (VOCABULARY_MARK, "type", "title")}
        return {"$ref": f"#/$defs/{title}", **kept}
    converted = {key: _with_members(value, vocabularies, definitions) for key, value in node.items()}
    if any(VOCABULARY_MARK in item for item in node.get("anyOf", []) if isinstance(item, dict)):
        converted.pop("title", None)  # as pydantic writes an optional enum field
    return converted


def write_schemas(content_dir: Path, vocabularies: Vocabularies) -> list[Path]:
    folder = content_dir / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in [*render_schemas(vocabularies).items(), render_vocabularies_schema()]:
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
