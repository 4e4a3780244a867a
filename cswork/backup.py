"""Backups of a SQLite book, taken while it is open (SQLite's online backup API):
before every migration, daily while the app runs (keeping 7 daily and 4 weekly), and
on demand; and restoring one, checked before anything is replaced."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from cswork import paths
from cswork.snapshot import BackupError, copy_book
from cswork.store import BookError, check_revision

SQLITE_MAGIC = b"SQLite format 3\x00"
KEEP_DAILY, KEEP_WEEKLY = 7, 4


def backup_folder(book: Path) -> Path:
    return paths.data_dir() / "backups" / book.stem


def backup_now(book: Path, out: Path | None = None, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return copy_book(book, out or backup_folder(book) / f"{book.stem}-{stamp}.db")


def daily_backup(book: Path, today: date, folder: Path | None = None) -> Path | None:
    """Today's backup, unless there is one already; then keep 7 daily and 4 weekly."""
    folder = folder or backup_folder(book)
    target = folder / f"{book.stem}-{today.isoformat()}.db"
    made = None if target.exists() else copy_book(book, target)
    prune(folder, book.stem)
    return made


def prune(folder: Path, stem: str) -> list[Path]:
    """Remove daily backups beyond the newest 7, keeping the newest of each of the 4
    weeks before them; returns what was removed."""
    dated = []
    for path in folder.glob(f"{stem}-????-??-??.db"):
        try:
            dated.append((date.fromisoformat(path.stem[len(stem) + 1 :]), path))
        except ValueError:
            continue
    dated.sort(reverse=True)
    keep = {path for _, path in dated[:KEEP_DAILY]}
    weeks_kept: set[tuple[int, int]] = set()
    for day, path in dated[KEEP_DAILY:]:
        week = day.isocalendar()[:2]
        if week not in weeks_kept and len(weeks_kept) < KEEP_WEEKLY:
            weeks_kept.add(week)
            keep.add(path)
    removed = [path for _, path in dated if path not in keep]
    for path in removed:
        path.unlink()
    return removed


@dataclass(frozen=True)
class Checked:
    revision: str | None
    accounts: int


def check_backup(source: Path) -> Checked:
    """Is this file a sound book this version can open? Raises BackupError saying why."""
    if not source.is_file():
        raise BackupError(f"There is no file {source}.")
    with source.open("rb") as f:
        if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BackupError(f"{source.name} is not a CSM workbench book (not SQLite).")
    try:
        con = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        try:
            verdict = con.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"{source.name} is damaged: {verdict}.")
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables or "accounts" not in tables:
                raise BackupError(f"{source.name} is a SQLite file, but not a book.")
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
            accounts = con.execute("SELECT count(*) FROM accounts").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source.name} cannot be read: {exc}.") from exc
    revision = revision[0] if revision else None
    try:
        check_revision(revision, str(source))
    except BookError as exc:
        raise BackupError(str(exc)) from exc
    return Checked(revision, accounts)


def restore(book: Path, source: Path, now: datetime | None = None) -> Path:
    """Replace the book with a backup, after checking the backup; the book it replaces
    is kept beside it. Returns where the replaced book was kept. The book must not be
    open elsewhere (the caller checks the lock)."""
    check_backup(source)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    kept = book.with_name(f"{book.stem}.replaced-{stamp}{book.suffix}")
    if book.exists():
        copy_book(book, kept)
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(book)
    try:
        src.backup(dst)  # page by page, in one transaction on the destination
    finally:
        src.close()
        dst.close()
    os.chmod(book, 0o600)
    return kept
