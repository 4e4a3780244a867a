"""Forms about one contact: add or edit them, and say when they left the company.

OK hands the form to ``on_submit``, which starts the write; the form closes when the
write is done or says why it failed, beside what the user typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from cswork.enums import ContactRole, Sentiment
from ui.kit.dates import date_edit, qdate
from ui.kit.forms import FormDialog
from ui.kit.look import MUTED_COLOUR

ROLE_LABELS = {role: role.value.capitalize() for role in ContactRole}
SENTIMENT_LABELS = {sentiment: sentiment.value.capitalize() for sentiment in Sentiment}
KEY_ROLES = {ContactRole.CHAMPION, ContactRole.EXECUTIVE_SPONSOR}


@dataclass(frozen=True)
class ContactItem:
    id: int
    name: str
    title: str | None
    role: ContactRole
    sentiment: Sentiment
    email: str | None
    phone: str | None
    left_on: date | None
    notes: str | None
    version: int = 1  # as read: a save over someone else's newer one is asked about

    @property
    def is_key(self) -> bool:
        """A champion or executive sponsor: their leaving is a risk."""
        return self.role in KEY_ROLES


class ContactForm(FormDialog):
    """A contact form: no heading of its own (the Left dialog adds one)."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(title, ok_text, parent, width=440)


class ContactDialog(ContactForm):
    """Add a contact (``contact`` None) or edit one."""

    def __init__(self, today: date, contact: ContactItem | None, parent: QWidget | None = None):
        adding = contact is None
        super().__init__(
            "Add contact" if adding else "Edit contact", "Add" if adding else "Save", parent
        )
        self.name = QLineEdit(contact.name if contact else "")
        self.name.setPlaceholderText("e.g. Dana Whitfield")
        self.title = QLineEdit((contact.title or "") if contact else "")
        self.title.setPlaceholderText("e.g. VP Operations")
        self.role = QComboBox()
        for role, label in ROLE_LABELS.items():
            self.role.addItem(label, role.value)
        self.sentiment = QComboBox()
        for sentiment, label in SENTIMENT_LABELS.items():
            self.sentiment.addItem(label, sentiment.value)
        self.email = QLineEdit((contact.email or "") if contact else "")
        self.email.setPlaceholderText("name@customer.com")
        self.phone = QLineEdit((contact.phone or "") if contact else "")
        self.left = QCheckBox("Has left the company, on")
        self.left_on = date_edit(today)
        self.left.toggled.connect(self.left_on.setEnabled)
        self.notes = QPlainTextEdit((contact.notes or "") if contact else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.notes.setPlaceholderText("What matters to them, who they report to…")
        if contact is not None:
            self.role.setCurrentIndex(self.role.findData(contact.role.value))
            self.sentiment.setCurrentIndex(self.sentiment.findData(contact.sentiment.value))
            if contact.left_on is not None:
                self.left_on.setDate(qdate(contact.left_on))
            self.left.setChecked(contact.left_on is not None)
        else:
            self.sentiment.setCurrentIndex(self.sentiment.findData(Sentiment.NEUTRAL.value))
        self.left_on.setEnabled(self.left.isChecked())
        left_row = QHBoxLayout()
        left_row.addWidget(self.left)
        left_row.addWidget(self.left_on)
        left_row.addStretch(1)
        self.form.addRow("Name", self.name)
        self.form.addRow("Title", self.title)
        self.form.addRow("Role", self.role)
        self.form.addRow("Sentiment", self.sentiment)
        self.form.addRow("Email", self.email)
        self.form.addRow("Phone", self.phone)
        self.form.addRow("", left_row)
        self.form.addRow("Notes", self.notes)

    def values(self) -> dict:
        """The fields as ``add_contact`` and ``update_contact`` take them."""
        return {
            "name": self.name.text().strip(),
            "title": self.title.text().strip() or None,
            "role": ContactRole(self.role.currentData()),
            "sentiment": Sentiment(self.sentiment.currentData()),
            "email": self.email.text().strip() or None,
            "phone": self.phone.text().strip() or None,
            "left_on": self.left_on.date().toPython() if self.left.isChecked() else None,
            "notes": self.notes.toPlainText().strip() or None,
        }

    def problem_with_input(self) -> str | None:
        if not self.name.text().strip():
            return "A contact needs a name."
        email = self.email.text().strip()
        if email and "@" not in email:
            return f"'{email}' is not an email address."
        return None


class LeftDialog(ContactForm):
    """ "Left the company…": the day a contact left."""

    def __init__(
        self, contact: ContactItem, account_name: str, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__("Left the company", "Mark as left", parent)
        heading = QLabel(f"When did {contact.name} leave {account_name}?")
        heading.setWordWrap(True)
        self.layout_.insertWidget(0, heading)
        self.day = date_edit(today)
        self.day.setMaximumDate(qdate(today))
        self.form.addRow("Left on", self.day)
        if contact.is_key:
            words = ROLE_LABELS[contact.role].lower()
            text = (
                f"Losing the {words} is a risk: the next alert scan raises a risk CTA "
                "for this account. Find their successor early."
            )
        else:
            text = "They stay in the list, greyed, so the history reads right."
        self.hint = QLabel(text)
        self.hint.setWordWrap(True)
        if not contact.is_key:
            self.hint.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.form.addRow("", self.hint)

    def left_on(self) -> date:
        return self.day.date().toPython()
