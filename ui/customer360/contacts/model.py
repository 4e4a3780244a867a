"""The customer's contacts as a table: role, sentiment by colour, who has left; and
``ContactIds``, which keeps undo working across a delete and its undo."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from cswork.enums import Sentiment
from ui.customer360.contacts.dialogs import ROLE_LABELS, SENTIMENT_LABELS, ContactItem
from ui.kit.look import BAND_COLOURS, MUTED_COLOUR, OVERDUE_COLOUR, day_text, dot_icon
from ui.kit.qtypes import AnyIndex
from ui.kit.records import RecordsModel

COLUMNS = ["Name", "Title", "Role", "Sentiment", "Email", "Phone", "Left on"]
SENTIMENT_COLOURS = {
    Sentiment.POSITIVE: BAND_COLOURS["green"],
    Sentiment.NEUTRAL: "#8a94a6",
    Sentiment.NEGATIVE: BAND_COLOURS["red"],
}


class ContactsModel(RecordsModel):
    columns = COLUMNS

    def set_items(self, items: list[ContactItem]) -> None:
        self._replace(items)

    def item(self, index: QModelIndex) -> ContactItem | None:
        return self.record(index)

    def items(self) -> list[ContactItem]:
        return self.records()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, column = self._records[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "Name": item.name,
                "Title": item.title or "",
                "Role": ROLE_LABELS[item.role],
                "Sentiment": SENTIMENT_LABELS[item.sentiment],
                "Email": item.email or "",
                "Phone": item.phone or "",
                "Left on": day_text(item.left_on),
            }[column]
        if role == Qt.ItemDataRole.DecorationRole and column == "Sentiment":
            return dot_icon(SENTIMENT_COLOURS[item.sentiment])
        if role == Qt.ItemDataRole.ForegroundRole and item.left_on is not None:
            if column == "Left on" and item.is_key:
                return QColor(OVERDUE_COLOUR)  # the risk the alert scan raises
            return QColor(MUTED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            if item.left_on is not None and item.is_key:
                return f"{item.name} left on {day_text(item.left_on)}: a risk for this account."
            if column == "Name" and item.notes:
                return item.notes
        return None


class ContactIds:
    """First id -> the id the contact has now (Undo of a delete adds it back anew)."""

    def __init__(self) -> None:
        self._now: dict[int, int] = {}

    def now(self, first_id: int) -> int:
        return self._now.get(first_id, first_id)

    def moved(self, first_id: int, new_id: int) -> None:
        self._now[first_id] = new_id
