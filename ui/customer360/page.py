"""Customer360: one account on one screen: a header of facts, then tabs."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cswork.accounts import AccountNotFound, AccountOverview, customer360, get_account
from cswork.changes import Changes
from cswork.ctas import list_ctas
from cswork.enums import CtaStatus
from cswork.money import format_money
from cswork.plans import PlanProgress
from cswork.scorecard import Scorecard
from cswork.store import Book
from cswork.timeline import account_history, add_entry
from ui.brief.view import open_brief
from ui.ctas.actions import CtaActions
from ui.customer360.contacts.tab import ContactsTab
from ui.customer360.ctas_tab import CtaTab
from ui.customer360.edit_account import edit_account
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
from ui.kit.undo import Edits

# The activities whose accountable person the header names.
HEADER_DUTIES = [
    ("renewal", "Renewal"),
    ("upsell", "Upsell"),
    ("cross_sell", "Cross-sell"),
    ("success_plan", "Success plan"),
]


class AccountTitle(QLabel):
    """The account's name: a double-click edits the account."""

    double_clicked = Signal()

    def mouseDoubleClickEvent(self, event) -> None:
        self.double_clicked.emit()
        super().mouseDoubleClickEvent(event)


class Customer360Page(QWidget):
    back_requested = Signal()
    # Writes made here outside the undo history (a timeline entry, a white-space CTA):
    # the window hands these Changes to every page, as it does an edit's.
    changed = Signal(object)
    timeline_changed = Signal(int)  # account id: an entry was saved
    account_edited = Signal(int)  # account id: shown again after a change to it

    def __init__(
        self,
        book: Book,
        workers: Workers,
        edits: Edits,
        today: date,
        me_id: int | None,
        cta_actions: CtaActions,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.book, self.workers, self.today, self.me_id = book, workers, today, me_id
        self.edits = edits
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
        self.edit = QPushButton("Edit account…")
        self.edit.setToolTip("Change any field of the account (or double-click its name)")
        self.edit.clicked.connect(lambda _checked: self.edit_account())
        self.edit_notice = QLabel()  # why an edit was not saved
        self.edit_notice.setWordWrap(True)
        self.edit_notice.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.edit_notice.hide()
        self.title = AccountTitle()
        self.title.double_clicked.connect(self.edit_account)
        self.title.setToolTip("Double-click to edit the account")
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
        # The CRM's own columns kept on the account (Region, Tier...): one wrapped line.
        self.fields = QLabel()
        self.fields.setObjectName("customFields")
        self.fields.setTextFormat(Qt.TextFormat.RichText)
        self.fields.setWordWrap(True)
        self.fields.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields.hide()  # until an account with custom fields is shown

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
        self.contacts = ContactsTab(book, edits, today)
        self.tabs.addTab(self.contacts, "Contacts")
        self.opportunities = OpportunitiesTab(book, workers, edits, today)
        self.opportunities.white_space_flagged.connect(
            lambda _cta_id: self.changed.emit(Changes.of_account(self.account_id, ctas=True))
        )
        self.tabs.insertTab(self.tabs.indexOf(self.contacts), self.opportunities, "Opportunities")
        self.raci = RaciTab(book, edits)
        self.tabs.addTab(self.raci, "RACI")
        self.tabs.addTab(self.ctas, "CTAs")
        self.plan = SuccessPlanTab(book, edits, today)
        self.scores = ScorecardTab(edits, today, lambda: self.me_id)
        self.tabs.insertTab(0, self.plan, "Success plan")
        self.tabs.insertTab(1, self.scores, "Scorecard")
        self.tabs.setCurrentWidget(self.timeline)

        heading = QVBoxLayout()
        heading.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        top.addStretch(1)
        top.addWidget(self.edit_notice)
        top.addWidget(self.edit)
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
        layout.addWidget(self.fields)
        layout.addWidget(self.tabs, 1)

    # -- loading -------------------------------------------------------------------
    def show_account(self, account_id: int) -> None:
        """Show the account and every tab of it."""
        self._show_account_itself(account_id)
        self.plan.show_account(account_id)
        self.contacts.show_account(account_id)
        self.opportunities.show_account(account_id)
        self.raci.show_account(account_id)

    def edit_account(self) -> None:
        """The account's edit form; a refused save is said in the header."""
        if self.account_id is None:
            return
        self.edit_notice.hide()

        def refused(message: str, _stale: bool) -> None:
            self.edit_notice.setText(message)
            self.edit_notice.show()

        self.account_dialog = edit_account(
            self, self.book, self.edits, self.account_id, self.today, refused
        )

    def _show_account_itself(self, account_id: int) -> None:
        """The header, health and plan progress, the timeline and the CTAs: read as the
        `account` command and the brief read them (``customer360``), a few indexed
        queries."""
        with self.book.session() as session:
            view = customer360(session, account_id, self.today)
            items = self._timeline_items(session, account_id)
        if account_id != self.account_id:
            self.edit_notice.hide()  # about another account
        self.account_id, self.account_name = account_id, view.overview.name
        self._show_header(view.overview)
        self._show_standing(view.scorecard, view.plan)
        self.timeline.set_items(items)
        self.reload_ctas()

    def on_changes(self, changes: Changes) -> None:
        """Show again what changed of the account on screen: its header, its standing,
        its timeline (edits are on the trail) and whatever each tab shows of it."""
        if changes.today:
            self.today = self.ctas.model.today = changes.today
            self.timeline.day.setDate(QDate(self.today.year, self.today.month, self.today.day))
        if changes.me_changed:
            self.me_id = changes.me_id
        if changes.touches_account(self.account_id) and self._account_gone():
            self._forget_account()  # a new account's creation undone: back to the book
            self.back_requested.emit()
        for tab in (self.plan, self.contacts, self.opportunities, self.raci):
            tab.on_changes(changes)
        if self.account_id is None:
            return
        if changes.today or changes.touches_account(self.account_id):
            self._show_account_itself(self.account_id)
            self.account_edited.emit(self.account_id)
        elif changes.ctas:
            self.reload_ctas()

    def _account_gone(self) -> bool:
        with self.book.session() as session:
            try:
                get_account(session, self.account_id)
            except AccountNotFound:
                return True
        return False

    def _forget_account(self) -> None:
        """Show no account: none of the tabs reads the one that is gone again."""
        self.account_id = None
        self.plan.view = None
        self.contacts.account_id = self.opportunities.account_id = self.raci.account_id = None

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
        parts.append(f"customer since {day_text(o.customer_since)}")
        if o.status != "active":
            parts.append(o.status.upper())
        self.subtitle.setText("  ·  ".join(parts))
        self.fields.setText(
            "  ·  ".join(
                f'<span style="color: {MUTED_COLOUR};">{html.escape(name)}</span> '
                f"{html.escape(value)}"
                for name, value in o.custom_fields.items()
            )
        )
        self.fields.setVisible(bool(o.custom_fields))

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

    def _show_standing(self, card: Scorecard, plan_progress: PlanProgress | None) -> None:
        """Health with its 30-day change and the plan's progress in the header; the
        scorecard tab."""
        if card.health is None:
            self.health.set("—", "not scored yet", MUTED_COLOUR)
        else:
            change = change_text(card.change_points, card.change_span)
            detail = BAND_LABELS[card.band] + (f" · {change}" if change else "")
            self.health.set(str(card.health), detail, BAND_COLOURS[card.band])
        self.plan_progress.set(*plan_fact(plan_progress))
        self.scores.show_card(card, self.today)

    def show_brief(self, print_now: bool = False) -> None:
        if self.account_id is not None:
            open_brief(
                self, self.book, self.workers, self.account_id, self.today, print_now=print_now
            )

    def _show_owners(self, o: AccountOverview) -> None:
        while self.owners.count():
            old = self.owners.takeAt(0).widget()
            old.hide()  # at once: deleteLater waits for the event loop
            old.deleteLater()

        def cell(text: str, row: int, column: int, muted: bool = False, tip: str = "") -> None:
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setToolTip(tip)
            if muted:
                label.setStyleSheet(f"color: {MUTED_COLOUR};")
            self.owners.addWidget(label, row, column)

        for column, (caption, person) in enumerate(
            [("CSM", o.csm), ("R&E manager", o.re_manager), ("AE", o.ae)]
        ):
            cell(caption, 0, column, muted=True)
            cell(person.name if person else "—", 1, column)
        for offset, (key, caption) in enumerate(HEADER_DUTIES):
            person, routed = o.accountable(key), o.routed(key)
            cell(f"{caption} (A)", 0, 3 + offset, muted=True)
            # Routed by the fallback chain: said, and why on hover.
            name = (person.name + (" (routed)" if routed else "")) if person else "—"
            cell(name, 1, 3 + offset, tip=(routed[0].upper() + routed[1:]) if routed else "")
        self.owners.setColumnStretch(3 + len(HEADER_DUTIES), 1)

    # -- writing -------------------------------------------------------------------
    def _save_entry(self, kind, day: date, text: str) -> None:
        account_id, author_id, book = self.account_id, self.me_id, self.book

        def write() -> int:
            with book.writing() as session:
                return add_entry(session, account_id, kind, text, day, author_id)

        def saved(_entry_id: int) -> None:
            self.timeline.entry_saved()
            self.changed.emit(Changes.of_account(account_id))  # its last touch moved
            self.timeline_changed.emit(account_id)

        self.workers.writes.submit(write, saved, lambda exc: self.timeline.entry_failed(str(exc)))
