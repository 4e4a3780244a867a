"""Nothing lost: backups and restore, one window per book, a process killed
mid-import or mid-scan, two writers at once."""

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from cswork.backup import BackupError, check_backup, copy_book, daily_backup, prune, restore
from cswork.cli import main
from cswork.lock import BookInUse, BookLock
from cswork.models import Account
from cswork.store import open_book
from tests.conftest import REPO, TODAY
from tests.factories import add_account, add_people


@pytest.fixture
def book_path(tmp_path):
    """These tests are about the SQLite file itself, so only SQLite."""
    return tmp_path / "book.db"


def count(path, table):
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def integrity(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


# -- backups -------------------------------------------------------------------------------
def test_a_backup_of_an_open_book_is_whole_and_private(book, book_path, tmp_path):
    add_account(book, TODAY, 30, external_id="A")
    copy = copy_book(book_path, tmp_path / "copy.db")  # the book is open and in WAL mode
    assert count(copy, "accounts") == 1 and integrity(copy) == "ok"
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    with pytest.raises(BackupError, match="already exists"):
        copy_book(book_path, copy)


def test_daily_backups_keep_seven_days_and_four_weeks(book_path, tmp_path):
    open_book(book_path).close()
    folder = tmp_path / "backups"
    for n in range(40):
        daily_backup(book_path, date(2026, 11, 23) - timedelta(days=39 - n), folder)
    assert daily_backup(book_path, date(2026, 11, 23), folder) is None  # one a day
    kept = sorted(p.name for p in folder.iterdir())
    days = [date.fromisoformat(name[len("book-") : -3]) for name in kept]
    assert days[-7:] == [date(2026, 11, 23) - timedelta(days=6 - n) for n in range(7)]
    assert len(days) == 11 and len({d.isocalendar()[1] for d in days[:4]}) == 4
    assert prune(folder, "book") == []


def test_restore_checks_the_file_and_keeps_the_book_it_replaces(book, book_path, tmp_path):
    add_account(book, TODAY, 30, external_id="OLD")
    saved = copy_book(book_path, tmp_path / "saved.db")
    add_account(book, TODAY, 30, external_id="NEW")
    book.close()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    for bad in (junk, tmp_path / "missing.db"):
        with pytest.raises(BackupError):
            check_backup(bad)
    assert count(book_path, "accounts") == 2  # a bad file replaced nothing

    kept = restore(book_path, saved)

    assert count(book_path, "accounts") == 1 and count(kept, "accounts") == 2
    reopened = open_book(book_path)
    with reopened.session() as session:
        assert [a.external_id for a in session.query(Account)] == ["OLD"]
    reopened.close()


def test_a_backup_from_a_newer_version_is_refused(book_path, tmp_path):
    open_book(book_path).close()
    newer = copy_book(book_path, tmp_path / "newer.db")
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(BackupError, match="newer version"):
        check_backup(newer)


def test_backup_and_restore_commands(book, book_path, tmp_path, capsys):
    add_account(book, TODAY, 30, external_id="A")
    out = tmp_path / "b.db"
    assert main(["backup", "--out", str(out), "--db", str(book_path)]) == 0
    assert main(["restore", str(out), "--db", str(book_path)]) == 0
    assert "replaced is kept" in capsys.readouterr().out
    assert main(["restore", str(tmp_path / "nope.db"), "--db", str(book_path)]) == 2


# -- one window per book -----------------------------------------------------------------
def test_a_second_window_on_the_same_book_is_refused(book_path):
    with BookLock(book_path):
        with pytest.raises(BookInUse, match=f"process {os.getpid()}"):
            BookLock(book_path).acquire()
        with pytest.raises(BookInUse), BookLock(book_path):  # restore respects it too
            pass
    with BookLock(book_path):  # released on exit
        pass


def test_a_lock_held_by_a_killed_process_is_free(book_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from cswork.lock import BookLock; BookLock(Path(sys.argv[1])).acquire(); "
            "print('locked', flush=True); time.sleep(60)",
            str(book_path),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(BookInUse):
        BookLock(book_path).acquire()
    holder.kill()
    holder.wait()
    with BookLock(book_path):  # no stale lock after a crash
        pass


# -- killed mid-write ------------------------------------------------------------------------
def big_csv(path: Path, rows: int) -> Path:
    lines = ["external_id,name,arr,renewal_date,segment"]
    lines += [
        f"X{n},Customer {n},{1000 + n}.50,2027-03-{1 + n % 28:02d},low-touch" for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def kill_once_writing(command: list[str], book_path: Path) -> int:
    """Start ``command``, SIGKILL it as soon as the book's write-ahead log grows."""
    wal = Path(f"{book_path}-wal")
    start = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > start + 64 * 1024:
            break
        time.sleep(0.005)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    return process.wait()


def test_an_import_killed_midway_leaves_all_or_nothing(book, book_path, tmp_path):
    book.close()
    csv_file = big_csv(tmp_path / "big.csv", 60_000)
    code = kill_once_writing(
        [sys.executable, "main.py", "import", "accounts", str(csv_file), "--db", str(book_path)],
        book_path,
    )
    assert code == -signal.SIGKILL, "the import finished before it could be killed"
    assert integrity(book_path) == "ok"
    assert count(book_path, "accounts") in (0, 60_000)
    reopened = open_book(book_path)  # and the book opens as usual
    reopened.close()


def test_a_scan_killed_midway_leaves_all_or_nothing(tmp_path):
    path = tmp_path / "demo.db"
    assert (
        main(["demo", "--accounts", "8000", "--as-of", TODAY.isoformat(), "--db", str(path)]) == 0
    )
    whole = copy_book(path, tmp_path / "whole.db")
    assert main(["alerts", "--as-of", TODAY.isoformat(), "--db", str(whole)]) == 0
    before, complete = count(path, "ctas"), count(whole, "ctas")

    kill_once_writing(
        [sys.executable, "main.py", "alerts", "--as-of", TODAY.isoformat(), "--db", str(path)], path
    )

    assert integrity(path) == "ok"
    assert count(path, "ctas") in (before, complete)  # the scan's one transaction, or none
    assert main(["alerts", "--as-of", TODAY.isoformat(), "--db", str(path)]) == 0
    assert count(path, "ctas") == complete  # the next scan finishes the job


# -- two writers ------------------------------------------------------------------------------
def test_an_import_while_a_scan_runs_loses_nothing(tmp_path):
    path = tmp_path / "demo.db"
    assert (
        main(["demo", "--accounts", "2000", "--as-of", TODAY.isoformat(), "--db", str(path)]) == 0
    )
    csv_file = big_csv(tmp_path / "more.csv", 5_000)
    scan = subprocess.Popen(
        [sys.executable, "main.py", "alerts", "--as-of", TODAY.isoformat(), "--db", str(path)],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
    )
    load = subprocess.Popen(
        [sys.executable, "main.py", "import", "accounts", str(csv_file), "--db", str(path)],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
    )
    results = [(p.wait(timeout=120), p.stderr.read()) for p in (scan, load)]
    assert [code for code, _ in results] == [0, 0], results
    assert count(path, "accounts") == 7_000 and integrity(path) == "ok"


def test_a_note_while_a_backup_runs(book, book_path, tmp_path):
    from cswork.enums import TimelineKind
    from cswork.timeline import add_entry

    people = add_people(book)
    account = add_account(book, TODAY, 30, external_id="A", csm_id=people["csm"])
    backup = subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "backup",
            "--out",
            str(tmp_path / "b.db"),
            "--db",
            str(book_path),
        ],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
    )
    with book.writing() as session:
        add_entry(session, account, TimelineKind.NOTE, "written during a backup", TODAY)
    assert backup.wait(timeout=60) == 0
    assert count(book_path, "timeline_entries") == 1
