"""Overall health: the weighted mean of the categories scored, its colour band, and how
it moved between two days."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.models import ScoreCategory

RED_MAX = 50  # red 0-50
YELLOW_MAX = 75  # yellow 51-75, green 76-100


def band(health: int | None, red_max: int = RED_MAX, yellow_max: int = YELLOW_MAX) -> str | None:
    if health is None:
        return None
    if health <= red_max:
        return "red"
    if health <= yellow_max:
        return "yellow"
    return "green"


def overall_health(scores: Mapping[int, int], weights_bp: Mapping[int, int]) -> int | None:
    """Weighted mean of the scored categories, weights renormalised over those scored,
    rounded half up to a whole point. None when nothing with a weight is scored."""
    numerator = sum(weights_bp.get(cat, 0) * score for cat, score in scores.items())
    denominator = sum(weights_bp.get(cat, 0) for cat in scores)
    return _rounded_mean(numerator, denominator)


def _rounded_mean(numerator: int, denominator: int) -> int | None:
    if denominator == 0:
        return None
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True)
class HealthChange:
    """How an account's health moved from one day to a later one, over the categories
    scored on both days: a category first scored in between is neither a fall nor a rise
    (health renormalises over the categories scored, so it would move health without
    anything getting better or worse)."""

    since: date
    on: date
    then: int | None  # health on ``since`` over the compared categories
    now: int | None  # health on ``on`` over the same categories
    scores_then: Mapping[int, int]  # compared category id -> its score on ``since``
    scores_now: Mapping[int, int]  # the same categories -> their score on ``on``
    new: tuple[int, ...]  # categories first scored after ``since``: left out of both

    @property
    def compared(self) -> tuple[int, ...]:
        return tuple(self.scores_then)

    @property
    def points(self) -> int | None:
        """Points gained (negative: lost); None when nothing comparable was scored."""
        if self.then is None or self.now is None:
            return None
        return self.now - self.then

    def falls(self) -> list[tuple[int, int, int]]:
        """(category, score then, score now) of the compared categories that fell,
        the largest fall first (of equal falls, the later category first)."""
        fallen = [(c, was, self.scores_now[c]) for c, was in self.scores_then.items()]
        fell = [f for f in fallen if f[2] < f[1]]
        return sorted(fell, key=lambda f: (f[1] - f[2], f[0]), reverse=True)


def health_change(
    scores: Iterable[tuple[int, int, date]],
    weights_bp: Mapping[int, int],
    since: date,
    on: date,
) -> HealthChange:
    """How health moved from ``since`` to ``on``, from an account's (category, score,
    scored on) rows in the order they were recorded. Each day takes each category's
    latest score up to that day; only categories scored on both days count."""
    if on < since:
        raise ValueError(f"A change runs forward in time: {since} is after {on}.")
    then: dict[int, int] = {}
    now: dict[int, int] = {}
    # Stable sort: scores of the same day keep the order they were recorded in.
    for category, score, day in sorted(scores, key=lambda row: row[2]):
        if day <= since:
            then[category] = score
        if day <= on:
            now[category] = score
    compared = {c: now[c] for c in then}
    return HealthChange(
        since=since,
        on=on,
        then=overall_health(then, weights_bp),
        now=overall_health(compared, weights_bp),
        scores_then=then,
        scores_now=compared,
        new=tuple(sorted(now.keys() - then.keys())),
    )


class HealthReplay:
    """Replays one account's snapshots in date order: what each one changed.

    Keeps the weighted sums as it goes, so a history of any length costs one step per
    snapshot (the same arithmetic as ``overall_health``)."""

    def __init__(self, weights_bp: Mapping[int, int]) -> None:
        self._weights = weights_bp
        self.scores: dict[int, int] = {}
        self._numerator = self._denominator = 0

    @property
    def health(self) -> int | None:
        return _rounded_mean(self._numerator, self._denominator)

    def record(self, category_id: int, score: int) -> tuple[int | None, int | None, int | None]:
        """Take a score; returns (the category's previous score, health before, after)."""
        weight = self._weights.get(category_id, 0)
        previous, before = self.scores.get(category_id), self.health
        if previous is None:
            self._denominator += weight
        else:
            self._numerator -= weight * previous
        self._numerator += weight * score
        self.scores[category_id] = score
        return previous, before, self.health


def categories(session: Session) -> list[ScoreCategory]:
    """The scorecard's categories in their order, with their names and weights."""
    return list(session.scalars(select(ScoreCategory).order_by(ScoreCategory.position)))


def category_weights(session: Session) -> dict[int, int]:
    """Category id -> weight in basis points."""
    return dict(session.execute(select(ScoreCategory.id, ScoreCategory.weight_bp)).all())
