"""Importing accounts: read the file, check every row, then write them in bulk.

import_accounts runs the check and the write in one write transaction, so the book
cannot change between them, and a refusal or a cancel writes nothing. Re-importing
updates accounts by external id and changes only the columns the file has."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from itertools import groupby
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Dialect,
    Insert,
    bindparam,
    func,
    insert,
    literal,
    literal_column,
    select,
    update,
)
from sqlalchemy.orm import Session

from cswork.bulk import indexes_rebuilt_after
from cswork.enums import AccountStatus, Segment
from cswork.importing.account_checks import (
    ACCOUNT_FIELDS,
    OWNER_ROLES,
    AccountCheck,
    CheckedRow,
    check_accounts,
)
from cswork.importing.custom_fields import merged
from cswork.importing.owners import NewPerson, add_people
from cswork.importing.report import Cancelled, ImportReport, Progress, tick
from cswork.importing.running import Importer, run_import
from cswork.importing.tables import Table
from cswork.importing.writing import execute_many, version_bump
from cswork.models import Account
from cswork.models.base import utcnow
from cswork.raci import apply_override_preset, remove_override_preset
from cswork.seed import STRATEGIC_PRESET
from cswork.store import Book

ACCOUNTS = Account.__table__
# What a new account gets for a column the file leaves out or leaves empty.
NEW_ACCOUNT = {
    "parent_id": None,
    "segment": Segment.LOW_TOUCH,
    "industry": None,
    "arr_cents": 0,
    "currency": "USD",
    "licenses": 0,
    "licenses_used": 0,
    "contract_start": None,
    "renewal_date": None,
    "term_months": None,
    "auto_renew": False,
    "status": AccountStatus.ACTIVE,
    "csm_id": None,
    "re_manager_id": None,
    "ae_id": None,
    "custom_fields": None,
}
BATCH_ROWS = 5000  # rows per statement; progress and cancel are checked as often


def import_accounts(
    book: Book,
    source: str | os.PathLike[str] | Table,
    *,
    today: date,
    **options: Any,
) -> ImportReport:
    """Import a CRM's account file into the book: all rows or none, unless
    ``valid_rows_only``. Raises ImportFileError when the file cannot be read at all and
    ImportCancelled when ``cancelled()`` turns true (nothing is written then). The
    options are run_import's (mapping, values, date_order, valid_rows_only...).

    ``progress(done, total)``: one step per row checked and one per row written."""
    return run_import(book, ACCOUNTS_IMPORT, source, today=today, **options)


def write_accounts(
    session: Session,
    check: AccountCheck,
    *,
    today: date,
    valid_rows_only: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Write what ``check`` found valid in the session's transaction: nothing at all
    when a row was refused, unless ``valid_rows_only``. On ImportCancelled the caller
    rolls back."""
    report = ImportReport.of_check("account", check, valid_rows_only)
    if report.writes_nothing:
        return report
    rows = check.valid_rows
    new_people = {
        owner: None
        for row in rows
        for column in OWNER_ROLES
        if isinstance(owner := row.values.get(column), NewPerson)
    }
    person_ids = add_people(session, new_people)
    report.people_added = [person.name for person in new_people]
    account_ids = {external_id: account.id for external_id, account in check.stored.items()}
    now = utcnow()
    dialect = session.get_bind().dialect

    def step(done: int) -> None:
        tick(done, len(rows), progress, cancelled)

    # Core statements, not ORM bulk ones: the ORM's per-row bookkeeping doubles the time.
    # The values that are the same on every row are written into the statement once:
    # bound, they would be converted again for each of 100,000 rows.
    new_rows = [row for row in rows if row.stored is None]
    statement = insert(ACCOUNTS).values(
        entered_book_on=_constant(today, ACCOUNTS.c.entered_book_on, dialect),
        created_at=_constant(now, ACCOUNTS.c.created_at, dialect),
        updated_at=_constant(now, ACCOUNTS.c.updated_at, dialect),
    )
    with indexes_rebuilt_after(session.connection(), ACCOUNTS, len(new_rows)):
        pending = new_rows
        while pending:  # parents first: a division goes in once its parent has an id
            wave = [
                row
                for row in pending
                if (parent := row.values.get("parent_external_id")) is None or parent in account_ids
            ]
            if not wave:  # the check refuses loops; this is only a guard
                raise RuntimeError("the parent accounts in the file make a loop")
            params = [
                _params(_new_account(row.values, today), person_ids, account_ids) for row in wave
            ]
            for start in range(0, len(params), BATCH_ROWS):
                step(report.imported + start)
                account_ids.update(_insert(session, statement, params[start : start + BATCH_ROWS]))
            report.imported += len(wave)
            pending = [row for row in pending if row.external_id not in account_ids]

    old_rows = [row for row in rows if row.stored is not None]
    changes = []
    for row in old_rows:
        change = _params(_changed_account(row), person_ids, account_ids)
        del change["external_id"]  # what the account is found by, not a change
        changes.append(change | {"account_id": row.stored.id})
    _update_by_id(
        session,
        changes,
        _constant(now, ACCOUNTS.c.updated_at, dialect),
        lambda done: step(len(new_rows) + done),
    )
    report.updated = len(old_rows)
    _follow_strategic(session, rows, account_ids)
    report.changed_ids = [account_ids[row.external_id] for row in rows]
    step(len(rows))
    return report


