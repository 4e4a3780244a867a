"""The lists inside CTA details: the playbook checklist and the comments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR, day_text
from ui.kit.qtypes import AnyIndex


def local_time_text(moment: datetime) -> str:
    """A UTC timestamp from the book, in the user's own time zone."""
    local = moment.astimezone()
    return f"{day_text(local.date())} {local:%H:%M}"


class ChecklistModel(QAbstractListModel):
    """The CTA's playbook tasks, each with a box to tick; a tick asks for a write."""

    task_ticked = Signal(int, bool)  # task id, done

    def __init__(self, today: date, parent=None) -> None:
        super().__init__(parent)
        self.today = today
        self._tasks: list[tuple[int, str, date | None, date | None]] = []

    def set_tasks(self, tasks: list[tuple[int, str, date | None, date | None]]) -> None:
        self.beginResetModel()
        try:
            self._tasks = list(tasks)
        finally:
            self.endResetModel()

    def done_count(self) -> int:
        return sum(1 for task in self._tasks if task[3] is not None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._tasks)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        _, title, due, done = self._tasks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = f"done {day_text(done)}" if done else (f"due {day_text(due)}" if due else "")
            return f"{title}   ·   {when}" if when else title
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if done:
                return QColor(MUTED_COLOUR)
            if due is not None and due < self.today:
                return QColor(OVERDUE_COLOUR)
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        task_id, title, due, _ = self._tasks[index.row()]
        self._tasks[index.row()] = (task_id, title, due, self.today if done else None)
        self.dataChanged.emit(
            index, index, [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DisplayRole]
        )
        self.task_ticked.emit(task_id, done)
        return True


@dataclass(frozen=True)
class CommentItem:
    """A comment as the timeline's delegate draws it: heading line, then the text."""

    heading: str
    text: str


class CommentModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[CommentItem] = []

    def set_comments(self, comments: list[tuple[str | None, datetime, str]]) -> None:
        self.beginResetModel()
        try:
            self._items = [
                CommentItem(f"{author or 'Someone'}  ·  {local_time_text(when)}", text)
                for author, when, text in comments
            ]
        finally:
            self.endResetModel()

    def item(self, row: int) -> CommentItem:
        return self._items[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            item = self._items[index.row()]
            return f"{item.heading}\n{item.text}"
        return None
