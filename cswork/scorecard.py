"""The scorecard: recording category scores as snapshots, and the account's health.

A snapshot is never rewritten. Each carries what it changed (the category's previous
score, the account's health before and after), replayed in date order, so the history
reads the same however the scores were entered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, delete, select, text, update
from sqlalchemy.orm import Session

from cswork.health import (
    HealthChange,
    HealthReplay,
    category_weights,
    health_change,
    overall_health,
)
from cswork.health import band as health_band
from cswork.models import Account, ScoreCategory, ScoreSnapshot
from cswork.settings import get_setting


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


REPLAY_CHUNK = 500  # accounts per query


def replay_histories(session: Session, account_ids: list[int]) -> dict[int, int | None]:
    """``replay_history`` for many accounts at once (an import of scores): one query per
    few hundred accounts, and only the snapshots and healths that change are written.
    Returns each account's health now."""
    weights = category_weights(session)
    healths: dict[int, int | None] = {}
    snapshot_changes, health_changes = [], []
    for start in range(0, len(account_ids), REPLAY_CHUNK):
        chunk = account_ids[start : start + REPLAY_CHUNK]
        stored_health = dict(
            session.execute(select(Account.id, Account.health).where(Account.id.in_(chunk))).all()
        )
        snapshots = session.execute(
            select(
                ScoreSnapshot.account_id,
                ScoreSnapshot.id,
                ScoreSnapshot.category_id,
                ScoreSnapshot.score,
                ScoreSnapshot.previous_score,
                ScoreSnapshot.health_before,
                ScoreSnapshot.health_after,
            )
            .where(ScoreSnapshot.account_id.in_(chunk))
            .order_by(ScoreSnapshot.account_id, ScoreSnapshot.measured_on, ScoreSnapshot.id)
        )
        replays = {account_id: HealthReplay(weights) for account_id in chunk}
        for account_id, snapshot_id, category_id, score, *stored in snapshots:
            replayed = replays[account_id].record(category_id, score)
            if tuple(stored) != replayed:
                previous, before, after = replayed
                snapshot_changes.append(
                    {"snapshot_id": snapshot_id, "p": previous, "b": before, "a": after}
                )
        for account_id, replay in replays.items():
            healths[account_id] = replay.health
            if account_id in stored_health and stored_health[account_id] != replay.health:
                health_changes.append({"account_id": account_id, "h": replay.health})
    snapshots_table, accounts_table = ScoreSnapshot.__table__, Account.__table__
    if snapshot_changes:
        session.execute(
            update(snapshots_table)
            .where(snapshots_table.c.id == bindparam("snapshot_id"))
            .values(
                previous_score=bindparam("p"),
                health_before=bindparam("b"),
                health_after=bindparam("a"),
            ),
            snapshot_changes,
        )
    if health_changes:
        session.execute(
            update(accounts_table)
            .where(accounts_table.c.id == bindparam("account_id"))
            .values(health=bindparam("h")),
            health_changes,
        )
    return healths


def delete_snapshots(session: Session, snapshot_ids: list[int]) -> list[int]:
    """Take back a recording (the window's undo): delete its snapshots and replay each
    account's history, so later snapshots and the health read as if it never happened.
    Returns the accounts whose health was recomputed."""
    ids = list(snapshot_ids)
    accounts = sorted(
        set(session.scalars(select(ScoreSnapshot.account_id).where(ScoreSnapshot.id.in_(ids))))
    )
    session.execute(delete(ScoreSnapshot).where(ScoreSnapshot.id.in_(ids)))
    for account_id in accounts:
        replay_history(session, account_id)
    return accounts


@dataclass(frozen=True)
class CategoryScore:
    category_id: int
    key: str
    name: str
    weight_bp: int
    score: int | None
    comment: str | None
    measured_on: date | None
    previous_score: int | None

    @property
    def band(self) -> str | None:
        return health_band(self.score)