def _new_account(values: dict[str, Any], today: date) -> dict[str, Any]:
    """A new account's columns. A customer since the file does not give is the
    contract start, else the import day: the history the metrics count from."""
    account = {**NEW_ACCOUNT, **values}
    if "customer_since" not in values:
        account["customer_since"] = values.get("contract_start", today)
    return account


def _changed_account(row: CheckedRow) -> dict[str, Any]:
    """An updated account's changed columns: custom fields merge with the stored ones
    (a column the file lacks leaves its field alone), and an account from before
    customer_since was kept gets its contract start as one."""
    values, stored = dict(row.values), row.stored
    if "custom_fields" in values:
        values["custom_fields"] = merged(stored.custom_fields, values["custom_fields"])
    start = values.get("contract_start", stored.contract_start)
    if stored.customer_since is None and "customer_since" not in values and start is not None:
        values["customer_since"] = start
    return values


def _insert(
    session: Session, statement: Insert, batch: list[dict[str, Any]]
) -> list[tuple[str, int]]:
    """Insert a batch of new accounts; returns their (external id, id). On SQLite the
    batch goes in through execute_many, and the new ids are the ones above the
    largest before it (one writer: the write transaction holds the book)."""
    if session.get_bind().dialect.name != "sqlite":
        returning = statement.returning(ACCOUNTS.c.external_id, ACCOUNTS.c.id)
        return [tuple(row) for row in session.execute(returning, batch)]
    last_id = session.scalar(select(func.max(ACCOUNTS.c.id))) or 0
    execute_many(session, statement, batch)
    added = select(ACCOUNTS.c.external_id, ACCOUNTS.c.id).where(ACCOUNTS.c.id > last_id)
    return [tuple(row) for row in session.execute(added)]


def _params(
    values: dict[str, Any], person_ids: dict[NewPerson, int], account_ids: dict[str, int]
) -> dict[str, Any]:
    """A row's values as statement parameters: the parent and new owners as ids."""
    if (parent := values.pop("parent_external_id", None)) is not None:
        values["parent_id"] = account_ids[parent]  # written after its parent: it has an id
    if person_ids:
        for column in OWNER_ROLES:
            if (owner := values.get(column)).__class__ is NewPerson:
                values[column] = person_ids[owner]
    return values


def _constant(value: Any, column: Column[Any], dialect: Dialect) -> ColumnElement[Any]:
    """A value written into the SQL as a literal, in the column type's own format."""
    rendered = literal(value, column.type).compile(
        dialect=dialect, compile_kwargs={"literal_binds": True}
    )
    return literal_column(str(rendered), column.type)


def _update_by_id(
    session: Session,
    changes: list[dict[str, Any]],
    updated_at: ColumnElement[Any],
    step: Callable[[int], None],
) -> None:
    """UPDATE by id, many rows per statement: rows that change the same columns together."""

    def columns_of(change: dict[str, Any]) -> tuple[str, ...]:
        return tuple(change)

    changes.sort(key=columns_of)
    statement = (
        update(ACCOUNTS)
        .where(ACCOUNTS.c.id == bindparam("account_id"))
        .values(updated_at=updated_at, **version_bump(ACCOUNTS))
    )
    done = 0
    for _, group in groupby(changes, key=columns_of):
        same_columns = list(group)
        for start in range(0, len(same_columns), BATCH_ROWS):
            step(done)
            execute_many(session, statement, same_columns[start : start + BATCH_ROWS])
            done += len(same_columns[start : start + BATCH_ROWS])


def _follow_strategic(
    session: Session, rows: list[CheckedRow], account_ids: dict[str, int]
) -> None:
    """A strategic account gets the strategic RACI override; one that leaves the
    segment loses it. An account staying strategic keeps its overrides as edited."""
    joined, left = [], []
    for row in rows:
        segment = row.values.get("segment", None if row.stored else Segment.LOW_TOUCH)
        was = row.stored.segment if row.stored else None
        if segment == Segment.STRATEGIC and was != Segment.STRATEGIC:
            joined.append(account_ids[row.external_id])
        elif segment is not None and segment != Segment.STRATEGIC and was == Segment.STRATEGIC:
            left.append(account_ids[row.external_id])
    if joined:
        apply_override_preset(session, joined, STRATEGIC_PRESET)
    if left:
        remove_override_preset(session, left, STRATEGIC_PRESET)


ACCOUNTS_IMPORT = Importer(
    entity="accounts",
    noun="account",
    fields=ACCOUNT_FIELDS,
    # (an account's check needs no today)
    check=lambda session, table, columns, *, today, **options: check_accounts(  # noqa: PLW0108
        session, table, columns, **options
    ),
    write=write_accounts,
)
