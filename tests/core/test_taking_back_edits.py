"""Core helpers behind the Customer360's undo: a recording of scores taken back, a plan
deleted and restored under its old ids, and when a milestone is late."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from cswork.enums import ObjectiveStatus
from cswork.models import Account, Milestone, Objective, ScoreCategory, ScoreSnapshot
from cswork.plans import (
    PlanError,
    create_plan,
    delete_plan,
    is_late,
    plan_of,
    restore_plan,
    update_objective,
)
from cswork.scorecard import delete_snapshots, record_scores, scorecard
from tests.conftest import TODAY
from tests.factories import add_account, add_people

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture
def account(book):
    people = add_people(book)
    return add_account(book, TODAY, 60, external_id="ACME", csm_id=people["csm"])


def categories(book) -> list[int]:
    with book.session() as session:
        return list(session.scalars(select(ScoreCategory.id).order_by(ScoreCategory.position)))


def test_deleting_a_recording_replays_history_and_restores_the_health(book, account):
    adoption, support = categories(book)[:2]
    with book.writing() as session:
        record_scores(session, account, {adoption: (80, None)}, TODAY - timedelta(10), None, NOW)
        [later] = record_scores(
            session, account, {support: (40, None)}, TODAY - timedelta(5), None, NOW
        )
        taken_back = record_scores(
            session, account, {adoption: (20, "usage fell"), support: (30, None)}, TODAY, None, NOW
        )
    with book.session() as session:
        assert session.get(Account, account).health == 25

    with book.writing() as session:
        assert delete_snapshots(session, taken_back) == [account]

    with book.session() as session:
        assert session.get(Account, account).health == 60  # (80 + 40) / 2
        assert len(session.scalars(select(ScoreSnapshot.id)).all()) == 2
        assert session.get(ScoreSnapshot, later).health_after == 60
        card = scorecard(session, account, TODAY)
    assert [c.score for c in card.categories[:2]] == [80, 40]
    assert card.health == 60


def test_deleting_an_earlier_snapshot_rewrites_what_later_ones_changed(book, account):
    adoption = categories(book)[0]
    with book.writing() as session:
        [first] = record_scores(
            session, account, {adoption: (90, None)}, TODAY - timedelta(3), None, NOW
        )
        [second] = record_scores(session, account, {adoption: (50, None)}, TODAY, None, NOW)
        delete_snapshots(session, [first])
    with book.session() as session:
        kept = session.get(ScoreSnapshot, second)
        assert (kept.previous_score, kept.health_before, kept.health_after) == (None, None, 50)


def test_deleting_every_snapshot_leaves_the_account_unscored(book, account):
    adoption = categories(book)[0]
    with book.writing() as session:
        ids = record_scores(session, account, {adoption: (70, None)}, TODAY, None, NOW)
        delete_snapshots(session, ids)
    with book.session() as session:
        assert session.get(Account, account).health is None


def test_a_deleted_plan_comes_back_with_the_same_ids_and_edits(book, account):
    with book.writing() as session:
        plan_id = create_plan(session, account, TODAY)
        plan = plan_of(session, account)
        objective_ids = [o.id for o in plan.objectives]
        milestone_ids = [m.id for m in plan.milestones]
        update_objective(session, objective_ids[0], status=ObjectiveStatus.AT_RISK, progress=40)
        kept = delete_plan(session, plan_id)
    with book.session() as session:
        assert plan_of(session, account) is None
        assert session.scalars(select(Objective)).all() == []
        assert session.scalars(select(Milestone)).all() == []

    with book.writing() as session:
        assert restore_plan(session, kept) == plan_id
    with book.session() as session:
        plan = plan_of(session, account)
        assert [o.id for o in plan.objectives] == objective_ids
        assert [m.id for m in plan.milestones] == milestone_ids
        assert (plan.objectives[0].status, plan.objectives[0].progress) == ("at risk", 40)
        assert plan.template == "High-touch: adoption and value"


def test_a_plan_cannot_come_back_over_a_new_one(book, account):
    with book.writing() as session:
        kept = delete_plan(session, create_plan(session, account, TODAY))
        create_plan(session, account, TODAY)
        with pytest.raises(PlanError):
            restore_plan(session, kept)


@pytest.mark.parametrize(
    ("due", "done", "late"),
    [
        (None, None, False),
        (1, None, False),  # due tomorrow
        (0, None, True),  # due today, not done
        (-5, None, True),
        (-5, -6, False),  # done the day before
        (-5, -5, False),
        (-5, -2, True),  # done after its day
    ],
)
def test_when_a_milestone_is_late(due, done, late):
    def day(offset):
        return None if offset is None else TODAY + timedelta(days=offset)

    assert is_late(day(due), day(done), TODAY) is late
