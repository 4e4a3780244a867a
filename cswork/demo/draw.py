"""Drawing the demo book: a fast random stream, weighted picks, dates and timestamps."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from random import Random
from typing import TypeVar

T = TypeVar("T")


class DemoRandom(Random):
    """``random.Random`` with cheaper ``randint`` and ``choice``: the demo draws millions
    of them, and a book of made-up customers needs no better than float precision."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]


def pick(shares: Sequence[tuple[float, T]], r: float) -> T:
    """The value whose cumulative share first exceeds ``r`` (a draw in [0, 1))."""
    for share, value in shares:
        if r < share:
            return value
    return shares[-1][1]


def cumulative(weighted: Sequence[tuple[T, float]]) -> tuple[tuple[float, T], ...]:
    """[(value, weight), ...] -> shares for ``pick``."""
    total = sum(weight for _, weight in weighted)
    shares, running = [], 0.0
    for value, weight in weighted:
        running += weight / total
        shares.append((running, value))
    return tuple(shares)


@lru_cache(maxsize=8192)
def at(day: date, hour: int = 16) -> datetime:
    """A UTC timestamp on ``day``: the demo never reads the wall clock."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def add_months(day: date, months: int) -> date:
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))
