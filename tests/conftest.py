import os
from datetime import date

import pytest

# Qt must find its platform before it loads (GUI tests); harmless for core tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cswork.store import open_book

TODAY = date(2026, 11, 23)


@pytest.fixture
def book_path(tmp_path):
    return tmp_path / "book.db"


@pytest.fixture
def book(book_path):
    opened = open_book(book_path)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory, monkeypatch):
    """The app's user data folder (books, backups) is a temporary one in every test."""
    home = tmp_path_factory.mktemp("user-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
