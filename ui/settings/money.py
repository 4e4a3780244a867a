"""Settings ▸ Money: the reporting currency every sum is converted into, and the exchange
rates the book has."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cswork.changes import Changes
from cswork.rates import MoneySummary, import_rates, money_summary, unstore_rates
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
        self.import_button = QPushButton("Import rates…")
        self.import_button.setToolTip(
            "The ECB's eurofxref-hist.csv (or .zip), or rows of date,currency,rate in the "
            "reporting currency; all or nothing"
        )
        self.import_button.clicked.connect(self._choose_file)
        self.state = QLabel()
        self.state.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.state, 1)
        layout.addLayout(row)

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
        self.rates.setText(f"{stored}{shipped}")

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

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import exchange rates", "", "Rates (*.csv *.zip);;All files (*)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read and store the file on the writer thread; undoable like any edit."""
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.state.setText(f"Cannot read {path.name}: {exc.strerror}")
            return
        self.state.setText(f"Importing {path.name}…")
        self.edits.push(
            f"Import exchange rates from {path.name}",
            lambda session: import_rates(session, raw),
            unstore_rates,
            Changes(settings=True, every_account=True),
            done=lambda: self.state.setText(f"Imported the rates in {path.name}."),
            refused=lambda message, stale: self.state.setText(f"{path.name}: {message}"),
        )

    def on_changes(self, changes: Changes) -> None:
        if changes.settings or changes.every_account:
            self.refresh()
