"""Move a book: copy every row of a laptop book into an empty team database, or back.

Both books are at the newest schema (opening them sees to that). The copy is one
write transaction on the target, checked before it commits: every table's row count
and the money totals must come out equal, or nothing is kept. Rows go through the
column types, so a date stays a date and a UTC time a UTC time on either backend."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, bindparam, func, select, update

from cswork.bulk import advance_id_sequences, insert_rows
from cswork.models import Account, Base, Opportunity
from cswork.store import Book

BATCH_ROWS = 5_000
# Money columns whose totals must agree after a copy (beside every table's row count).
TOTALS = {"ARR": Account.arr_cents, "opportunity amounts": Opportunity.amount_cents}


class CopyError(Exception):
    """The copy was refused or did not check out; the target is as it was."""


@dataclass
class CopyReport:
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows copied
    # "ARR EUR" -> cents, the same both sides: each money total per currency.
    totals: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def accounts(self) -> int:
        return self.rows.get("accounts", 0)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def copy_book_rows(
    source: Book, target: Book, progress: Callable[[str, int], None] | None = None
) -> CopyReport:
    """Copy every row of ``source`` into ``target``, which must hold no accounts or
    people yet (a new book: its seeded settings and RACI give way to the source's)."""
    started = time.perf_counter()
    report = CopyReport()
    tables = Base.metadata.sorted_tables
    with source.engine.connect() as reading, target.writing() as session:
        writing = session.connection()
        _refuse_unless_empty(writing)
        for table in reversed(tables):  # the seeded rows, children first
            writing.execute(table.delete())
        for table in tables:
            report.rows[table.name] = _copy_table(reading, writing, table)
            if progress is not None:
                progress(table.name, report.rows[table.name])
        advance_id_sequences(writing, tables)
        report.totals = _check_equal(reading, writing, tables)
    report.seconds = time.perf_counter() - started
    return report


def _refuse_unless_empty(connection: Connection) -> None:
    from cswork.models import Person

    accounts = connection.scalar(select(func.count()).select_from(Account))
    people = connection.scalar(select(func.count()).select_from(Person))
    if accounts or people:
        raise CopyError(
            f"The target book already has {accounts:,} accounts and {people:,} people; "
            "copy into an empty database (or a new file) only, so nothing is overwritten."
        )


def _copy_table(reading: Connection, writing: Connection, table: Table) -> int:
    """Stream the table in batches. A column that points into its own table (an
    account's parent) is filled in afterwards, once every row it may point at exists."""
    own = [c.name for c in table.columns if any(fk.column.table is table for fk in c.foreign_keys)]
    # An UPDATE would stamp these with the time now: they are set back as they were.
    stamped = [c.name for c in table.columns if c.onupdate is not None]
    query = select(table).order_by(*table.primary_key.columns)
    copied = 0
    later: list[dict] = []
    result = reading.execution_options(yield_per=BATCH_ROWS).execute(query)
    for batch in result.mappings().partitions():
        rows = [dict(row) for row in batch]
        for row in rows:
            if any(row[name] is not None for name in own):
                later.append({"_id": row["id"], **{n: row[n] for n in own + stamped}})
                row.update(dict.fromkeys(own))
        insert_rows(writing, table, rows)
        copied += len(rows)
    if later:
        writing.execute(
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({name: bindparam(name) for name in own + stamped}),
            later,
        )
    return copied


def _check_equal(reading: Connection, writing: Connection, tables: list[Table]) -> dict[str, int]:
    """Every table's count and each money total, both sides; CopyError if any differs
    (raised inside the write transaction, so the copy is rolled back)."""
    differ = []
    for table in tables:
        count = select(func.count()).select_from(table)
        was, now = reading.scalar(count), writing.scalar(count)
        if was != now:
            differ.append(f"{table.name}: {was:,} rows, copied {now:,}")
    totals = {}
    for label, column in TOTALS.items():
        # Per currency: euros and dollars are checked apart, never added together.
        total = (
            select(Account.currency, func.coalesce(func.sum(column), 0))
            .select_from(column.table)
            .group_by(Account.currency)
        )
        if column.table is not Account.__table__:
            total = total.join(Account.__table__, Account.id == column.table.c.account_id)
        was, now = ({c: int(v) for c, v in side.execute(total) if v} for side in (reading, writing))
        for currency in sorted(set(was) | set(now)):
            if was.get(currency, 0) != now.get(currency, 0):
                differ.append(
                    f"{label} in {currency}: {was.get(currency, 0)} cents, "
                    f"copied {now.get(currency, 0)}"
                )
            totals[f"{label} {currency}"] = now.get(currency, 0)
    if differ:
        raise CopyError("The copy did not check out, so nothing was kept: " + "; ".join(differ))
    return totals
