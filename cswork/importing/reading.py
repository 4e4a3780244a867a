"""Reading a file a CRM exported, whichever kind it is: an Excel workbook by
cswork.importing.workbooks, anything else as CSV text by cswork.importing.tables. A file
must be what its name says."""

from __future__ import annotations

import os
from pathlib import Path

from cswork.importing.fields import FieldSet
from cswork.importing.tables import ZIP_MAGIC, ImportFileError, Table, parse_csv
from cswork.importing.workbooks import read_workbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003, or a password-protected .xlsx
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")


def read_table(path: str | os.PathLike[str], fields: FieldSet | None = None) -> Table:
    """Read a CSV file or an Excel workbook into a Table. Of a workbook's sheets, the
    first is read unless another one's headers match ``fields`` better."""
    path = Path(path)
    name, suffix = path.name, path.suffix.lower()
    try:
        with path.open("rb") as file:
            head = raw = file.read(len(OLE_MAGIC))
            if not head.startswith((ZIP_MAGIC, OLE_MAGIC)) and suffix not in WORKBOOK_SUFFIXES:
                raw = head + file.read()  # text, read as CSV
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not a file.") from None
    except OSError as exc:
        raise ImportFileError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    if head.startswith(OLE_MAGIC):
        raise ImportFileError(
            f"{name} is an Excel 97-2003 workbook (.xls) or a password-protected one; "
            "save it from Excel as .xlsx without a password, or as CSV."
        )
    if suffix in (".xls", ".ods", ".numbers"):
        raise ImportFileError(f"{name} cannot be read here; save it as .xlsx or as CSV.")
    if head.startswith(ZIP_MAGIC) and suffix not in TEXT_SUFFIXES:
        return read_workbook(path, fields.sheet_score if fields else None)
    if suffix in WORKBOOK_SUFFIXES:
        if not head:
            raise ImportFileError(f"{name} is empty.")
        raise ImportFileError(
            f"{name} is named {suffix} but is not an Excel workbook; if it is CSV text, "
            "rename it .csv."
        )
    return parse_csv(raw, name)
