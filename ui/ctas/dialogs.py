"""Short forms about one CTA: snooze, close with an outcome, reassign, comment.

OK does not close a form: it hands the form to ``on_submit``, which starts the write;
the form closes when the write is done (``accept``) or says why it failed (``failed``),
so a refused snooze date is explained where the user typed it."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from cswork.ctas import CtaItem, snooze_choices
from cswork.enums import CtaOutcome, PersonRole
from ui.kit.dates import date_edit, qdate
from ui.kit.forms import FormDialog
from ui.kit.look import MUTED_COLOUR, day_text

OUTCOME_LABELS = {
    CtaOutcome.SUCCESS: "Success",
    CtaOutcome.NOT_NEEDED: "Not needed",
    CtaOutcome.LOST: "Lost",
}


def person_label(name: str, role: str) -> str:
    return f"{name} — {PersonRole(role).label}"


def cta_heading(item: CtaItem) -> str:
    """The account in bold, then what the CTA is: the user sees which one they act on."""
    return (
        f"<b>{html.escape(item.account_name)}</b> · {item.type.capitalize()} CTA due "
        f"{day_text(item.due_on)}<br><span style='color:{MUTED_COLOUR}'>"
        f"{html.escape(item.reason)}</span>"
    )


class CtaDialog(FormDialog):
    """A form about one CTA: its heading names the account, the type, due and reason."""

    def __init__(self, title: str, ok_text: str, item: CtaItem | None, parent: QWidget | None):
        super().__init__(title, ok_text, parent, cta_heading(item) if item else "")
        self.item = item


class SnoozeDialog(CtaDialog):
    def __init__(self, item: CtaItem, today: date, parent: QWidget | None = None) -> None:
        super().__init__("Snooze CTA", "Snooze", item, parent)
        choices = snooze_choices(today)
        self.until = date_edit(dict(choices)["Next week"])
        self.until.setMinimumDate(qdate(today + timedelta(days=1)))
        picks = QHBoxLayout()
        picks.setSpacing(6)
        for label, day in choices:
            button = QPushButton(label)
            button.setToolTip(day_text(day))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, d=day: self.until.setDate(qdate(d)))
            picks.addWidget(button)
        picks.addStretch(1)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why wait? e.g. champion on leave until next month")
        self.form.addRow("Until", self.until)
        self.form.addRow("", picks)
        self.form.addRow("Reason", self.reason)
        hint = QLabel("It comes back to the task pane on that day.")
        hint.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.form.addRow("", hint)

    def until_day(self) -> date:
        return self.until.date().toPython()


class CloseDialog(CtaDialog):
    def __init__(self, item: CtaItem, parent: QWidget | None = None) -> None:
        super().__init__("Close CTA", "Close CTA", item, parent)
        self.outcomes = QButtonGroup(self)
        row = QHBoxLayout()
        for outcome, label in OUTCOME_LABELS.items():
            button = QRadioButton(label)
            button.setProperty("outcome", outcome.value)
            self.outcomes.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("What happened? (optional)")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.form.addRow("Outcome", row)
        self.form.addRow("Note", self.note)

    def choose(self, outcome: CtaOutcome) -> None:
        for button in self.outcomes.buttons():
            button.setChecked(button.property("outcome") == outcome.value)

    def outcome(self) -> CtaOutcome | None:
        button = self.outcomes.checkedButton()
        return None if button is None else CtaOutcome(button.property("outcome"))

    def problem_with_input(self) -> str | None:
        return "Pick an outcome: success, not needed or lost." if self.outcome() is None else None


class ReassignDialog(CtaDialog):
    def __init__(
        self,
        item: CtaItem,
        people: Sequence[tuple[int, str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Reassign CTA", "Reassign", item, parent)
        self.person = QComboBox()
        for person_id, name, role in people:
            self.person.addItem(person_label(name, role), person_id)
        self.person.setCurrentIndex(max(self.person.findData(item.owner_id), 0))
        self.person.setMinimumWidth(280)
        self.form.addRow("New owner", self.person)

    def choose(self, person_id: int) -> None:
        self.person.setCurrentIndex(self.person.findData(person_id))

    def person_id(self) -> int | None:
        return self.person.currentData()

    def problem_with_input(self) -> str | None:
        return "Pick a person." if self.person_id() is None else None


class CommentDialog(CtaDialog):
    def __init__(self, item: CtaItem, parent: QWidget | None = None) -> None:
        super().__init__("Comment on CTA", "Add comment", item, parent)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("A note for whoever works this CTA next…")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(100)
        self.form.addRow(self.text)

    def comment(self) -> str:
        return self.text.toPlainText().strip()

    def problem_with_input(self) -> str | None:
        return "Write a comment first." if not self.comment() else None
