"""Bad input never half-imports: each bad file gets one clear
message, and leaves every table of the book as it was."""

import hashlib
from datetime import date

import pytest
from sqlalchemy import select

from cswork.importing import IMPORTS, ImportFileError, run_import
from cswork.models import Base

TODAY = date(2026, 11, 23)

CASES = [
    # (file, entity, what the user is told)
    ("accounts_truncated.xlsx", "accounts", "is damaged or not a complete Excel workbook"),
    ("accounts_binary_junk.csv", "accounts", "is not a text file, so it cannot be read as CSV"),
    ("accounts_wrong_encoding.csv", "accounts", "is neither UTF-8 nor Windows-1252 text"),
    ("accounts_missing_required_column.csv", "accounts", "The file has no external_id column"),
    ("accounts_duplicate_external_ids.csv", "accounts", "'N-1' appears already in row 2"),
    ("accounts_negative_arr.csv", "accounts", "'-1200' is negative: ARR cannot be less than 0"),
    (
        "accounts_renewal_before_start.csv",
        "accounts",
        "row 2, Renewal Date: the renewal date 2025-12-31 is before the contract start 2026-01-01",
    ),
    (
        "accounts_update_breaks_dates.csv",
        "accounts",
        "the renewal date 2020-01-01 is before the contract start 2025-06-01",
    ),
    ("accounts_10_mb_cell.csv", "accounts", "row 2, name: 'xxxxxxxxxx"),
    (
        "accounts_formula_cells.xlsx",
        "accounts",
        "row 3, arr: '=C2*2' is a formula, not a value: in Excel, paste the column as values",
    ),
    ("accounts_error_cells.xlsx", "accounts", "'#N/A' is an Excel error, not a value"),
    ("accounts_formula_text.csv", "accounts", "'=SUM(A1:A3)' is not an amount of money"),
    ("accounts_empty.csv", "accounts", "accounts_empty.csv is empty."),
    ("accounts_whitespace_only.csv", "accounts", "is empty"),
    ("accounts_headers_only.csv", "accounts", "Nothing imported: the file has no account rows."),
    ("accounts_no_header_row.csv", "accounts", "has no header row"),
    (
        "accounts_bom_semicolons_bad_date.csv",
        "accounts",
        "row 3, Renewal Date: '31/02/2026' is not a date",
    ),
    (
        "accounts_more_cells_than_headers.csv",
        "accounts",
        "row 3, whole row: has 5 cells but there are 4 headers "
        "(a value with a comma in it needs quotes around it)",
    ),
    (
        "accounts_unknown_segment.csv",
        "accounts",
        "'gold' is not one of high-touch, low-touch or strategic",
    ),
    ("accounts_parent_loop.csv", "accounts", "'N-2' would make a loop of parent accounts"),
    (
        "accounts_unknown_parent.csv",
        "accounts",
        "'P-404' is not an account in the book or in this file",
    ),
    ("accounts_bad_currency.csv", "accounts", "'dollars' is not a currency code"),
    ("accounts_zero_term.csv", "accounts", "'0' is not a term: it must be 1 month or more"),
    ("accounts_bad_auto_renew.csv", "accounts", "'maybe' is not yes or no"),
    ("accounts_negative_licenses.csv", "accounts", "'-5' is negative: it must be 0 or more"),
    ("accounts_empty_name.csv", "accounts", "row 2, name: is empty, and every account needs one"),
    ("accounts_duplicate_headers.csv", "accounts", "both hold external_id"),
    ("accounts_arr_too_large.csv", "accounts", "is too large an amount"),
    ("accounts_month_13.csv", "accounts", "'2026-13-01' is not a date"),
    ("accounts_text_named_xlsx.xlsx", "accounts", "is named .xlsx but is not an Excel workbook"),
    ("accounts_zip_not_workbook.xlsx", "accounts", "is a zip file, not an Excel workbook"),
    ("accounts_workbook_named.csv", "accounts", "holds an Excel workbook or another zip file"),
    ("accounts_old_excel.xls", "accounts", "is an Excel 97-2003 workbook (.xls)"),
    (
        "contacts_unknown_account.csv",
        "contacts",
        "row 2, Account ID: 'Z-9' is not an account in the book (import the accounts first)",
    ),
    ("contacts_bad_email.csv", "contacts", "'dana(at)acme' is not an email address"),
    (
        "contacts_duplicate.csv",
        "contacts",
        "'Dana@Acme.example' of account A-1 is in row 2 already",
    ),
    ("contacts_no_name_column.csv", "contacts", "The file has no name column"),
    ("contacts_unknown_role.csv", "contacts", "'Boss' is not one of champion, executive sponsor"),
    ("opportunities_unknown_kind.csv", "opportunities", "'New Logo' is not one of renewal, upsell"),
    (
        "opportunities_negative_upsell.csv",
        "opportunities",
        "-5000.00 is negative, and only a renewal can shrink (this is an upsell)",
    ),
    (
        "opportunities_won_in_commit.csv",
        "opportunities",
        "a won opportunity is out of the forecast (closed or omitted), not 'commit'",
    ),
    ("opportunities_unknown_account.csv", "opportunities", "'Z-9' is not an account in the book"),
    ("opportunities_bad_close_date.csv", "opportunities", "'Q3 2026' is not a date"),
    (
        "opportunities_target_on_upsell.csv",
        "opportunities",
        "a target amount is for renewals only (this is an upsell)",
    ),
    ("scores_101.csv", "scores", "row 2, Score: '101' is not a score: it must be 0 to 100"),
    ("scores_unknown_category.csv", "scores", "'Happiness' is not a scorecard category"),
    ("scores_in_the_future.csv", "scores", "2027-01-01 is after today (2026-11-23)"),
    ("scores_not_a_number.csv", "scores", "'great' is not a score"),
    (
        "scores_duplicate_day.csv",
        "scores",
        "A-1's Product adoption score on 2026-11-01 is in row 2",
    ),
    ("scores_unknown_account.csv", "scores", "'Z-9' is not an account in the book"),
]


def fingerprint(book) -> str:
    """A digest of every row of every table."""
    digest = hashlib.sha256()
    with book.session() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest.update(f"{table.name}:{rows!r}".encode())
    return digest.hexdigest()


def test_the_corpus_has_at_least_thirty_files():
    assert len({name for name, _, _ in CASES}) == len(CASES) >= 30


@pytest.mark.parametrize(("name", "entity", "message"), CASES, ids=[case[0] for case in CASES])
def test_a_bad_file_is_refused_clearly_and_changes_nothing(
    seeded_book, bad_file, name, entity, message
):
    before = fingerprint(seeded_book)

    try:
        report = run_import(seeded_book, IMPORTS[entity], bad_file(name), today=TODAY)
    except ImportFileError as exc:
        told = str(exc)
        assert "\n" not in told and told.endswith(".")  # one sentence
    else:
        told = "\n".join([report.summary(), *map(str, report.refused)])
        assert not report.written

    assert message in told
    assert fingerprint(seeded_book) == before
