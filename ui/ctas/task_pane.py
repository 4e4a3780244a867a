"""The task pane: open CTAs grouped Overdue / Today / This week / Later."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cswork.changes import Changes
from cswork.ctas import DUE_GROUPS, CtaItem, due_group
from ui.ctas.actions import CtaActions
from ui.ctas.menu import CtaMenu
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR, PRIORITY_COLOURS, day_text, dot_icon
from ui.kit.qtypes import AnyIndex

_NO_GROUP = 0  # internalId of a group row; a CTA row holds its group number + 1
CTA_ROLE = Qt.ItemDataRole.UserRole + 1


class CtaModel(QAbstractItemModel):
    """Two levels: the due groups (only those with CTAs), each with its CTAs."""

    def __init__(self, today: date, parent=None) -> None:
        super().__init__(parent)
        self.today = today
        self._groups: list[tuple[str, list[CtaItem]]] = []

    def set_items(self, items: list[CtaItem]) -> None:
        grouped: dict[str, list[CtaItem]] = {name: [] for name in DUE_GROUPS}
        for item in items:
            grouped[due_group(item.due_on, self.today)].append(item)
        self.beginResetModel()
        try:
            self._groups = [(name, grouped[name]) for name in DUE_GROUPS if grouped[name]]
        finally:
            self.endResetModel()

    def count(self) -> int:
        return sum(len(items) for _, items in self._groups)

    def items(self) -> list[CtaItem]:
        """Every CTA listed, in the order shown."""
        return [item for _, items in self._groups for item in items]

    def cta_indexes(self) -> list[QModelIndex]:
        """Every CTA row, top to bottom."""
        return [self.index_at(n) for n in range(self.count())]

    def position_of(self, index: QModelIndex) -> int | None:
        """The CTA's place counting from the top, across groups."""
        if not index.isValid() or index.internalId() == _NO_GROUP:
            return None
        group = index.internalId() - 1
        return sum(len(items) for _, items in self._groups[:group]) + index.row()

    def index_at(self, position: int) -> QModelIndex:
        for group, (_, items) in enumerate(self._groups):
            if position < len(items):
                return self.createIndex(position, 0, group + 1)
            position -= len(items)
        return QModelIndex()

    def index_of(self, cta_id: int) -> QModelIndex:
        for group, (_, items) in enumerate(self._groups):
            for row, item in enumerate(items):
                if item.id == cta_id:
                    return self.createIndex(row, 0, group + 1)
        return QModelIndex()

    def cta(self, index: QModelIndex) -> CtaItem | None:
        if not index.isValid() or index.internalId() == _NO_GROUP:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _NO_GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _NO_GROUP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _NO_GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _NO_GROUP:
            name, items = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{name}  ({len(items)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole and name == "Overdue":
                return QColor(OVERDUE_COLOUR)
            return None
        item = self._groups[index.internalId() - 1][1][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.account_name} — {item.type} — due {day_text(item.due_on)}"
        if role == CTA_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole:
            owner = item.owner_name or "nobody"
            return (
                f"{item.account_name}\n{item.reason}\n"
                f"{item.priority.capitalize()} priority · owner {owner}"
            )
        return None


class CtaDelegate(QStyledItemDelegate):
    """A CTA in two lines: priority dot, account and due date; then type and reason."""

    PAD = 5

    def __init__(self, today: date, parent=None) -> None:
        super().__init__(parent)
        self.today = today

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        # Every row, group headings too, is two lines tall: with uniform heights the
        # view asks once instead of once a row (tens of thousands for "Everyone").
        line = QFontMetrics(option.font).height()
        return QSize(200, 2 * line + 2 * self.PAD + 2)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        item: CtaItem | None = index.data(CTA_ROLE)
        if item is None:
            super().paint(painter, option, index)
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, option.palette.highlight())
        text = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text if selected else QColor(MUTED_COLOUR)
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        dot = 8
        painter.drawPixmap(
            rect.x(),
            rect.y() + (line - dot) // 2,
            dot_icon(PRIORITY_COLOURS[item.priority], dot).pixmap(dot, dot),
        )
        due = (
            day_text(item.due_on).rsplit(" ", 1)[0]
            if item.due_on.year == self.today.year
            else day_text(item.due_on)
        )
        due_width = metrics.horizontalAdvance(due) + 4
        bold = QFont(option.font)
        bold.setBold(True)
        left = rect.x() + dot + 6
        name_rect = QRect(left, rect.y(), rect.right() - left - due_width, line)
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft,
            QFontMetrics(bold).elidedText(
                item.account_name, Qt.TextElideMode.ElideRight, name_rect.width()
            ),
        )
        painter.setFont(option.font)
        overdue = item.due_on < self.today and not selected
        painter.setPen(QColor(OVERDUE_COLOUR) if overdue else muted)
        painter.drawText(
            QRect(rect.right() - due_width, rect.y(), due_width, line),
            Qt.AlignmentFlag.AlignRight,
            due,
        )
        painter.setPen(muted)
        detail = f"{item.type.capitalize()}: {item.reason}"
        detail_rect = QRect(left, rect.y() + line + 2, rect.right() - left, line)
        painter.drawText(
            detail_rect,
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(detail, Qt.TextElideMode.ElideRight, detail_rect.width()),
        )
        painter.restore()


