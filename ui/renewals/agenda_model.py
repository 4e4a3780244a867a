"""The Wednesday review agenda as a tree: each renewal owner, then their renewals due
in the next 90 days (account, renewal, ARR, health, forecast, status, strategy)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from cswork.desk import UpcomingRenewal
from cswork.money import format_money
from ui.kit.labels import health_text, renewal_status
from ui.kit.look import MUTED_COLOUR, band_icon, day_text
from ui.kit.qtypes import AnyIndex

COLUMNS = ["Owner / account", "Renewal", "Days", "ARR", "Health", "Forecast", "Status", "Strategy"]
_RIGHT = {"Days", "ARR", "Health", "Forecast"}
_GROUP = 0  # internal id of an owner's row; a renewal's row holds its owner's number + 1
Agenda = list[tuple[str, list[UpcomingRenewal]]]


def arr_text(renewals: list[UpcomingRenewal]) -> str:
    """Total ARR per currency, largest first: '$4,734,057 + €24,441' (amounts in
    different currencies are never added)."""
    totals: dict[str, int] = {}
    for r in renewals:
        totals[r.currency] = totals.get(r.currency, 0) + r.arr_cents
    ordered = sorted(totals.items(), key=lambda item: -item[1])
    return " + ".join(format_money(cents, currency, whole=True) for currency, cents in ordered) or (
        format_money(0, whole=True)
    )


def owner_line(owner: str, renewals: list[UpcomingRenewal]) -> str:
    count = len(renewals)
    return f"{owner} — {count} renewal{'s' if count != 1 else ''}, {arr_text(renewals)}"


class AgendaModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._agenda: Agenda = []
        self._muted = QColor(MUTED_COLOUR)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_agenda(self, agenda: Agenda) -> None:
        self.beginResetModel()
        try:
            self._agenda = list(agenda)
        finally:
            self.endResetModel()

    def agenda(self) -> Agenda:
        return list(self._agenda)

    def renewal(self, index: QModelIndex) -> UpcomingRenewal | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._agenda[index.internalId() - 1][1][index.row()]

    # -- Qt --------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._agenda)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._agenda[parent.row()][1])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section] in _RIGHT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        if index.internalId() == _GROUP:
            owner, renewals = self._agenda[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return owner_line(owner, renewals)
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        r = self._agenda[index.internalId() - 1][1][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "Owner / account": r.name,
                "Renewal": day_text(r.renewal_date),
                "Days": str(r.days_to_renewal),
                "ARR": format_money(r.arr_cents, r.currency, whole=True),
                "Health": health_text(r.health),
                "Forecast": format_money(r.forecast_cents, r.currency, whole=True),
                "Status": renewal_status(r.stage, r.forecast_category),
                "Strategy": r.strategy,
            }[column]
        if role == Qt.ItemDataRole.DecorationRole and column == "Health":
            return band_icon(r.band)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _RIGHT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and column == "Status" and r.stage is None:
            return self._muted
        if role == Qt.ItemDataRole.ToolTipRole and column in ("Owner / account", "Strategy"):
            return (
                r.strategy if column == "Strategy" and r.strategy else f"{r.name} ({r.external_id})"
            )
        return None
