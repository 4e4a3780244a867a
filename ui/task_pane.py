"""The task pane: open CTAs grouped Overdue / Today / This week / Later."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cswork.ctas import DUE_GROUPS, CtaItem, due_group
from ui.look import MUTED_COLOUR, OVERDUE_COLOUR, PRIORITY_COLOURS, day_text, dot_icon

_NO_GROUP = 0  # internalId of a group row; a CTA row holds its group number + 1


class CtaModel(QAbstractItemModel):
    """Two levels: the due groups (only those with CTAs), each with its CTAs."""

    def __init__(self, today: date, parent=None) -> None:
        super().__init__(parent)
        self.today = today
        self._groups: list[tuple[str, list[CtaItem]]] = []

    def set_items(self, items: list[CtaItem]) -> None:
        grouped: dict[str, list[CtaItem]] = {name: [] for name in DUE_GROUPS}
        for item in items:
            grouped[due_group(item.due_on, self.today)].append(item)
        self.beginResetModel()
        try:
            self._groups = [(name, grouped[name]) for name in DUE_GROUPS if grouped[name]]
        finally:
            self.endResetModel()

    def count(self) -> int:
        return sum(len(items) for _, items in self._groups)

    def cta(self, index: QModelIndex) -> CtaItem | None:
        if not index.isValid() or index.internalId() == _NO_GROUP:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _NO_GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _NO_GROUP)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _NO_GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Call to action", "Due")[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _NO_GROUP:
            name, items = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return f"{name}  ({len(items)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole and name == "Overdue":
                return QColor(OVERDUE_COLOUR)
            return None
        item = self._groups[index.internalId() - 1][1][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return f"{item.account_name} — {item.type}"
            return day_text(item.due_on)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return dot_icon(PRIORITY_COLOURS[item.priority])
        if role == Qt.ItemDataRole.ToolTipRole:
            owner = item.owner_name or "nobody"
            return f"{item.reason}\n{item.priority.capitalize()} priority · owner {owner}"
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            if item.due_on < self.today:
                return QColor(OVERDUE_COLOUR)
        return None


class TaskPane(QWidget):
    account_requested = Signal(int)
    scope_changed = Signal(bool)  # True: mine only

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CtaModel(today, self)
        self.mine = QRadioButton("Mine")
        self.everyone = QRadioButton("Everyone")
        self.mine.setChecked(True)
        scope = QButtonGroup(self)
        scope.addButton(self.mine)
        scope.addButton(self.everyone)
        self.mine.toggled.connect(self.scope_changed)
        top = QHBoxLayout()
        top.addWidget(self.mine)
        top.addWidget(self.everyone)
        top.addStretch(1)

        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.doubleClicked.connect(self._open)
        self.tree.activated.connect(self._open)
        self.empty = QLabel("Nothing to do. New CTAs appear here.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {MUTED_COLOUR}; padding: 16px;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        self.empty.hide()

    @property
    def mine_only(self) -> bool:
        return self.mine.isChecked()

    def set_items(self, items: list[CtaItem]) -> None:
        self.model.set_items(items)
        self.tree.expandAll()
        self.empty.setVisible(not items)
        self.tree.setVisible(bool(items))

    def _open(self, index: QModelIndex) -> None:
        item = self.model.cta(index)
        if item is not None:
            self.account_requested.emit(item.account_id)
