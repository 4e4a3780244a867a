"""Comp from the book: a person's plan, the renewals they are accountable for, and the
won deals that count, read the way the renewals desk reads them so the comp screen and
the desk never disagree (renewed dollars = final amounts capped at target)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from cswork.business_days import BusinessCalendar
from cswork.comp import Deal, PlanTerms, Quarter, Statement, statement, terms_from_json
from cswork.enums import CompPlanKind, OpportunityKind, OpportunityStage, PersonRole
from cswork.models import Account, CompPlan, Opportunity, Person
from cswork.opportunities import ACTIVITY_FOR_KIND
from cswork.raci import AccountableIndex
from cswork.settings import get_setting

UPSELL_KINDS = (OpportunityKind.UPSELL, OpportunityKind.CROSS_SELL, OpportunityKind.NEW_DIVISION)


def plan_for(session: Session, person_id: int, year: int) -> PlanTerms | None:
    plan = session.scalar(
        select(CompPlan).where(CompPlan.person_id == person_id, CompPlan.year == year)
    )
    if plan is None:
        return None
    terms = terms_from_json(
        plan.ote_cents,
        plan.variable_share,
        plan.renewal_share,
        plan.grr_target,
        plan.commission_rate,
        plan.renewal_accelerators,
        plan.upsell_tiers,
    )
    return replace(
        terms,
        currency=plan.currency,
        team_nrr_share=plan.team_nrr_share,
        team_nrr_target=plan.team_nrr_target,
        team_nrr_floor=plan.team_nrr_floor,
        team_nrr_cap=plan.team_nrr_cap,
    )


def save_plan(session: Session, person_id: int, year: int, terms: PlanTerms) -> PlanTerms | None:
    """Set the person's plan for the year; returns the one it replaced (for undo)."""
    person = session.get(Person, person_id)
    if person is None:
        raise ValueError(f"There is no person with id {person_id}.")
    before = plan_for(session, person_id, year)
    plan = session.scalar(
        select(CompPlan).where(CompPlan.person_id == person_id, CompPlan.year == year)
    )
    if plan is None:
        plan = CompPlan(person_id=person_id, year=year)
        session.add(plan)
    plan.kind = CompPlanKind.CSM if person.role == PersonRole.CSM else CompPlanKind.RE_MANAGER
    plan.ote_cents, plan.variable_share = terms.ote_cents, terms.variable_share
    plan.renewal_share, plan.grr_target = terms.renewal_share, terms.grr_target
    plan.commission_rate = terms.commission_rate
    plan.renewal_accelerators, plan.upsell_tiers = terms.accelerators_json(), terms.tiers_json()
    plan.currency = terms.currency
    plan.team_nrr_share, plan.team_nrr_target = terms.team_nrr_share, terms.team_nrr_target
    plan.team_nrr_floor, plan.team_nrr_cap = terms.team_nrr_floor, terms.team_nrr_cap
    session.flush()
    return before


def remove_plan(session: Session, person_id: int, year: int) -> PlanTerms | None:
    """Take the person's plan for the year away (undoing a first save); returns it."""
    before = plan_for(session, person_id, year)
    plan = session.scalar(
        select(CompPlan).where(CompPlan.person_id == person_id, CompPlan.year == year)
    )
    if plan is not None:
        session.delete(plan)
        session.flush()
    return before


@dataclass(frozen=True)
class BookQuarter:
    """What the book says about a person's quarter."""

    eligible_cents: int  # renewal targets closing in the quarter, on accounts they are A for
    eligible_count: int
    deals: list[Deal]


def _accountable_opportunities(session: Session, person_id: int, quarter: Quarter):
    accountable = AccountableIndex(session)
    rows = session.execute(
        select(
            Opportunity,
            Account.name,
            Account.id,
            Account.csm_id,
            Account.re_manager_id,
            Account.ae_id,
        )
        .join(Account, Account.id == Opportunity.account_id)
        .where(
            Opportunity.close_date >= quarter.first,
            Opportunity.close_date <= quarter.last,
            # The CS leader takes what nobody on an account can: any account may be theirs.
            true()
            if person_id == accountable.leader_id
            else (Account.csm_id == person_id)
            | (Account.re_manager_id == person_id)
            | (Account.ae_id == person_id),
        )
    )
    for opportunity, name, *owners in rows:
        activity = ACTIVITY_FOR_KIND[opportunity.kind]
        if accountable.person_id(activity, _Owners(*owners)) == person_id:
            yield opportunity, name


@dataclass(frozen=True)
class _Owners:
    id: int
    csm_id: int | None
    re_manager_id: int | None
    ae_id: int | None


def book_quarter(session: Session, person_id: int, quarter: Quarter) -> BookQuarter:
    eligible = count = 0
    deals = []
    for o, account in _accountable_opportunities(session, person_id, quarter):
        if o.kind == OpportunityKind.RENEWAL:
            eligible += o.target_cents or 0
            count += 1
            if o.stage == OpportunityStage.WON:
                deals.append(
                    Deal(
                        str(o.id),
                        account,
                        "renewal",
                        o.close_date,
                        min(o.final_cents or 0, o.target_cents or 0),
                        o.contract_months,
                    )
                )
        elif o.kind in UPSELL_KINDS and o.stage == OpportunityStage.WON:
            deals.append(Deal(str(o.id), account, "upsell", o.close_date, max(o.amount_cents, 0)))
    return BookQuarter(eligible, count, deals)


def quarter_statement(session: Session, person_id: int, quarter: Quarter) -> Statement | None:
    terms = plan_for(session, person_id, quarter.year)
    if terms is None:
        return None
    found = book_quarter(session, person_id, quarter)
    return statement(terms, quarter, found.eligible_cents, found.deals)


@dataclass(frozen=True)
class Territory:
    renewals: int
    business_days: int
    can_carry: int

    @property
    def per_business_day(self) -> Decimal:
        if not self.business_days:
            return Decimal(0)
        return (Decimal(self.renewals) / self.business_days).quantize(Decimal("0.01"))

    @property
    def verdict(self) -> str:
        per_day = self.per_business_day
        if per_day > self.can_carry:
            return f"over what one person can carry ({self.can_carry} a business day)"
        if per_day >= 2:
            return "a full load (2-3 a business day)"
        return "room for more (under 2 a business day)"


def territory(session: Session, person_id: int, quarter: Quarter) -> Territory:
    """Renewals in the quarter per business day, against the seed's 2-3."""
    calendar = BusinessCalendar.from_settings(
        get_setting(session, "working_days"), get_setting(session, "holidays")
    )
    found = book_quarter(session, person_id, quarter)
    return Territory(
        found.eligible_count,
        len(calendar.business_days(quarter.first, quarter.last)),
        get_setting(session, "renewals_per_business_day"),
    )
