"""Comp from the book: a person's plan, the renewals they are accountable for, and the
won deals that count, read the way the renewals desk reads them so the comp screen and
the desk never disagree (renewed dollars = final amounts capped at target)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import select, true
from sqlalchemy.orm import Session

from cswork.business_days import BusinessCalendar
from cswork.comp import (
    UPLIFT_SUFFIX,
    Deal,
    PlanTerms,
    Quarter,
    Statement,
    named_rates,
    statement,
    terms_from_json,
)
from cswork.enums import CompPlanKind, OpportunityKind, OpportunityStage, PersonRole
from cswork.metrics import Cohort, metrics, retention
from cswork.models import Account, CompPlan, Opportunity, Person
from cswork.opportunities import ACTIVITY_FOR_KIND
from cswork.raci import AccountableIndex
from cswork.rates import MissingRate, Rates, book_currencies, reporting_currency
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
class Eligible:
    """The renewal targets due in a quarter, in the plan's currency: ``cents``, each
    target at the rate in force on its due date; a target without one is left out,
    its amount kept in ``left_out`` (by currency, own money) and its rate in
    ``missing``."""

    cents: int
    currency: str
    left_out: dict[str, int]
    missing: tuple[MissingRate, ...]


@dataclass(frozen=True)
class BookQuarter:
    """What the book says about a person's quarter."""

    # renewal targets due in the quarter, on accounts they are A for, by currency
    eligible_by_currency: dict[str, int]
    eligible_count: int
    deals: list[Deal]
    # each of those targets: (due date, currency, cents)
    targets: tuple[tuple[date, str, int], ...] = ()

    def eligible_in(self, currency: str) -> int:
        """The targets in ``currency`` itself, unconverted."""
        return self.eligible_by_currency.get(currency, 0)

    def eligible(self, currency: str, rates: Rates) -> Eligible:
        """The targets converted into the plan's currency, each at its due date's rate."""
        total, left_out, missing = 0, defaultdict(int), []
        for due, own, target in self.targets:
            try:
                total += rates.convert(target, own, due, currency)
            except MissingRate as exc:
                left_out[own] += target
                missing.append(exc)
        return Eligible(total, currency, dict(sorted(left_out.items())), named_rates(missing))


# A renewal closes within a year of its due date, early or late: the window of close
# dates read for a quarter's renewals.
CLOSE_WINDOW = relativedelta(years=1)


def _accountable_opportunities(session: Session, person_id: int, quarter: Quarter):
    """(opportunity, account name, its currency, due date) for what the person is
    accountable for and counts in the quarter: renewals by due date, the rest by close
    date."""
    accountable = AccountableIndex(session)
    rows = session.execute(
        select(
            Opportunity,
            Account.name,
            Account.currency,
            Account.renewal_date,
            Account.term_months,
            Account.id,
            Account.csm_id,
            Account.re_manager_id,
            Account.ae_id,
        )
        .join(Account, Account.id == Opportunity.account_id)
        .where(
            Opportunity.close_date >= quarter.first - CLOSE_WINDOW,
            Opportunity.close_date <= quarter.last + CLOSE_WINDOW,
            # The CS leader takes what nobody on an account can: any account may be theirs.
            true()
            if person_id == accountable.leader_id
            else (Account.csm_id == person_id)
            | (Account.re_manager_id == person_id)
            | (Account.ae_id == person_id),
        )
    ).all()
    renewals: dict[int, list[Opportunity]] = defaultdict(list)
    for opportunity, _name, _currency, _renewal_date, _term, account_id, *_ in rows:
        if opportunity.kind == OpportunityKind.RENEWAL:
            renewals[account_id].append(opportunity)
    due: dict[int, date] = {}
    for _opportunity, _name, _currency, renewal_date, term, account_id, *_ in rows:
        if account_id in renewals:
            due |= renewal_due_dates(renewals.pop(account_id), renewal_date, term)
    for opportunity, name, currency, _renewal_date, _term, *owners in rows:
        day = due.get(opportunity.id, opportunity.close_date)
        if day not in quarter:
            continue
        activity = ACTIVITY_FOR_KIND[opportunity.kind]
        if accountable.person_id(activity, _Owners(*owners)) == person_id:
            yield opportunity, name, currency, due.get(opportunity.id)


def renewal_due_dates(
    renewals: list[Opportunity], renewal_date: date | None, term_months: int | None
) -> dict[int, date]:
    """Each renewal's due date: the contract end it renews, not the day it closed.

    The book keeps no original close date, but the account's contract says it: the
    newest renewal is due on the account's renewal date (a won one renewed the term
    before it, so its due date is that date less its contract); each earlier won renewal
    is due its contract's length before the renewal after it. Without a renewal date,
    or for a lost renewal before a later one, the close date is all there is."""
    found: dict[int, date] = {}
    after: date | None = None  # the due date of the renewal that follows
    newest_first = sorted(renewals, key=lambda o: (o.close_date, o.id), reverse=True)
    for n, o in enumerate(newest_first):
        months = relativedelta(months=o.contract_months or term_months or 12)
        won = o.stage == OpportunityStage.WON
        if n == 0 and renewal_date is not None:
            day = renewal_date - months if won else renewal_date
        elif after is not None and won:
            day = after - months
        else:
            day = o.close_date
        found[o.id] = after = day
    return found


