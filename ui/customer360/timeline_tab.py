"""The Customer360 timeline: log a note, call, meeting or EBR; read them newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cswork.enums import TimelineKind
from cswork.timeline import CHANGE
from ui.kit.entries import TimelineDelegate
from ui.kit.look import MUTED_COLOUR, day_text
from ui.kit.qtypes import AnyIndex

KIND_LABELS = {
    TimelineKind.NOTE: "Note",
    TimelineKind.CALL: "Call",
    TimelineKind.MEETING: "Meeting",
    TimelineKind.EMAIL: "Email",
    TimelineKind.EBR: "EBR",
    TimelineKind.STRATEGY_SESSION: "Strategy session",
    TimelineKind.STATUS_UPDATE: "Status update",
    CHANGE: "Edit",
}
LOGGABLE = [kind for kind in KIND_LABELS if kind != CHANGE]


@dataclass(frozen=True)
class TimelineItem:
    id: int
    kind: TimelineKind | str  # CHANGE: an edit from the audit trail
    occurred_on: date
    author: str | None
    text: str

    @property
    def heading(self) -> str:
        parts = [KIND_LABELS.get(self.kind, str(self.kind)), day_text(self.occurred_on)]
        if self.author:
            parts.append(self.author)
        return "  ·  ".join(parts)


class TimelineModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[TimelineItem] = []

    def set_items(self, items: list[TimelineItem]) -> None:
        self.beginResetModel()
        try:
            self._items = items
        finally:
            self.endResetModel()

    def item(self, row: int) -> TimelineItem:
        return self._items[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.heading}\n{item.text}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.heading}. {item.text}"
        return None


class TimelineTab(QWidget):
    """Emits ``entry_requested(kind, day, text)``; the Customer360 writes it."""

    entry_requested = Signal(object, object, str)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for kind in LOGGABLE:
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.kind.setCurrentIndex(LOGGABLE.index(TimelineKind.CALL))
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("d MMM yyyy")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            "What happened? Who was there, what did they say, what's next…"
        )
        self.text.setFixedHeight(72)
        self.text.setTabChangesFocus(True)
        self.add = QPushButton("Add to timeline")
        self.add.setDefault(True)
        self.add.setToolTip("Ctrl+Enter")
        self.add.clicked.connect(self._request)
        QShortcut(QKeySequence("Ctrl+Return"), self.text, activated=self._request)
        self.message = QLabel()
        self.message.setStyleSheet(f"color: {MUTED_COLOUR};")

        row = QHBoxLayout()
        row.addWidget(QLabel("Log a"))
        row.addWidget(self.kind)
        row.addWidget(QLabel("on"))
        row.addWidget(self.day)
        row.addStretch(1)
        row.addWidget(self.message)
        row.addWidget(self.add)

        self.model = TimelineModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(TimelineDelegate(self.list))
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setWordWrap(True)
        self.show_changes = QCheckBox("Show edits (who changed what)")
        self.show_changes.setChecked(True)
        self.show_changes.setToolTip(
            "Edits to the account, its contacts, plan, opportunities and CTAs, with who "
            "made them and the old and new values"
        )
        self.empty = QLabel("Nothing logged yet. Log the first call or note above.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {MUTED_COLOUR}; padding: 24px;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.text)
        layout.addWidget(self.show_changes, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)

    def set_items(self, items: list[TimelineItem]) -> None:
        self.model.set_items(items)
        self.empty.setVisible(not items)

    def _request(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            self.message.setText("Write something first.")
            self.text.setFocus()
            return
        self.message.setText("Saving…")
        self.add.setEnabled(False)
        self.entry_requested.emit(self.kind.currentData(), self.day.date().toPython(), text)

    def entry_saved(self) -> None:
        self.text.clear()
        self.add.setEnabled(True)
        self.message.setText("Saved.")

    def entry_failed(self, message: str) -> None:
        self.add.setEnabled(True)
        self.message.setText(message)
