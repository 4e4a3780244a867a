"""The ``book`` and ``book_path`` fixtures, which tests/conftest.py makes everyone's.

Every test runs on SQLite, and on PostgreSQL too when CSWORK_TEST_POSTGRES names a
server where the test user may create databases (``.ci/run`` starts a throwaway one;
see the README). Each PostgreSQL test gets a database of its own, dropped afterwards;
``book_path`` is then the book's URL, so command-line tests pass it to ``--db``
unchanged. A module about the SQLite file itself overrides ``book_path`` with a path.

A new book is made (migrated and seeded) once per session and backend, in each xdist
worker, and ``book`` starts every test on a copy of it: a file copy for SQLite, a
database created from it as a template for PostgreSQL. Running the migrations for each
test took a quarter to half a second. ``book_path`` without ``book`` is still a path
with no book yet, or an empty database; tests/core/test_store.py, which is about
creating and upgrading books, opens real new ones."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from cswork.store import open_book

POSTGRES = os.environ.get("CSWORK_TEST_POSTGRES")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES else ["sqlite"]


def fresh_postgres_database(template: str | None = None) -> str:
    """Create a database on the test server, empty or a copy of ``template`` (a
    database nobody is connected to); returns its URL."""
    server = make_url(POSTGRES)
    name = f"cswork_test_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str) -> None:
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def book_path(request, tmp_path):
    """Where the test's book lives: a file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield tmp_path / "book.db"
        return
    # A test that opens `book` gets the new book's copy; else an empty database.
    template = (
        request.getfixturevalue("new_postgres_book") if "book" in request.fixturenames else None
    )
    url = fresh_postgres_database(template)
    yield url
    drop_postgres_database(url)


@pytest.fixture(scope="session")
def new_sqlite_book(tmp_path_factory) -> Path:
    """A new SQLite book as ``open_book`` makes it (migrated, seeded), never opened again."""
    path = tmp_path_factory.mktemp("new-book") / "book.db"
    open_book(path).close()
    assert not path.with_name(path.name + "-wal").exists()  # closed: all in the file
    return path


@pytest.fixture(scope="session")
def new_postgres_book():
    """The name of a database holding a new book, never opened again."""
    url = fresh_postgres_database()
    open_book(url).close()
    yield make_url(url).database
    drop_postgres_database(url)


def copy_new_book(template: Path, target: Path) -> None:
    """Put a new book at ``target`` as ``open_book`` would: private to its owner."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    target.chmod(0o600)


@pytest.fixture
def book(book_path, request):
    if isinstance(book_path, Path) and not book_path.exists():
        copy_new_book(request.getfixturevalue("new_sqlite_book"), book_path)
    opened = open_book(book_path)
    yield opened
    opened.close()


def dangling_references(session) -> list:
    """Rows whose foreign keys point nowhere. PostgreSQL enforces references on every
    write, so only SQLite (which can have them switched off) needs looking at."""
    if session.get_bind().dialect.name != "sqlite":
        return []
    return session.execute(text("PRAGMA foreign_key_check")).all()
