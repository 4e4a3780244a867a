"""The one way the window changes the book: ``Edits.push``.

Every edit is done at once on the single writer thread, checked against the versions
the user saw, and put on the window's undo history. When it lands, or is undone or
redone, ``Edits.changed`` carries the ``Changes`` it declared, and the window hands
them to every page. A refused edit (the core's rule, or a colleague's newer save) is
explained where it was made and taken out of the history, so Ctrl+Z takes back the
last real edit.

A ``BookEdit`` writes on the single writer thread when it is done (or redone) and
writes the old values back when it is undone. ``write`` returns what ``unwrite``
needs (the old values, a deleted record's fields); it is kept on the writer thread,
so an undo queued right behind its edit still finds it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from shiboken6 import Shiboken
from sqlalchemy.orm import Session

from cswork.audit import Expected, StaleEdit, check_versions
from cswork.changes import Changes
from cswork.store import Book
from ui.kit.background import Workers

Write = Callable[[Session], Any]
Unwrite = Callable[[Session, Any], Any]


class BookEdit(QUndoCommand):
    def __init__(
        self,
        text: str,
        book: Book,
        workers: Workers,
        write: Write,
        unwrite: Unwrite,
        on_written: Callable[[], None] = lambda: None,
        on_failed: Callable[[str], None] | None = None,
        expected: Expected | None = None,
    ) -> None:
        super().__init__(text)
        self._book, self._workers = book, workers
        self._write, self._unwrite = write, unwrite
        self._on_written, self._on_failed = on_written, on_failed
        # The versions of the records the user edited, as the screen showed them: the
        # first write is refused if someone saved one of them since, and so are an
        # undo and a redo (the user's own saves since are no conflict).
        self._expected = expected
        self._read: Expected = dict(expected or {})
        self._kept: Any = None
        self._written = False
        self._undoing = False
        # Refused because someone else saved first: the screen should show the book
        # again rather than keep the edit open. ``refusal`` says so in a line.
        self.stale = False
        self.refusal = ""

    def redo(self) -> None:
        if self.isObsolete():  # refused: the stack is dropping it (drop_refused)
            return
        expected, self._expected = self._expected, None
        self._undoing = False

        def work() -> None:
            with self._book.writing(expected) as session:
                if expected is None:  # a redo after an undo: nobody else since
                    check_versions(session, self._still_there(session))
                self._kept = self._write(session)
            self._written = True

        self._workers.writes.submit(work, lambda _: self._on_written(), self._failed)

    def undo(self) -> None:
        if self.isObsolete():
            return
        self._undoing = True

        def work() -> None:
            if not self._written:  # the edit itself failed: nothing to take back
                return
            with self._book.writing() as session:
                check_versions(session, self._still_there(session))
                self._unwrite(session, self._kept)
            self._written = False

        self._workers.writes.submit(work, lambda _: self._on_written(), self._failed)

    def _still_there(self, session: Session) -> Expected:
        """The edited records that exist now (an edit or its undo may itself add or
        remove one), with the versions the user read."""
        return {key: v for key, v in self._read.items() if session.get(*key) is not None}

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, StaleEdit):
            if not self._undoing and keep_mine(exc):
                self._expected = exc.current or None  # write over theirs, knowingly
                self._read = dict(exc.current)
                self.redo()
                return
            self.stale = True
            self.refusal = (
                "Not undone: someone else has changed it since; this shows theirs."
                if self._undoing
                else "Not saved: someone else changed it first; this shows theirs."
            )
        self.setObsolete(True)  # the stack drops it (drop_refused): nothing to undo
        if self._on_failed is not None:
            self._on_failed(str(exc))


def stale_edit_box(stale: StaleEdit) -> tuple[QMessageBox, QPushButton | None]:
    """The question ``keep_mine`` asks, and its "Keep mine" button (None when the
    record is gone and there is nothing to keep)."""
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed by someone else")
    box.setInformativeText(str(stale))
    if stale.removed:
        box.setText("This record was removed since you opened it, so your edit was not saved.")
        return box, None
    box.setText("Someone saved this record since you opened it. Your edit is not saved yet.")
    reload = box.addButton("Reload theirs", QMessageBox.ButtonRole.RejectRole)
    keep = box.addButton("Keep mine", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(reload)
    return box, keep


def keep_mine(stale: StaleEdit) -> bool:
    """Someone saved the record since this user opened it: show who changed what and
    ask whether to keep this user's edit or take theirs (reload)."""
    box, keep = stale_edit_box(stale)
    box.exec()
    return keep is not None and box.clickedButton() is keep


class Edits(QObject):
    """The window's edits to the book, on one undo history."""

    # Changes: an edit landed, was undone or redone, or was refused because a colleague
    # saved first (a refusal by the core's rules changed nothing)
    changed = Signal(object)

    def __init__(self, book: Book, workers: Workers, stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.book, self.workers, self.stack = book, workers, stack

    def push(
        self,
        text: str,
        write: Write,
        unwrite: Unwrite,
        changes: Changes,
        *,
        expected: Expected | None = None,
        form: QWidget | None = None,
        done: Callable[[], None] | None = None,
        refused: Callable[[str, bool], None] | None = None,
    ) -> BookEdit:
        """Do the edit now and make it undoable. ``text`` names it in Edit ▸ Undo;
        ``write(session)`` returns what ``unwrite(session, kept)`` needs to take it
        back. ``expected``: the edited records' versions as shown (``versions_of``).
        ``form``: the dialog it came from, accepted once written, or shown the refusal
        while it is open. ``done`` runs once, after the first write lands (to select a
        new row, say). ``refused(message, stale)`` explains a refusal that no form
        shows: the core's reason (the screen that showed the edit at once shows the
        book again), or (``stale``) a sentence saying a colleague's newer save stands."""
        pending_form = [form] if form is not None else []
        pending_done = [done] if done is not None else []
        command: list[BookEdit] = []

        def written() -> None:
            if pending_form and Shiboken.isValid(pending_form[0]):
                pending_form.pop().accept()
            self.changed.emit(changes)
            if pending_done:
                pending_done.pop()()

        def failed(message: str) -> None:
            drop_refused(self.stack, command[0])
            stale = command[0].stale  # the user took the colleague's version: show theirs
            open_form = pending_form.pop() if pending_form else None
            if open_form is not None and not Shiboken.isValid(open_form):
                open_form = None
            if stale and open_form is not None:
                open_form.reject()
            if stale:  # a colleague's save stands: every page shows theirs
                self.changed.emit(changes)
            if not stale and open_form is not None and open_form.isVisible():
                open_form.failed(message)  # type: ignore[attr-defined]
            elif refused is not None:
                refused(command[0].refusal if stale else message, stale)

        command.append(
            BookEdit(text, self.book, self.workers, write, unwrite, written, failed, expected)
        )
        self.stack.push(command[0])
        return command[0]


def drop_refused(stack: QUndoStack, command: BookEdit) -> None:
    """Take a refused edit out of the undo history: the last one done (its write was
    refused) or the last one undone (its undo was refused, so it stays written). It is
    obsolete, so the stack deletes it without calling it again."""
    if not command.isObsolete():
        return
    top = stack.index() - 1
    if top >= 0 and stack.command(top) is command:
        stack.undo()
    elif stack.index() < stack.count() and stack.command(stack.index()) is command:
        stack.redo()
