"""The payout statement: the quarter's deals, what each is credited and paid, and
the what-if's changes marked in italics (a hypothetical deal, a moved close date).

A real deal's close date is edited in place (double-click, or Move close date… in the
context menu): that is a what-if, never written to the book."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from cswork.comp import Deal, DealLine, Statement, rate_text
from cswork.money import cents_to_decimal, format_money
from ui.comp.words import kind_text, multiplier_text, quarter_text
from ui.kit.look import MUTED_COLOUR, day_text
from ui.kit.qtypes import AnyIndex

# "Converted": a foreign deal in the plan's currency (its header says which).
COLUMNS = [
    "Account",
    "Kind",
    "Close date",
    "Amount",
    "Converted",
    "Credit",
    "Accelerator",
    "Tier",
    "Payout",
]
CLOSE_DATE, PAYOUT = COLUMNS.index("Close date"), COLUMNS.index("Payout")
CONVERTED = COLUMNS.index("Converted")
_RIGHT = {"Amount", "Converted", "Credit", "Accelerator", "Payout"}
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
DEAL_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class StatementRow:
    deal: Deal  # as the book has it, or a hypothetical one
    close_date: date  # where the what-if puts it
    line: DealLine | None  # None: moved out of the quarter, so not paid in it

    @property
    def moved(self) -> bool:
        return self.close_date != self.deal.close_date


def deal_kind_text(deal: Deal) -> str:
    """'Renewal', 'Upsell (uplift at renewal)', 'Upsell (what-if)'."""
    note = "what-if" if deal.hypothetical else deal.note
    return kind_text(deal.kind) + (f" ({note})" if note else "")


def statement_rows(
    deals: list[Deal], added: list[Deal], moved: dict[str, date], shown: Statement
) -> list[StatementRow]:
    """Every deal of the quarter, real and hypothetical, with its line in ``shown``."""
    lines = {line.deal.key: line for line in shown.lines}
    rows = [
        StatementRow(deal, moved.get(deal.key, deal.close_date), lines.get(deal.key))
        for deal in [*deals, *added]
    ]
    # The what-if's own rows first, where the user sees them; then by close date.
    return sorted(
        rows,
        key=lambda row: (not (row.deal.hypothetical or row.moved), row.close_date, row.deal.key),
    )


class StatementModel(QAbstractTableModel):
    move_requested = Signal(str, object)  # deal key, new close date

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[StatementRow] = []
        self._quarter_name = ""
        self._currency = "USD"  # the plan's
        self._muted = QColor(MUTED_COLOUR)
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(
        self, rows: list[StatementRow], quarter_name: str = "", currency: str | None = None
    ) -> None:
        self.beginResetModel()
        try:
            self._rows, self._quarter_name = rows, quarter_name
            self._currency = currency or "USD"
        finally:
            self.endResetModel()

    def rows(self) -> list[StatementRow]:
        return self._rows

    def any_foreign(self) -> bool:
        """Whether a row is in another currency than the plan's (converted or not)."""
        return any(
            row.line is not None and (row.line.rate is not None or row.line.missing_rate)
            for row in self._rows
        )

    def row_of(self, key: str) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.deal.key == key), None)

    # -- Qt ------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if COLUMNS[section] == "Converted":
                return f"In {self._currency}"
            return COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if COLUMNS[section] in _RIGHT else _ALIGN_LEFT
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole and column == "Close date":
            return QDate(row.close_date)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if column in _RIGHT else _ALIGN_LEFT
        if role == Qt.ItemDataRole.FontRole and (row.deal.hypothetical or row.moved):
            return self._italic
        if role == Qt.ItemDataRole.ForegroundRole and row.line is None:
            return self._muted
        if role == Qt.ItemDataRole.ToolTipRole:
            whole = self._display(row, column) if column in ("Account", "Tier") else ""
            return "\n".join(text for text in (whole, self._tooltip(row)) if text)
        if role == DEAL_KEY_ROLE:
            return row.deal.key
        return None

    def _display(self, row: StatementRow, column: str) -> str:
        deal, line = row.deal, row.line
        if column == "Account":
            return deal.account
        if column == "Kind":
            return deal_kind_text(deal)
        if column == "Close date":
            return day_text(row.close_date) + (" (moved)" if row.moved else "")
        if column == "Amount":  # in the deal's own currency
            return format_money(deal.amount_cents, deal.currency or self._currency)
        if line is not None and line.missing_rate:
            return {"Converted": "no rate", "Tier": line.tier}.get(column, "—")
        if column == "Converted":  # blank for a deal in the plan's own money
            if line is None or line.rate is None:
                return ""
            return format_money(line.amount_plan_cents, self._currency)
        if line is None:
            if column == "Tier":
                return f"not paid in {self._quarter_name}"
            return "—"
        if column == "Credit":
            return format_money(line.credit_cents, self._currency)
        if column == "Accelerator":
            return multiplier_text(line.accelerator)
        if column == "Tier":
            return line.tier
        if column == "Payout":
            return format_money(line.payout_cents, self._currency)
        return ""

    def _tooltip(self, row: StatementRow) -> str | None:
        deal, line, close = row.deal, row.line, day_text(row.close_date)
        if line is not None and line.missing_rate:
            return (
                f"This deal is in {deal.currency} and the plan pays in {self._currency}: "
                f"the book has no {deal.currency} rate on or before {close}, so it is not "
                "counted. Settings ▸ Money ▸ Import rates… adds one."
            )
        if line is not None and line.rate is not None:
            return (
                f"{format_money(deal.amount_cents, deal.currency)} at {rate_text(line.rate)} "
                f"{self._currency} per {deal.currency}, the rate in force on {close} (its "
                "close date)."
            )
        due = row.deal.due_date
        if due is not None and due != row.deal.close_date and not row.moved:
            part = "its amount above target" if row.deal.note else "it"
            return (
                f"Due {day_text(due)}, closed {day_text(row.deal.close_date)}: {part} "
                "counts in the quarter the renewal was due."
            )
        if row.deal.hypothetical:
            return "A what-if deal: it is not in the book."
        if row.moved:
            return (
                f"What-if: closing {day_text(row.close_date)}. The book still says "
                f"{day_text(row.deal.close_date)}."
            )
        return "Double-click the close date to see what moving it would do."

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() != CLOSE_DATE or not isinstance(value, (QDate, date)):
            return False
        day = value.toPython() if isinstance(value, QDate) else value
        self.move_requested.emit(self._rows[index.row()].deal.key, day)
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = super().flags(index)
        if index.column() == CLOSE_DATE and not self._rows[index.row()].deal.hypothetical:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class StatementView(QTableView):
    """The statement table, with a context menu for the what-if."""

    put_back_requested = Signal(str)  # deal key
    remove_requested = Signal(str)  # a hypothetical deal's key

    def __init__(self, model: StatementModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        # Numbers and dates take what they need; the account's name gives way.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tier = COLUMNS.index("Tier")
        header.setSectionResizeMode(tier, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(tier, 180)  # long tiers elide; the tooltip has them whole
        header.setMinimumSectionSize(60)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.menu: QMenu | None = None

    def _menu(self, where: QPoint) -> None:
        index = self.indexAt(where)
        if not index.isValid():
            return
        row = self.model().rows()[index.row()]
        self.menu = QMenu(self)
        if row.deal.hypothetical:
            remove = self.menu.addAction("Remove this what-if deal")
            remove.triggered.connect(lambda: self.remove_requested.emit(row.deal.key))
        else:
            move = self.menu.addAction("Move close date (what-if)…")
            move.triggered.connect(lambda: self.edit(index.siblingAtColumn(CLOSE_DATE)))
            if row.moved:
                back = self.menu.addAction(f"Put back to {day_text(row.deal.close_date)}")
                back.triggered.connect(lambda: self.put_back_requested.emit(row.deal.key))
        self.menu.popup(self.viewport().mapToGlobal(where))


def export_table(rows: list[StatementRow], shown: Statement) -> tuple[list[str], list[list]]:
    """Headers and rows for write_table: money as exact decimals, dates as dates, and a
    what-if column naming anything hypothetical."""
    headers = [*COLUMNS, "What-if", "Currency"]
    headers[COLUMNS.index("Converted")] = f"Amount in {shown.currency}"
    table: list[list] = []
    for row in rows:
        line = row.line
        note = "hypothetical deal" if row.deal.hypothetical else ""
        if row.moved:
            note = f"moved from {row.deal.close_date.isoformat()}"
        table.append(
            [
                row.deal.account,
                deal_kind_text(row.deal),
                row.close_date,
                cents_to_decimal(row.deal.amount_cents),
                None
                if line is None or line.missing_rate
                else cents_to_decimal(line.amount_plan_cents),
                None if line is None else cents_to_decimal(line.credit_cents),
                None if line is None else line.accelerator,
                f"not paid in {quarter_text(shown.quarter)}" if line is None else line.tier,
                None if line is None else cents_to_decimal(line.payout_cents),
                note,
                row.deal.currency or shown.currency,
            ]
        )
    table.append(
        [
            "Total",
            *("", None, None, None, None, None, ""),
            cents_to_decimal(shown.total_payout),
            "",
            shown.currency,
        ]
    )
    return headers, table