@dataclass(frozen=True)
class Change:
    category: str
    before: int | None
    after: int


@dataclass(frozen=True)
class Scorecard:
    account_id: int
    categories: list[CategoryScore]
    health: int | None
    trend: list[tuple[date, int]]  # the last 90 days, health after each day's scores
    # Health a window ago (the "Health fell" alert's, 30 days by default) against now,
    # over the categories scored at both ends: the alert's rule, so they agree.
    change: HealthChange
    costliest: tuple[str, float] | None  # category, points it costs against 100
    last_changed_on: date | None
    last_changes: list[Change]
    health_before_last_change: int | None

    @property
    def band(self) -> str | None:
        return health_band(self.health)

    @property
    def change_points(self) -> int | None:
        return self.change.points

    @property
    def change_days(self) -> int:
        return (self.change.on - self.change.since).days

    @property
    def change_span(self) -> str:
        """'in 30 days': the window the change is over, for the faces' wording."""
        return f"in {self.change_days} days"

    @property
    def first_scored_since(self) -> list[str]:
        """Categories first scored within the change's days: not counted in it."""
        new = set(self.change.new)
        return [c.name for c in self.categories if c.category_id in new]

    @property
    def compared(self) -> list[str]:
        """The categories the change compares: those scored on both days."""
        compared = set(self.change.compared)
        return [c.name for c in self.categories if c.category_id in compared]

    @property
    def explanation(self) -> str:
        """Why the health is what it is, in a sentence or two."""
        if self.health is None:
            return "Not scored yet: score a category to see the account's health."
        parts = []
        if self.costliest is not None and self.costliest[1] >= 0.5:
            name, points = self.costliest
            parts.append(
                f"{name} costs the most: {points:.0f} of the "
                f"{100 - self.health} points below a perfect score."
            )
        else:
            parts.append("Every scored category is at or near 100.")
        if self.last_changes and all(c.before is None for c in self.last_changes):
            parts.append(f"First scored on {self.last_changed_on:%d %b %Y}.")
        elif self.last_changes:
            moves = ", ".join(
                f"{c.category} {c.before}→{c.after}"
                if c.before is not None
                else f"{c.category} first scored {c.after}"
                for c in self.last_changes
            )
            before = self.health_before_last_change
            health = (
                f"health {before}→{self.health}" if before is not None else f"health {self.health}"
            )
            parts.append(f"Last change on {self.last_changed_on:%d %b %Y}: {moves} ({health}).")
        if self.change.then is not None and self.first_scored_since:
            # Health renormalises over the categories scored, so a first score moves it
            # without anything getting better or worse: say why the change leaves it out.
            names = ", ".join(self.first_scored_since)
            parts.append(
                f"The {self.change_days}-day change compares the categories scored "
                f"{self.change_days} days ago; {names} first scored since."
            )
        return " ".join(parts)


def scorecard(session: Session, account_id: int, today: date) -> Scorecard:
    """The eight categories now, the health, its trend and why it is what it is."""
    categories = list(session.scalars(select(ScoreCategory).order_by(ScoreCategory.position)))
    snapshots = list(
        session.scalars(
            select(ScoreSnapshot)
            .where(ScoreSnapshot.account_id == account_id, ScoreSnapshot.measured_on <= today)
            .order_by(ScoreSnapshot.measured_on, ScoreSnapshot.id)
        )
    )
    latest = {s.category_id: s for s in snapshots}
    scores = [
        CategoryScore(
            c.id,
            c.key,
            c.name,
            c.weight_bp,
            *(
                (
                    latest[c.id].score,
                    latest[c.id].comment,
                    latest[c.id].measured_on,
                    latest[c.id].previous_score,
                )
                if c.id in latest
                else (None,) * 4
            ),
        )
        for c in categories
    ]
    weights = {c.id: c.weight_bp for c in categories}
    health = overall_health({c: s.score for c, s in latest.items()}, weights)
    last_day = snapshots[-1].measured_on if snapshots else None
    last = [s for s in snapshots if s.measured_on == last_day]
    names = {c.id: c.name for c in categories}
    return Scorecard(
        account_id=account_id,
        categories=scores,
        health=health,
        trend=_trend(snapshots, today - timedelta(days=90)),
        change=health_change(
            [(s.category_id, s.score, s.measured_on) for s in snapshots],
            weights,
            today - timedelta(days=get_setting(session, "health_drop_window_days")),
            today,
        ),
        costliest=_costliest(scores),
        last_changed_on=last_day,
        last_changes=[
            Change(names[s.category_id], s.previous_score, s.score)
            for s in last
            if s.previous_score != s.score
        ],
        health_before_last_change=last[0].health_before if last else None,
    )


