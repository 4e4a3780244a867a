"""The business calendar: working weekdays and holidays, from the book's settings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class BusinessCalendar:
    working_weekdays: frozenset[int]  # Monday = 0
    holidays: frozenset[date]

    @classmethod
    def from_settings(
        cls, working_days: Iterable[int], holidays: Iterable[str]
    ) -> BusinessCalendar:
        return cls(frozenset(working_days), frozenset(date.fromisoformat(d) for d in holidays))

    def is_business_day(self, day: date) -> bool:
        return day.weekday() in self.working_weekdays and day not in self.holidays

    def business_days(self, first: date, last: date) -> list[date]:
        """The business days from ``first`` to ``last``, both included."""
        days, day = [], first
        while day <= last:
            if self.is_business_day(day):
                days.append(day)
            day += timedelta(days=1)
        return days
