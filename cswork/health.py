"""Overall health: the weighted mean of the categories scored, and its colour band."""

from collections.abc import Mapping

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