class TaskPane(QWidget):
    account_requested = Signal(int)
    scope_changed = Signal(bool)  # True: mine only
    new_cta_requested = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CtaModel(today, self)
        self.mine = QRadioButton("Mine")
        self.everyone = QRadioButton("Everyone")
        self.mine.setChecked(True)
        scope = QButtonGroup(self)
        scope.addButton(self.mine)
        scope.addButton(self.everyone)
        self.mine.toggled.connect(self.scope_changed)
        top = QHBoxLayout()
        top.addWidget(self.mine)
        top.addWidget(self.everyone)
        top.addStretch(1)
        self.new_cta = QToolButton()
        self.new_cta.setText("New CTA…")
        self.new_cta.setToolTip("Make a CTA by hand (Ctrl+N)")
        self.new_cta.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_cta.clicked.connect(self.new_cta_requested)
        top.addWidget(self.new_cta)
        self.menu: CtaMenu | None = None

        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.delegate = CtaDelegate(today, self.tree)
        self.tree.setItemDelegate(self.delegate)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setIndentation(12)
        self.tree.doubleClicked.connect(self._open)
        self.tree.activated.connect(self._open)
        self.empty = QLabel("Nothing to do. New CTAs appear here.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {MUTED_COLOUR}; padding: 16px;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        self.empty.hide()

    @property
    def mine_only(self) -> bool:
        return self.mine.isChecked()

    def attach(self, actions: CtaActions) -> None:
        """Put the CTA actions on the list: right-click menu and keys."""
        self.menu = actions.attach(
            self.tree,
            self.current_item,
            open_account=lambda item: self.account_requested.emit(item.account_id),
            new_cta=self.new_cta_requested.emit,
        )

    def current_item(self) -> CtaItem | None:
        return self.model.cta(self.tree.currentIndex())

    def on_changes(self, changes: Changes) -> None:
        if changes.today:
            self.model.today = self.delegate.today = changes.today
            self.tree.viewport().update()

    def set_items(self, items: list[CtaItem]) -> None:
        """Show ``items``, keeping the selected CTA selected while it is still listed;
        when it went (closed, snoozed, someone else's), the one that took its place."""
        before = self.current_item()
        position = self.model.position_of(self.tree.currentIndex())
        self.model.set_items(items)
        for group in range(self.model.rowCount()):  # expandAll would visit every CTA too
            self.tree.expand(self.model.index(group, 0))
        self.empty.setVisible(not items)
        self.tree.setVisible(bool(items))
        if before is not None and items:
            same = self.model.index_of(before.id)
            fallback = self.model.index_at(min(position or 0, len(items) - 1))
            self.tree.setCurrentIndex(same if same.isValid() else fallback)
        if self.menu is not None:
            self.menu.refresh()

    def _open(self, index: QModelIndex) -> None:
        item = self.model.cta(index)
        if item is not None and item.account_id is not None:
            self.account_requested.emit(item.account_id)
