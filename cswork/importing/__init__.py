"""Importing a CRM's exports into the book.

The pieces, in the order an import uses them: ``read_table`` turns a file into
headers and rows of text; ``match_columns`` finds each field's column (a FieldSet per
entity, plus the user's mapping); ``check_accounts`` reads every cell and checks every
row against the book without writing; ``write_accounts`` writes what the check found
valid, in bulk. ``import_accounts`` does all four in one write transaction.

A preview (the import wizard) runs the first three in a read session and shows
``AccountCheck.rows`` with their problems; writing then goes through
``import_accounts``, which checks again inside the transaction it writes in."""

from cswork.importing.account_checks import (
    ACCOUNT_FIELDS,
    AccountCheck,
    CheckedRow,
    check_accounts,
)
from cswork.importing.accounts import import_accounts, write_accounts
from cswork.importing.fields import IGNORE, Columns, Field, FieldSet, match_columns
from cswork.importing.report import ImportCancelled, ImportReport, Problem
from cswork.importing.tables import ImportFileError, Table, read_table
from cswork.importing.values import Formats, ValueProblem

__all__ = [
    "ACCOUNT_FIELDS",
    "IGNORE",
    "AccountCheck",
    "CheckedRow",
    "Columns",
    "Field",
    "FieldSet",
    "Formats",
    "ImportCancelled",
    "ImportFileError",
    "ImportReport",
    "Problem",
    "Table",
    "ValueProblem",
    "check_accounts",
    "import_accounts",
    "match_columns",
    "read_table",
    "write_accounts",
]
