"""One account as the Customer360 header and the `account` command show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cswork import health as health_rules
from cswork.ctas import CtaItem, list_ctas
from cswork.models import Account, Person
from cswork.plans import PlanProgress, plan_of, progress
from cswork.raci import Duty, who_does_what
from cswork.scorecard import Scorecard, scorecard


class AccountNotFound(LookupError):
    pass


@dataclass(frozen=True)
class AccountOverview:
    id: int
    external_id: str
    name: str
    segment: str
    industry: str | None
    status: str
    arr_cents: int
    currency: str
    licenses: int
    licenses_used: int
    contract_start: date | None
    # The day the customer relationship began, as the metrics count it (the account's
    # customer_since, else the day it entered the book).
    customer_since: date
    renewal_date: date | None
    days_to_renewal: int | None
    term_months: int | None
    auto_renew: bool
    health: int | None
    parent_name: str | None
    csm: Person | None
    re_manager: Person | None
    ae: Person | None
    duties: list[Duty]
    custom_fields: dict[str, str]  # the CRM's own columns (Region, Tier...), by header

    @property
    def band(self) -> str | None:
        return health_rules.band(self.health)

    def accountable(self, activity_key: str) -> Person | None:
        """Who is accountable, the fallback chain followed (see raci.follow_chain)."""
        for duty in self.duties:
            if duty.activity_key == activity_key:
                return duty.accountable
        return None

    def routed(self, activity_key: str) -> str | None:
        """Why the accountable is not the RACI's A on this account, or None."""
        for duty in self.duties:
            if duty.activity_key == activity_key:
                return duty.routed
        return None


def book_is_empty(session: Session) -> bool:
    return session.scalar(select(Account.id).limit(1)) is None


def main_currency(session: Session) -> str:
    """The currency most of the book's accounts are in (USD for an empty book)."""
    found = session.scalar(
        select(Account.currency).group_by(Account.currency).order_by(func.count().desc()).limit(1)
    )
    return found or "USD"


def get_account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise AccountNotFound(f"There is no account with id {account_id}.")
    return account


def find_by_external_id(session: Session, external_id: str) -> Account:
    account = session.scalar(select(Account).where(Account.external_id == external_id))
    if account is None:
        raise AccountNotFound(f"There is no account with external id '{external_id}'.")
    return account


def account_overview(session: Session, account_id: int, today: date) -> AccountOverview:
    a = get_account(session, account_id)
    return AccountOverview(
        id=a.id,
        external_id=a.external_id,
        name=a.name,
        segment=a.segment.value,
        industry=a.industry,
        status=a.status.value,
        arr_cents=a.arr_cents,
        currency=a.currency,
        licenses=a.licenses,
        licenses_used=a.licenses_used,
        contract_start=a.contract_start,
        customer_since=a.customer_since or a.entered_book_on,
        renewal_date=a.renewal_date,
        days_to_renewal=None if a.renewal_date is None else (a.renewal_date - today).days,
        term_months=a.term_months,
        auto_renew=a.auto_renew,
        health=a.health,
        parent_name=a.parent.name if a.parent else None,
        csm=a.csm,
        re_manager=a.re_manager,
        ae=a.ae,
        duties=who_does_what(session, a),
        custom_fields=dict(sorted((a.custom_fields or {}).items(), key=lambda f: f[0].lower())),
    )


@dataclass(frozen=True)
class Customer360:
    """Everything the Customer360 and the `account` command show about one account."""

    overview: AccountOverview
    scorecard: Scorecard
    plan: PlanProgress | None
    open_ctas: list[CtaItem]


def customer360(session: Session, account_id: int, today: date) -> Customer360:
    plan = plan_of(session, account_id)
    return Customer360(
        overview=account_overview(session, account_id, today),
        scorecard=scorecard(session, account_id, today),
        plan=progress(plan, today) if plan is not None else None,
        open_ctas=list_ctas(session, account_id=account_id),
    )