def _trend(snapshots: list[ScoreSnapshot], since: date) -> list[tuple[date, int]]:
    """(day, health at the end of that day) from ``since``, starting with the health the
    account had on that day."""
    points: dict[date, int] = {}
    for s in snapshots:
        if s.health_after is None:
            continue
        points[max(s.measured_on, since)] = s.health_after
    return sorted(points.items())


def _costliest(scores: list[CategoryScore]) -> tuple[str, float] | None:
    """The category that costs the most points against a perfect score: its share of the
    weights scored times how far below 100 it is."""
    scored = [c for c in scores if c.score is not None and c.weight_bp > 0]
    total = sum(c.weight_bp for c in scored)
    if not total:
        return None
    worst = max(scored, key=lambda c: c.weight_bp * (100 - c.score))
    return worst.name, worst.weight_bp * (100 - worst.score) / total


# -- categories and weights ----------------------------------------------------------
def check_weights(weights_bp: dict[int, int]) -> str | None:
    """Why these weights cannot be saved, or None. They must sum to 100 %."""
    if any(w < 0 for w in weights_bp.values()):
        return "Weights cannot be negative."
    total = sum(weights_bp.values())
    if total != 10_000:
        return f"Weights must add up to 100%; they add up to {total / 100:g}%."
    return None


def set_categories(
    session: Session, names: dict[int, str], weights_bp: dict[int, int]
) -> tuple[dict[int, str], dict[int, int]]:
    """Rename categories and set their weights, then recompute every account's health
    (history keeps the health it had at the time). Returns the names and weights
    before, to set them back."""
    problem = check_weights(weights_bp)
    if problem:
        raise ScoreError(problem)
    stored = list(session.scalars(select(ScoreCategory)))
    before = {c.id: c.name for c in stored}, {c.id: c.weight_bp for c in stored}
    for category in stored:
        if category.id in names:
            if not names[category.id].strip():
                raise ScoreError("A category needs a name.")
            category.name = names[category.id].strip()
        category.weight_bp = weights_bp.get(category.id, category.weight_bp)
    session.flush()
    recompute_all_health(session)
    return before


RECOMPUTE_HEALTH_SQL = """
WITH latest AS (
    SELECT account_id, category_id, score,
           ROW_NUMBER() OVER (PARTITION BY account_id, category_id
                              ORDER BY measured_on DESC, id DESC) AS newest
    FROM score_snapshots),
overall AS (
    SELECT l.account_id, SUM(c.weight_bp * l.score) AS num, SUM(c.weight_bp) AS den
    FROM latest l JOIN score_categories c ON c.id = l.category_id
    WHERE l.newest = 1 AND c.weight_bp > 0
    GROUP BY l.account_id)
UPDATE accounts SET health = (2 * overall.num + overall.den) / (2 * overall.den)
FROM overall WHERE overall.account_id = accounts.id
"""


def recompute_all_health(session: Session) -> None:
    """Every account's health from its latest scores, in the database: the weighted
    mean, rounded half up as ``overall_health`` does (whole-number division)."""
    session.execute(update(Account).values(health=None))
    session.execute(text(RECOMPUTE_HEALTH_SQL))
