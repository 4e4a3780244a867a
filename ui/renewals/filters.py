"""What the renewals desk shows: whose accounts, which segment, which period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from cswork.comp import Quarter
from cswork.enums import PersonRole, Segment
from cswork.metrics import Cohort
from ui.kit.dates import date_edit, qdate

EVERYONE = -1
PERIODS = ["This quarter", "Next quarter", "This year", "Custom range"]


def period_dates(period: str, today: date) -> tuple[date, date]:
    """The first and last day of a named period around ``today``."""
    quarter = Quarter.of(today)
    if period == "This quarter":
        return quarter.first, quarter.last
    if period == "Next quarter":
        following = (
            Quarter(quarter.year + 1, 1)
            if quarter.number == 4
            else Quarter(quarter.year, quarter.number + 1)
        )
        return following.first, following.last
    if period == "This year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    raise ValueError(f"no period called {period!r}")


@dataclass(frozen=True)
class DeskFilter:
    owner_id: int | None  # None: everyone
    segment: Segment | None
    first: date
    last: date
    period: str

    @property
    def cohort(self) -> Cohort:
        return Cohort(owner_id=self.owner_id, segment=self.segment)

    @property
    def span_text(self) -> str:
        """'1 Oct – 31 Dec 2026', or with both years when they differ."""
        first, last = self.first, self.last
        start = f"{first.day} {first:%b}" + ("" if first.year == last.year else f" {first.year}")
        return f"{start} – {last.day} {last:%b %Y}"


class DeskFilters(QWidget):
    """Owner, segment and period pickers; ``changed`` with the new ``DeskFilter``."""

    changed = Signal(object)

    def __init__(self, today: date, me_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today, self.me_id = today, me_id
        self._named = PERIODS[0]  # the named period a custom range starts from
        self._owner_id = me_id  # whose accounts, until the user picks someone else
        self.owner = QComboBox()
        self.owner.setMinimumContentsLength(14)
        self.owner.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.owner.setToolTip("Whose accounts: as CSM, R&E manager or AE")
        self.segment = QComboBox()
        self.segment.addItem("All segments", None)
        for segment in Segment:
            self.segment.addItem(segment.value.capitalize(), segment.value)
        self.period = QComboBox()
        self.period.addItems(PERIODS)
        self.first, self.last = date_edit(today), date_edit(today)
        self.first.setDisplayFormat("d MMM yyyy")
        self.last.setDisplayFormat("d MMM yyyy")
        self.to = QLabel("to")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for caption, widget in (("Owner", self.owner), ("Segment", self.segment)):
            row.addWidget(QLabel(caption))
            row.addWidget(widget)
            row.addSpacing(8)
        row.addWidget(QLabel("Period"))
        for widget in (self.period, self.first, self.to, self.last):
            row.addWidget(widget)
        self.set_people([])
        self._custom(False)
        self.period.currentTextChanged.connect(self._period_changed)
        self.owner.currentIndexChanged.connect(self._owner_picked)
        self.segment.currentIndexChanged.connect(self._emit)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._emit)

    def set_people(self, people: list[tuple[int, str, str]]) -> None:
        """(id, name, role) of the team; "me" first, then everyone, then each person."""
        wanted = self._owner_id
        self.owner.blockSignals(True)
        self.owner.clear()
        mine = next((p for p in people if p[0] == self.me_id), None)
        if mine is not None:
            self.owner.addItem(f"Me ({mine[1]})", mine[0])
        self.owner.addItem("Everyone", EVERYONE)
        for person_id, name, role in people:
            if person_id != self.me_id:
                self.owner.addItem(f"{name} — {PersonRole(role).label}", person_id)
        found = self.owner.findData(wanted if wanted is not None else EVERYONE)
        self.owner.setCurrentIndex(max(found, 0))
        self.owner.blockSignals(False)

    def set_me(self, me_id: int | None) -> None:
        if self._owner_id == self.me_id:  # showing "me": show the new me
            self._owner_id = me_id
        self.me_id = me_id

    def _owner_picked(self, _row: int) -> None:
        owner = self.owner.currentData()
        self._owner_id = None if owner == EVERYONE else owner
        self._emit()

    def select_owner(self, owner_id: int | None) -> None:
        wanted = EVERYONE if owner_id is None else owner_id
        self.owner.setCurrentIndex(max(self.owner.findData(wanted), 0))

    def select_segment(self, segment: Segment | None) -> None:
        self.segment.setCurrentIndex(max(self.segment.findData(segment and segment.value), 0))

    def current(self) -> DeskFilter:
        owner = self.owner.currentData()
        segment = self.segment.currentData()
        period = self.period.currentText()
        if period == "Custom range":
            first, last = self.first.date().toPython(), self.last.date().toPython()
            first, last = min(first, last), max(first, last)
        else:
            first, last = period_dates(period, self.today)
        return DeskFilter(
            owner_id=None if owner in (None, EVERYONE) else owner,
            segment=Segment(segment) if segment else None,
            first=first,
            last=last,
            period=period,
        )

    def set_today(self, today: date) -> None:
        self.today = today

    def _period_changed(self, period: str) -> None:
        custom = period == "Custom range"
        if not custom:
            self._named = period
        else:  # start from the period shown until now
            first, last = period_dates(self._named, self.today)
            for edit, day in ((self.first, first), (self.last, last)):
                edit.blockSignals(True)
                edit.setDate(qdate(day))
                edit.blockSignals(False)
        self._custom(custom)
        self._emit()

    def _show_span(self) -> None:
        shown = self.current()
        self.period.setToolTip(f"{shown.first:%d %b %Y} – {shown.last:%d %b %Y}")

    def _custom(self, shown: bool) -> None:
        for widget in (self.first, self.to, self.last):
            widget.setVisible(shown)

    def _emit(self, *_) -> None:
        self._show_span()
        self.changed.emit(self.current())
