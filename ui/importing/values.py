"""The import wizard's "Values and dates" page: the day/month order of the file's dates,
and for each column whose field takes a fixed set of values (segment, status, stage...)
the values found in the file, each mapped to one of the field's choices. What the user
maps is remembered for the next file (cswork.importing.value_maps)."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from cswork.importing import ChoiceColumn, FileDates, ValueProblem
from cswork.importing.values import parse_date
from ui.importing.models import field_label
from ui.importing.pages import say as _say
from ui.importing.pages import wrapping_label as _wrapping
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.qtypes import AnyIndex
from ui.kit.records import RecordsModel

ChoiceRole = Qt.ItemDataRole.UserRole  # the value's chosen choice (or None)
NOT_MAPPED = "— not mapped: refused —"
ORDERS = (
    ("As the file's dates say", None),
    ("Month first: 03/04/2027 is 4 Mar 2027 (MDY)", "MDY"),
    ("Day first: 03/04/2027 is 3 Apr 2027 (DMY)", "DMY"),
    ("Year first: 2027/04/03 (YMD)", "YMD"),
)


class ValueRow(NamedTuple):
    field: str
    header: str
    text: str
    rows: int
    choices: tuple[str, ...]
    native: str | None  # what it reads as with no mapping (a choice or an alias)


class ValuesModel(RecordsModel):
    """One row per distinct value of each choice column: the column, the value, how
    many rows hold it, and the choice it reads as (editable)."""

    columns = ("Column", "Value in the file", "Rows", "Reads as")
    CHOICE = 3
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._chosen: list[str | None] = []
        self._refused = QColor(OVERDUE_COLOUR)
        self._muted = QColor(MUTED_COLOUR)

    def set_values(self, found: list[ChoiceColumn], native: list[ChoiceColumn]) -> None:
        """``found``: the values as they read with the remembered mapping; ``native``:
        the same, with none."""
        rows, chosen = [], []
        for column, plain in zip(found, native, strict=True):
            for value, bare in zip(column.values, plain.values, strict=True):
                rows.append(
                    ValueRow(
                        column.field,
                        column.header,
                        value.text,
                        value.rows,
                        column.choices,
                        bare.reads_as,
                    )
                )
                chosen.append(value.reads_as)
        self._chosen = chosen
        self._replace(rows)
        self.changed.emit()

    def chosen(self) -> dict[str, dict[str, str]]:
        """The value mapping the import is given: each value the user (or the book's
        memory) sends somewhere other than where it reads on its own."""
        mapping: dict[str, dict[str, str]] = {}
        for row, choice in zip(self._records, self._chosen, strict=True):
            if choice is not None and choice != row.native:
                mapping.setdefault(row.field, {})[row.text] = choice
        return mapping

    def unmapped(self) -> list[ValueRow]:
        return [row for row, choice in zip(self._records, self._chosen, strict=True) if not choice]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.record(index)
        if row is None:
            return None
        column, choice = index.column(), self._chosen[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.header, row.text, f"{row.rows:,}", choice or NOT_MAPPED)[column]
        if role == ChoiceRole and column == self.CHOICE:
            return choice
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.CHOICE and choice is None:
                return self._refused
            if column == 0:
                return self._muted
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.CHOICE else flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.CHOICE or role != ChoiceRole:
            return False
        if value == self._chosen[index.row()]:
            return True
        self._chosen[index.row()] = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, ChoiceRole])
        self.changed.emit()
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of the field's choices for the "Reads as" column."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        row = index.model().record(index)
        combo.addItem(NOT_MAPPED, None)
        for choice in row.choices:
            combo.addItem(choice, choice)
        if row.native is not None and combo.findData(row.native) < 0:
            combo.addItem(row.native, row.native)  # a currency beyond the usual ones
        combo.currentIndexChanged.connect(lambda _: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        editor.blockSignals(True)
        editor.setCurrentIndex(max(0, editor.findData(index.data(ChoiceRole))))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model, index: AnyIndex) -> None:
        model.setData(index, editor.currentData(), ChoiceRole)


def _shown(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def both_readings(text: str) -> str:
    """'03/04/2027 → 4 Mar 2027 or 3 Apr 2027'."""
    try:
        month_first, day_first = parse_date(text, "MDY"), parse_date(text, "DMY")
    except ValueProblem:
        return text
    return f"{text} → {_shown(month_first)} or {_shown(day_first)}"


class ValuesPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Values and dates")
        self.setSubTitle(
            "How the file's dates and its own words for segments, statuses and stages "
            "read. What you choose here is remembered for the next file like it."
        )
        self.order = QComboBox()
        for label, order in ORDERS:
            self.order.addItem(label, order)
        self.dates = _wrapping()
        self.model = ValuesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ValuesModel.CHOICE, ChoiceDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            ValuesModel.CHOICE, QHeaderView.ResizeMode.Stretch
        )
        self.status = _wrapping()
        order_row = QHBoxLayout()
        order_row.addWidget(self.order)
        order_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Day/month order", order_row)
        form.addRow("", self.dates)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.order.currentIndexChanged.connect(self._show_dates)
        self.model.changed.connect(self._show_status)
        self.file_dates: FileDates | None = None
        self._reading: object | None = None

    @property
    def date_order(self) -> str | None:
        return self.order.currentData()

    def initializePage(self) -> None:
        wizard = self.wizard()
        self.file_dates = None
        self.order.setCurrentIndex(max(0, self.order.findData(wizard.remembered_order)))
        self.model.set_values([], [])
        _say(self.dates, "Reading the file's values…", MUTED_COLOUR)
        token = self._reading = object()
        wizard.read_values(
            lambda found: self._read(token, found), lambda exc: self._failed(token, exc)
        )

    def forget_pending(self) -> None:
        self._reading = None

    def _read(self, token: object, found: tuple) -> None:
        if token is not self._reading:
            return
        self.file_dates, values, native = found
        self.model.set_values(values, native)
        for row in range(self.model.rowCount()):
            self.table.openPersistentEditor(self.model.index(row, ValuesModel.CHOICE))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(ValuesModel.CHOICE, 220)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self._show_dates()
        self._show_status()

    def _failed(self, token: object, exc: BaseException) -> None:
        if token is not self._reading:
            return
        _say(self.dates, str(exc), OVERDUE_COLOUR)

    def _show_dates(self) -> None:
        dates = self.file_dates
        if dates is None:
            return
        if dates.undecided and self.date_order is None:
            shown = [both_readings(text) for texts in dates.ambiguous.values() for text in texts]
            more = f" (and {len(shown) - 3} more)" if len(shown) > 3 else ""
            _say(
                self.dates,
                f"The dates in {' and '.join(dates.ambiguous)} read two ways: "
                + "; ".join(shown[:3])
                + f"{more}. Choose the order your CRM writes them in.",
                OVERDUE_COLOUR,
            )
        elif self.date_order is not None:
            _say(self.dates, "Dates like 03/04/2027 are read in the order chosen.", MUTED_COLOUR)
        elif dates.order is not None:
            order = "month first" if dates.order == "MDY" else "day first"
            _say(self.dates, f"The file's own dates say they are {order}.", MUTED_COLOUR)
        else:
            _say(self.dates, "No date in this file needs an order.", MUTED_COLOUR)
        self.completeChanged.emit()

    def _show_status(self) -> None:
        if not self.model.rowCount():
            _say(self.status, "No column of this file takes a fixed set of values.", MUTED_COLOUR)
            return
        unmapped = self.model.unmapped()
        if unmapped:
            listed = ", ".join(f"{field_label(row.field)} '{row.text}'" for row in unmapped[:4])
            more = f" and {len(unmapped) - 4} more" if len(unmapped) > 4 else ""
            _say(
                self.status,
                f"Choose what to read {listed}{more} as: a row with an unmapped value is refused.",
                OVERDUE_COLOUR,
            )
        else:
            _say(self.status, "Every value reads as one of its field's choices.", MUTED_COLOUR)

    def isComplete(self) -> bool:
        dates = self.file_dates
        return dates is not None and not (dates.undecided and self.date_order is None)
