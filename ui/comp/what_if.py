"""What-if: hypothetical deals and moved close dates, held here and never written to
the book. The page feeds them to the core's ``what_if`` and shows what would move."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cswork.comp import Deal, Quarter
from cswork.money import parse_money
from ui.comp.words import quarter_text
from ui.kit.look import OVERDUE_COLOUR

INTRO = (
    "Try deals that have not happened yet and see attainment and payout move. Nothing "
    "here is written to the book; the real numbers stay on the tiles, the what-if ones "
    "in italics under them."
)
MOVE_HINT = (
    "To move a real deal, double-click its close date in the statement below, or "
    "right-click it and choose Move close date."
)


class WhatIfPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.added: list[Deal] = []
        self.moved: dict[str, date] = {}
        self.quarter = Quarter(2000, 1)
        self._numbered = 0
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setObjectName("statusLine")
        self.kind = QComboBox()
        self.kind.addItem("Upsell", "upsell")
        self.kind.addItem("Renewal", "renewal")
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("e.g. 150,000")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setFixedWidth(140)
        self.amount.returnPressed.connect(self.add_typed_deal)
        self.amount.textEdited.connect(lambda _text: self.problem.hide())
        self.close_date = QDateEdit()
        self.close_date.setCalendarPopup(True)
        self.close_date.setDisplayFormat("d MMM yyyy")
        self.months = QSpinBox()
        self.months.setRange(1, 120)
        self.months.setValue(12)
        self.months.setSuffix(" months")
        self.months.setEnabled(False)
        self.add = QPushButton("Add what-if deal")
        self.add.clicked.connect(self.add_typed_deal)
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Kind", self.kind)
        form.addRow("Amount", self.amount)
        form.addRow("Closes", self.close_date)
        form.addRow("Contract", self.months)
        move_hint = QLabel(MOVE_HINT)
        move_hint.setWordWrap(True)
        move_hint.setObjectName("statusLine")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.clear_button = QPushButton("Clear what-if")
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addWidget(move_hint)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self._show_summary()

    @property
    def active(self) -> bool:
        return bool(self.added or self.moved)

    def set_quarter(self, quarter: Quarter, today: date) -> None:
        """A new person or quarter: start again, hypothetical deals closing in it."""
        self.quarter = quarter
        self.close_date.setDateRange(QDate(quarter.first), QDate(quarter.last))
        self.close_date.setDate(QDate(min(max(today, quarter.first), quarter.last)))
        self.added, self.moved = [], {}
        self._show_summary()

    def _kind_chosen(self) -> None:
        self.months.setEnabled(self.kind.currentData() == "renewal")

    # -- changes -------------------------------------------------------------------
    def add_typed_deal(self) -> Deal | None:
        try:
            amount = parse_money(self.amount.text())
        except ValueError as exc:
            self.problem.setText(str(exc) if self.amount.text().strip() else "Type an amount.")
            self.problem.show()
            return None
        if amount <= 0:
            self.problem.setText("A deal's amount is above zero.")
            self.problem.show()
            return None
        kind = self.kind.currentData()
        months = self.months.value() if kind == "renewal" else None
        deal = self.add_deal(kind, amount, self.close_date.date().toPython(), months)
        self.amount.clear()
        return deal

    def add_deal(self, kind: str, amount_cents: int, close_date: date, months=None) -> Deal:
        self._numbered += 1
        deal = Deal(
            f"what-if {self._numbered}",
            f"What-if deal {self._numbered}",
            kind,
            close_date,
            amount_cents,
            months,
            hypothetical=True,
        )
        self.added.append(deal)
        self._changed()
        return deal

    def move(self, key: str, close_date: date, book_date: date) -> None:
        if close_date == book_date:
            self.moved.pop(key, None)
        else:
            self.moved[key] = close_date
        self._changed()

    def put_back(self, key: str) -> None:
        self.moved.pop(key, None)
        self._changed()

    def remove(self, key: str) -> None:
        self.added = [deal for deal in self.added if deal.key != key]
        self._changed()

    def clear(self) -> None:
        self.added, self.moved = [], {}
        self._changed()

    def _changed(self) -> None:
        self._show_summary()
        self.changed.emit()

    def describe(self) -> str:
        """'2 what-if deals and 1 moved close date', or ''."""
        parts = []
        if self.added:
            parts.append(f"{len(self.added)} what-if deal{'s' if len(self.added) != 1 else ''}")
        if self.moved:
            count = len(self.moved)
            parts.append(f"{count} moved close date{'s' if count != 1 else ''}")
        return " and ".join(parts)

    def _show_summary(self) -> None:
        described = self.describe()
        self.summary.setText(
            f"In use for {quarter_text(self.quarter)}: {described}."
            if described
            else "No what-if in use: the numbers are the book's."
        )
        self.clear_button.setEnabled(self.active)
