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
