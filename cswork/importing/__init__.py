"""Importing a CRM's exports into the book: accounts, contacts, opportunities, scores.

The pieces, in the order an import uses them: ``read_table`` turns a CSV file or an
Excel workbook into headers and rows of text; ``match_columns`` finds each field's
column (a FieldSet per entity, plus the user's mapping and the one remembered from last
time); each entity's check reads every cell and checks every row against the book
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
from cswork.importing.fields import IGNORE, KEEP, Columns, Field, FieldSet, match_columns
from cswork.importing.mappings import Suggestion, remembered_mapping, suggest_fields
from cswork.importing.opportunities import OPPORTUNITIES_IMPORT, import_opportunities
from cswork.importing.opportunity_checks import OPPORTUNITY_FIELDS
from cswork.importing.reading import read_table
from cswork.importing.report import ImportCancelled, ImportReport, Problem
from cswork.importing.running import Importer, columns_for, preview_import, run_import
from cswork.importing.scores import SCORE_FIELDS, SCORES_IMPORT, import_scores
from cswork.importing.tables import ImportFileError, Table
from cswork.importing.values import Formats, ValueProblem

# Each entity's import, by the command line's word for it.
IMPORTS: dict[str, Importer] = {
    importer.entity: importer
    for importer in (ACCOUNTS_IMPORT, CONTACTS_IMPORT, OPPORTUNITIES_IMPORT, SCORES_IMPORT)
}

__all__ = [
    "ACCOUNT_FIELDS",
    "CONTACT_FIELDS",
    "IGNORE",
    "IMPORTS",
    "KEEP",
    "OPPORTUNITY_FIELDS",
    "SCORE_FIELDS",
    "AccountCheck",
    "CheckedRow",
    "Columns",
    "Field",
    "FieldSet",
    "FileCheck",
    "Formats",
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
    "import_accounts",
    "import_contacts",
    "import_opportunities",
    "import_scores",
    "match_columns",
    "preview_import",
    "read_table",
    "remembered_mapping",
    "run_import",
    "suggest_fields",
    "write_accounts",
]
