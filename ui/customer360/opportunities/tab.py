"""The Customer360's Opportunities tab: renewals, upsell, cross-sell and services for
one account. New, edit and close (won or lost) are undoable edits on the window's undo
stack; closing a renewal changes the account (renewed or churned), so the header and
the book follow. "Flag white space…" raises a CTA for whoever is accountable."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from shiboken6 import Shiboken
from sqlalchemy.orm import Session

from cswork import raci
from cswork.accounts import get_account
from cswork.changes import Changes
from cswork.enums import OpportunityKind, OpportunityStage
from cswork.models import Opportunity, Person
from cswork.opportunities import (
    close_opportunity,
    create_opportunity,
    delete_opportunity,
    flag_white_space,
    is_complex,
    opportunities_of,
    reopen_opportunity,
    route,
    update_opportunity,
)
from cswork.people import names_by_id
from cswork.store import Book
from ui.customer360.opportunities.forms import (
    CloseDialog,
    OpportunityDialog,
    OpportunityItem,
    Route,
    WhiteSpaceDialog,
)
from ui.customer360.opportunities.model import OPPORTUNITY_COLUMNS, FirstIds, opportunity_item
from ui.kit.background import Workers
from ui.kit.columns import ColumnsModel, columns_view
from ui.kit.forms import FormDialog
from ui.kit.labels import KIND_LABELS
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.undo import Edits

CLOSING_HINT = (
    "Closing a renewal as won renews the contract (its date moves on, the ARR becomes the "
    "final amount); as lost, the account churns. Edit ▸ Undo takes a close back."
)


class OpportunitiesTab(QWidget):
    account_changed = Signal(int)  # account id: shown again after a change to it
    white_space_flagged = Signal(int)  # the new CTA's id

    def __init__(
        self, book: Book, workers: Workers, edits: Edits, today: date, parent=None
    ) -> None:
        super().__init__(parent)
        self.book, self.workers, self.edits, self.today = book, workers, edits, today
        self.ids = FirstIds()
        self.account_id: int | None = None
        self.account_name, self.currency, self.arr_cents = "", "USD", 0
        self.routes: dict[OpportunityKind, Route] = {}
        self.notify: str | None = None
        self.dialog: FormDialog | None = None  # the form shown last (tests drive it)

        self.count = QLabel()
        self.count.setObjectName("statusLine")
        self.add = QPushButton("New opportunity…")
        self.add.clicked.connect(self.new_opportunity)
        self.edit = QPushButton("Edit…")
        self.edit.clicked.connect(self.edit_opportunity)
        self.won = QPushButton("Close as won…")
        self.won.clicked.connect(lambda: self.close_opportunity(OpportunityStage.WON))
        self.lost = QPushButton("Close as lost…")
        self.lost.clicked.connect(lambda: self.close_opportunity(OpportunityStage.LOST))
        self.white_space = QPushButton("Flag white space…")
        self.white_space.setToolTip("Another group at this customer could buy: tell the R&E side")
        self.white_space.clicked.connect(self.flag_white_space)
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        for button in (self.add, self.edit, self.won, self.lost, self.white_space):
            top.addWidget(button)

        self.model = ColumnsModel(OPPORTUNITY_COLUMNS, self)
        self.table = columns_view(self.model)
        self.table.activated.connect(lambda _: self.edit_opportunity())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.empty = QLabel(
            "No opportunities yet. The renewal comes first; add upsell as you see it."
        )
        self.empty.setStyleSheet(f"color: {MUTED_COLOUR}; padding: 24px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state = QLabel()
        self.state.setWordWrap(True)
        hint = QLabel(CLOSING_HINT)
        hint.setWordWrap(True)
        hint.setObjectName("statusLine")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(hint)
        layout.addWidget(self.state)
        self.empty.hide()
        self._enable()

    # -- reading -----------------------------------------------------------------------
    def show_account(self, account_id: int) -> None:
        """The account's opportunities and who each kind would go to (a few small reads)."""
        with self.book.session() as session:
            account = get_account(session, account_id)
            names = names_by_id(session)
            role_of = {
                getattr(account, role.owner_field): role.name for role in raci.roles(session)
            }

            def who(person: Person | None) -> str | None:
                if person is None:
                    return None
                role = role_of.get(person.id)
                return f"{person.name} ({role})" if role else person.name

            items = [
                opportunity_item(o, account.currency, names)
                for o in opportunities_of(session, account_id)
            ]
            routes = {
                kind: Route(kind, is_complex(kind), who(route(session, account, kind)))
                for kind in OpportunityKind
            }
            notify = who(raci.accountable_for(session, "white_space", account))
            name, currency, arr = account.name, account.currency, account.arr_cents
        if account_id != self.account_id:
            self._say("")
        self.account_id, self.account_name, self.currency, self.arr_cents = (
            account_id,
            name,
            currency,
            arr,
        )
        self.routes, self.notify = routes, notify
        before = self.current()
        self.model.set_records(items)
        if before is not None:
            row = self.model.row_of(lambda o: o.id == before.id)
            if row is not None:
                self.table.selectRow(row)
        open_count = sum(1 for o in items if o.is_open)
        self.count.setText(f"{open_count} open, {len(items) - open_count} closed")
        self.table.setVisible(bool(items))
        self.empty.setVisible(not items)
        self._enable()

    def current(self) -> OpportunityItem | None:
        return self.model.record(self.table.currentIndex())

    def select(self, opportunity_id: int) -> None:
        row = self.model.row_of(lambda o: o.id == opportunity_id)
        if row is not None:
            self.table.selectRow(row)

    def _enable(self) -> None:
        item = self.current()
        here = self.account_id is not None
        self.add.setEnabled(here)
        self.white_space.setEnabled(here)
        for button in (self.edit, self.won, self.lost):
            button.setEnabled(item is not None and item.is_open)

    def _say(self, text: str, colour: str = MUTED_COLOUR) -> None:
        self.state.setStyleSheet(f"color: {colour};")
        self.state.setText(text)

    # -- editing -----------------------------------------------------------------------
    def _show(self, form: FormDialog) -> None:
        self.dialog = form
        form.open()

    def new_opportunity(self) -> None:
        if self.account_id is None:
            return
        form = OpportunityDialog(self.today, self.currency, self.routes, None, self.arr_cents, self)
        account_id, ids, first = self.account_id, self.ids, []

        def write(session: Session) -> int:
            fields = dict(form_fields[0])
            new_id = create_opportunity(session, account_id, fields.pop("kind"), **fields)
            if first:  # redone: later edits follow it to its new id
                ids.moved(first[0], new_id)
            else:
                first.append(new_id)
            return new_id

        def unwrite(session: Session, new_id: int) -> None:
            delete_opportunity(session, new_id)

        form_fields: list[dict] = []

        def submit(f: FormDialog) -> None:
            form_fields.append(form.values() | {"kind": form.chosen_kind()})
            kind = KIND_LABELS[form.chosen_kind()].lower()
            self._push(f, f"New {kind} opportunity", write, unwrite, lambda: self.select(first[0]))

        form.on_submit = submit
        self._show(form)

    def edit_opportunity(self) -> None:
        item = self.current()
        if item is None or not item.is_open:
            return
        form = OpportunityDialog(self.today, self.currency, self.routes, item, parent=self)
        ids = self.ids

        def submit(f: FormDialog) -> None:
            fields = form.values()
            self._push(
                f,
                f"Edit {item.name}",
                lambda session: update_opportunity(session, ids.now(item.id), **fields),
                lambda session, before: update_opportunity(session, ids.now(item.id), **before),
                expected={(Opportunity, item.id): item.version},
            )

        form.on_submit = submit
        self._show(form)

    def close_opportunity(self, stage: OpportunityStage) -> None:
        item = self.current()
        if item is None or not item.is_open:
            return
        form = CloseDialog(item, stage, self.account_name, self)
        today, ids = self.today, self.ids

        def submit(f: FormDialog) -> None:
            final = form.final_cents()
            self._push(
                f,
                f"Close {item.name} as {stage.value}",
                lambda session: close_opportunity(session, ids.now(item.id), stage, today, final),
                reopen_opportunity,
                expected={(Opportunity, item.id): item.version},
            )

        form.on_submit = submit
        self._show(form)

    def _push(
        self, form: FormDialog, text: str, write, unwrite, first_written=None, expected=None
    ) -> None:
        def done() -> None:
            self._say("Saved. Edit ▸ Undo takes it back.")
            if first_written is not None:
                first_written()

        def refused(message: str, stale: bool) -> None:
            self._say(message if stale else f"Not saved: {message}", OVERDUE_COLOUR)

        # ARR, the renewal date or the status may move with a deal: the account's row too
        changes = Changes.of_account(self.account_id)
        self.edits.push(
            text, write, unwrite, changes, expected=expected, form=form, done=done, refused=refused
        )

    def on_changes(self, changes: Changes) -> None:
        if changes.today:
            self.today = changes.today
        if changes.touches_account(self.account_id):
            self.show_account(self.account_id)
            self.account_changed.emit(self.account_id)

    def flag_white_space(self) -> None:
        if self.account_id is None:
            return
        form = WhiteSpaceDialog(self.account_name, self.notify, self)
        account_id, book, today, notify = self.account_id, self.book, self.today, self.notify

        def write() -> int:
            with book.writing() as session:
                return flag_white_space(session, account_id, form.text(), today)

        def flagged(cta_id: int) -> None:
            if Shiboken.isValid(form):
                form.accept()
            self._say(f"White space flagged: an expansion CTA for {notify or 'nobody yet'}.")
            self.white_space_flagged.emit(cta_id)

        def failed(exc: BaseException) -> None:
            if Shiboken.isValid(form):
                form.failed(str(exc))

        form.on_submit = lambda _f: self.workers.writes.submit(write, flagged, failed)
        self._show(form)
