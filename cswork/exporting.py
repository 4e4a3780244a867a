"""Tables out to CSV or XLSX, safely: text that a spreadsheet would run as a formula is
neutralised; numbers stay numbers (money as exact decimals), dates stay dates."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    pass


def safe_text(value: str) -> str:
    """A text cell a spreadsheet will not run: a leading =, +, -, @, tab or carriage
    return gets an apostrophe in front (OWASP's advice for CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write ``rows`` under ``headers`` as CSV or XLSX (by the file's suffix); returns
    the number of rows written."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _write_csv(path, headers, rows)
    if suffix == ".xlsx":
        return _write_xlsx(path, headers, rows)
    raise ExportError(f"Cannot write {path.name}: choose a .csv or .xlsx file.")


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (int, Decimal)):
        return str(value)
    return safe_text(str(value))


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    # utf-8-sig: Excel reads the accents right; our import reads it back either way.
    with path.open("w", newline="", encoding="utf-8-sig") as file:
        writer = csv.writer(file)
        writer.writerow([safe_text(h) for h in headers])
        for row in rows:
            writer.writerow([_csv_text(v) for v in row])
            count += 1
    return count


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    from openpyxl import Workbook  # loaded when first needed: a second of imports
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Export")

    def cell(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # numbers stay numbers, dates dates
        text_cell = WriteOnlyCell(sheet, value=value)
        text_cell.data_type = "s"  # text, even when it starts with "=": never a formula
        return text_cell

    sheet.append([cell(h) for h in headers])
    count = 0
    for row in rows:
        sheet.append([cell(v) for v in row])
        count += 1
    book.save(path)
    return count
