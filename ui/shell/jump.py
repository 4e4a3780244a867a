"""Ctrl+K: jump to any account by typing part of its name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from cswork.book import AccountRow
from ui.kit.account_match import MatchModel
from ui.kit.look import MUTED_COLOUR


class JumpDialog(QDialog):
    """Type, arrow down, Enter. ``chosen_account_id`` holds the pick after exec()."""

    def __init__(self, rows: Sequence[AccountRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Go to account")
        self.resize(640, 420)
        self.chosen_account_id: int | None = None
        self.model = MatchModel(rows, self)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Type part of an account name or id…")
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.hint = QLabel("↑↓ to choose · Enter to open · Esc to close")
        self.hint.setStyleSheet(f"color: {MUTED_COLOUR};")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self.query.textChanged.connect(self._search)
        self.query.returnPressed.connect(self._choose_current)
        self.list.activated.connect(lambda index: self._choose(index.row()))
        self.query.installEventFilter(self)

    def _search(self, text: str) -> None:
        self.model.search(text)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def eventFilter(self, watched, event) -> bool:
        # Arrow keys in the search box move the choice in the list.
        moves = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)
        if watched is self.query and event.type() == event.Type.KeyPress and event.key() in moves:
            self.list.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    def _choose_current(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self._choose(index.row())

    def _choose(self, row: int) -> None:
        self.chosen_account_id = self.model.account_id(row)
        self.accept()
