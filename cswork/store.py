"""Open a book: a SQLite file on this laptop or a team database URL.

Alembic owns the schema. A new book is created at the newest schema and seeded; an
older one is copied aside and upgraded; one written by a newer version of the app is
refused before anything touches it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from cswork import server
from cswork.audit import Expected, StaleEdit, check_versions, record_edits
from cswork.snapshot import copy_book

# The newest migration this code knows. tests/core/test_store.py checks it against Alembic,
# so start-up can compare versions without loading the migration scripts.
SCHEMA_HEAD = "0006"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000


class BookError(Exception):
    """The book cannot be opened; the message says why in words a user understands."""


class BookTooNew(BookError):
    pass


class ServerUnavailable(BookError):
    """A team book's server cannot be reached or refused us; the message says which."""


@dataclass
class Book:
    """An open book. ``session()`` reads; ``writing()`` is one write transaction."""

    url: URL
    engine: Engine
    path: Path | None
    _sessions: sessionmaker[Session]
    _write_sessions: sessionmaker[Session]
    # Who the book is open as (a person's id): the audit trail names them on each edit.
    actor_id: int | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def writing(self, expected: Expected | None = None) -> Iterator[Session]:
        """A session in one write transaction, committed at the end or rolled back.

        On SQLite it starts with BEGIN IMMEDIATE, so two writers queue on the busy
        timeout instead of failing when a read transaction tries to become a write.
        ``expected`` maps (model, id) to the version the user read: if someone has
        saved one of those records since, ``StaleEdit`` says who changed what."""
        with self._write_sessions() as session, session.begin():
            session.info["actor_id"] = self.actor_id
            if expected:
                check_versions(session, expected)
            try:
                yield session
                session.flush()
            except StaleDataError as exc:  # a save raced ours between the check and now
                raise StaleEdit([], {}) from exc

    def close(self) -> None:
        self.engine.dispose()

    @property
    def label(self) -> str:
        return str(self.path) if self.path else server.where(self.url)


def book_url(target: str | os.PathLike[str] | URL) -> URL:
    if isinstance(target, URL):
        return target
    text = os.fspath(target)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


def open_book(target: str | os.PathLike[str] | URL, *, create: bool = True) -> Book:
    """Open (creating, upgrading or refusing) the book at a file path or database URL."""
    url = book_url(target)
    path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
    revision = None
    if path is not None:
        if not path.exists():
            if not create:
                raise BookError(f"There is no book at {path}.")
            _create_private_file(path)
        revision = _sqlite_revision(path)
        if revision is not None:
            _check_known(revision, str(path))
            if revision != SCHEMA_HEAD:
                backup_before_upgrade(path, revision)
    engine = _make_engine(url)
    if revision != SCHEMA_HEAD:  # a server's revision is read under its lock
        _prepare_schema(engine, url)
    book = Book(
        url=url,
        engine=engine,
        path=path,
        _sessions=sessionmaker(engine, expire_on_commit=False),
        _write_sessions=sessionmaker(
            engine.execution_options(cswork_write=True), expire_on_commit=False
        ),
    )
    record_edits(book._sessions)
    record_edits(book._write_sessions)
    return book


def _create_private_file(path: Path) -> None:
    """Create an empty book file readable by its owner only; SQLite gives its -wal and
    -shm files the same mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # No O_EXCL: someone opening the same new book at this moment may have made it.
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


SQLITE_MAGIC = b"SQLite format 3\x00"


def _sqlite_revision(path: Path) -> str | None:
    """The schema revision of a book file, read without changing the file in any way.

    Returns None for an empty file; raises BookError for a file that is not a book."""
    with path.open("rb") as f:
        header = f.read(len(SQLITE_MAGIC))
    if not header:
        return None
    if header != SQLITE_MAGIC:
        raise BookError(f"{path} is not a CSM workbench book (not a SQLite database).")
    # immutable=1 creates no -wal/-shm files; when a -wal exists (the book is open
    # elsewhere, or was not closed cleanly) it must be read through normal locking.
    wal_exists = path.with_name(path.name + "-wal").exists()
    uri = f"{path.as_uri()}?mode=ro" + ("" if wal_exists else "&immutable=1")
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                if tables:
                    raise BookError(f"{path} is a SQLite database, but not a CSM workbench book.")
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BookError(f"{path} cannot be read as a book: {exc}.") from exc
    return row[0] if row else None


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}


def check_revision(revision: str | None, where: str) -> None:
    """Refuse a book written by a newer version of the app (BookTooNew)."""
    if revision is not None:
        _check_known(revision, where)


def _check_known(revision: str, where: str) -> None:
    if revision != SCHEMA_HEAD and revision not in _known_revisions():
        raise BookTooNew(
            f"The book {where} was saved by a newer version of CSM Workbench "
            f"(schema {revision}; this version knows up to {SCHEMA_HEAD}). "
            "Update the app to open it; the book has not been changed."
        )


def backup_before_upgrade(path: Path, revision: str) -> Path:
    """Copy the book aside (SQLite's online backup) before a migration touches it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.before-upgrade-{revision}-{stamp}{path.suffix}")
    if target.exists():  # someone opening the same book this second has just made it
        return target
    return copy_book(path, target)


def _make_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(
            server.with_password(url), pool_pre_ping=True, connect_args=server.connect_args(url)
        )
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        _use_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        immediate = conn.get_execution_options().get("cswork_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _use_wal(cursor: sqlite3.Cursor) -> None:
    """Switch a book to write-ahead logging (it stays so in the file).

    The switch takes an exclusive lock and SQLite does not wait on the busy handler
    for it, so when someone else is opening the same new book it is retried."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


# Any constant: the advisory lock that lets one app instance at a time create or upgrade
# a team database's schema (two people opening a new team book at once).
SCHEMA_LOCK_KEY = 0x6353_5742  # "cSWB"


def _prepare_schema(engine: Engine, url: URL) -> None:
    """Create (and seed) or upgrade a book's schema in one transaction.

    Whoever opens a new or older book at the same moment waits on the lock (SQLite's
    BEGIN IMMEDIATE, a PostgreSQL advisory lock) and then finds the schema ready."""
    from alembic import command
    from alembic.config import Config
    from alembic.migration import MigrationContext

    try:
        with engine.execution_options(cswork_write=True).begin() as connection:
            if url.get_backend_name() == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY}
                )
            revision = MigrationContext.configure(connection).get_current_revision()
            if revision == SCHEMA_HEAD:
                return
            if revision is not None:
                _check_known(revision, server.where(url))
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if revision is None:
                from cswork.seed import seed_new_book

                with Session(connection) as session:
                    seed_new_book(session)
                    session.flush()
    except (OperationalError, InterfaceError) as exc:
        if url.get_backend_name() == "sqlite":
            raise
        raise ServerUnavailable(server.explain(exc, url)) from exc
