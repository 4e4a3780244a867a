"""Renewals that are never missed: a renewal CTA's checklist counts from the renewal
date and is never born overdue; a lapsed renewal raises a CTA and stays on the lists
until it is closed; an auto-renewing contract rolls forward by itself."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from cswork.alerts import scan
from cswork.ctas import create_cta
from cswork.desk import upcoming_renewals
from cswork.enums import (
    AccountStatus,
    CtaStatus,
    CtaType,
    OpportunityKind,
    OpportunityStage,
    Priority,
)
from cswork.models import Account, Cta, CtaTask, Opportunity, TimelineEntry
from cswork.opportunities import close_opportunity
from cswork.renewals import renewals_within
from tests.conftest import TODAY
from tests.factories import add_account, add_people

# The seeded renewal playbook: 30, 20 and 10 days before the renewal, then on the day.
RENEWAL_OFFSETS = [-30, -20, -10, 0]


def owned(people, **fields):
    return {"csm_id": people["csm"], "re_manager_id": people["re"], "ae_id": people["ae"]} | fields


def tasks_of(book, account_id):
    with book.session() as session:
        return list(
            session.scalars(
                select(CtaTask.due_on)
                .join(Cta, Cta.id == CtaTask.cta_id)
                .where(Cta.account_id == account_id, Cta.type == CtaType.RENEWAL)
                .order_by(CtaTask.position)
            )
        )


def rule_ctas(book, account_id):
    """The account's renewal CTAs (a new account also gets onboarding ones)."""
    with book.session() as session:
        return list(
            session.scalars(
                select(Cta).where(Cta.account_id == account_id, Cta.type == CtaType.RENEWAL)
            )
        )


def renewal_opportunities(book, account_id):
    with book.session() as session:
        return list(
            session.scalars(
                select(Opportunity)
                .where(
                    Opportunity.account_id == account_id,
                    Opportunity.kind == OpportunityKind.RENEWAL,
                )
                .order_by(Opportunity.id)
            )
        )


def test_renewal_tasks_count_from_the_renewal_date(book):
    people = add_people(book)
    account = add_account(book, TODAY, 90, **owned(people))
    scan(book, TODAY)
    renewal = TODAY + timedelta(days=90)
    # Counted from the CTA's due date (today) they would fall 120 to 90 days early.
    assert tasks_of(book, account) == [renewal + timedelta(days=d) for d in RENEWAL_OFFSETS]


def test_a_task_already_past_when_raised_is_due_that_day(book):
    people = add_people(book)
    account = add_account(book, TODAY, 25, **owned(people))  # the laptop was shut
    scan(book, TODAY)
    renewal = TODAY + timedelta(days=25)
    assert tasks_of(book, account) == [
        TODAY,
        renewal - timedelta(days=20),
        *[renewal + timedelta(days=d) for d in RENEWAL_OFFSETS[2:]],
    ]
    assert min(tasks_of(book, account)) == TODAY


def test_a_cta_made_by_hand_is_never_born_overdue(book):
    people = add_people(book)
    account = add_account(book, TODAY, 200, **owned(people))
    with book.writing() as session:
        create_cta(
            session,
            account_id=account,
            cta_type=CtaType.RENEWAL,
            reason="Quote early",
            due_on=TODAY + timedelta(days=15),
            owner_id=people["re"],
            today=TODAY,
        )
    due = TODAY + timedelta(days=15)
    assert tasks_of(book, account) == [TODAY, TODAY, due - timedelta(days=10), due]


def test_a_lapsed_renewal_raises_a_high_priority_overdue_cta_once(book):
    people = add_people(book)
    lapsed = add_account(book, TODAY, -10, external_id="LAPSED", **owned(people))
    scan(book, TODAY)
    scan(book, TODAY + timedelta(days=1))

    [cta] = rule_ctas(book, lapsed)
    ended = TODAY - timedelta(days=10)
    assert cta.dedupe_key == f"renewal:{lapsed}:{ended.isoformat()}:overdue"
    assert cta.type == CtaType.RENEWAL and cta.priority == Priority.HIGH
    assert cta.due_on == TODAY and cta.owner_id == people["re"]
    assert cta.reason.startswith(f"Renewal overdue: the contract ended on {ended:%d %b %Y}")
    assert set(tasks_of(book, lapsed)) == {TODAY}