@dataclass(frozen=True)
class _Owners:
    id: int
    csm_id: int | None
    re_manager_id: int | None
    ae_id: int | None


UPLIFT = "uplift at renewal"


def book_quarter(session: Session, person_id: int, quarter: Quarter) -> BookQuarter:
    """Renewals due in the quarter (eligible, and credited up to their target however
    early they closed); a renewal won above its target books the excess as upsell, as
    NRR counts it as expansion; upsells closed in the quarter."""
    eligible: dict[str, int] = defaultdict(int)
    targets = []
    count = 0
    deals = []
    for o, account, currency, due in _accountable_opportunities(session, person_id, quarter):
        if o.kind == OpportunityKind.RENEWAL:
            target = o.target_cents or 0
            eligible[currency] += target
            targets.append((due or o.close_date, currency, target))
            count += 1
            if o.stage == OpportunityStage.WON:
                final = o.final_cents or 0
                key = str(o.id)
                months = o.contract_months
                deals.append(
                    Deal(
                        key,
                        account,
                        "renewal",
                        o.close_date,
                        min(final, target),
                        months,
                        due_date=due,
                        currency=currency,
                    )
                )
                if final > target:
                    deals.append(
                        Deal(
                            key + UPLIFT_SUFFIX,
                            account,
                            "upsell",
                            o.close_date,
                            final - target,
                            due_date=due,
                            note=UPLIFT,
                            currency=currency,
                        )
                    )
        elif o.kind in UPSELL_KINDS and o.stage == OpportunityStage.WON:
            amount = max(o.amount_cents, 0)
            deals.append(
                Deal(str(o.id), account, "upsell", o.close_date, amount, currency=currency)
            )
    return BookQuarter(dict(eligible), count, deals, tuple(targets))


@dataclass(frozen=True)
class TeamNrr:
    """A CSM's team and its net retention for a quarter, summed from the metrics of each
    CSM's accounts."""

    team: str | None  # people.team; None: the whole CSM team
    members: list[str]  # names
    starting_arr: int
    churned: int
    contraction: int
    expansion: int
    nrr: Decimal | None
    # The amounts are in ``currency``, each account at the rate in force on the quarter's
    # first day (constant currency, as metrics has it); an account whose currency has
    # no rate that day is left out and its rate named.
    currency: str = "USD"
    missing_rates: tuple[MissingRate, ...] = ()


def team_nrr(
    session: Session,
    person_id: int,
    quarter: Quarter,
    currency: str | None = None,
    rates: Rates | None = None,
) -> TeamNrr:
    """The team's NRR for the quarter: the active CSMs sharing the person's team
    (people.team), or every active CSM when the person has none; each CSM's accounts
    (cswork.metrics, one cohort per CSM, in constant ``currency``: default the plan's),
    their amounts added, then NRR."""
    if currency is None:
        currency = plan_currency(session, plan_for(session, person_id, quarter.year))
    if rates is None:
        rates = comp_rates(session, currency)
    person = session.get(Person, person_id)
    team = person.team if person is not None else None
    query = select(Person).where(Person.role == PersonRole.CSM, Person.active.is_(True))
    if team:
        query = query.where(Person.team == team)
    members = list(session.scalars(query.order_by(Person.name)))
    sums = [0, 0, 0, 0]
    missing: list[MissingRate] = []
    for member in members:
        m = metrics(
            session,
            quarter.first,
            quarter.last,
            Cohort(owner_id=member.id),
            currency=currency,
            rates=rates,
        )
        for n, amount in enumerate((m.starting_arr, m.churned, m.contraction, m.expansion)):
            sums[n] += amount
        missing += m.missing_rates
    _grr, nrr, _expansion = retention(*sums)
    return TeamNrr(team, [m.name for m in members], *sums, nrr, currency, named_rates(missing))


def quarter_statement(
    session: Session, person_id: int, quarter: Quarter, rates: Rates | None = None
) -> Statement | None:
    """The person's statement for the quarter in the plan's currency: each deal at the
    rate of its close date, each renewal target at the rate of its due date, the team's
    NRR in constant currency; every missing rate named. ``rates``: default the book's,
    then the shipped ECB history."""
    terms = plan_for(session, person_id, quarter.year)
    if terms is None:
        return None
    currency = plan_currency(session, terms)
    if rates is None:
        rates = comp_rates(session, currency)
    found = book_quarter(session, person_id, quarter)
    eligible = found.eligible(currency, rates)
    team = team_nrr(session, person_id, quarter, currency, rates) if terms.team_nrr_share else None
    return statement(
        terms,
        quarter,
        eligible.cents,
        found.deals,
        team and team.nrr,
        currency,
        rates=rates,
        missing=[*eligible.missing, *(team.missing_rates if team else ())],
    )


def plan_currency(session: Session, terms: PlanTerms | None) -> str:
    """The plan's own currency, or the book's reporting currency."""
    return (terms and terms.currency) or reporting_currency(session)


def comp_rates(session: Session, currency: str) -> Rates:
    """The rates a comp statement needs: between the book's currencies and the plan's."""
    return Rates.load(session, {*book_currencies(session), currency})


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
