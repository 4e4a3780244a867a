"""Edits to one account as undoable BookEdits, with the news a screen needs.

``written(account_id)`` after an edit lands, is undone or redone: the screens showing
that account read it again. ``refused(message)`` when the core refuses an edit (an
objective without a title, a score above 100): the message is the core's, shown inline,
and the refused edit leaves the undo history, so Ctrl+Z takes back the last real one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from cswork.audit import Expected
from cswork.store import Book
from ui.kit.background import Workers
from ui.kit.undo import BookEdit, Unwrite, Write, edit


class AccountEdits(QObject):
    written = Signal(int)  # account id
    refused = Signal(str)

    def __init__(self, book: Book, workers: Workers, stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.book, self.workers, self.stack = book, workers, stack

    def push(
        self,
        text: str,
        account_id: int,
        write: Write,
        unwrite: Unwrite,
        first_written: Callable[[], None] | None = None,
        expected: Expected | None = None,
    ) -> BookEdit:
        """Do the edit now on the writer thread; ``first_written`` runs once, after the
        first write lands (to select a new row, say), not after an undo or redo.
        ``expected``: the edited records' versions as shown (a stale save is asked about)."""
        pending = [first_written]
        command: list[BookEdit] = []

        def written() -> None:
            self.written.emit(account_id)
            callback, pending[0] = pending[0], None
            if callback is not None:
                callback()

        def failed(message: str) -> None:
            drop_refused(self.stack, command[0])
            if command[0].stale:  # the user took the colleague's version
                message = command[0].refusal
            self.refused.emit(message)
            self.written.emit(account_id)  # show what the book holds again

        command.append(
            edit(
                self.stack, text, self.book, self.workers, write, unwrite, written, failed, expected
            )
        )
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