def test_a_lapsed_renewal_stays_on_the_lists_until_won(book):
    people = add_people(book)
    lapsed = add_account(book, TODAY, -10, external_id="LAPSED", **owned(people))
    add_account(book, TODAY, -10, external_id="AUTO", auto_renew=True, **owned(people))
    with book.session() as session:
        assert [
            (r.external_id, r.days_to_renewal) for r in renewals_within(session, 90, TODAY)
        ] == [("LAPSED", -10)]
        assert [(r.account_id, r.days_to_renewal) for r in upcoming_renewals(session, TODAY)] == [
            (lapsed, -10)
        ]
    scan(book, TODAY)
    [generated] = renewal_opportunities(book, lapsed)
    with book.writing() as session:
        close_opportunity(session, generated.id, OpportunityStage.WON, TODAY)
    scan(book, TODAY + timedelta(days=1))

    with book.session() as session:
        account = session.get(Account, lapsed)
        assert account.renewal_date == TODAY - timedelta(days=10) + relativedelta(months=12)
        assert renewals_within(session, 90, TODAY) == []
        assert upcoming_renewals(session, TODAY) == []
    [cta] = rule_ctas(book, lapsed)
    assert cta.status == CtaStatus.CLOSED  # its renewal moved on


def test_a_lapsed_renewal_lost_leaves_the_lists(book):
    people = add_people(book)
    lapsed = add_account(book, TODAY, -10, **owned(people))
    scan(book, TODAY)
    [generated] = renewal_opportunities(book, lapsed)
    with book.writing() as session:
        close_opportunity(session, generated.id, OpportunityStage.LOST, TODAY)
    with book.session() as session:
        assert session.get(Account, lapsed).status == AccountStatus.CHURNED
        assert renewals_within(session, 90, TODAY) == []
        assert upcoming_renewals(session, TODAY) == []


def test_an_auto_renewing_contract_rolls_forward_with_a_won_renewal(book):
    people = add_people(book)
    auto = add_account(
        book, TODAY, -5, auto_renew=True, term_months=24, arr_cents=9_000_000, **owned(people)
    )
    unknown_term = add_account(book, TODAY, -400, auto_renew=True, **owned(people))
    scan(book, TODAY)

    ended = TODAY - timedelta(days=5)
    with book.session() as session:
        account = session.get(Account, auto)
        assert account.renewal_date == ended + relativedelta(months=24)
        assert account.contract_start == ended and account.arr_cents == 9_000_000
        [entry] = session.scalars(select(TimelineEntry).where(TimelineEntry.account_id == auto))
        assert entry.occurred_on == ended
        assert entry.text == (
            f"Renewed automatically: the contract that ended on {ended:%d %b %Y} rolled "
            f"forward 24 months to {account.renewal_date:%d %b %Y}, won at ARR $90,000."
        )
        # A year and more past: a term of 12 months at a time, until the date is ahead.
        other = session.get(Account, unknown_term)
        first_end = TODAY - timedelta(days=400)
        assert other.renewal_date == first_end + relativedelta(months=24)
    won, following = renewal_opportunities(book, auto)
    assert (won.stage, won.final_cents, won.close_date) == (OpportunityStage.WON, 9_000_000, ended)
    assert following.stage == OpportunityStage.OPEN
    assert following.close_date == ended + relativedelta(months=24)
    assert [o.stage for o in renewal_opportunities(book, unknown_term)] == [
        OpportunityStage.WON,
        OpportunityStage.WON,
        OpportunityStage.OPEN,
    ]
    assert not any(c.dedupe_key.endswith(":overdue") for c in rule_ctas(book, auto))


def test_a_stale_renewal_date_from_a_reimport_is_not_won_twice(book):
    people = add_people(book)
    auto = add_account(book, TODAY, -5, auto_renew=True, **owned(people))
    scan(book, TODAY)
    ended = TODAY - timedelta(days=5)
    with book.writing() as session:  # the CRM file still says the old date
        session.get(Account, auto).renewal_date = ended
    scan(book, TODAY)

    assert [o.stage for o in renewal_opportunities(book, auto)] == [
        OpportunityStage.WON,
        OpportunityStage.OPEN,
    ]
    with book.session() as session:
        assert session.get(Account, auto).renewal_date == ended + relativedelta(months=12)
        assert len(session.scalars(select(TimelineEntry.id)).all()) == 1
