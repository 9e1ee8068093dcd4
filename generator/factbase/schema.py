"""JSON Schemas of the record files, generated from the models for editors' autocompletion."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.factbase.models import DECLARATION_BY_FOLDER, RECORD_TYPES, PublisherRegister, ReportInfo

SCHEMA_FOLDER = "schema"


def schema_file_name(model: type[BaseModel]) -> str:
    kind = getattr(model, "kind", "report")
    declared = DECLARATION_BY_FOLDER.get(kind)
    singular = declared.noun if declared is not None and declared.model is model else kind.removesuffix("s")
    return f"{singular}.schema.json"


MODELINE_PREFIX = "# yaml-language-server: $schema="


def modeline(model: type[BaseModel]) -> str:
    """The first line of a record file: lets editors validate and autocomplete while typing."""
    folder = "" if model in (ReportInfo, PublisherRegister) else "../"
    return f"{MODELINE_PREFIX}{folder}{SCHEMA_FOLDER}/{schema_file_name(model)}"


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, for every record type and report.yml."""
    rendered = {}
    models: list[type[BaseModel]] = [*RECORD_TYPES, ReportInfo, PublisherRegister]
    for model in models:
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        rendered[schema_file_name(model)] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return rendered


def write_schemas(content_dir: Path) -> list[Path]:
    folder = content_dir / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
