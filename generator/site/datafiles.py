"""The fact base as downloadable CSV and JSON files, plus the JSON Schemas."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from generator.csvsafe import spreadsheet_cell
from generator.factbase.models import DECLARATIONS, Record
from generator.factbase.schema import render_schemas, schema_file_name
from generator.model.report import Report

ARCHIVE_FOLDER = "crisis-report-data"
ARCHIVE = f"data/{ARCHIVE_FOLDER}.zip"

# A record that was not edited is the same object from one build to the next (the loader caches
# it), so its serialised forms are kept with it and a rebuild serialises only what changed.
_SERIALISED: dict[int, tuple[Record, str, str]] = {}


@dataclass(frozen=True)
class Download:
    name: str
    title: str
    count: int
    schema: str


def downloads(report: Report) -> list[Download]:
    return [
        Download(
            declared.folder, declared.title, len(report.records_of(declared.folder)), schema_file_name(declared.model)
        )
        for declared in DECLARATIONS
    ]


def data_files(report: Report) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    kept: dict[int, tuple[Record, str, str]] = {}
    for declared in DECLARATIONS:
        name, columns = declared.folder, list(declared.columns)
        json_rows, csv_rows = [], []
        for record in report.records_of(name):
            entry = _SERIALISED.get(id(record))
            if entry is None or entry[0] is not record:
                row = record.model_dump(mode="json", exclude_none=True)
                if not row.get("translations"):
                    row.pop("translations", None)
                entry = (record, json.dumps(row, indent=1, ensure_ascii=False), _csv_line(row, columns))
            kept[id(record)] = entry
            json_rows.append(entry[1])
            csv_rows.append(entry[2])
        files[f"data/{name}.json"] = ("[\n" + ",\n".join(json_rows) + "\n]\n" if json_rows else "[]\n").encode()
        files[f"data/{name}.csv"] = (_csv_line({c: c for c in columns}, columns) + "".join(csv_rows)).encode()
    _SERIALISED.clear()
    _SERIALISED.update(kept)
    for file_name, text in render_schemas(report.vocab).items():
        files[f"data/schema/{file_name}"] = text.encode()
    files[ARCHIVE] = _archive(files, report)
    return files


def _archive(files: dict[str, bytes], report: Report) -> bytes:
    """Every data file in one zip, byte-identical from build to build: sorted names, one fixed
    timestamp (the report's `updated` date), fixed permissions and compression level."""
    updated = report.info.updated
    stamp = (max(updated.year, 1980), updated.month, updated.day, 0, 0, 0)
    contents = {name.removeprefix("data/"): data for name, data in files.items()}
    if report.info.licence:
        contents["LICENCE.txt"] = (
            f"{report.info.title}\nThe data files in this archive are published under {report.info.licence} "
            f"(https://spdx.org/licenses/{report.info.licence}.html).\n"
        ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(contents):
            entry = zipfile.ZipInfo(f"{ARCHIVE_FOLDER}/{name}", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, contents[name], compresslevel=9)
    return buffer.getvalue()


def _csv_line(row: dict[str, Any], columns: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([_safe_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def _safe_cell(value: Any) -> str:
    """A text cell (lists and mappings included) made inert for spreadsheets; numbers stay numbers."""
    return spreadsheet_cell(value if isinstance(value, int | float) and not isinstance(value, bool) else _cell(value))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}={_cell(item)}" for key, item in value.items())
    return str(value)
