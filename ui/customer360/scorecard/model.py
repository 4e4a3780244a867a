"""The scorecard's table: the eight categories with their latest score, and how the
health moved, in words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from cswork.scorecard import CategoryScore
from ui.kit.look import BAND_COLOURS, MUTED_COLOUR, band_icon, day_text
from ui.kit.qtypes import AnyIndex
from ui.kit.records import RecordsModel

COLUMNS = ["Category", "Weight", "Score", "Change", "Comment", "Measured"]
COMMENT = COLUMNS.index("Comment")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
UP, DOWN = "▲", "▼"


def change_text(change: int | None, since: str = "") -> str:
    """'▲5', '▼14 in 30 days', 'no change in 30 days'; empty when there is nothing to
    compare with."""
    if change is None:
        return ""
    if change == 0:
        return f"no change {since}".strip()
    arrow = UP if change > 0 else DOWN
    return f"{arrow}{abs(change)} {since}".strip()


def change_colour(change: int | None) -> str | None:
    """A fall is a risk signal, a rise good news; no change is no news."""
    if not change:
        return None
    return BAND_COLOURS["green"] if change > 0 else BAND_COLOURS["red"]


class ScoreModel(RecordsModel):
    columns = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._muted = QColor(MUTED_COLOUR)

    def set_categories(self, categories: list[CategoryScore]) -> None:
        """The same categories change in place (the table keeps its current row)."""
        if [c.category_id for c in categories] == [c.category_id for c in self._records]:
            self._records = list(categories)
            if categories:
                last = self.index(len(categories) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self._replace(categories)

    def category(self, row: int) -> CategoryScore:
        return self._records[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c, column = self._records[index.row()], COLUMNS[index.column()]
        change = None
        if c.score is not None and c.previous_score is not None:
            change = c.score - c.previous_score
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "Category": c.name,
                "Weight": f"{c.weight_bp / 100:g}%",
                "Score": "—" if c.score is None else str(c.score),
                "Change": change_text(change),
                "Comment": c.comment or "",
                "Measured": day_text(c.measured_on),
            }[column]
        if role == Qt.ItemDataRole.DecorationRole and column == "Score":
            return band_icon(c.band)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("Weight", "Score"):
            return _RIGHT
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "Change":
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole:
            if c.score is None:
                return self._muted
            if column == "Change" and change_colour(change):
                return QColor(change_colour(change))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "Comment" and c.comment:
                return c.comment
            if column == "Change" and c.previous_score is not None:
                return f"Was {c.previous_score} before the last score"
        return None
