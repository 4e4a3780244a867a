"""The Book: every account in one table, saved views, a quick filter, a status line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cswork.book import SAVED_VIEWS
from cswork.money import format_money
from ui.book.model import COLUMN_KEYS, BookModel

# Column widths that fit their content at the default font (name stretches).
_WIDTHS = {
    "segment": 88,
    "arr": 100,
    "renewal_date": 100,
    "days_to_renewal": 84,
    "health": 66,
    "csm": 128,
    "re_manager": 128,
    "open_ctas": 92,
}


class BookTable(QTableView):
    """Enter opens the account, as double-click does."""

    account_activated = Signal(int)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _activate(self, index: QModelIndex) -> None:
        self.account_activated.emit(self.model().account_id(index.row()))


class BookPage(QWidget):
    account_opened = Signal(int)
    edit_requested = Signal(int)  # account id: "Edit account…" from the row's menu
    new_requested = Signal()  # "New account…"

    def __init__(self, model: BookModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

        self.views = QTabBar()
        self.views.setDocumentMode(True)
        self.views.setDrawBase(False)
        self.views.setExpanding(False)
        for name in SAVED_VIEWS:
            self.views.addTab(name)
        self.views.currentChanged.connect(lambda i: model.set_view(self.views.tabText(i)))

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name, owner, segment or field   (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(320)
        self.filter.textChanged.connect(model.set_filter)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_filter)

        # The column chooser: the custom fields found in the book (Region, Tier...).
        self.columns_menu = QMenu(self)
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)
        self.columns_button = QToolButton()
        self.columns_button.setText("Columns")
        self.columns_button.setToolTip("Show the book's custom fields as columns")
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_button.setMenu(self.columns_menu)

        top = QHBoxLayout()
        top.addWidget(self.views, 1)
        top.addWidget(self.filter)
        top.addWidget(self.columns_button)

        self.table = BookTable()
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN_KEYS.index("renewal_date"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for key, width in _WIDTHS.items():
            self.table.setColumnWidth(COLUMN_KEYS.index(key), width)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.columns_menu.exec(header.mapToGlobal(pos))
        )
        model.modelReset.connect(self._fit_name_column)
        self.table.doubleClicked.connect(self.table._activate)
        self.table.account_activated.connect(self.account_opened)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)

        self.status = QLabel()
        self.status.setObjectName("statusLine")
        # The count and ARR total follow a moment after the table, so typing fast in
        # the filter repaints the table per keystroke and sums the book once.
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(120)
        self._status_timer.timeout.connect(self._update_status)
        model.shown_changed.connect(self._status_timer.start)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self._update_status()

    def row_menu(self, row: int | None) -> QMenu:
        """The right-click menu: open or edit the row's account, or a new one."""
        menu = QMenu(self)
        if row is not None:
            account_id = self.model.account_id(row)
            menu.addAction("Open", lambda: self.account_opened.emit(account_id))
            menu.addAction("Edit account…", lambda: self.edit_requested.emit(account_id))
            menu.addSeparator()
        menu.addAction("New account…", self.new_requested.emit)
        return menu

    def _row_menu(self, position) -> None:
        index = self.table.indexAt(position)
        menu = self.row_menu(index.row() if index.isValid() else None)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _fill_columns_menu(self) -> None:
        menu, model = self.columns_menu, self.model
        menu.clear()
        names, shown = model.field_names(), model.field_columns()
        for name in sorted(set(names) | set(shown), key=str.lower):
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(name in shown)
            action.toggled.connect(lambda on, name=name: self.show_field_column(name, on))
        if not names and not shown:
            empty = menu.addAction("No custom fields yet: an import keeps the CRM's own columns")
            empty.setEnabled(False)

    def _fit_name_column(self) -> None:
        """The name column takes the room left, until custom field columns need it:
        then it keeps a readable width and the table scrolls sideways."""
        header = self.table.horizontalHeader()
        if not self.model.field_columns():
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        elif header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(0, 200)

    def show_field_column(self, name: str, shown: bool) -> None:
        """Show or hide a custom field's column (after the ones shown already)."""
        chosen = [n for n in self.model.field_columns() if n != name]
        self.model.set_field_columns([*chosen, name] if shown else chosen)

    def _focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def select_view(self, name: str) -> None:
        for i in range(self.views.count()):
            if self.views.tabText(i) == name:
                self.views.setCurrentIndex(i)

    def set_loading(self, loading: bool) -> None:
        self.status.setText("Loading the book…" if loading else self.status.text())
        self.table.setEnabled(not loading)

    def _update_status(self) -> None:
        model = self.model
        shown, total = model.shown_count(), model.total_count()
        totals = sorted(model.shown_arr().items(), key=lambda item: (-item[1], item[0]))
        arr = " + ".join(format_money(cents, currency, whole=True) for currency, cents in totals)
        arr = arr or format_money(0, whole=True)
        converted = model.shown_arr_total()
        if converted is not None and set(model.shown_arr()) - {converted.currency}:
            # In the reporting currency, its parts in their own money beside it.
            reported = format_money(converted.cents, converted.currency, whole=True)
            missing = ", ".join(m.currency for m in converted.missing)
            arr = f"{reported} ({arr}" + (f"; no rate for {missing})" if missing else ")")
        if shown == total:
            self.status.setText(f"{total:,} accounts · ARR {arr}")
        else:
            self.status.setText(f"{shown:,} of {total:,} accounts · ARR {arr}")
