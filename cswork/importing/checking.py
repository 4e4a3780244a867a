"""Checking a file of contacts, opportunities or scores against the book, row by row,
without writing anything: the steps those imports share.

Each import reads its cells with fields.read_rows, then checks each row with its own
rule (``check_row``); a row keeps every problem found, and the write step takes the
rows with none. Accounts, with their parents and loops, keep their own check
(account_checks)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.importing.fields import Columns, Field, FieldSet, read_rows, text_up_to
from cswork.importing.report import Cancelled, Problem, Progress, tick
from cswork.importing.tables import ImportFileError, Table
from cswork.importing.values import DATE_ORDERS, Formats
from cswork.models import Account
from cswork.settings import get_setting

TICK_ROWS = 5000  # how often progress is reported and a cancel noticed

# The account a contact, opportunity or score belongs to, by its external id. ("Account"
# alone is not a synonym: CRMs use it for the account's name.)
ACCOUNT_REFERENCE = Field(
    "account_external_id",
    text_up_to(100),
    required=True,
    repeats=True,
    synonyms=(
        "Account ID",
        "Account External ID",
        "Account Number",
        "Customer ID",
        "CRM Account ID",
        "Company ID",
    ),
)


@dataclass(slots=True)
class RowCheck:
    number: int  # as a spreadsheet counts: the header is row 1
    values: dict[str, Any]  # by table column, ready to write (account_id, owner_id...)
    problems: list[Problem]
    existing_id: int | None = None  # the record this row updates, if any


@dataclass
class FileCheck:
    """Every row of a file read and checked against the book; nothing written yet.
    ``book`` holds what the check read of the book and the write step needs."""

    noun: str
    columns: Columns
    rows: list[RowCheck]
    book: Any = field(default=None, repr=False)

    @property
    def problems(self) -> list[Problem]:
        return [problem for row in self.rows for problem in row.problems]

    @property
    def valid_rows(self) -> list[RowCheck]:
        return [row for row in self.rows if not row.problems]


def book_formats(session: Session) -> Formats:
    """How this book reads a file when the import says nothing more: the day/month
    order remembered from the last import that gave one (its import_date_order
    setting), else none."""
    order = get_setting(session, "import_date_order")
    if order is not None and order not in DATE_ORDERS:
        raise ImportFileError(
            f"The book's import_date_order setting is {order!r}; it must be MDY, DMY or YMD."
        )
    return Formats(date_order=order)


def check_rows(
    session: Session,
    table: Table,
    columns: Columns,
    field_set: FieldSet,
    check_row: Callable[[RowCheck], None],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    formats: Formats | None = None,
) -> list[RowCheck]:
    """Read every row (by ``formats``, else the book's) and check it with
    ``check_row`` (which adds its problems).
    ``progress(done, total)`` counts rows; ImportCancelled when ``cancelled()``."""
    rows = []
    total = len(table)
    for done, (number, values, problems) in enumerate(
        read_rows(table, columns, field_set, formats or book_formats(session))
    ):
        if done % TICK_ROWS == 0:
            tick(done, total, progress, cancelled)
        row = RowCheck(number, values, [Problem(number, *problem) for problem in problems])
        check_row(row)
        rows.append(row)
    tick(total, total, progress, cancelled)
    return rows


class BookAccount(NamedTuple):
    """What a contact, opportunity or score row needs to know of its account."""

    id: int
    external_id: str
    name: str
    arr_cents: int
    term_months: int | None
    csm_id: int | None
    re_manager_id: int | None
    ae_id: int | None


def book_accounts(session: Session) -> dict[str, BookAccount]:
    """Every account in the book by external id, in one query."""
    rows = session.execute(
        select(
            Account.id,
            Account.external_id,
            Account.name,
            Account.arr_cents,
            Account.term_months,
            Account.csm_id,
            Account.re_manager_id,
            Account.ae_id,
        )
    )
    return {row.external_id: BookAccount(*row) for row in rows}


def find_account(
    row: RowCheck, columns: Columns, accounts: dict[str, BookAccount]
) -> BookAccount | None:
    """The row's account, or a problem on the row when the book has no such account."""
    external_id = row.values.pop("account_external_id", None)
    if external_id is None:
        return None  # empty: read_rows has said so
    account = accounts.get(external_id)
    if account is None:
        row.problems.append(
            Problem(
                row.number,
                columns.header_for("account_external_id"),
                f"'{external_id}' is not an account in the book (import the accounts first)",
            )
        )
        return None
    row.values["account_id"] = account.id
    return account


class FirstRows:
    """The first row of the file for each key: a second one is a duplicate."""

    def __init__(self) -> None:
        self._rows: dict[Any, int] = {}

    def is_duplicate(self, row: RowCheck, key: Any, header: str, what: str) -> bool:
        """True (and a problem on the row) when an earlier row has the same key;
        ``what`` names the record, as in "'Jo Park' of A-1 is in row 3 already"."""
        first = self._rows.setdefault(key, row.number)
        if first == row.number:
            return False
        row.problems.append(Problem(row.number, header, f"{what} is in row {first} already"))
        return True
