"""Sortable lists of records described by their columns: what each cell shows, how it
sorts, what it exports as, and what its colour means. The desk's lists (the 90-day
list, the pipeline, capacity, an account's opportunities) are all one model with
different columns, so they sort, colour and export alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QHeaderView, QTableView

from ui.kit.qtypes import AnyIndex
from ui.kit.records import RecordsModel, as_record_list

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None  # None: by the text
    export: Callable[[Any], Any] | None = None  # the cell in CSV/XLSX; None: the text
    right: bool = False  # numbers and money
    colour: Callable[[Any], str | None] | None = None  # only where colour means something
    icon: Callable[[Any], QIcon | None] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    width: int | None = None  # a starting width; None stretches or fits


class ColumnsModel(RecordsModel):
    """Records under ``columns``; sorting reorders the records themselves, so what is
    exported is what the table shows, in its order."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.column_specs = list(columns)
        self.columns = [c.title for c in self.column_specs]
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._colours: dict[str, QColor] = {}

    def set_records(self, records: Sequence[Any]) -> None:
        """Show fresh records, in the order the user last sorted by."""
        self._replace(self._sorted(list(records)))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        try:
            self._records = self._sorted(self._records)
        finally:
            self.layoutChanged.emit()

    def _sorted(self, records: list[Any]) -> list[Any]:
        if self._sort is None or not 0 <= self._sort[0] < len(self.column_specs):
            return records
        column, order = self._sort
        spec = self.column_specs[column]
        key = spec.sort_key or (lambda r: spec.text(r).casefold())
        known = [r for r in records if key(r) is not None]
        unknown = [r for r in records if key(r) is None]  # blanks last, either way
        known.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        return known + unknown

    def export_table(self) -> tuple[list[str], list[list[Any]]]:
        """Headers and rows as shown: for ``write_table``."""
        rows = [
            [(c.export or c.text)(record) for c in self.column_specs] for record in self._records
        ]
        return list(self.columns), rows

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self.column_specs[section].right else _LEFT
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record, spec = self._records[index.row()], self.column_specs[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if spec.right else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and spec.colour is not None:
            colour = spec.colour(record)
            return self._colour(colour) if colour else None
        if role == Qt.ItemDataRole.DecorationRole and spec.icon is not None:
            return spec.icon(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return spec.tooltip(record) if spec.tooltip is not None else None
        if role == RECORD_ROLE:
            return record
        return None

    def _colour(self, name: str) -> QColor:
        if name not in self._colours:
            self._colours[name] = QColor(name)
        return self._colours[name]

    def row_of(self, match: Callable[[Any], bool]) -> int | None:
        for row, record in enumerate(self._records):
            if match(record):
                return row
        return None


def columns_view(model: ColumnsModel, sort_by: int | None = None) -> QTableView:
    """A sortable, read-only table over ``model``: widths from the columns, the first
    column without a width stretches."""
    table = as_record_list(QTableView())
    table.setModel(model)
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    stretched = False
    for number, spec in enumerate(model.column_specs):
        if spec.width is not None:
            table.setColumnWidth(number, spec.width)
        elif not stretched:
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
            stretched = True
    # No sort until the user asks: the records come in the core's order (soonest first).
    header.setSortIndicator(-1 if sort_by is None else sort_by, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    return table
