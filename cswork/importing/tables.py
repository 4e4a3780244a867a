"""Reading a file as a CRM exports it into a header and rows of text.

A CSV comes in UTF-8 (with or without the BOM Excel writes), UTF-16 (Excel's
"Unicode text") or, failing those, Windows-1252, delimited by commas, semicolons (a
European Excel) or tabs. An Excel workbook (.xlsx) is read by cswork.importing.workbooks
into the same shape; cswork.importing.reading tells the two apart. Rows are numbered as
a spreadsheet shows them, so a problem "in row 14" is found in row 14.

A file must be what its name says: a workbook named .csv, or text named .xlsx, is
refused with one sentence rather than read by a guess."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

DELIMITERS = (",", ";", "\t")
_SNIFF_BYTES = 8192
ZIP_MAGIC = b"PK\x03\x04"
WHOLE_ROW = "whole row"  # the field of a problem with the row rather than one cell

# Some CRMs export long notes in one cell; the csv module's default limit is 128 KiB.
csv.field_size_limit(16 * 1024 * 1024)


class ImportFileError(Exception):
    """The file cannot be imported at all; the message is one sentence a user can act on."""


@dataclass
class Table:
    """What a file holds: its header texts and its rows of stripped cell texts.

    ``rows`` pairs each row with its spreadsheet row number (the header is row 1 in a
    plain file). Blank rows are left out but still counted. Every row has a cell for
    every header.

    What the reader found wrong without refusing the file: ``bad_cells`` (a column
    index -> {position in ``rows`` -> why}: a workbook's formulas and error values)
    and ``row_problems`` (row number -> why: a value beyond the last header)."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    bad_cells: dict[int, dict[int, str]] = field(default_factory=dict)
    row_problems: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)


def parse_csv(raw: bytes, name: str = "the file") -> Table:
    text = decode(raw, name)
    if not text.strip():
        raise ImportFileError(f"{name} is empty.")
    first_line = re.search(r"\S[^\r\n]*", text)
    delimiter = sniff_delimiter(first_line[0] if first_line else "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = _stripped_records(reader, name)
    _, headers = next(records, (0, []))
    if not any(headers):
        raise ImportFileError(f"{name} has no header row.")
    rows = list(records)
    width, row_problems = len(headers), {}
    for number, cells in rows:
        if len(cells) < width:  # a short row: its missing cells are empty
            cells.extend([""] * (width - len(cells)))
        elif len(cells) > width:
            if any(cells[width:]):
                row_problems[number] = (
                    f"has {len(cells)} cells but there are {width} headers "
                    "(a value with a comma in it needs quotes around it)"
                )
            del cells[width:]
    return Table(name=name, headers=headers, rows=rows, row_problems=row_problems)


def decode(raw: bytes, name: str) -> str:
    if raw.startswith(ZIP_MAGIC):
        raise ImportFileError(
            f"{name} holds an Excel workbook or another zip file, not CSV text; "
            "rename it .xlsx to import the workbook, or save the sheet as CSV."
        )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(f"{name} is not readable UTF-16 text.") from None
    if b"\x00" in raw[:_SNIFF_BYTES]:
        if encoding := _utf16_without_bom(raw[:_SNIFF_BYTES]):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                pass
        raise ImportFileError(f"{name} is not a text file, so it cannot be read as CSV.")
    try:
        return raw.decode("utf-8-sig")  # strips Excel's BOM when there is one
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")  # what Excel on Windows saves as "CSV"
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{name} is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8."
        ) from None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text some tools write without a BOM: every other byte of plain Latin
    text is zero."""
    low, high = sample[0::2], sample[1::2]
    if len(sample) >= 4 and high.count(0) >= 0.9 * len(high) and not low.count(0):
        return "utf-16-le"
    if len(sample) >= 4 and low.count(0) >= 0.9 * len(low) and not high.count(0):
        return "utf-16-be"
    return None


def sniff_delimiter(header_line: str) -> str:
    """The delimiter the header line uses most; a comma when it names one column."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _stripped_records(reader: Iterator[list[str]], name: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, stripped cells) for every row with something in it."""
    number = 0
    try:
        for record in reader:
            number += 1
            cells = list(map(str.strip, record))
            if any(cells):
                yield number, cells
    except csv.Error as exc:
        raise ImportFileError(f"{name} is not valid CSV near row {number + 1}: {exc}.") from None
