"""The success plan's two tables, objectives and milestones, edited in place.

A cell edit does not write. The model shows the new value at once and asks for the
write with ``edit_requested(record id, {field: value})``; the tab makes it an undoable
BookEdit and reads the plan again when it lands (or is refused, which puts the book's
value back)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from cswork.enums import ObjectiveStatus
from cswork.plans import is_late
from ui.kit.look import BAND_COLOURS, MUTED_COLOUR, OVERDUE_COLOUR, day_text, dot_icon
from ui.kit.qtypes import AnyIndex

STATUS_LABELS = {
    ObjectiveStatus.NOT_STARTED: "Not started",
    ObjectiveStatus.ON_TRACK: "On track",
    ObjectiveStatus.AT_RISK: "At risk",
    ObjectiveStatus.ACHIEVED: "Achieved",
    ObjectiveStatus.DROPPED: "Dropped",
}
STATUS_COLOURS = {
    ObjectiveStatus.NOT_STARTED: MUTED_COLOUR,
    ObjectiveStatus.ON_TRACK: BAND_COLOURS["green"],
    ObjectiveStatus.AT_RISK: BAND_COLOURS["red"],
    ObjectiveStatus.ACHIEVED: BAND_COLOURS["green"],
}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
DATE_FIELDS = {"target_date", "due_on", "done_on"}


@dataclass
class ObjectiveRow:
    id: int
    title: str
    kpi: str | None
    baseline: str | None
    target: str | None
    owner_id: int | None
    target_date: date | None
    status: ObjectiveStatus
    progress: int
    version: int = 1  # as read: a save over someone else's newer one is asked about


@dataclass
class MilestoneRow:
    id: int
    name: str
    due_on: date | None
    done_on: date | None
    version: int = 1


def as_date(value: Any) -> date | None:
    """A cell's new date: a QDate from an editor, a date, or nothing."""
    if isinstance(value, QDate):
        return value.toPython() if value.isValid() else None
    return value if isinstance(value, date) else None


class PlanTableModel(QAbstractTableModel):
    edit_requested = Signal(int, object)  # record id, {field: new value}

    COLUMNS: ClassVar[list[tuple[str, str]]] = []  # (field, heading)
    READ_ONLY: ClassVar[set[str]] = set()
    CLEARABLE: ClassVar[set[str]] = set()  # Delete empties these

    def __init__(self, today: date, parent=None) -> None:
        super().__init__(parent)
        self.today = today
        self._rows: list = []
        self._muted = QColor(MUTED_COLOUR)
        self._late = QColor(OVERDUE_COLOUR)

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        try:
            self._rows = list(rows)
        finally:
            self.endResetModel()

    def update_rows(self, rows: list) -> bool:
        """Show the book's rows again. The same records in the same order change in
        place, so an editor open in the table stays open; returns False when the rows
        were reset instead (one was added or removed)."""
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.set_rows(rows)
            return False
        last = len(self.COLUMNS) - 1
        for i, row in enumerate(rows):
            if row != self._rows[i]:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))
        return True

    def record(self, row: int):
        return self._rows[row]

    def row_of(self, record_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), None)

    def column_of(self, field: str) -> int:
        return [f for f, _ in self.COLUMNS].index(field)

    def field(self, index: QModelIndex) -> str:
        return self.COLUMNS[index.column()][0]

    def heading(self, field: str) -> str:
        return dict(self.COLUMNS)[field]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][1]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()][0] not in self.READ_ONLY:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record, field = self._rows[index.row()], self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(record, field)
        if role == Qt.ItemDataRole.EditRole:
            value = getattr(record, field, None)
            if field in DATE_FIELDS:
                return QDate(value) if value is not None else QDate()
            return "" if value is None and field not in self.CLEARABLE else value
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.text(record, field) or None
        return self.look(record, field, role)

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        record, field = self._rows[index.row()], self.COLUMNS[index.column()][0]
        new = self.value(field, value)
        if new == getattr(record, field):
            return False
        setattr(record, field, new)  # shown at once; the book follows
        self.dataChanged.emit(
            index.siblingAtColumn(0), index.siblingAtColumn(len(self.COLUMNS) - 1)
        )
        self.edit_requested.emit(record.id, {field: new})
        return True

    def clear(self, index: QModelIndex) -> bool:
        """Empty a cell that may be empty (a date, an owner, a KPI)."""
        if not index.isValid() or self.field(index) not in self.CLEARABLE:
            return False
        return self.setData(index, None)

    # -- per table -----------------------------------------------------------------
    def text(self, record, field: str) -> str:
        value = getattr(record, field)
        if field in DATE_FIELDS:
            return day_text(value)
        return "" if value is None else str(value)

    def value(self, field: str, value: Any) -> Any:
        if field in DATE_FIELDS:
            return as_date(value)
        text = "" if value is None else str(value).strip()
        return text or (None if field in self.CLEARABLE else "")

    def look(self, record, field: str, role: int):
        return None


