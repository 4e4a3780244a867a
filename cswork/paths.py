"""Where a user's books live when no --db is given."""

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "cswork"


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def default_book_path() -> Path:
    return data_dir() / "book.db"


def demo_book_path() -> Path:
    return data_dir() / "demo.db"
