"""The fact base as downloadable CSV and JSON files, plus the JSON Schemas."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from generator.csvsafe import spreadsheet_cell
from generator.factbase.models import DECLARATIONS, Record
from generator.factbase.schema import render_schemas, schema_file_name
from generator.model.report import Report
from generator.site.ziparchive import zip_archive

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
    chunks: dict[str, list[bytes]] = {}
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
        chunks[f"data/{name}.json"] = _json_chunks(json_rows)
        chunks[f"data/{name}.csv"] = _csv_chunks(_csv_line({c: c for c in columns}, columns), csv_rows)
    _SERIALISED.clear()
    _SERIALISED.update(kept)
    for file_name, text in render_schemas(report.vocab).items():
        chunks[f"data/schema/{file_name}"] = [text.encode()]
    files.update((name, b"".join(parts)) for name, parts in chunks.items())
    files[ARCHIVE] = _archive(chunks, report)
    return files


# Rows per chunk of a data file in the archive: one edit compresses one chunk again (see `ziparchive`).
_CHUNK_ROWS = 100


def _json_chunks(rows: list[str]) -> list[bytes]:
    """`[rows, one per line]` as chunks whose concatenation is the file."""
    if not rows:
        return [b"[]\n"]
    groups = [rows[start : start + _CHUNK_ROWS] for start in range(0, len(rows), _CHUNK_ROWS)]
    return [
        (("[\n" if number == 0 else "") + ",\n".join(group) + (",\n" if number < len(groups) - 1 else "\n]\n")).encode()
        for number, group in enumerate(groups)
    ]


def _csv_chunks(header: str, rows: list[str]) -> list[bytes]:
    return [header.encode()] + [
        "".join(rows[start : start + _CHUNK_ROWS]).encode() for start in range(0, len(rows), _CHUNK_ROWS)
    ]


def _archive(chunks: dict[str, list[bytes]], report: Report) -> bytes:
    """Every data file in one zip, byte-identical from build to build: sorted names, one fixed
    timestamp (the report's `updated` date), fixed permissions and compression level."""
    updated = report.info.updated
    stamp = (max(updated.year, 1980), updated.month, updated.day, 0, 0, 0)
    contents = {name.removeprefix("data/"): parts for name, parts in chunks.items()}
    if report.info.licence:
        contents["LICENCE.txt"] = [
            (
                f"{report.info.title}\nThe data files in this archive are published under {report.info.licence} "
                f"(https://spdx.org/licenses/{report.info.licence}.html).\n"
            ).encode()
        ]
    return zip_archive({f"{ARCHIVE_FOLDER}/{name}": parts for name, parts in contents.items()}, stamp)


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
