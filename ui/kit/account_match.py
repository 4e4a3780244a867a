"""Accounts matching what the user types, best first: Ctrl+K's jump list and the new-CTA
dialog's account picker."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from cswork.book import AccountRow, jump_matches
from cswork.money import format_money
from ui.kit.look import band_icon
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
