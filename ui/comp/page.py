"""The Comp page: one person's plan for the year and their quarter, the way the plan
pays it: the six steps, the payout statement, a what-if, and a territory check.

Everything is read on the reads runner; the arithmetic is the core's (cswork.comp),
the same the `comp` command prints."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cswork.changes import Changes
from cswork.comp import PlanTerms, Quarter, Statement, statement, what_if
from cswork.comp_book import (
    remove_plan,
    save_plan,
)
from cswork.exporting import write_table
from cswork.money import format_money
from cswork.store import Book
from ui.comp.header import CompHeader, CompRead, read_comp
from ui.comp.plan_form import PlanForm
from ui.comp.statement import (
    CONVERTED,
    StatementModel,
    StatementView,
    export_table,
    statement_rows,
)
from ui.comp.steps import StepsPanel, money
from ui.comp.what_if import WhatIfPanel
from ui.comp.words import quarter_text
from ui.kit.background import Workers
from ui.kit.look import OVERDUE_COLOUR, day_text
from ui.kit.undo import Edits


def currency_note(shown: Statement, left_out: dict[str, int]) -> str:
    """What is left out for want of exchange rates, named: the rates, the deals and the
    renewal targets, each in its own money."""
    if not shown.missing_rates:
        return ""
    named = ", ".join(f"{m.currency} on {day_text(m.on_date)}" for m in shown.missing_rates)
    parts = []
    if shown.needing_rates:
        count = len(shown.needing_rates)
        parts.append(f"{count} deal{'s' if count != 1 else ''}")
    if left_out:
        targets = ", ".join(format_money(v, c, whole=True) for c, v in left_out.items())
        parts.append(f"renewal targets of {targets}")
    what = " and ".join(parts) or "accounts in that money (in the team's NRR)"
    return (
        f"\nNo exchange rate to {shown.currency} for {named}: {what} left out, never "
        "counted at 1 (Settings ▸ Money ▸ Import rates…)."
    )


class CompPage(QWidget):
    loaded = Signal()  # a person's quarter was read and is on screen
    plan_written = Signal()  # a plan save, or its undo or redo, landed and is shown
    exported = Signal(str)  # what the export said

    def __init__(
        self, book: Book, workers: Workers, edits: Edits, today: date, parent=None
    ) -> None:
        super().__init__(parent)
        self.book, self.workers, self.edits, self.today = book, workers, edits, today
        self.quarter = Quarter.of(today)
        self.person_id: int | None = None
        self.data: CompRead | None = None
        self.actual: Statement | None = None
        self.shown: Statement | None = None  # the what-if's statement, or the actual one
        self._asked = 0
        self._drafts: dict[tuple[int, int], dict] = {}  # unsaved plans, by person and year
        self._fresh_plan = False  # the next read shows the saved plan, not a draft
        self._last_write = ""

        self.header = CompHeader()
        self.header.person_chosen.connect(self.show_person)
        self.header.quarter_chosen.connect(self.show_quarter)

        self.plan = PlanForm()
        self.plan.edited.connect(self.recompute)
        self.plan.save_requested.connect(self.save_plan)
        self.what_if = WhatIfPanel()
        self.what_if.changed.connect(self.recompute)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plan, "Plan")
        self.tabs.addTab(self.what_if, "What-if")
        self.tabs.setFixedWidth(430)
        self.steps = StepsPanel()
        middle = QHBoxLayout()
        middle.setSpacing(16)
        middle.addWidget(self.tabs, 0, Qt.AlignmentFlag.AlignTop)
        middle.addWidget(self.steps, 1, Qt.AlignmentFlag.AlignTop)

        self.statement_title = QLabel("Payout statement")
        self.statement_title.setObjectName("sectionTitle")
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Write the statement as shown to a CSV or XLSX file")
        self.export_button.clicked.connect(self.export_as)
        heading = QHBoxLayout()
        heading.addWidget(self.statement_title)
        heading.addStretch(1)
        self.export_state = QLabel()
        self.export_state.setObjectName("statusLine")
        self.exported.connect(self.export_state.setText)
        heading.addWidget(self.export_state)
        heading.addWidget(self.export_button)
        self.model = StatementModel(self)
        # Queued: the table's date editor is still committing when the request comes;
        # the statement is rebuilt once it has closed.
        self.model.move_requested.connect(self._move, Qt.ConnectionType.QueuedConnection)
        self.table = StatementView(self.model)
        self.table.setMinimumHeight(320)
        self.table.put_back_requested.connect(self.what_if.put_back)
        self.table.remove_requested.connect(self.what_if.remove)
        self.footer = QLabel()
        self.footer.setObjectName("statementFooter")
        self.footer.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.footer.setWordWrap(True)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.header)
        layout.addLayout(middle)
        layout.addSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.table)
        layout.addWidget(self.footer)
        layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    # -- reading -------------------------------------------------------------------
    def show_page(self, me_id: int | None) -> None:
        """The page comes to the front: read the book again (it may have changed)."""
        if self.person_id is None:
            self.person_id = me_id
        self.reload()

    def show_person(self, person_id: int) -> None:
        self.person_id = person_id
        self.reload()

    def show_quarter(self, quarter: Quarter) -> None:
        self.quarter = quarter
        self.reload()

    def on_changes(self, changes: Changes) -> None:
        if changes.today:
            self.today = changes.today
        if changes.comp:  # a plan saved, or its save undone or redone: show the book's
            self._fresh_plan = True
            self.reload()

    def reload(self) -> None:
        book, wanted, quarter = self.book, self.person_id, self.quarter
        self._asked += 1
        ticket = self._asked
        self.header.set_quarter(quarter, Quarter.of(self.today))
        self.header.set_reading(True)
        self.workers.reads.submit(
            lambda: read_comp(book, wanted, quarter), lambda result: self._read(ticket, result)
        )

    def _read(self, ticket: int, result: CompRead | None) -> None:
        if ticket != self._asked:
            return  # the user has asked for another person or quarter since
        self.header.set_reading(False)
        if result is None:
            self.header.territory.setText("There is nobody in this book yet.")
            return
        before, self.data = self.data, result
        self.person_id = result.person_id
        self.header.show_read(result)
        if before is not None:  # keep what was typed and not saved, to come back to
            left = (before.person_id, before.quarter.year)
            if self.plan.is_edited():
                self._drafts[left] = self.plan.snapshot()
            else:
                self._drafts.pop(left, None)
        draft = self._drafts.pop((result.person_id, result.quarter.year), None)
        if self._fresh_plan:
            draft = None  # a save or its undo landed: show the plan the book has now
        if before is None or (before.person_id, before.quarter) != (
            result.person_id,
            result.quarter,
        ):
            self.what_if.set_quarter(result.quarter, self.today)
        self.tabs.setTabText(0, f"Plan for {result.quarter.year}")
        self.plan.show_plan(result.name, result.role, result.quarter.year, result.saved, draft)
        self.recompute()
        if self._fresh_plan:
            self._fresh_plan = False
            self.plan.set_state(self._last_write)
            self.plan_written.emit()
        self.loaded.emit()

    # -- the numbers ---------------------------------------------------------------
    def recompute(self) -> None:
        """The six steps, the statement and the footer, for the plan as typed (or as
        saved) and the what-if in use."""
        result = self.data
        if result is None:
            return
        terms = self.plan.terms() or result.saved
        quarter, found, change = result.quarter, result.found, self.what_if
        self.statement_title.setText(f"Payout statement, {quarter_text(quarter)}")
        if terms is None:
            self.actual = self.shown = None
            self.steps.show_nothing(
                f"The six steps, from variable to payout, show here once {result.name} has "
                f"a plan for {quarter.year}: start from the seed's plan on the left."
            )
            self.steps.show_banner("")
            self.model.set_rows([])
            count = len(found.deals)
            won = f"{count} won deal{'s' if count != 1 else ''}" if count else "No won deals"
            self.footer.setText(f"{won} in {quarter_text(quarter)}; no plan yet to pay on.")
            self.export_button.setEnabled(False)
            self.table.hide()
            self.footer.setAlignment(Qt.AlignmentFlag.AlignLeft)
            return
        nrr = result.team.nrr if result.team else None
        currency = terms.currency or result.reporting_currency
        # Each renewal target at its due date's rate, each deal at its close date's.
        eligible = found.eligible(currency, result.rates)
        missing = [*eligible.missing, *(result.team.missing_rates if result.team else ())]
        convert = {"rates": result.rates, "missing": missing}
        self.actual = statement(
            terms, quarter, eligible.cents, found.deals, nrr, currency, **convert
        )
        hypothetical = None
        if change.active:
            hypothetical = what_if(
                terms,
                quarter,
                eligible.cents,
                found.deals,
                change.added,
                change.moved,
                nrr,
                currency,
                **convert,
            )
        self.shown = hypothetical or self.actual
        self.steps.show_statement(
            terms, self.actual, hypothetical, found.eligible_count, result.team
        )
        notes = []
        if change.active:
            notes.append(
                f"What-if in use ({change.describe()}): the italic numbers include it. "
                "The book is unchanged."
            )
        if self.plan.is_edited() and self.plan.terms() is not None:
            notes.append("Unsaved plan: the numbers use the plan as typed.")
        elif self.plan.is_edited():
            notes.append("The plan as typed has mistakes: the numbers are the saved plan's.")
        self.steps.show_banner(" ".join(notes))
        rows = statement_rows(found.deals, change.added, change.moved, self.shown)
        self.model.set_rows(rows, quarter_text(quarter), self.shown.currency)
        # The converted column only when a deal is in another currency than the plan's.
        self.table.setColumnHidden(CONVERTED, not self.model.any_foreign())
        self.export_button.setEnabled(bool(rows))
        self.table.setVisible(bool(rows))
        self.footer.setAlignment(
            Qt.AlignmentFlag.AlignRight if rows else Qt.AlignmentFlag.AlignLeft
        )
        if not rows:
            self.footer.setText(
                f"No won renewals or upsells in {quarter_text(quarter)} on accounts where "
                f"{result.name} is accountable (A) for them in the RACI."
            )
            return
        s = self.shown
        cur = s.currency or "USD"
        paid = len(s.lines) - len(s.needing_rates)
        text = (
            f"{'What-if total' if hypothetical else 'Total'}: {paid} deal{'s' if paid != 1 else ''}"
            f" · renewed {money(s.renewed_cents, cur)} (credit "
            f"{money(s.renewal_credit_cents, cur)}) · booked {money(s.bookings_cents, cur)}"
            f" · payout {format_money(s.total_payout, cur)}"
        )
        self.footer.setText(text + currency_note(s, eligible.left_out))

    def _move(self, key: str, day: date) -> None:
        deal = next(d for d in self.data.found.deals if d.key == key)
        self.what_if.move(key, day, deal.close_date)

    # -- saving and exporting ------------------------------------------------------
    def save_plan(self, terms: PlanTerms) -> None:
        result = self.data
        person_id, year = result.person_id, result.quarter.year

        def write(session):
            self._last_write = "Saved. Edit ▸ Undo takes it back."
            return save_plan(session, person_id, year, terms)

        def unwrite(session, before: PlanTerms | None) -> None:
            self._last_write = "Undone: the plan is as it was."
            if before is None:
                remove_plan(session, person_id, year)
            else:
                save_plan(session, person_id, year, before)

        self.edits.push(
            f"Save {result.name}'s {year} comp plan",
            write,
            unwrite,
            Changes(comp=True),
            refused=self._refused,
        )

    def _refused(self, message: str, stale: bool) -> None:
        self.plan.validate()
        self.plan.set_state(message if stale else f"Not saved: {message}", OVERDUE_COLOUR)

    def export_as(self) -> None:
        """Ask where, then export."""
        if self.shown is None or self.data is None:
            return
        suggested = f"payout {self.data.name} {self.shown.quarter}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the payout statement",
            str(Path.home() / suggested),
            "Excel workbook (*.xlsx);;CSV (*.csv)",
        )
        if path:
            self.export(path)

    def export(self, path: str) -> None:
        """Write the statement as shown (with the what-if, if one is in use)."""
        if self.shown is None:
            return
        headers, rows = export_table(self.model.rows(), self.shown)
        target = Path(path)
        self.workers.reads.submit(
            lambda: write_table(target, headers, rows),
            lambda count: self.exported.emit(f"Wrote {count} rows to {target.name}."),
            lambda exc: self.exported.emit(f"Not exported: {exc}"),
        )
