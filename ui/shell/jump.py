"""Ctrl+K: jump to any account by typing part of its name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from cswork.book import AccountRow, jump_matches
from cswork.money import format_money
from ui.kit.look import MUTED_COLOUR, band_icon
from ui.kit.qtypes import AnyIndex


class MatchModel(QAbstractListModel):
    def __init__(self, rows: Sequence[AccountRow], parent=None) -> None:
        super().__init__(parent)
        self._rows = rows
        self._matches: list[int] = []

    def search(self, needle: str) -> None:
        self.beginResetModel()
        try:
            self._matches = jump_matches(self._rows, needle)
        finally:
            self.endResetModel()

    def account_id(self, row: int) -> int:
        return self._rows[self._matches[row]].id

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._matches)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[self._matches[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            arr = format_money(row.arr_cents, row.currency, whole=True)
            return f"{row.name}   ·   {row.segment}   ·   {arr}   ·   {row.external_id}"
        if role == Qt.ItemDataRole.DecorationRole:
            return band_icon(row.band)
        return None


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
