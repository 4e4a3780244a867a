"""Importing a CRM's exports into the book: accounts, contacts, opportunities, scores.

The pieces, in the order an import uses them: ``read_table`` turns a CSV file or an
Excel workbook into headers and rows of text; ``match_columns`` finds each field's
column (a FieldSet per entity, plus the user's mapping and the one remembered from last
time); ``formats_for`` says how its cells read (the user's value mappings,
``value_maps``, and the day/month order of its dates, ``dates``); each entity's check
reads every cell and checks every row against the book
without writing; its write step writes what the check found valid, in bulk.
``run_import`` (and ``import_accounts``, ``import_contacts``...) does it all in one
write transaction; ``IMPORTS`` names each entity's pieces.

A preview (the import wizard) runs ``preview_import`` in a read session and shows the
check's ``rows`` with their problems; writing then goes through ``run_import``, which
checks again inside the transaction it writes in."""

from cswork.importing.account_checks import (
    ACCOUNT_FIELDS,
    AccountCheck,
    CheckedRow,
    check_accounts,
)
from cswork.importing.accounts import ACCOUNTS_IMPORT, import_accounts, write_accounts
from cswork.importing.checking import FileCheck, RowCheck
from cswork.importing.contacts import CONTACT_FIELDS, CONTACTS_IMPORT, import_contacts
from cswork.importing.dates import FileDates, file_dates, parse_date_order, remembered_date_order
from cswork.importing.fields import IGNORE, KEEP, Columns, Field, FieldSet, match_columns
from cswork.importing.mappings import Suggestion, remembered_mapping, suggest_fields
from cswork.importing.opportunities import OPPORTUNITIES_IMPORT, import_opportunities
from cswork.importing.opportunity_checks import OPPORTUNITY_FIELDS
from cswork.importing.reading import read_table
from cswork.importing.report import ImportCancelled, ImportReport, Problem
from cswork.importing.running import (
    Importer,
    columns_for,
    formats_for,
    preview_import,
    run_import,
)
from cswork.importing.scores import SCORE_FIELDS, SCORES_IMPORT, import_scores
from cswork.importing.tables import ImportFileError, Table
from cswork.importing.value_maps import (
    ChoiceColumn,
    FoundValue,
    found_values,
    parse_value_options,
    remembered_values,
    values_for,
)
from cswork.importing.values import DATE_ORDERS, Formats, ValueProblem

# Each entity's import, by the command line's word for it.
IMPORTS: dict[str, Importer] = {
    importer.entity: importer
    for importer in (ACCOUNTS_IMPORT, CONTACTS_IMPORT, OPPORTUNITIES_IMPORT, SCORES_IMPORT)
}

__all__ = [
    "ACCOUNT_FIELDS",
    "CONTACT_FIELDS",
    "DATE_ORDERS",
    "IGNORE",
    "IMPORTS",
    "KEEP",
    "OPPORTUNITY_FIELDS",
    "SCORE_FIELDS",
    "AccountCheck",
    "CheckedRow",
    "ChoiceColumn",
    "Columns",
    "Field",
    "FieldSet",
    "FileCheck",
    "FileDates",
    "Formats",
    "FoundValue",
    "ImportCancelled",
    "ImportFileError",
    "ImportReport",
    "Importer",
    "Problem",
    "RowCheck",
    "Suggestion",
    "Table",
    "ValueProblem",
    "check_accounts",
    "columns_for",
    "file_dates",
    "formats_for",
    "found_values",
    "import_accounts",
    "import_contacts",
    "import_opportunities",
    "import_scores",
    "match_columns",
    "parse_date_order",
    "parse_value_options",
    "preview_import",
    "read_table",
    "remembered_date_order",
    "remembered_mapping",
    "remembered_values",
    "run_import",
    "suggest_fields",
    "values_for",
    "write_accounts",
]
