"""An editable plan table for the keyboard, and the editors its cells open.

Enter or F2 edits the current cell and Enter commits; Tab moves to the next cell;
typing starts an edit; Delete empties a cell that may be empty (a date, an owner)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from ui.customer360.plan.models import PlanTableModel

Choices = Callable[[], list[tuple[str, Any]]]


class RoomyDelegate(QStyledItemDelegate):
    """An editor as wide as it needs (a drop-down, a date with its calendar button),
    even in a narrow column; kept inside the table."""

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:
        rect = option.rect
        width = max(rect.width(), editor.sizeHint().width())
        right = editor.parentWidget().width() if editor.parentWidget() else rect.right()
        left = max(0, min(rect.x(), right - width))
        editor.setGeometry(left, rect.y(), width, rect.height())
        editor.setAutoFillBackground(True)  # it may cover the next cell: hide its text


class ChoiceDelegate(RoomyDelegate):
    """A drop-down of (label, value) pairs; picking one commits it."""

    def __init__(self, choices: Choices, parent=None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setFrame(False)
        offered = self.choices()
        for label, _ in offered:
            combo.addItem(label)
        combo.values = offered  # kept with the editor they belong to
        combo.activated.connect(lambda _: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        current = index.data(Qt.ItemDataRole.EditRole)
        values = [value for _, value in editor.values]
        editor.setCurrentIndex(values.index(current) if current in values else 0)

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.values[editor.currentIndex()][1])


class DateDelegate(RoomyDelegate):
    """A date with a calendar; an empty cell starts at today."""

    def __init__(self, today: Callable[[], date], parent=None) -> None:
        super().__init__(parent)
        self.today = today

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("d MMM yyyy")
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QDateEdit, index: QModelIndex) -> None:
        day = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(day if isinstance(day, QDate) and day.isValid() else QDate(self.today()))

    def setModelData(self, editor: QDateEdit, model, index: QModelIndex) -> None:
        model.setData(index, editor.date().toPython())


class PercentDelegate(RoomyDelegate):
    """Progress, 0 to 100 percent, in steps of 5."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(0, 100)
        spin.setSingleStep(5)
        spin.setSuffix("%")
        spin.setFrame(False)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return spin

    def setEditorData(self, editor: QSpinBox, index: QModelIndex) -> None:
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 0))

    def setModelData(self, editor: QSpinBox, model, index: QModelIndex) -> None:
        editor.interpretText()
        model.setData(index, editor.value())


class PlanTable(QTableView):
    def __init__(self, model: PlanTableModel, stretch: str, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(model.column_of(stretch), QHeaderView.ResizeMode.Stretch)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        index = self.currentIndex()
        if not editing and index.isValid():
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit(index)
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.model().clear(index)
                return
        super().keyPressEvent(event)

    def edit_cell(self, row: int, field: str) -> None:
        """Select a cell and open its editor (a new row's title, say)."""
        index = self.model().index(row, self.model().column_of(field))
        self.setFocus()
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.edit(index)
