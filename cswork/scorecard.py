"""The scorecard: recording category scores as snapshots, and the account's health.

A snapshot is never rewritten. Each carries what it changed (the category's previous
score, the account's health before and after), replayed in date order, so the history
reads the same however the scores were entered."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cswork.health import HealthReplay, category_weights
from cswork.models import Account, ScoreCategory, ScoreSnapshot


class ScoreError(ValueError):
    pass


def record_scores(
    session: Session,
    account_id: int,
    scores: dict[int, tuple[int, str | None]],
    measured_on: date,
    author_id: int | None,
    now: datetime,
) -> list[int]:
    """Record category id -> (score, comment) as measured on a day; returns the new
    snapshot ids. The account's health follows."""
    if session.get(Account, account_id) is None:
        raise ScoreError(f"There is no account with id {account_id}.")
    known = set(session.scalars(select(ScoreCategory.id)))
    for category_id, (score, _) in scores.items():
        if category_id not in known:
            raise ScoreError(f"There is no scorecard category with id {category_id}.")
        if not 0 <= score <= 100:
            raise ScoreError(f"A score is 0 to 100, not {score}.")
    snapshots = [
        ScoreSnapshot(
            account_id=account_id,
            category_id=category_id,
            score=score,
            comment=(comment or "").strip() or None,
            measured_on=measured_on,
            author_id=author_id,
            recorded_at=now,
        )
        for category_id, (score, comment) in scores.items()
    ]
    session.add_all(snapshots)
    session.flush()
    replay_history(session, account_id)
    return [s.id for s in snapshots]


def replay_history(session: Session, account_id: int) -> int | None:
    """Recompute what each of the account's snapshots changed, in date order, and the
    account's health now; returns that health."""
    replay = HealthReplay(category_weights(session))
    for snapshot in session.scalars(
        select(ScoreSnapshot)
        .where(ScoreSnapshot.account_id == account_id)
        .order_by(ScoreSnapshot.measured_on, ScoreSnapshot.id)
    ):
        snapshot.previous_score, snapshot.health_before, snapshot.health_after = replay.record(
            snapshot.category_id, snapshot.score
        )
    health = replay.health
    session.execute(update(Account).where(Account.id == account_id).values(health=health))
    return health
