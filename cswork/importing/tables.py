"""Reading a file as a CRM exports it into a header and rows of text.

A CSV comes in UTF-8 (with or without the BOM Excel writes), UTF-16 (Excel's
"Unicode text") or, failing those, Windows-1252, delimited by commas, semicolons (a
European Excel) or tabs. Rows are numbered as a spreadsheet shows them, so a problem
"in row 14" is found in row 14."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DELIMITERS = (",", ";", "\t")
_SNIFF_BYTES = 8192
_ZIP_MAGIC = b"PK\x03\x04"

# Some CRMs export long notes in one cell; the csv module's default limit is 128 KiB.
csv.field_size_limit(16 * 1024 * 1024)


class ImportFileError(Exception):
    """The file cannot be imported at all; the message is one sentence a user can act on."""


@dataclass
class Table:
    """What a file holds: its header texts and its rows of stripped cell texts.

    ``rows`` pairs each row with its spreadsheet row number (the header is row 1 in a
    plain file). Blank rows are left out but still counted. Every row has a cell for
    every header."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)


def read_table(path: str | os.PathLike[str]) -> Table:
    """Read a CSV file (by content, whatever its suffix) into a Table."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not a file.") from None
    except OSError as exc:
        raise ImportFileError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    return parse_csv(raw, path.name)


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
    for _, cells in rows:
        if len(cells) < len(headers):  # a short row: its missing cells are empty
            cells.extend([""] * (len(headers) - len(cells)))
    return Table(name=name, headers=headers, rows=rows)


def decode(raw: bytes, name: str) -> str:
    if raw.startswith(_ZIP_MAGIC):
        raise ImportFileError(
            f"{name} is an Excel workbook or another zip file; save the sheet as CSV to import it."
        )
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(f"{name} is not readable UTF-16 text.") from None
    if b"\x00" in raw[:_SNIFF_BYTES]:
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
