"""Checking an account file against the book row by row, without writing anything
(the fields are in account_fields).

A screen shows this check as a preview (each row and its problems) before anything
is written; import_accounts runs it in the write transaction it then writes in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.enums import Segment
from cswork.importing.account_fields import ACCOUNT_FIELDS, OWNER_ROLES
from cswork.importing.checking import book_formats
from cswork.importing.custom_fields import read_custom_fields
from cswork.importing.fields import Columns, read_rows
from cswork.importing.owners import Owners
from cswork.importing.report import Cancelled, Problem, Progress, tick
from cswork.importing.tables import Table
from cswork.importing.values import Formats
from cswork.models import Account

TICK_ROWS = 5000  # how often progress is reported and a cancel noticed


class StoredAccount(NamedTuple):
    """What the check needs to know of an account already in the book."""

    id: int
    segment: Segment
    parent_id: int | None
    contract_start: date | None
    renewal_date: date | None
    customer_since: date | None
    custom_fields: dict[str, str] | None


@dataclass(slots=True)
class CheckedRow:
    number: int  # as a spreadsheet counts: the header is row 1
    # The values read, by table column (arr_cents, csm_id...; parent_external_id until
    # written); owners are a person's id or a NewPerson; "custom_fields" the row's
    # custom fields ({header: text}) when it has any.
    values: dict[str, Any]
    problems: list[Problem]
    stored: StoredAccount | None = None  # the account this row updates, if any

    @property
    def external_id(self) -> str:
        return self.values.get("external_id", "")  # empty only on a refused row


@dataclass
class AccountCheck:
    """Every row of a file read and checked against the book; nothing written yet."""

    columns: Columns
    rows: list[CheckedRow]
    stored: dict[str, StoredAccount] = field(repr=False)

    @property
    def problems(self) -> list[Problem]:
        return [problem for row in self.rows for problem in row.problems]

    @property
    def valid_rows(self) -> list[CheckedRow]:
        return [row for row in self.rows if not row.problems]


def check_accounts(
    session: Session,
    table: Table,
    columns: Columns,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    formats: Formats | None = None,
) -> AccountCheck:
    """Read every cell (by ``formats``, else the book's) and check every row against
    the book (reads only).

    ``progress(done, total)`` counts rows; ImportCancelled when ``cancelled()``."""
    formats = formats or book_formats(session)
    stored = _stored_accounts(session)
    owners = Owners(session)
    first_rows: dict[str, CheckedRow] = {}
    rows = []
    custom = read_custom_fields(table, columns) if columns.custom else None
    for done, (number, values, problems) in enumerate(
        read_rows(table, columns, ACCOUNT_FIELDS, formats)
    ):
        if done % TICK_ROWS == 0:
            tick(done, len(table), progress, cancelled)
        if custom is not None:
            fields, more_problems = next(custom)
            if fields:
                values["custom_fields"] = fields
            problems.extend(more_problems)
        row = CheckedRow(number, values, [Problem(number, *problem) for problem in problems])
        _check_row(row, columns, stored, first_rows, owners)
        rows.append(row)
    _check_parents(rows, columns, stored, first_rows)
    tick(len(table), len(table), progress, cancelled)
    return AccountCheck(columns=columns, rows=rows, stored=stored)


def _stored_accounts(session: Session) -> dict[str, StoredAccount]:
    """Every account in the book by external id, in one query."""
    rows = session.execute(
        select(
            Account.external_id,
            Account.id,
            Account.segment,
            Account.parent_id,
            Account.contract_start,
            Account.renewal_date,
            Account.customer_since,
            Account.custom_fields,
        )
    )
    return {external_id: StoredAccount(*rest) for external_id, *rest in rows}


def _check_row(
    row: CheckedRow,
    columns: Columns,
    stored: dict[str, StoredAccount],
    first_rows: dict[str, CheckedRow],
    owners: Owners,
) -> None:
    values = row.values
    external_id = values.get("external_id")
    if external_id:
        if external_id in first_rows:
            row.problems.append(
                Problem(
                    row.number,
                    columns.header_for("external_id"),
                    f"'{external_id}' appears already in row {first_rows[external_id].number}",
                )
            )
        else:
            first_rows[external_id] = row
        row.stored = stored.get(external_id)
    if "contract_start" in values or "renewal_date" in values:
        # An update may bring one date; the other is then the one in the book.
        start = values.get("contract_start", row.stored and row.stored.contract_start)
        end = values.get("renewal_date", row.stored and row.stored.renewal_date)
        if start and end and end < start:
            blamed = "renewal_date" if "renewal_date" in values else "contract_start"
            row.problems.append(
                Problem(
                    row.number,
                    columns.header_for(blamed),
                    f"the renewal date {end} is before the contract start {start}",
                )
            )
    for column, role in OWNER_ROLES.items():
        if (owner := values.get(column)) is not None:
            values[column] = owners.resolve(owner, role)


def _check_parents(
    rows: list[CheckedRow],
    columns: Columns,
    stored: dict[str, StoredAccount],
    first_rows: dict[str, CheckedRow],
) -> None:
    """A parent must be in the book or in the file, must not be refused, and must not
    make a loop (a division above its own parent)."""
    children = [row for row in rows if "parent_external_id" in row.values]
    if not children:
        return
    header = columns.header_for("parent_external_id")
    external_id_of = {account.id: external_id for external_id, account in stored.items()}

    def parent_of(external_id: str) -> str | None:
        row = first_rows.get(external_id)
        if row is not None and "parent_external_id" in row.values:
            return row.values["parent_external_id"]
        account = stored.get(external_id)
        return external_id_of.get(account.parent_id) if account and account.parent_id else None

    for row in children:
        parent = row.values["parent_external_id"]
        if parent == row.external_id:
            message = "an account cannot be its own parent"
        elif parent not in stored and parent not in first_rows:
            message = f"'{parent}' is not an account in the book or in this file"
        elif row.external_id in _line_upwards(parent, parent_of):
            message = f"'{parent}' would make a loop of parent accounts"
        else:
            continue
        row.problems.append(Problem(row.number, header, message))
    # A row whose new parent is refused would point at nothing: refuse it too, and so on
    # down the line.
    refused_more = True
    while refused_more:
        refused_more = False
        for row in children:
            parent_row = first_rows.get(row.values["parent_external_id"])
            if (
                not row.problems
                and parent_row is not None
                and parent_row.problems
                and parent_row.external_id not in stored
            ):
                row.problems.append(
                    Problem(
                        row.number,
                        header,
                        f"its parent '{parent_row.external_id}' is refused "
                        f"in row {parent_row.number}",
                    )
                )
                refused_more = True


def _line_upwards(external_id: str | None, parent_of: Callable[[str], str | None]) -> Iterator[str]:
    """The account, its parent, the parent's parent... stopping at a loop."""
    seen = set()
    while external_id is not None and external_id not in seen:
        seen.add(external_id)
        yield external_id
        external_id = parent_of(external_id)


__all__ = ["ACCOUNT_FIELDS", "OWNER_ROLES", "AccountCheck", "CheckedRow", "check_accounts"]
