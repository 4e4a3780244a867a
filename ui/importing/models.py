"""The import wizard's two tables: which field each column of the file fills (the
mapping), and the first rows as the import reads them, their problems marked (the
preview)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from cswork.importing import IGNORE, KEEP, FieldSet, Problem, Suggestion, Table
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.qtypes import AnyIndex
from ui.kit.records import RecordsModel

PREVIEW_ROWS = 200  # rows the preview shows; the counts cover the whole file
PROBLEM_BACKGROUND = "#fbe3e1"
FieldRole = Qt.ItemDataRole.UserRole  # the chosen field's name (or IGNORE, or KEEP)


WORDS = {"arr": "ARR", "csm": "CSM", "ae": "AE", "re": "R&E", "id": "ID"}


def field_label(name: str) -> str:
    """What a CSM reads for a field: 'renewal date' for renewal_date, 'ARR' for arr."""
    if name == IGNORE:
        return "— leave out —"
    if name == KEEP:
        return "— keep as a custom field —"
    return " ".join(WORDS.get(word, word) for word in name.split("_"))


class MappingModel(RecordsModel):
    """One row per column of the file: its header, example cells, the field it fills
    (editable) and why that field was suggested."""

    columns = ("Column in the file", "Example", "Imports into", "Why")
    FIELD = 2
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.fields: FieldSet | None = None
        self._chosen: list[str] = []
        self._reasons: list[str] = []
        self._examples: list[str] = []
        self._muted = QColor(MUTED_COLOUR)

    def set_file(self, table: Table, fields: FieldSet, suggestions: Sequence[Suggestion]) -> None:
        self.fields = fields
        self._chosen = [suggestion.field for suggestion in suggestions]
        self._reasons = [suggestion.reason for suggestion in suggestions]
        self._examples = [_examples(table, index) for index in range(len(table.headers))]
        self._replace(table.headers)
        self.changed.emit()

    def chosen(self) -> dict[str, str]:
        """Every header's field (or IGNORE): the mapping the import is given."""
        return dict(zip(self._records, self._chosen, strict=True))

    def missing_fields(self) -> list[str]:
        """Required fields no column fills yet."""
        if self.fields is None:
            return []
        return [f.name for f in self.fields.fields if f.required and f.name not in self._chosen]

    def doubled_fields(self) -> list[str]:
        """Fields two or more columns fill."""
        filled = [name for name in self._chosen if name not in (IGNORE, KEEP)]
        return sorted({name for name in filled if filled.count(name) > 1})

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        header = self.record(index)
        if header is None:
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                header or "(no header)",
                self._examples[row],
                field_label(self._chosen[row]),
                self._reasons[row],
            )[column]
        if role == FieldRole and column == self.FIELD:
            return self._chosen[row]
        left_out = column == self.FIELD and self._chosen[row] == IGNORE
        if role == Qt.ItemDataRole.ForegroundRole and (column == 3 or left_out):
            return self._muted
        if role == Qt.ItemDataRole.ToolTipRole and column == self.FIELD:
            return "Choose the field this column fills, keep it as a custom field, or leave it out."
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.FIELD else flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.FIELD or role != FieldRole:
            return False
        if value == self._chosen[index.row()]:
            return True
        self._chosen[index.row()] = value
        self._reasons[index.row()] = "your choice"
        self.dataChanged.emit(
            index.siblingAtColumn(self.FIELD),
            index.siblingAtColumn(3),
            [Qt.ItemDataRole.DisplayRole, FieldRole],
        )
        self.changed.emit()
        return True


def _examples(table: Table, index: int, wanted: int = 3) -> str:
    """The first few different cells of a column, for the user to recognise it."""
    seen: list[str] = []
    for _, cells in table.rows:
        text = cells[index]
        if text and text not in seen:
            seen.append(text if len(text) <= 30 else text[:29] + "…")
            if len(seen) == wanted:
                break
    return " · ".join(seen)


class FieldChoiceDelegate(QStyledItemDelegate):
    """A drop-down of the entity's fields (and "leave out") for the mapping's field
    column."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        fields = index.model().fields
        combo.addItem(field_label(IGNORE), IGNORE)
        if fields is not None and fields.keeps_custom:
            combo.addItem(field_label(KEEP), KEEP)
        for field in fields.fields if fields else []:
            label = field_label(field.name) + (" (required)" if field.required else "")
            combo.addItem(label, field.name)
        combo.currentIndexChanged.connect(lambda _: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        editor.blockSignals(True)
        editor.setCurrentIndex(max(0, editor.findData(index.data(FieldRole))))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model, index: AnyIndex) -> None:
        model.setData(index, editor.currentData(), FieldRole)


class PreviewModel(RecordsModel):
    """The first rows of the file as the import reads them: the row number a
    spreadsheet shows, the row's problems, and the cells of the columns imported; a
    refused cell is tinted, its problem in its tooltip."""

    NUMBER, PROBLEMS = 0, 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.columns: list[str] = []
        self._cells: dict[int, list[str]] = {}
        self._indexes: list[int] = []
        self._problem_colour = QColor(PROBLEM_BACKGROUND)
        self._error_colour = QColor(OVERDUE_COLOUR)

    def set_rows(self, table: Table, column_indexes: dict[str, int], rows: Sequence[Any]) -> None:
        """``rows``: the check's rows (each with ``number`` and ``problems``)."""
        self.beginResetModel()
        try:
            self._indexes = sorted(column_indexes.values())
            self.columns = ["Row", "Problems", *(table.headers[i] for i in self._indexes)]
            shown = list(rows[:PREVIEW_ROWS])
            numbers = {row.number for row in shown}
            self._cells = {number: cells for number, cells in table.rows if number in numbers}
            self._records = shown
        finally:
            self.endResetModel()

    def _problems_in(self, row: Any, column: int) -> list[Problem]:
        if column == self.NUMBER:
            return [p for p in row.problems if p.field == "whole row"]
        if column == self.PROBLEMS:
            return list(row.problems)
        header = self.columns[column]
        return [p for p in row.problems if p.field == header]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.record(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NUMBER:
                return str(row.number)
            if column == self.PROBLEMS:
                return "; ".join(f"{p.field}: {p.message}" for p in row.problems)
            text = self._cells[row.number][self._indexes[column - 2]]
            return text if len(text) <= 80 else text[:79] + "…"
        problems = self._problems_in(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and problems and column != self.PROBLEMS:
            return self._problem_colour
        if role == Qt.ItemDataRole.ForegroundRole and column == self.PROBLEMS:
            return self._error_colour
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(str(p) for p in problems)
        return None

    def is_refused(self, row: int) -> bool:
        record = self.record(row)
        return bool(record and record.problems)
