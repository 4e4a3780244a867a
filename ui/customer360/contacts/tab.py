"""The Customer360's Contacts tab: the customer's people, their role and sentiment.

Adding, editing, deleting and marking someone as left are undoable ``BookEdit``s. A
contact deleted and brought back by Undo gets a new id, so edits refer to contacts by
the id they first had and ``ContactIds`` says which id that is now."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cswork.accounts import get_account
from cswork.changes import Changes
from cswork.contacts import add_contact, contacts_of, delete_contact, update_contact
from cswork.models import Contact
from cswork.store import Book
from ui.customer360.contacts.dialogs import ContactDialog, ContactForm, ContactItem, LeftDialog
from ui.customer360.contacts.model import COLUMNS, ContactIds, ContactsModel
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.records import as_record_list
from ui.kit.undo import Edits

RISK_HINT = (
    "A champion or executive sponsor who leaves is a risk: mark them with "
    "Left the company… and the alert scan raises a risk CTA."
)


class ContactsTable(QTableView):
    """The Delete key deletes the contact (Edit ▸ Undo brings them back)."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) and self.currentIndex().isValid():
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class ContactsTab(QWidget):
    changed = Signal(int)  # account id: its contacts were shown again after a change

    def __init__(
        self,
        book: Book,
        edits: Edits,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.book, self.edits, self.today = book, edits, today
        self.ids = ContactIds()
        self.account_id: int | None = None
        self.account_name = ""
        self.dialog: ContactForm | None = None  # the form shown last (tests drive it)

        self.count = QLabel()
        self.count.setObjectName("statusLine")
        self.add = QPushButton("Add contact…")
        self.add.clicked.connect(self.add_contact)
        self.edit = QPushButton("Edit…")
        self.edit.clicked.connect(self.edit_contact)
        self.left = QPushButton("Left the company…")
        self.left.setToolTip(RISK_HINT)
        self.left.clicked.connect(self.mark_left)
        self.delete = QPushButton("Delete")
        self.delete.setToolTip("Delete the contact (Edit ▸ Undo brings them back)")
        self.delete.clicked.connect(self.delete_contact)
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        for button in (self.add, self.edit, self.left, self.delete):
            top.addWidget(button)

        self.model = ContactsModel(self)
        self.table = ContactsTable()
        self.table.setModel(self.model)
        as_record_list(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("Email"), QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.activated.connect(lambda _: self.edit_contact())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.table.delete_pressed.connect(self.delete_contact)
        self.empty = QLabel("No contacts yet. Add the champion and the executive sponsor first.")
        self.empty.setStyleSheet(f"color: {MUTED_COLOUR}; padding: 24px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(RISK_HINT)
        hint.setWordWrap(True)
        hint.setObjectName("statusLine")
        self.state = QLabel()
        self.state.setWordWrap(True)

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
        with self.book.session() as session:
            name = get_account(session, account_id).name
            items = [
                ContactItem(
                    c.id,
                    c.name,
                    c.title,
                    c.role,
                    c.sentiment,
                    c.email,
                    c.phone,
                    c.left_on,
                    c.notes,
                    c.version,
                )
                for c in contacts_of(session, account_id)
            ]
        if account_id != self.account_id:
            self._say("")
        self.account_id, self.account_name = account_id, name
        before = self.current()
        self.model.set_items(items)
        current = [i for i, item in enumerate(items) if before and item.id == before.id]
        if current:
            self.table.selectRow(current[0])
        here = sum(1 for item in items if item.left_on is None)
        gone = len(items) - here
        people = f"{here} contact{'' if here == 1 else 's'}"
        self.count.setText(people + (f", {gone} left the company" if gone else ""))
        self.table.setVisible(bool(items))
        self.empty.setVisible(not items)
        self._enable()

    def current(self) -> ContactItem | None:
        return self.model.item(self.table.currentIndex())

    def select_contact(self, name: str) -> None:
        names = [item.name for item in self.model.items()]
        self.table.selectRow(names.index(name))

    def _enable(self) -> None:
        contact = self.current()
        self.add.setEnabled(self.account_id is not None)
        self.edit.setEnabled(contact is not None)
        self.delete.setEnabled(contact is not None)
        self.left.setEnabled(contact is not None and contact.left_on is None)

    def _say(self, text: str, colour: str = MUTED_COLOUR) -> None:
        self.state.setStyleSheet(f"color: {colour};")
        self.state.setText(text)

    # -- editing -----------------------------------------------------------------------
    def _show(self, form: ContactForm) -> None:
        self.dialog = form
        form.open()

    def add_contact(self) -> None:
        if self.account_id is None:
            return
        account_id, ids = self.account_id, self.ids
        fields: dict = {}
        first: list[int] = []

        def write(session: Session) -> None:
            new_id = add_contact(session, account_id, **fields)
            if first:
                ids.moved(first[0], new_id)
            else:
                first.append(new_id)

        def unwrite(session: Session, _kept) -> None:
            delete_contact(session, ids.now(first[0]))

        form = ContactDialog(self.today, None, self)

        def submit(f: ContactForm) -> None:
            fields.update(form.values())
            self._edit(f"Add {fields['name']}", write, unwrite, f)

        form.on_submit = submit
        self._show(form)

    def edit_contact(self) -> None:
        contact = self.current()
        if contact is None:
            return
        form = ContactDialog(self.today, contact, self)

        def submit(f: ContactForm) -> None:
            self._update(contact, form.values(), f"Edit {contact.name}", f)

        form.on_submit = submit
        self._show(form)

    def mark_left(self) -> None:
        contact = self.current()
        if contact is None:
            return
        form = LeftDialog(contact, self.account_name, self.today, self)
        form.on_submit = lambda f: self._update(
            contact, {"left_on": form.left_on()}, f"{contact.name} left the company", f
        )
        self._show(form)

    def delete_contact(self) -> None:
        contact = self.current()
        if contact is None:
            return
        first_id, ids = contact.id, self.ids

        def unwrite(session: Session, kept: dict) -> None:
            fields = {k: v for k, v in kept.items() if k != "account_id"}
            ids.moved(first_id, add_contact(session, kept["account_id"], **fields))

        self._edit(
            f"Delete {contact.name}",
            lambda session: delete_contact(session, ids.now(first_id)),
            unwrite,
            done=f"Deleted {contact.name}. Edit ▸ Undo brings them back.",
        )

    def _update(self, contact: ContactItem, fields: dict, text: str, form: ContactForm) -> None:
        first_id, ids = contact.id, self.ids
        self._edit(
            text,
            lambda session: update_contact(session, ids.now(first_id), **fields),
            lambda session, before: update_contact(session, ids.now(first_id), **before),
            form,
            expected={(Contact, first_id): contact.version},
        )

    def _edit(self, text: str, write, unwrite, form=None, done: str = "", expected=None) -> None:
        def refused(message: str, stale: bool) -> None:
            self._say(message if stale else f"Not saved: {message}", OVERDUE_COLOUR)

        self.edits.push(
            text,
            write,
            unwrite,
            Changes.of_account(self.account_id),
            expected=expected,
            form=form,
            done=lambda: self._say(done or "Saved."),
            refused=refused,
        )

    def on_changes(self, changes: Changes) -> None:
        """An edit to this account landed, was undone or redone: show the book again."""
        if changes.today:
            self.today = changes.today
        if changes.touches_account(self.account_id):
            self._say("")
            self.show_account(self.account_id)
            self.changed.emit(self.account_id)
