"""Who is using the app: a person in the book, or someone new. *My accounts* and the
task pane's *mine* follow this choice; Settings can change it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cswork.enums import PersonRole
from cswork.people import PersonError, add_person, all_people
from cswork.store import Book


class WhoAmIDialog(QDialog):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.person_id: int | None = None
        self.setWindowTitle("Welcome to CSM Workbench")
        with book.session() as session:
            people = [
                (p.id, p.name, p.role, p.email) for p in all_people(session, active_only=True)
            ]

        intro = QLabel(
            "Who are you? <i>My accounts</i> and your tasks follow this; "
            "you can change it later in Settings."
        )
        intro.setWordWrap(True)
        self.existing = QRadioButton("I am already in this book:")
        self.people = QComboBox()
        for person_id, name, role, email in people:
            self.people.addItem(
                f"{name} — {PersonRole(role).label}" + (f" ({email})" if email else ""), person_id
            )
        self.new = QRadioButton("I am new here:")
        self.name = QLineEdit()
        self.name.setPlaceholderText("Your name")
        self.email = QLineEdit()
        self.email.setPlaceholderText("you@company.com")
        self.role = QComboBox()
        for role in PersonRole:
            self.role.addItem(role.label, role)
        choice = QButtonGroup(self)
        choice.addButton(self.existing)
        choice.addButton(self.new)
        new_form = QFormLayout()
        new_form.addRow("Name", self.name)
        new_form.addRow("Email", self.email)
        new_form.addRow("Role", self.role)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c0392b;")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(self.existing)
        layout.addWidget(self.people)
        layout.addSpacing(6)
        layout.addWidget(self.new)
        layout.addLayout(new_form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        self.existing.toggled.connect(self._enable)
        if people:
            self.existing.setChecked(True)
        else:
            self.existing.setEnabled(False)
            self.new.setChecked(True)
        self._enable()
        self.resize(460, self.sizeHint().height())

    def _enable(self) -> None:
        existing = self.existing.isChecked()
        self.people.setEnabled(existing)
        for widget in (self.name, self.email, self.role):
            widget.setEnabled(not existing)

    def _accept(self) -> None:
        if self.existing.isChecked():
            self.person_id = self.people.currentData()
            self.accept()
            return
        name = self.name.text().strip()
        if not name:
            self.problem.setText("Please give your name.")
            return
        try:
            with self.book.writing() as session:
                person = add_person(session, name, self.email.text(), self.role.currentData())
                self.person_id = person.id
        except PersonError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()
