"""Settings ▸ Money: the reporting currency every sum is converted into, and the exchange
rates the book has."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from cswork.changes import Changes
from cswork.rates import MoneySummary, money_summary
from cswork.settings import replace_settings
from cswork.store import Book
from ui.kit.look import day_text
from ui.kit.undo import Edits


class MoneySettings(QWidget):
    def __init__(self, book: Book, edits: Edits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book, self.edits = book, edits
        self.summary: MoneySummary | None = None
        self.currency = QComboBox()
        self.currency.setMinimumWidth(360)
        self.currency.activated.connect(lambda _: self._choose(self.currency.currentData()))
        self.rates = QLabel()
        self.rates.setWordWrap(True)
        self.rates.setObjectName("statusLine")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setHorizontalSpacing(16)
        form.addRow("Reporting currency", self.currency)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.rates)  # full width: a long sentence wraps, never clips

    def refresh(self) -> None:
        with self.book.session() as session:
            summary = self.summary = money_summary(session)
        self.currency.clear()
        self.currency.addItem(f"{summary.default}: most of the book's ARR", None)
        for code in dict.fromkeys(
            [*summary.currencies, *([summary.chosen] if summary.chosen else [])]
        ):
            self.currency.addItem(code, code)
        self.currency.setCurrentIndex(self.currency.findData(summary.chosen))
        stored = (
            f"{summary.stored:,} {'rate' if summary.stored == 1 else 'rates'} in the book, "
            f"the newest of {day_text(summary.newest)}."
            if summary.stored
            else "The book has no exchange rates of its own yet."
        )
        shipped = (
            " Where the book has none, the European Central Bank's reference rates shipped "
            f"with the app answer (to {day_text(summary.shipped_through)})."
            if summary.shipped_through
            else ""
        )
        self.rates.setText(
            f"{stored}{shipped} Import newer ones with: python main.py import rates FILE "
            "(the ECB's eurofxref-hist.csv, or rows of date,currency,rate)."
        )

    def _choose(self, code: str | None) -> None:
        if self.summary is None or code == self.summary.chosen:
            return
        self.edits.push(
            f"Report in {code or self.summary.default}",
            lambda session: replace_settings(session, {"reporting_currency": code}),
            replace_settings,
            # Every sum and the book's ARR order change with it.
            Changes(settings=True, every_account=True),
            refused=lambda message, stale: self.refresh(),
        )

    def on_changes(self, changes: Changes) -> None:
        if changes.settings or changes.every_account:
            self.refresh()
