"""The Comp page's top: whose comp, which quarter (previous, next, this one), and the
territory check in a sentence. Also what one read of the book brings for them."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cswork.comp import PlanTerms, Quarter, in_plan_currency
from cswork.comp_book import (
    BookQuarter,
    TeamNrr,
    Territory,
    book_quarter,
    comp_rates,
    plan_currency,
    plan_for,
    team_nrr,
    territory,
)
from cswork.enums import PersonRole
from cswork.models import Person
from cswork.people import all_people
from cswork.rates import Rates
from cswork.store import Book
from ui.comp.words import next_quarter, previous_quarter, quarter_text


@dataclass(frozen=True)
class CompRead:
    """One person's quarter as the book has it (read off the GUI thread)."""

    person_id: int
    name: str
    role: str
    quarter: Quarter
    saved: PlanTerms | None
    found: BookQuarter
    load: Territory
    people: list[tuple[int, str, str]]
    team: TeamNrr | None = None  # a CSM's team and its NRR (the group bonus on it)
    reporting_currency: str = "USD"  # a plan's money when it names none
    # The book's rates (then the shipped history's), for the deals converted into the
    # plan's currency as the plan is typed; looked up on the GUI thread only after this
    # read has made the saved plan's lookups.
    rates: Rates = field(default_factory=Rates)


def read_comp(book: Book, person_id: int | None, quarter: Quarter) -> CompRead | None:
    """The person's plan, quarter and territory (the first person when none is given);
    None in a book with nobody in it. Runs on a reads worker."""
    with book.session() as session:
        people = [(p.id, p.name, p.role) for p in all_people(session)]
        person = session.get(Person, person_id) if person_id is not None else None
        if person is None and people:
            person = session.get(Person, people[0][0])
        if person is None:
            return None
        saved = plan_for(session, person.id, quarter.year)
        currency = plan_currency(session, saved)
        rates = comp_rates(session, currency)
        found = book_quarter(session, person.id, quarter)
        found.eligible(currency, rates)  # the lookups made here, not on the GUI thread
        for deal in found.deals:
            in_plan_currency(deal, currency, rates)
        csm = person.role == PersonRole.CSM
        return CompRead(
            person.id,
            person.name,
            person.role,
            quarter,
            saved,
            found,
            territory(session, person.id, quarter),
            people,
            team_nrr(session, person.id, quarter, currency, rates) if csm else None,
            plan_currency(session, None),
            rates,
        )


class CompHeader(QWidget):
    person_chosen = Signal(int)
    quarter_chosen = Signal(object)  # Quarter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quarter = Quarter(2000, 1)
        self.this_one = Quarter(2000, 1)
        title = QLabel("Comp")
        title.setObjectName("pageTitle")
        self.person = QComboBox()
        self.person.setMinimumWidth(280)
        self.person.activated.connect(lambda _: self.person_chosen.emit(self.person.currentData()))
        self.previous = QPushButton("◀")
        self.previous.setToolTip("The quarter before")
        self.previous.clicked.connect(
            lambda: self.quarter_chosen.emit(previous_quarter(self.quarter))
        )
        self.quarter_label = QLabel()
        self.quarter_label.setObjectName("sectionTitle")
        self.next = QPushButton("▶")
        self.next.setToolTip("The quarter after")
        self.next.clicked.connect(lambda: self.quarter_chosen.emit(next_quarter(self.quarter)))
        for button in (self.previous, self.next):
            button.setFixedWidth(34)
        self.this_quarter = QPushButton("This quarter")
        self.this_quarter.clicked.connect(lambda: self.quarter_chosen.emit(self.this_one))
        self.reading = QLabel()
        self.reading.setObjectName("statusLine")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.person)
        top.addSpacing(16)
        top.addWidget(self.previous)
        top.addWidget(self.quarter_label)
        top.addWidget(self.next)
        top.addWidget(self.this_quarter)
        top.addWidget(self.reading, 1)
        self.territory = QLabel()
        self.territory.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.territory)

    def set_quarter(self, quarter: Quarter, this_one: Quarter) -> None:
        self.quarter, self.this_one = quarter, this_one
        self.quarter_label.setText(quarter_text(quarter))
        self.this_quarter.setEnabled(quarter != this_one)

    def set_reading(self, reading: bool) -> None:
        self.reading.setText("Reading the book…" if reading else "")

    def show_read(self, result: CompRead) -> None:
        self.person.clear()
        for person_id, name, role in result.people:
            self.person.addItem(f"{name} — {PersonRole(role).label}", person_id)
        self.person.setCurrentIndex(self.person.findData(result.person_id))
        load, q = result.load, quarter_text(result.quarter)
        count = f"{load.renewals} renewal{'s' if load.renewals != 1 else ''}"
        if not load.renewals:  # say why the renewal quota is $0, not just that it is
            self.territory.setText(
                f"Territory check: {result.name} is accountable for no renewal up in {q}, "
                "so the renewal quota is $0. The RACI page says who is accountable for "
                "renewals (the team matrix, or an account's override)."
            )
            return
        self.territory.setText(
            f"Territory check: {result.name} is accountable for {count} up in {q}, over "
            f"{load.business_days} business days: {load.per_business_day} a business day, "
            f"{load.verdict}."
        )
