"""Undo and redo for edits that are written to the book.

A ``BookEdit`` writes on the single writer thread when it is done (or redone) and
writes the old values back when it is undone. ``write`` returns what ``unwrite``
needs (the old values, a deleted record's fields); it is kept on the writer thread,
so an undo queued right behind its edit still finds it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from cswork.store import Book
from ui.tasks import Tasks

Write = Callable[[Session], Any]
Unwrite = Callable[[Session, Any], Any]


class BookEdit(QUndoCommand):
    def __init__(
        self,
        text: str,
        book: Book,
        tasks: Tasks,
        write: Write,
        unwrite: Unwrite,
        on_written: Callable[[], None] = lambda: None,
        on_failed: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._book, self._tasks = book, tasks
        self._write, self._unwrite = write, unwrite
        self._on_written, self._on_failed = on_written, on_failed
        self._kept: Any = None
        self._written = False

    def redo(self) -> None:
        def work() -> None:
            with self._book.writing() as session:
                self._kept = self._write(session)
            self._written = True

        self._tasks.writes.submit(work, lambda _: self._on_written(), self._failed)

    def undo(self) -> None:
        def work() -> None:
            if not self._written:  # the edit itself failed: nothing to take back
                return
            with self._book.writing() as session:
                self._unwrite(session, self._kept)
            self._written = False

        self._tasks.writes.submit(work, lambda _: self._on_written(), self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.setObsolete(True)  # the stack drops it: there is nothing to undo
        if self._on_failed is not None:
            self._on_failed(str(exc))


def edit(
    stack: QUndoStack,
    text: str,
    book: Book,
    tasks: Tasks,
    write: Write,
    unwrite: Unwrite,
    on_written: Callable[[], None] = lambda: None,
    on_failed: Callable[[str], None] | None = None,
) -> BookEdit:
    """Do an edit now (pushing runs it) and make it undoable."""
    command = BookEdit(text, book, tasks, write, unwrite, on_written, on_failed)
    stack.push(command)
    return command
