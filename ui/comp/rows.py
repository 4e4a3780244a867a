"""Editable rows of a plan's multipliers: renewal accelerators by contract length
(24 months x1.1, 36 months x1.2) and upsell tiers by share of quota (above 100 % x1.5).

The rows keep what the user typed, so a half-typed row stays on screen, marked, with
its reason below the table."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.comp.words import multiplier_text, parse_number
from ui.kit.look import OVERDUE_COLOUR
from ui.kit.qtypes import AnyIndex

_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class MultiplierRows(QAbstractTableModel):
    """Two columns, a threshold and its multiplier, as text."""

    edited = Signal()

    def __init__(
        self,
        threshold_caption: str,
        parse_threshold: Callable[[str], Any],
        show_threshold: Callable[[Any], str],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._captions = (threshold_caption, "Multiplier")
        self._parse, self._show = parse_threshold, show_threshold
        self._rows: list[list[str]] = []
        self._red = QColor(OVERDUE_COLOUR)

    # -- values ----------------------------------------------------------------------
    def set_values(self, values: dict) -> None:
        self.beginResetModel()
        try:
            self._rows = [[self._show(k), multiplier_text(v)] for k, v in sorted(values.items())]
        finally:
            self.endResetModel()

    def texts(self) -> list[list[str]]:
        return [list(row) for row in self._rows]

    def set_texts(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        try:
            self._rows = [list(row) for row in rows]
        finally:
            self.endResetModel()

    def problems(self) -> dict[int, str]:
        """Row -> why it cannot be saved."""
        found: dict[int, str] = {}
        seen: set = set()
        for row, (threshold, multiplier) in enumerate(self._rows):
            try:
                key = self._parse(threshold)
                _multiplier(multiplier)
            except ValueError as exc:
                found[row] = str(exc)
                continue
            if key in seen:
                found[row] = f"{threshold.strip()} is there twice."
            seen.add(key)
        return found

    def values(self) -> dict | None:
        """Threshold -> multiplier, or None while a row is wrong."""
        if self.problems():
            return None
        return {self._parse(t): _multiplier(m) for t, m in self._rows}

    def add_row(self, threshold: str = "", multiplier: str = "") -> None:
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append([threshold, multiplier])
        self.endInsertRows()
        self.edited.emit()

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.edited.emit()

    # -- Qt --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._captions[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):
            problem = self.problems().get(index.row())
            if problem:
                return self._red if role == Qt.ItemDataRole.ForegroundRole else problem
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self._rows[index.row()][index.column()] = str(value)
        row = index.row()
        self.dataChanged.emit(self.index(row, 0), self.index(row, 1))
        self.edited.emit()
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable


def _multiplier(text: str) -> Decimal:
    return parse_number(text, "a multiplier (type it like 1.1)")


class MultiplierEditor(QWidget):
    """The rows in a small table, Add and Remove beside it, the first problem below."""

    def __init__(self, title: str, model: MultiplierRows, new_row: tuple[str, str]) -> None:
        super().__init__()
        self.model = model
        self.table = QTableView()
        self.table.setModel(model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setFixedHeight(28 + 3 * 26 + 4)
        self.add = QPushButton("Add")
        self.add.clicked.connect(lambda: self._add(new_row))
        self.remove = QPushButton("Remove")
        self.remove.clicked.connect(self._remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        caption = QLabel(title)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(caption)
        layout.addLayout(row)
        layout.addWidget(self.message)
        model.edited.connect(self.show_problems)
        model.modelReset.connect(self.show_problems)

    def show_problems(self) -> None:
        problems = self.model.problems()
        first = min(problems) if problems else None
        self.message.setText("" if first is None else f"Row {first + 1}: {problems[first]}")
        self.message.setVisible(first is not None)

    def _add(self, new_row: tuple[str, str]) -> None:
        self.model.add_row(*new_row)
        last = self.model.index(self.model.rowCount() - 1, 0)
        self.table.setCurrentIndex(last)
        self.table.edit(last)

    def _remove(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.model.remove_row(current.row())
