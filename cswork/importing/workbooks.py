"""Reading an Excel workbook (.xlsx) into a Table, as tables.read_table reads a CSV.

openpyxl reads it in read-only mode, a row at a time. Cells become the text the
parsers read, without losing what Excel knew: a date cell becomes 2026-11-22 (so the
book's MDY/DMY setting never applies to it), a number its shortest exact decimal text
(1200.5; a float's noise like 0.30000000000000004 is rounded to the cent by the money
parser), TRUE/FALSE yes/no. A formula or an error value (#N/A) is not a value the
import can take: it is marked on its cell and refused if an imported column holds it."""

from __future__ import annotations

import math
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from cswork.importing.tables import (
    HEADER_SEARCH_ROWS,
    ImportFileError,
    Table,
    footer_start,
    header_index,
)

# How well a sheet's header row suits the import: higher is better (FieldSet.sheet_score).
SheetScore = Callable[[list[str]], tuple[int, int]]
FORMULA, ERROR = "f", "e"  # openpyxl's data types for a formula and an error value


def read_workbook(path: Path, score: SheetScore | None = None) -> Table:
    """The first sheet, or the sheet whose headers ``score`` best."""
    name = path.name
    damaged = (
        f"{name} is damaged or not a complete Excel workbook (it may have been cut short); "
        "open it in Excel and save it again, or save the sheet as CSV."
    )
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ImportFileError(damaged) from None
    if not any(part.startswith("xl/") for part in parts):
        raise ImportFileError(f"{name} is a zip file, not an Excel workbook.")
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
        try:
            sheet = _choose_sheet(workbook.worksheets, score)
            if sheet is None:
                raise ImportFileError(f"{name} is empty: no sheet has anything in it.")
            return _read_sheet(sheet, name)
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception:  # a damaged zip or XML fails in many ways deep inside openpyxl
        raise ImportFileError(damaged) from None


def _rows(sheet: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(sheet row number, cells) for every row, the empty ones too."""
    sheet.reset_dimensions()  # some writers declare a wrong size; read what is there
    return enumerate(sheet.iter_rows(), start=1)


def _first_rows(sheet: Any) -> list[list[str]]:
    """The texts of a sheet's first rows with something in them (its title lines and
    header are among them)."""
    found = []
    for number, cells in _rows(sheet):
        texts = [cell_text(cell.value) for cell in cells]
        if any(texts):
            found.append(_trimmed(texts))
        if len(found) == HEADER_SEARCH_ROWS or number >= 10 * HEADER_SEARCH_ROWS:
            break
    return found


def _choose_sheet(sheets: list[Any], score: SheetScore | None) -> Any | None:
    """The first sheet with something in it, unless a later one's headers score better
    (an export whose first sheet is a cover note or a summary)."""
    best, best_score = None, (-1, -1)
    for sheet in sheets:
        first = _first_rows(sheet)
        if not first:
            continue
        if score is None:
            return sheet
        scored = score(first[header_index(first)])
        if scored > best_score:
            best, best_score = sheet, scored
        if scored[0]:
            break
    return best


def _read_sheet(sheet: Any, name: str) -> Table:
    first = _first_rows(sheet)
    skip = header_index(first)  # a report's title lines above the header
    rows = _rows(sheet)
    headers: list[str] = []
    for _, cells in rows:
        headers = _trimmed([cell_text(cell.value) for cell in cells])
        if any(headers):
            if not skip:
                break
            skip -= 1
    table = Table(name=name, headers=headers)
    width = len(headers)
    for number, cells in rows:
        texts = [cell_text(cell.value) for cell in cells]
        if not any(texts):
            continue
        if len(texts) < width:
            texts.extend([""] * (width - len(texts)))
        elif len(texts) > width:
            beyond = next((i for i in range(width, len(texts)) if texts[i]), None)
            if beyond is not None:
                table.row_problems[number] = (
                    f"has a value in column {_column_letter(beyond)}, which has no header"
                )
            del texts[width:]
        position = len(table.rows)
        for index, cell in enumerate(cells[:width]):
            if cell.data_type in (FORMULA, ERROR) and texts[index]:
                table.bad_cells.setdefault(index, {})[position] = _why_bad(
                    cell.data_type, texts[index]
                )
        table.rows.append((number, texts))
    _drop_footer(table)
    return table


def _drop_footer(table: Table) -> None:
    """A report's totals and "Generated By" lines below the data are no rows."""
    start = footer_start(table.rows, len(table.headers))
    for number, _ in table.rows[start:]:
        table.row_problems.pop(number, None)
    for bad in table.bad_cells.values():
        for position in [position for position in bad if position >= start]:
            del bad[position]
    del table.rows[start:]


def _why_bad(data_type: str, text: str) -> str:
    shown = text if len(text) <= 40 else text[:40] + "..."
    if data_type == FORMULA:
        return f"'{shown}' is a formula, not a value: in Excel, paste the column as values"
    return f"'{shown}' is an Excel error, not a value"


def _trimmed(texts: list[str]) -> list[str]:
    """A header row without the empty cells after its last header."""
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def cell_text(value: Any) -> str:
    """A cell's value as the text the parsers read (see the module's docstring)."""
    if value is None:
        return ""
    if isinstance(value, str):
        # A leading tab or carriage return is kept, as the CSV export keeps it behind
        # its apostrophe: text our XLSX export wrote comes back unchanged.
        return value.rstrip() if value[:1] in ("\t", "\r") else value.strip()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, int):
        return str(value)
    return str(getattr(value, "text", value)).strip()  # an array formula, a time of day
