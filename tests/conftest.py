import os
from datetime import date
from pathlib import Path

import pytest

# Qt must find its platform before it loads (GUI tests); harmless for core tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# `book` and `book_path` run each test on SQLite, and on PostgreSQL too when
# CSWORK_TEST_POSTGRES is set; tests about the SQLite file itself override `book_path`.
# `book` starts from a copy of a new book made once per session (`new_..._book`).
from tests.backends import book, book_path, new_postgres_book, new_sqlite_book  # noqa: F401

TODAY = date(2026, 11, 23)
REPO = Path(__file__).resolve().parent.parent  # where main.py is


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory, monkeypatch):
    """The app's user data folder (books, backups) is a temporary one in every test."""
    home = tmp_path_factory.mktemp("user-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
