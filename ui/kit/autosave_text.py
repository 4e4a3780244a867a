"""A plain-text box that saves on its own: no Save button to forget."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class AutosaveText(QPlainTextEdit):
    """Emits ``settled(text)`` after a pause in typing or when focus leaves, if the
    text differs from what was last saved. The book's value is shown with
    ``show_saved``; it never overwrites what the user is still typing."""

    settled = Signal(str)
    PAUSE_MS = 1200

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self._saved = ""
        # Lives with the box; each keystroke restarts it, a pause lets it fire.
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(self.PAUSE_MS)
        self._pause.timeout.connect(self.settle)
        self.textChanged.connect(self._typed)

    @property
    def unsaved(self) -> bool:
        return self.toPlainText() != self._saved

    def show_saved(self, text: str) -> None:
        if self.unsaved:
            return
        self._saved = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def settle(self) -> None:
        """Save now what was typed, if anything (before the box shows another account)."""
        self._pause.stop()
        if self.unsaved:
            self._saved = self.toPlainText()
            self.settled.emit(self._saved)

    def forget(self) -> None:
        """Show nothing and save nothing (no plan on screen)."""
        self._pause.stop()
        self._saved = ""
        self.setPlainText("")

    def _typed(self) -> None:
        if self.unsaved:
            self._pause.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.settle()
        super().focusOutEvent(event)
