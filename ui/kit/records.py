"""Read-only tables of records: one model base and one way to set a view up, so every
list in the window behaves alike (whole-row selection, no grid, no row numbers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ui.kit.qtypes import AnyIndex


class RecordsModel(QAbstractTableModel):
    """Records in rows under ``columns`` headings; subclasses answer ``data``."""

    columns: Sequence[str] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._records: list[Any] = []

    def _replace(self, records) -> None:
        self.beginResetModel()
        try:
            self._records = list(records)
        finally:
            self.endResetModel()

    def record(self, index: QModelIndex | int) -> Any:
        row = index if isinstance(index, int) else (index.row() if index.isValid() else -1)
        return self._records[row] if 0 <= row < len(self._records) else None

    def records(self) -> list[Any]:
        return list(self._records)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None


def as_record_list(table: QTableView) -> QTableView:
    """Set a view up as a read-only list of records."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    return table
