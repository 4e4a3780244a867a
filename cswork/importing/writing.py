"""Writing checked rows in bulk: Core INSERT and UPDATE statements, thousands of rows
each, never an ORM object per row: 100,000 ORM objects would take minutes."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from sqlalchemy import JSON, Executable, Table, bindparam, insert, update
from sqlalchemy.orm import Session

from cswork.bulk import indexes_rebuilt_after
from cswork.importing.report import ImportReport

BATCH_ROWS = 5000  # rows per statement; progress and cancel are checked as often

Step = Callable[[int], None]  # rows done so far: reports progress, raises on cancel


def insert_rows(
    session: Session, table: Table, rows: list[dict[str, Any]], step: Step
) -> list[int]:
    """Insert ``rows`` (each with the same keys); returns their new ids in order."""
    ids: list[int] = []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    with indexes_rebuilt_after(session.connection(), table, len(rows)):
        for start in range(0, len(rows), BATCH_ROWS):
            step(start)
            ids += session.execute(statement, rows[start : start + BATCH_ROWS]).scalars().all()
    return ids


def version_bump(table: Table) -> dict[str, Any]:
    """``version = version + 1`` for a table whose rows carry an edit version: a row an
    import changed is no longer the row someone may have open, and their save is then
    caught as stale instead of undoing the import."""
    return {"version": table.c.version + 1} if "version" in table.c else {}


def update_rows(
    session: Session, table: Table, changes: list[dict[str, Any]], step: Step, **always: Any
) -> None:
    """UPDATE by ``row_id``, many rows per statement: the rows that change the same
    columns go together. ``always`` is set on every row (updated_at=...), and the
    row's version moves on (``version_bump``)."""
    always |= version_bump(table)

    def columns_of(change: dict[str, Any]) -> tuple[str, ...]:
        return tuple(sorted(change))

    changes = sorted(changes, key=columns_of)
    statement = update(table).where(table.c.id == bindparam("row_id"))
    if always:
        statement = statement.values(**always)
    done = 0
    for _, group in groupby(changes, key=columns_of):
        same_columns = list(group)
        for start in range(0, len(same_columns), BATCH_ROWS):
            step(done)
            batch = same_columns[start : start + BATCH_ROWS]
            execute_many(session, statement, batch)
            done += len(batch)


def execute_many(session: Session, statement: Executable, rows: list[dict[str, Any]]) -> None:
    """``session.execute(statement, rows)`` (rows with the same keys, no RETURNING),
    faster on SQLite: Core sends every value of every row through its column type, a
    Python call each, which for 100,000 rows costs more than SQLite's own work; here
    each distinct date, enum or timestamp is converted once (as cswork.demo.bulk does)."""
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite" or not rows:
        session.execute(statement, rows)
        return
    compiled = statement.compile(dialect=dialect, column_keys=list(rows[0]))
    columns = []
    for name in compiled.positiontup:
        bind = compiled.binds[name]
        if name in rows[0]:
            values = [row[name] for row in rows]
        else:  # a value in the statement itself (the 1 of version + 1)
            values = [bind.effective_value] * len(rows)
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None and isinstance(bind.type, JSON):  # dicts: not hashable
            values = [None if value is None else process(value) for value in values]
        elif process is not None:
            converted: dict[Any, Any] = {}
            values = [
                converted[value]
                if value in converted
                else converted.setdefault(value, process(value))
                for value in values
            ]
        columns.append(values)
    connection.exec_driver_sql(compiled.string, list(zip(*columns, strict=True)))


def write_rows(
    session: Session,
    table: Table,
    rows: list[Any],
    new: list[dict[str, Any]],
    report: ImportReport,
    step: Step,
    **always: Any,
) -> None:
    """Insert ``new`` (the checked ``rows`` the book does not have yet, made into table
    rows) and update the others by id; the counts and ids go into ``report``.
    ``always`` is set on every updated row (see update_rows)."""
    report.changed_ids = insert_rows(session, table, new, step)
    changes = [row.values | {"row_id": row.existing_id} for row in rows if row.existing_id]
    update_rows(session, table, changes, lambda done: step(len(new) + done), **always)
    report.changed_ids += [row.existing_id for row in rows if row.existing_id]
    report.imported, report.updated = len(new), len(changes)