class ObjectiveModel(PlanTableModel):
    COLUMNS: ClassVar = [
        ("title", "Objective"),
        ("kpi", "KPI"),
        ("baseline", "Baseline"),
        ("target", "Target"),
        ("owner_id", "Owner"),
        ("target_date", "Target date"),
        ("status", "Status"),
        ("progress", "Progress"),
    ]
    CLEARABLE: ClassVar = {"kpi", "baseline", "target", "owner_id", "target_date"}

    def __init__(self, today: date, parent=None) -> None:
        super().__init__(today, parent)
        self.people: dict[int, str] = {}

    def text(self, record: ObjectiveRow, field: str) -> str:
        if field == "owner_id":
            return self.people.get(record.owner_id, "Nobody") if record.owner_id else "Nobody"
        if field == "status":
            return STATUS_LABELS[record.status]
        if field == "progress":
            return f"{record.progress}%"
        return super().text(record, field)

    def value(self, field: str, value: Any) -> Any:
        if field == "owner_id":
            return int(value) if value not in (None, "") else None
        if field == "status":
            return ObjectiveStatus(value)
        if field == "progress":
            return int(value)
        return super().value(field, value)

    def look(self, record: ObjectiveRow, field: str, role: int):
        muted = record.status == ObjectiveStatus.DROPPED or (
            field == "owner_id" and record.owner_id is None
        )
        if role == Qt.ItemDataRole.ForegroundRole and muted:
            return self._muted
        if role == Qt.ItemDataRole.DecorationRole and field == "status":
            colour = STATUS_COLOURS.get(record.status)
            return dot_icon(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and field == "progress":
            return _RIGHT
        return None


class MilestoneModel(PlanTableModel):
    COLUMNS: ClassVar = [
        ("name", "Milestone"),
        ("due_on", "Due"),
        ("done_on", "Done"),
        ("standing", "Status"),
    ]
    READ_ONLY: ClassVar = {"standing"}
    CLEARABLE: ClassVar = {"due_on", "done_on"}

    def text(self, record: MilestoneRow, field: str) -> str:
        if field == "standing":
            return self.standing(record)
        if field == "done_on" and record.done_on is None:
            return "not yet" if record.due_on is not None and record.due_on <= self.today else ""
        return super().text(record, field)

    def standing(self, m: MilestoneRow) -> str:
        if m.done_on is not None:
            late_by = (m.done_on - m.due_on).days if m.due_on else 0
            return f"Done {late_by} day{'s' * (late_by != 1)} late" if late_by > 0 else "Done"
        if m.due_on is None:
            return "No due date"
        days = (m.due_on - self.today).days
        if days < 0:
            return f"Late by {-days} day{'s' * (days != -1)}"
        return "Due today" if days == 0 else f"Due in {days} day{'s' * (days != 1)}"

    def look(self, record: MilestoneRow, field: str, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            late = is_late(record.due_on, record.done_on, self.today)
            if late and (field == "standing" or (field == "due_on" and not record.done_on)):
                return self._late
            if field == "done_on" and record.done_on is None:
                return self._muted
            if field == "standing" and not late:
                return self._muted
        return None
