"""A SQLite book copied whole while it is open (SQLite's online backup API): what the
daily backups, the copy taken before a migration and the restore's safety copy are."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class BackupError(Exception):
    """A backup or restore cannot be done; the message says why."""


def copy_book(source: Path, target: Path) -> Path:
    """Copy a book, consistent even while it is being written, into a new file that only
    its owner can read."""
    if target.exists():
        raise BackupError(f"{target} already exists.")
    target.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    except sqlite3.Error as exc:
        dst.close()
        target.unlink(missing_ok=True)
        raise BackupError(f"Could not back up {source.name}: {exc}.") from exc
    finally:
        src.close()
    dst.close()
    return target
