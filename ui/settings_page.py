"""Settings: who you are in this book, and where the book lives."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from cswork.enums import PersonRole
from cswork.people import all_people
from cswork.store import Book


class SettingsPage(QWidget):
    me_changed = Signal(object)  # person id

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        title = QLabel("Settings")
        title.setObjectName("pageTitle")
        self.me = QComboBox()
        self.me.setMinimumWidth(360)
        self.me.activated.connect(lambda _: self.me_changed.emit(self.me.currentData()))
        location = QLabel(book.label)
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        location.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(16)
        form.addRow("You are", self.me)
        form.addRow("Book", location)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch(1)

    def refresh(self, me_id: int | None) -> None:
        with self.book.session() as session:
            people = [(p.id, p.name, p.role) for p in all_people(session)]
        self.me.clear()
        for person_id, name, role in people:
            self.me.addItem(f"{name} — {PersonRole(role).label}", person_id)
        index = self.me.findData(me_id)
        self.me.setCurrentIndex(index)
