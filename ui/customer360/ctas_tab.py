"""The Customer360's CTAs tab: the account's CTAs, open and snoozed (closed on request)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cswork.ctas import CtaItem
from ui.ctas.actions import CtaActions, CtaMenu
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR, PRIORITY_COLOURS, day_text, dot_icon
from ui.kit.qtypes import AnyIndex
from ui.kit.records import RecordsModel, as_record_list

COLUMNS = ["Due", "Priority", "Type", "Reason", "Owner", "Status"]
REASON = COLUMNS.index("Reason")


def status_label(item: CtaItem) -> str:
    if item.status == "snoozed" and item.snoozed_until:
        return f"Snoozed until {day_text(item.snoozed_until)}"
    return item.status.capitalize()


class AccountCtaModel(RecordsModel):
    columns = COLUMNS

    def __init__(self, today: date, parent=None) -> None:
        super().__init__(parent)
        self.today = today

    def set_items(self, items: list[CtaItem]) -> None:
        self._replace(items)

    def item(self, index: QModelIndex) -> CtaItem | None:
        return self.record(index)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._records[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "Due": day_text(item.due_on),
                "Priority": item.priority.capitalize(),
                "Type": item.type.capitalize(),
                "Reason": item.reason,
                "Owner": item.owner_name or "Nobody",
                "Status": status_label(item),
            }[column]
        if role == Qt.ItemDataRole.DecorationRole and column == "Priority":
            return dot_icon(PRIORITY_COLOURS[item.priority])
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.status == "closed":
                return QColor(MUTED_COLOUR)
            if column == "Due" and item.status == "open" and item.due_on < self.today:
                return QColor(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == "Reason":
            return item.reason
        return None


class CtaTab(QWidget):
    """Emits ``reload_requested`` when the closed toggle changes; the Customer360 reads."""

    reload_requested = Signal()
    new_cta_requested = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AccountCtaModel(today, self)
        self.show_closed = QCheckBox("Show closed")
        self.show_closed.toggled.connect(self.reload_requested)
        self.count = QLabel()
        self.count.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.new_cta = QPushButton("New CTA…")
        self.new_cta.setToolTip("A CTA for this account (Ctrl+N)")
        self.new_cta.clicked.connect(self.new_cta_requested)
        top = QHBoxLayout()
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.show_closed)
        top.addWidget(self.new_cta)

        self.table = QTableView()
        self.table.setModel(self.model)
        as_record_list(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.empty = QLabel("No CTAs for this account. Make one with New CTA….")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {MUTED_COLOUR}; padding: 24px;")

        self.menu: CtaMenu | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.empty.hide()

    def attach(self, actions: CtaActions) -> None:
        """The same actions as the task pane; Enter or a double-click shows Details."""
        self.menu = actions.attach(
            self.table, self.current_item, new_cta=self.new_cta_requested.emit
        )
        self.table.activated.connect(lambda _: self.menu and self.menu.actions["details"].trigger())

    def current_item(self) -> CtaItem | None:
        return self.model.item(self.table.currentIndex())

    def set_items(self, items: list[CtaItem]) -> None:
        before = self.current_item()
        self.model.set_items(items)
        open_count = sum(1 for item in items if item.status == "open")
        snoozed = sum(1 for item in items if item.status == "snoozed")
        parts = [f"{open_count} open"] + ([f"{snoozed} snoozed"] if snoozed else [])
        if self.show_closed.isChecked():
            parts.append(f"{len(items) - open_count - snoozed} closed")
        self.count.setText(", ".join(parts))
        self.table.setVisible(bool(items))
        self.empty.setVisible(not items)
        if before is not None:
            for row, item in enumerate(items):
                if item.id == before.id:
                    self.table.setCurrentIndex(self.model.index(row, 0))
        if self.menu is not None:
            self.menu.refresh()
