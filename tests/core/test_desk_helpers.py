"""Core helpers behind the renewals desk window: taking a close or a new opportunity
back (undo), and the open pipeline across the book."""

from datetime import date, timedelta

import pytest

from cswork.enums import AccountStatus, OpportunityKind, OpportunityStage, Segment
from cswork.metrics import Cohort
from cswork.models import Account, Opportunity
from cswork.opportunities import (
    OpportunityError,
    close_opportunity,
    create_opportunity,
    delete_opportunity,
    reopen_opportunity,
)
from cswork.pipeline import open_opportunities
from tests.conftest import TODAY
from tests.factories import add_account, add_people


@pytest.fixture
def people(book):
    return add_people(book)


def account_state(book, account_id):
    with book.session() as session:
        a = session.get(Account, account_id)
        return (a.arr_cents, a.renewal_date, a.contract_start, a.term_months, a.status)


def opportunity_state(book, opportunity_id):
    with book.session() as session:
        o = session.get(Opportunity, opportunity_id)
        return (o.stage, o.forecast_category, o.close_date, o.final_cents, o.amount_cents)


@pytest.mark.parametrize("stage", [OpportunityStage.WON, OpportunityStage.LOST])
def test_reopening_a_closed_renewal_puts_account_and_opportunity_back(book, people, stage):
    account_id = add_account(
        book, TODAY, 40, re_manager_id=people["re"], contract_start=date(2025, 1, 2), term_months=12
    )
    with book.writing() as session:
        opp = create_opportunity(
            session, account_id, OpportunityKind.RENEWAL, close_date=None, contract_months=24
        )
    account_before, opportunity_before = (
        account_state(book, account_id),
        opportunity_state(book, opp),
    )
    with book.writing() as session:
        closed = close_opportunity(session, opp, stage, TODAY, final_cents=15_000_000)
    assert account_state(book, account_id) != account_before
    with book.writing() as session:
        reopen_opportunity(session, closed)
    assert account_state(book, account_id) == account_before
    assert opportunity_state(book, opp) == opportunity_before
    assert opportunity_before[0] == OpportunityStage.OPEN


def test_deleting_an_open_opportunity_but_never_a_closed_one(book, people):
    account_id = add_account(book, TODAY, 40, ae_id=people["ae"])
    with book.writing() as session:
        upsell = create_opportunity(session, account_id, OpportunityKind.UPSELL, amount_cents=500)
        won = create_opportunity(session, account_id, OpportunityKind.UPSELL, amount_cents=700)
        close_opportunity(session, won, OpportunityStage.WON, TODAY)
    with book.writing() as session:
        delete_opportunity(session, upsell)
        with pytest.raises(OpportunityError):
            delete_opportunity(session, won)
    with book.session() as session:
        assert session.get(Opportunity, upsell) is None
        assert session.get(Account, account_id).status == AccountStatus.ACTIVE


def test_the_open_pipeline_in_a_period_and_cohort(book, people):
    mine = add_account(
        book, TODAY, 30, name="Mine Inc", re_manager_id=people["re"], ae_id=people["ae"], health=40
    )
    theirs = add_account(book, TODAY, 30, name="Theirs Ltd", segment=Segment.LOW_TOUCH)
    first, last = TODAY, TODAY + timedelta(days=60)
    with book.writing() as session:
        in_period = create_opportunity(
            session,
            mine,
            OpportunityKind.CROSS_SELL,
            amount_cents=2_500_000,
            close_date=TODAY + timedelta(days=10),
            strategy="Land analytics",
        )
        create_opportunity(  # after the period
            session, mine, OpportunityKind.UPSELL, close_date=TODAY + timedelta(days=90)
        )
        won = create_opportunity(session, mine, OpportunityKind.UPSELL, close_date=TODAY)
        close_opportunity(session, won, OpportunityStage.WON, TODAY)
        other = create_opportunity(
            session, theirs, OpportunityKind.RENEWAL, close_date=TODAY + timedelta(days=30)
        )
    with book.session() as session:
        everyone = open_opportunities(session, first, last)
        my_pipeline = open_opportunities(session, first, last, Cohort(owner_id=people["re"]))
        low_touch = open_opportunities(session, first, last, Cohort(segment=Segment.LOW_TOUCH))
    assert [o.id for o in everyone] == [in_period, other]
    [cross_sell] = my_pipeline
    assert (cross_sell.account_name, cross_sell.kind, cross_sell.amount_cents) == (
        "Mine Inc",
        "cross-sell",
        2_500_000,
    )
    assert (cross_sell.owner, cross_sell.strategy, cross_sell.band) == (
        "Alex Edwards",  # cross-sell is complex: the AE, per the RACI
        "Land analytics",
        "red",
    )
    assert cross_sell.close_date == TODAY + timedelta(days=10)
    assert [o.id for o in low_touch] == [other]
