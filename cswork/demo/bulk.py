"""Bulk inserts fast enough for a few million demo rows.

Core's executemany sends every value of every row through its column type (dates, UTC
timestamps, enums) one Python call at a time, which at 2.5 million rows costs more than
SQLite's own work. On SQLite the demo's rows go in faster: each distinct date, timestamp
or enum value (there are a few thousand) is converted once, by the column type's own
bind processor, and rows go in a hundred or so per INSERT statement. Other databases
take the ordinary Core path."""

from __future__ import annotations

from itertools import chain
from operator import itemgetter

from sqlalchemy import Connection, Table, insert

# SQLite before 3.32 allows 999 parameters in one statement; stay under it everywhere.
MAX_PARAMETERS = 999


def insert_rows(connection: Connection, table: Table, rows: list[dict]) -> None:
    """Insert ``rows`` (dicts holding every column of ``table``)."""
    dialect = connection.dialect
    if dialect.name != "sqlite":
        connection.execute(insert(table), rows)
        return
    compiled = insert(table).compile(dialect=dialect)
    columns = []
    for name in compiled.positiontup:
        values = list(map(itemgetter(name), rows))
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            stored = {value: process(value) for value in set(values)}
            values = list(map(stored.__getitem__, values))
        columns.append(values)
    params = list(zip(*columns, strict=True))

    per_statement = max(1, MAX_PARAMETERS // len(columns))
    whole = len(params) - len(params) % per_statement
    if whole:
        one_row = compiled.string[compiled.string.rindex("(") :]  # "(?, ?, ...)"
        statement = compiled.string + f", {one_row}" * (per_statement - 1)
        connection.exec_driver_sql(
            statement,
            [
                tuple(chain.from_iterable(params[i : i + per_statement]))
                for i in range(0, whole, per_statement)
            ],
        )
    if whole < len(params):
        connection.exec_driver_sql(compiled.string, params[whole:])
