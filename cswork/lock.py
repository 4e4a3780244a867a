"""One window per book: a lock the operating system releases when the process ends, so
a crash never leaves a stale lock behind."""

from __future__ import annotations

import os
from pathlib import Path

try:  # POSIX
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True


class BookInUse(Exception):
    """The book is open in another window; the message says which process."""


def lock_path(book: Path) -> Path:
    return book.with_name(book.name + ".lock")


class BookLock:
    """Held while a window has the book open. The command line does not take it (it
    writes through SQLite's own locking); restoring a backup does, since it replaces
    the file."""

    def __init__(self, book: Path) -> None:
        self.path = lock_path(book)
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            holder = os.read(fd, 100).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            raise BookInUse(
                f"This book is already open in another CSM Workbench window{who}. "
                "Switch to that window, or close it first."
            )
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the lock
            self._fd = None
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> BookLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
