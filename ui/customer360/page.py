"""Customer360: one account on one screen: a header of facts, then tabs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cswork.accounts import AccountOverview, account_overview
from cswork.ctas import list_ctas
from cswork.enums import CtaStatus
from cswork.money import format_money
from cswork.plans import plan_of, progress
from cswork.scorecard import scorecard
from cswork.store import Book
from cswork.timeline import account_history, add_entry
from ui.brief.view import open_brief
from ui.ctas.actions import CtaActions
from ui.customer360.contacts.tab import ContactsTab
from ui.customer360.ctas_tab import CtaTab
from ui.customer360.opportunities.tab import OpportunitiesTab
from ui.customer360.plan.parts import plan_fact
from ui.customer360.plan.tab import SuccessPlanTab
from ui.customer360.raci.tab import RaciTab
from ui.customer360.scorecard.model import change_text
from ui.customer360.scorecard.tab import ScorecardTab
from ui.customer360.timeline_tab import TimelineItem, TimelineTab
from ui.kit.background import Workers
from ui.kit.fact import Fact
from ui.kit.look import BAND_COLOURS, BAND_LABELS, MUTED_COLOUR, OVERDUE_COLOUR, day_text

# The activities whose accountable person the header names.
HEADER_DUTIES = [
    ("renewal", "Renewal"),
    ("upsell", "Upsell"),
    ("cross_sell", "Cross-sell"),
    ("success_plan", "Success plan"),
]


class Customer360Page(QWidget):
    back_requested = Signal()
    timeline_changed = Signal(int)  # account id
    account_edited = Signal(int)  # a score or the plan changed: the book shows it afresh
    ctas_raised = Signal(int)  # a CTA was raised from here (white space): the task pane

    def __init__(
        self,
        book: Book,
        workers: Workers,
        today: date,
        cta_actions: CtaActions,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
    ):
        super().__init__(parent)
        # The window's undo history (Edit ▸ Undo); a Customer360 alone keeps its own.
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.book, self.workers, self.today = book, workers, today
        self.me_id: int | None = None
        self.account_id: int | None = None
        self.account_name = ""

        back = QPushButton("← Book")
        back.setFlat(True)
        back.setToolTip("Back to the book (Alt+Left)")
        back.clicked.connect(self.back_requested)
        self.brief = QPushButton("Call-prep brief…")
        self.brief.setToolTip(
            "The one-page brief before a renewal call: screen, print, PDF (Ctrl+P prints)"
        )
        self.brief.clicked.connect(lambda _checked: self.show_brief())
        QShortcut(
            QKeySequence.StandardKey.Print,
            self,
            activated=lambda: self.show_brief(print_now=True),
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.title = QLabel()
        self.title.setObjectName("accountTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("accountSubtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)

        self.arr = Fact("ARR")
        self.renewal = Fact("Renewal")
        self.health = Fact("Health")
        self.licenses = Fact("Licenses")
        self.plan_progress = Fact("Success plan")
        self.plan_progress.detail.setTextFormat(Qt.TextFormat.RichText)
        facts = QHBoxLayout()
        facts.setSpacing(10)
        for fact in (self.arr, self.renewal, self.health, self.plan_progress, self.licenses):
            facts.addWidget(fact, 1)

        self.owners = QGridLayout()
        self.owners.setHorizontalSpacing(18)
        self.owners.setVerticalSpacing(2)
        owners_box = QWidget()
        owners_box.setLayout(self.owners)

        self.timeline = TimelineTab(today)
        self.timeline.entry_requested.connect(self._save_entry)
        self.timeline.show_changes.toggled.connect(self._reload_timeline)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.timeline, "Timeline")
        self.ctas = CtaTab(today)
        self.ctas.reload_requested.connect(self.reload_ctas)
        self.ctas.new_cta_requested.connect(self.new_cta)
        self.cta_actions = cta_actions
        self.ctas.attach(cta_actions)
        self.contacts = ContactsTab(book, workers, self.undo_stack, today)
        self.tabs.addTab(self.contacts, "Contacts")
        self.contacts.changed.connect(self._contact_edited)
        self.opportunities = OpportunitiesTab(book, workers, self.undo_stack, today)
        self.opportunities.account_changed.connect(self._deal_closed)
        self.opportunities.white_space_flagged.connect(self.ctas_raised)
        self.tabs.insertTab(self.tabs.indexOf(self.contacts), self.opportunities, "Opportunities")
        self.raci = RaciTab(book, workers, self.undo_stack)
        self.raci.changed.connect(self._duties_changed)
        self.tabs.addTab(self.raci, "RACI")
        self.tabs.addTab(self.ctas, "CTAs")
        self.plan = SuccessPlanTab(book, workers, self.undo_stack, today)
        self.scores = ScorecardTab(book, workers, self.undo_stack, today, lambda: self.me_id)
        for edits in (self.plan.edits, self.scores.edits):
            edits.written.connect(self._account_edited)
        self.tabs.insertTab(0, self.plan, "Success plan")
        self.tabs.insertTab(1, self.scores, "Scorecard")
        self.tabs.setCurrentWidget(self.timeline)

        heading = QVBoxLayout()
        heading.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        top.addStretch(1)
        top.addWidget(self.brief)
        heading.addLayout(top)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addLayout(facts)
        layout.addWidget(owners_box)
        layout.addWidget(self.tabs, 1)

    # -- loading -------------------------------------------------------------------
    def show_account(self, account_id: int) -> None:
        """Read the account and its timeline (a few indexed queries) and show them."""
        with self.book.session() as session:
            overview = account_overview(session, account_id, self.today)
            items = self._timeline_items(session, account_id)
        self.account_id, self.account_name = account_id, overview.name
        self._show_header(overview)
        self.plan.show_account(account_id)
        self._show_standing(account_id)
        self.timeline.set_items(items)
        self.contacts.show_account(account_id)
        self.opportunities.show_account(account_id)
        self.raci.show_account(account_id)
        self.reload_ctas()

    def set_today(self, today: date) -> None:
        self.today = self.ctas.model.today = self.contacts.today = today
        self.opportunities.today = today
        self.plan.set_today(today)
        self.timeline.day.setDate(QDate(today.year, today.month, today.day))
        if self.account_id is not None:
            self.show_account(self.account_id)

    def reload_ctas(self) -> None:
        """The account's CTAs: open and snoozed, and closed ones when asked for."""
        if self.account_id is None:
            return
        statuses = [CtaStatus.OPEN, CtaStatus.SNOOZED]
        if self.ctas.show_closed.isChecked():
            statuses.append(CtaStatus.CLOSED)
        with self.book.session() as session:
            items = list_ctas(session, account_id=self.account_id, statuses=statuses)
        self.ctas.set_items(items)
        open_count = sum(1 for item in items if item.status == "open")
        index = self.tabs.indexOf(self.ctas)
        self.tabs.setTabText(index, f"CTAs ({open_count})" if open_count else "CTAs")

    def new_cta(self) -> None:
        if self.account_id is not None:
            self.cta_actions.new_cta((self.account_id, self.account_name))

    def _reload_timeline(self) -> None:
        if self.account_id is not None:
            with self.book.session() as session:
                self.timeline.set_items(self._timeline_items(session, self.account_id))

    def _timeline_items(self, session, account_id: int) -> list[TimelineItem]:
        return [
            TimelineItem(h.entry_id or 0, h.kind, h.day, h.author, h.text)
            for h in account_history(session, account_id, self.timeline.show_changes.isChecked())
        ]

    def _show_header(self, o: AccountOverview) -> None:
        self.title.setText(o.name)
        parts = [o.external_id, o.segment]
        if o.industry:
            parts.append(o.industry)
        if o.parent_name:
            parts.append(f"division of {o.parent_name}")
        if o.status != "active":
            parts.append(o.status.upper())
        self.subtitle.setText("  ·  ".join(parts))

        self.arr.set(
            format_money(o.arr_cents, o.currency, whole=True),
            f"{o.term_months}-month term" if o.term_months else "",
        )
        if o.renewal_date is None:
            self.renewal.set("—", "no renewal date")
        else:
            days = o.days_to_renewal
            if days is not None and days < 0:
                detail, colour = f"overdue by {-days} days", OVERDUE_COLOUR
            else:
                detail, colour = ("today" if days == 0 else f"in {days} days"), None
            if o.auto_renew:
                detail += " · auto-renews"
            self.renewal.set(day_text(o.renewal_date), detail, colour)
        # The health tile is the scorecard's, with its trend: _show_standing.
        used = f"{o.licenses_used:,} of {o.licenses:,}" if o.licenses else "—"
        share = f"{o.licenses_used * 100 // o.licenses}% in use" if o.licenses else ""
        self.licenses.set(used, share)
        self._show_owners(o)

    def _show_standing(self, account_id: int) -> None:
        """Health with its 30-day change and the plan's progress in the header; the
        scorecard tab."""
        with self.book.session() as session:
            card = scorecard(session, account_id, self.today)
            plan = plan_of(session, account_id)
            plan_progress = progress(plan, self.today) if plan is not None else None
        if card.health is None:
            self.health.set("—", "not scored yet", MUTED_COLOUR)
        else:
            change = change_text(card.change_30_days, "in 30 days")
            detail = BAND_LABELS[card.band] + (f" · {change}" if change else "")
            self.health.set(str(card.health), detail, BAND_COLOURS[card.band])
        self.plan_progress.set(*plan_fact(plan_progress))
        self.scores.show_card(card, self.today)

    def _account_edited(self, account_id: int) -> None:
        """A score or the plan changed, or was undone: the header, and the book's row."""
        if account_id == self.account_id:
            self._show_standing(account_id)
            self._reload_timeline()  # the edit is on the trail
        self.account_edited.emit(account_id)

    def _contact_edited(self, account_id: int) -> None:
        if account_id == self.account_id:
            self._reload_timeline()

    def _deal_closed(self, account_id: int) -> None:
        """An opportunity was written, closed or taken back: ARR, renewal date and status
        may have moved, in the header and in the book."""
        if account_id == self.account_id:
            with self.book.session() as session:
                self._show_header(account_overview(session, account_id, self.today))
            self._reload_timeline()
        self.account_edited.emit(account_id)

    def show_brief(self, print_now: bool = False) -> None:
        if self.account_id is not None:
            open_brief(
                self, self.book, self.workers, self.account_id, self.today, print_now=print_now
            )

    def _duties_changed(self, account_id: int) -> None:
        """An override was written: the header names who is accountable afresh."""
        if account_id == self.account_id:
            with self.book.session() as session:
                self._show_owners(account_overview(session, account_id, self.today))

    def _show_owners(self, o: AccountOverview) -> None:
        while self.owners.count():
            old = self.owners.takeAt(0).widget()
            old.hide()  # at once: deleteLater waits for the event loop
            old.deleteLater()

        def cell(text: str, row: int, column: int, muted: bool = False) -> None:
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            if muted:
                label.setStyleSheet(f"color: {MUTED_COLOUR};")
            self.owners.addWidget(label, row, column)

        for column, (caption, person) in enumerate(
            [("CSM", o.csm), ("R&E manager", o.re_manager), ("AE", o.ae)]
        ):
            cell(caption, 0, column, muted=True)
            cell(person.name if person else "—", 1, column)
        for offset, (key, caption) in enumerate(HEADER_DUTIES):
            person = o.accountable(key)
            cell(f"{caption} (A)", 0, 3 + offset, muted=True)
            cell(person.name if person else "—", 1, 3 + offset)
        self.owners.setColumnStretch(3 + len(HEADER_DUTIES), 1)

    # -- writing -------------------------------------------------------------------
    def _save_entry(self, kind, day: date, text: str) -> None:
        account_id, author_id, book = self.account_id, self.me_id, self.book

        def write() -> int:
            with book.writing() as session:
                return add_entry(session, account_id, kind, text, day, author_id)

        def saved(_entry_id: int) -> None:
            self.timeline.entry_saved()
            if self.account_id == account_id:
                self._reload_timeline()
            self.timeline_changed.emit(account_id)

        self.workers.writes.submit(write, saved, lambda exc: self.timeline.entry_failed(str(exc)))
