"""The fact base as downloadable CSV and JSON files, plus the JSON Schemas."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from .models import RECORD_TYPE_BY_FOLDER, Record
from .report import Report
from .schema import render_schemas, schema_file_name

COLLECTIONS = ("events", "reactions", "figures", "measures", "actors", "places", "sources")


@dataclass(frozen=True)
class Download:
    name: str
    title: str
    count: int
    schema: str


def downloads(report: Report) -> list[Download]:
    return [Download(name, name.capitalize(), len(_records(report, name)), schema_file_name(_model(name))) for name in COLLECTIONS]


def data_files(report: Report) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in COLLECTIONS:
        rows = [record.model_dump(mode="json", exclude_none=True) for record in _records(report, name)]
        files[f"data/{name}.json"] = (json.dumps(rows, indent=1, ensure_ascii=False) + "\n").encode()
        files[f"data/{name}.csv"] = _csv(rows, _model(name)).encode()
    for file_name, text in render_schemas().items():
        files[f"data/schema/{file_name}"] = text.encode()
    return files


def _records(report: Report, name: str) -> list[Record]:
    return list(getattr(report, name))


def _model(name: str) -> type[Record]:
    return RECORD_TYPE_BY_FOLDER[name]


def _csv(rows: list[dict[str, Any]], model: type[Record]) -> str:
    columns = list(model.model_fields)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _cell(row.get(column)) for column in columns})
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}={_cell(item)}" for key, item in value.items())
    return str(value)
