"""Settings: who you are in this book, where the book lives, the people on the team,
the alert rules, the scorecard's categories and weights, and money (the reporting
currency and the exchange rates)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cswork.changes import Changes
from cswork.enums import PersonRole
from cswork.people import all_people
from cswork.store import Book
from ui.kit.undo import Edits
from ui.settings.alerts import AlertSettings
from ui.settings.money import MoneySettings
from ui.settings.people import PeopleSection
from ui.settings.scorecard import CategoryWeights


class SettingsPage(QWidget):
    me_changed = Signal(object)  # person id
    team_book_requested = Signal()

    def __init__(
        self, book: Book, edits: Edits, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.book = book
        title = QLabel("Settings")
        title.setObjectName("pageTitle")
        self.me = QComboBox()
        self.me.setMinimumWidth(360)
        self.me.activated.connect(lambda _: self.me_changed.emit(self.me.currentData()))
        location = QLabel(book.label if book.is_sqlite else f"{book.label} (team book)")
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        location.setToolTip(book.label)
        team = QPushButton("Open team book…")
        team.setToolTip("A book your team shares on a PostgreSQL server")
        team.clicked.connect(self.team_book_requested)
        where = QHBoxLayout()
        where.addWidget(location)
        where.addSpacing(12)
        where.addWidget(team)
        where.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(16)
        form.addRow("You are", self.me)
        form.addRow("Book", where)
        people_title = QLabel("People")
        people_title.setObjectName("sectionTitle")
        people_intro = QLabel(
            "Everyone who can own accounts, CTAs and deals. Someone who leaves is "
            "deactivated: they keep their history, and their accounts and open CTAs go "
            "to whoever you choose."
        )
        people_intro.setWordWrap(True)
        people_intro.setObjectName("statusLine")
        self.people = PeopleSection(book, edits)
        alerts_title = QLabel("Alerts")
        alerts_title.setObjectName("sectionTitle")
        alerts_intro = QLabel(
            "When the alert scan raises a CTA. Changes apply from the next scan; "
            "CTAs already raised stay as they are."
        )
        alerts_intro.setWordWrap(True)
        alerts_intro.setObjectName("statusLine")
        self.alerts = AlertSettings(book, edits, today)
        scorecard_title = QLabel("Scorecard")
        scorecard_title.setObjectName("sectionTitle")
        scorecard_intro = QLabel(
            "An account's health is the weighted mean of the categories scored. Rename the "
            "categories to your words and weigh what predicts churn in your book; the "
            "weights must add up to 100 %. Saving recomputes every account's health."
        )
        scorecard_intro.setWordWrap(True)
        scorecard_intro.setObjectName("statusLine")
        self.categories = CategoryWeights(book, edits)
        money_title = QLabel("Money")
        money_title.setObjectName("sectionTitle")
        money_intro = QLabel(
            "Each account keeps its own currency; every sum across accounts (metrics, "
            "renewals, the desk, the book's total and its ARR order) is converted into the "
            "reporting currency at dated exchange rates. A missing rate is named, never "
            "taken as 1."
        )
        money_intro.setWordWrap(True)
        money_intro.setObjectName("statusLine")
        self.money = MoneySettings(book, edits)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(16)
        layout.addWidget(people_title)
        layout.addWidget(people_intro)
        layout.addWidget(self.people)
        layout.addSpacing(16)
        layout.addWidget(alerts_title)
        layout.addWidget(alerts_intro)
        layout.addWidget(self.alerts)
        layout.addSpacing(16)
        layout.addWidget(scorecard_title)
        layout.addWidget(scorecard_intro)
        layout.addWidget(self.categories)
        layout.addSpacing(16)
        layout.addWidget(money_title)
        layout.addWidget(money_intro)
        layout.addWidget(self.money)
        layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def refresh(self, me_id: int | None) -> None:
        self._show_people_to_pick(me_id)
        self.people.refresh()
        self.alerts.refresh()
        self.categories.refresh()
        self.money.refresh()

    def _show_people_to_pick(self, me_id: int | None) -> None:
        with self.book.session() as session:
            # Who you are: someone who has left is not offered.
            people = [(p.id, p.name, p.role) for p in all_people(session, active_only=True)]
        self.me.clear()
        for person_id, name, role in people:
            self.me.addItem(f"{name} — {PersonRole(role).label}", person_id)
        index = self.me.findData(me_id)
        self.me.setCurrentIndex(index)

    def on_changes(self, changes: Changes) -> None:
        if changes.people:  # someone new to be, or someone who left
            self._show_people_to_pick(self.me.currentData())
        self.people.on_changes(changes)
        self.alerts.on_changes(changes)
        self.categories.on_changes(changes)
        self.money.on_changes(changes)
