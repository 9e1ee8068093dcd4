"""CSV cells that a spreadsheet shows as text, never evaluates (OWASP "CSV injection").

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets (`=HYPERLINK(...)` can leak the sheet, `@SUM(...)` or DDE can
run commands). Such text gets a leading `'`, which spreadsheets take as "this is text". Numbers
are written as they are: a negative longitude must stay a number.
"""

from __future__ import annotations

from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> str:
    if isinstance(value, int | float):
        return str(value)
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text
