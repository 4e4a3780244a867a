"""Help for work over hundreds of thousands of rows (demo books, imports, copying a
book between SQLite and PostgreSQL).

Core's executemany sends every value of every row through its column type (dates, UTC
timestamps, enums) one Python call at a time, and on PostgreSQL builds one long
statement per thousand rows that the driver parses afresh each time. ``insert_rows``
converts each distinct value once, by the column type's own bind processor, then on
SQLite sends a hundred or so rows per INSERT and on PostgreSQL streams them through
COPY. Other databases take the ordinary Core path."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from operator import itemgetter

from sqlalchemy import JSON, Connection, Table, insert, text

# SQLite before 3.32 allows 999 parameters in one statement; stay under it everywhere.
MAX_PARAMETERS = 999


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a bulk job makes rows: it would
    rescan every live row again and again (a fifth of a demo build, a quarter of an
    import), and plain rows hold no cycles for it to find; reference counting frees
    them as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# An insert this big into a SQLite table (and at least half the rows it has) goes in
# faster with the table's plain indexes dropped and built again after: 100,000 accounts
# took 2.5 s into eight live indexes, 0.9 s with the indexes rebuilt.
REBUILD_INDEXES_AT = 10_000


@contextmanager
def indexes_rebuilt_after(connection: Connection, table: Table, new_rows: int) -> Iterator[None]:
    """Around a big insert on SQLite, inside a write transaction: drop the table's
    non-unique indexes, and build them again after. Unique indexes stay: they keep
    checking every row as it goes in."""
    if connection.dialect.name != "sqlite" or new_rows < REBUILD_INDEXES_AT:
        yield
        return
    present = connection.exec_driver_sql(f'SELECT count(*) FROM "{table.name}"').scalar()
    if new_rows * 2 < present:
        yield
        return
    indexes = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
        (table.name,),
    ).all()
    for name, _ in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield  # on an error the caller's transaction rolls back, indexes and all
    for _, sql in indexes:
        connection.exec_driver_sql(sql)


def insert_rows(connection: Connection, table: Table, rows: list[dict]) -> None:
    """Insert ``rows`` (dicts with the same keys; columns left out take their defaults)."""
    if not rows:
        return
    dialect = connection.dialect
    if dialect.name not in ("sqlite", "postgresql"):
        connection.execute(insert(table), rows)
        return
    names = list(rows[0])
    columns = [_stored(connection, table, name, rows) for name in names]
    if dialect.name == "postgresql":
        _copy_in(connection, table, names, zip(*columns, strict=True))
        return
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    by_name = dict(zip(names, columns, strict=True))
    params = list(zip(*(by_name[name] for name in compiled.positiontup), strict=True))
    per_statement = max(1, MAX_PARAMETERS // len(names))
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


def _stored(connection: Connection, table: Table, name: str, rows: list[dict]) -> list:
    """One column's values as the database stores them, each distinct one converted once."""
    dialect = connection.dialect
    values = list(map(itemgetter(name), rows))
    column_type = table.c[name].type
    process = column_type.dialect_impl(dialect).bind_processor(dialect)
    if process is not None and isinstance(column_type, JSON):  # dicts: not hashable
        values = [None if value is None else process(value) for value in values]
    elif process is not None:
        stored = {value: process(value) for value in set(values)}
        values = list(map(stored.__getitem__, values))
    return values


def _copy_in(connection: Connection, table: Table, names: list[str], rows: Iterable) -> None:
    """PostgreSQL's COPY FROM STDIN, on this connection (so in its transaction)."""
    columns = ", ".join(f'"{name}"' for name in names)
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def advance_id_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """On PostgreSQL, rows given their ids do not move the id sequences: move them past
    the largest id, or the next row added by hand would collide."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" not in table.c:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )
        )
