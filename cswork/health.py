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
    if denominator == 0:
        return None
    return (2 * numerator + denominator) // (2 * denominator)


def category_weights(session: Session) -> dict[int, int]:
    """Category id -> weight in basis points."""
    return dict(session.execute(select(ScoreCategory.id, ScoreCategory.weight_bp)).all())
