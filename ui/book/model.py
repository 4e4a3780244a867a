"""The book table's model: every account, one saved view, the quick filter, a sort.

The rules (what a view holds, what the filter matches, how columns sort) are in
cswork.book; this class only keeps the row order the view shows and answers Qt."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from cswork.book import (
    FIELD_COLUMN,
    AccountRow,
    BookIndex,
    Selection,
    ViewContext,
    field_column,
    field_value,
)
from cswork.changes import Changes
from cswork.money import format_money
from cswork.rates import Total
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR, band_icon, day_text, days_to_go_text
from ui.kit.qtypes import AnyIndex

ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = [
    ("name", "Account"),
    ("segment", "Segment"),
    ("arr", "ARR"),
    ("renewal_date", "Renewal"),
    ("days_to_renewal", "Days to go"),
    ("health", "Health"),
    ("csm", "CSM"),
    ("re_manager", "R&E manager"),
    ("open_ctas", "Open CTAs"),
]
COLUMN_KEYS = [key for key, _ in COLUMNS]  # the fixed columns; custom fields follow
_RIGHT = {"arr", "days_to_renewal", "health", "open_ctas"}
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class BookModel(QAbstractTableModel):
    shown_changed = Signal()  # the rows shown changed: count and total ARR to update

    def __init__(self, today: date, me_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self._context = ViewContext(today=today, me_id=me_id)
        self._index = BookIndex([])
        self._rows: list[AccountRow] = []
        self._view = "All accounts"
        self._needle = ""
        self._sort: tuple[str, bool] | None = None
        self._columns = list(COLUMNS)  # ours, then the custom fields the user chose
        self._base = Selection([], [])  # the view's rows, in sort order
        self._shown = Selection([], [])  # what the table shows: _base narrowed by the filter
        self._muted = QColor(MUTED_COLOUR)
        self._overdue = QColor(OVERDUE_COLOUR)

    # -- what is shown -------------------------------------------------------------
    def set_index(self, index: BookIndex) -> None:
        """Show a freshly read book (the index is built off the GUI thread)."""
        self._index = index
        self._rows = index.rows
        self._rebuild(view=True)

    def set_view(self, view: str) -> None:
        self._view = view
        self._rebuild(view=True)

    def set_filter(self, needle: str) -> None:
        if needle == self._needle:
            return
        narrowing = needle.startswith(self._needle) and self._needle != ""
        self._needle = needle
        self._reset(lambda: self._apply_filter(narrowing))

    def set_field_columns(self, names: list[str]) -> None:
        """Show these custom fields as columns, after ours (the column chooser)."""
        columns = COLUMNS + [(field_column(name), name) for name in names]
        if columns == self._columns:
            return
        self.beginResetModel()
        self._columns = columns
        self.endResetModel()

    def field_columns(self) -> list[str]:
        """The custom fields shown as columns, in their order."""
        return [title for key, title in self._columns if key.startswith(FIELD_COLUMN)]

    def field_names(self) -> list[str]:
        """Every custom field found in the book: what the column chooser offers."""
        return self._index.field_names

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        wanted = (self._columns[column][0], order == Qt.SortOrder.DescendingOrder)
        if wanted == self._sort:  # the view asks twice: once itself, once for its header
            return
        self._sort = wanted
        self._rebuild(view=False)

    @property
    def view(self) -> str:
        return self._view

    @property
    def today(self) -> date:
        return self._context.today

    @property
    def index_now(self) -> BookIndex:
        return self._index

    def apply_open_cta_changes(self, index: BookIndex, changes: dict[int, int]) -> None:
        """Counts worked out off the GUI thread for ``index``: repaint the cells that
        changed, keep everything else. (Dropped if the book was read again meanwhile.)"""
        if index is not self._index or not changes:
            return
        self._index.apply_open_cta_changes(changes)
        if self._shown.rows:  # the view repaints only the cells it shows
            column = COLUMN_KEYS.index("open_ctas")
            self.dataChanged.emit(
                self.index(0, column),
                self.index(len(self._shown.rows) - 1, column),
                [Qt.ItemDataRole.DisplayRole],
            )

    def replace_row(self, row: AccountRow) -> None:
        """One account changed (health after a score, owners...): repaint its row."""
        if self._index.replace_row(row) is None:
            return
        self._rebuild(view=True)  # it may enter or leave a view (At risk, My accounts)

    def on_changes(self, changes: Changes) -> None:
        """A new day or a new "me": views and days-to-go follow. (Changed rows arrive
        by replace_row, the whole book by set_index, both read off the GUI thread.)"""
        if changes.today or changes.me_changed:
            self._context = ViewContext(
                today=changes.today or self._context.today,
                me_id=changes.me_id if changes.me_changed else self._context.me_id,
            )
            self._rebuild(view=True)

    def shown_count(self) -> int:
        return len(self._shown)

    def total_count(self) -> int:
        return len(self._rows)

    def shown_arr(self) -> dict[str, int]:
        return self._index.arr_by_currency(self._shown.rows)

    def shown_arr_total(self) -> Total | None:
        """The shown ARR in the reporting currency (None before the rates are read)."""
        return self._index.arr_total(self._shown.rows)

    def account_id(self, row: int) -> int:
        return self._rows[self._shown.rows[row]].id

    def row_of_account(self, account_id: int) -> int | None:
        for position, i in enumerate(self._shown.rows):
            if self._rows[i].id == account_id:
                return position
        return None

    def rows(self) -> list[AccountRow]:
        return self._rows

    def shown_account_ids(self) -> list[int]:
        """The accounts the table shows, in its order (view, filter and sort)."""
        return [self._rows[i].id for i in self._shown.rows]

    def _rebuild(self, view: bool) -> None:
        def work() -> None:
            order = self._index.view(self._view, self._context) if view else self._base.rows
            if self._sort is not None:
                order = self._index.sort(order, *self._sort)
            self._base = self._index.select(order)
            self._apply_filter(narrowing=False)

        # A new sort shows the same rows in another order: count and totals stand.
        self._reset(work, rows_changed=view)

    def _apply_filter(self, narrowing: bool) -> None:
        # Typing one more letter can only narrow what is shown: search the shown rows.
        candidates = self._shown if narrowing else self._base
        self._shown = BookIndex.filter(candidates, self._needle)

    def _reset(self, change, rows_changed: bool = True) -> None:
        self.beginResetModel()
        try:
            change()
        finally:
            self.endResetModel()
        if rows_changed:
            self.shown_changed.emit()

    # -- Qt ------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if self._columns[section][0] in _RIGHT else _ALIGN_LEFT
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        number = self._shown.rows[index.row()]
        row = self._rows[number]
        key = self._columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "open_ctas":
                return str(self._index.open_ctas[number] or "")
            return self._display(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "health":
            return band_icon(row.band)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if key in _RIGHT else _ALIGN_LEFT
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status != "active":
                return self._muted
            if key == "days_to_renewal":
                days = row.days_to_renewal(self.today)
                if days is not None and days < 0:
                    return self._overdue
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == ACCOUNT_ID_ROLE:
            return row.id
        return None

    def _display(self, row: AccountRow, key: str) -> str:
        if key == "name":
            return row.name
        if key == "segment":
            return row.segment
        if key == "arr":
            return format_money(row.arr_cents, row.currency, whole=True)
        if key == "renewal_date":
            return day_text(row.renewal_date)
        if key == "days_to_renewal":
            if row.status != "active":
                return row.status
            return days_to_go_text(row.days_to_renewal(self.today))
        if key == "health":
            return "" if row.health is None else str(row.health)
        if key == "csm":
            return row.csm
        if key == "re_manager":
            return row.re_manager
        if key.startswith(FIELD_COLUMN):
            return field_value(row, key)
        return ""

    def _tooltip(self, row: AccountRow, key: str) -> str | None:
        if key == "health":
            return "Not scored yet" if row.health is None else f"Health {row.health}: {row.band}"
        if key == "name":
            return f"{row.name} ({row.external_id})"
        if key == "days_to_renewal" and row.status == "active":
            days = row.days_to_renewal(self.today)
            if days is not None and days < 0:
                return f"The renewal date passed {-days} days ago and the account is still active."
        return None
