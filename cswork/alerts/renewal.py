"""Renewal CTAs, and the R&E manager capacity warning that counts the same renewals."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from math import ceil

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork import health
from cswork.alerts.common import AccountFacts, Candidate, ScanContext, active_accounts
from cswork.enums import AccountStatus, CtaType, Priority
from cswork.models import Account, Person
from cswork.money import format_money
from cswork.rates import Rates, reporting_currency

RENEWAL = "renewal"


def renewal_key(account_id: int, renewal_date: date, lead_days: int) -> str:
    return f"renewal:{account_id}:{renewal_date.isoformat()}:{lead_days}"


def overdue_key(account_id: int, renewal_date: date) -> str:
    # Shaped like the lead-time keys, so a renewal won (its date moves on) closes it.
    return f"renewal:{account_id}:{renewal_date.isoformat()}:overdue"


def renewal_date_in_key(dedupe_key: str) -> date:
    return date.fromisoformat(dedupe_key.split(":")[2])


def top_decile(session: Session, on_date: date) -> Callable[[str, int], bool]:
    """Whether an ARR (currency, cents) is in the top tenth of the active book (ties
    count in), every account compared in the reporting currency at the rates of
    ``on_date``: €600 is not $600. An account whose currency has no rate is left out."""
    to = reporting_currency(session)
    held = session.execute(
        select(Account.currency, Account.arr_cents).where(Account.status == AccountStatus.ACTIVE)
    ).all()
    rates = Rates.load(session, {c for c, _ in held} | {to})
    converted = sorted(
        (v for c, cents in held if (v := rates.convert_or_none(cents, c, on_date, to)) is not None),
        reverse=True,
    )
    if not converted:
        return lambda currency, cents: False
    floor = converted[ceil(len(converted) / 10) - 1]

    def is_top(currency: str, cents: int) -> bool:
        value = rates.convert_or_none(cents, currency, on_date, to)
        return value is not None and value >= floor

    return is_top


CAPACITY_HORIZON_DAYS = 90


def renewing_accounts(ctx: ScanContext) -> list[AccountFacts]:
    """Active accounts renewing from today to the furthest day any renewal rule looks."""
    days = max([*ctx.settings["renewal_lead_days"], CAPACITY_HORIZON_DAYS])
    last = ctx.today + timedelta(days=days)
    return ctx.shared(
        "renewing",
        lambda: active_accounts(
            ctx.session, Account.renewal_date >= ctx.today, Account.renewal_date <= last
        ),
    )


def renewal_candidates(ctx: ScanContext) -> list[Candidate]:
    """One CTA for each active account renewing within a lead time, for the tightest
    lead time that covers it: at 89 days with lead times 120/90/30 it is the 90-day CTA
    (the 120-day one, if it was never raised, is past and would only nag). Due on the
    renewal date minus the lead time, or today when that is past."""
    today, leads = ctx.today, sorted(ctx.settings["renewal_lead_days"])
    is_top = top_decile(ctx.session, today)
    candidates = []
    for a in renewing_accounts(ctx):
        days = (a.renewal_date - today).days
        if days > leads[-1]:
            continue
        lead = next(lead for lead in leads if days <= lead)
        key = renewal_key(a.id, a.renewal_date, lead)
        if not ctx.is_new(key):
            continue
        red = health.band(a.health) == "red"
        top = is_top(a.currency, a.arr_cents)
        owner_id, routed = ctx.accountable.resolve(RENEWAL, a)
        candidates.append(
            Candidate(
                dedupe_key=key,
                account_id=a.id,
                type=CtaType.RENEWAL,
                priority=Priority.HIGH if red or top else Priority.MEDIUM,
                owner_id=owner_id,
                due_on=max(a.renewal_date - timedelta(days=lead), today),
                describe=partial(_renewal_reason, a, days, lead, top, routed),
                about=a.renewal_date,
            )
        )
    return candidates


def overdue_candidates(ctx: ScanContext) -> list[Candidate]:
    """A high-priority CTA for each active account past its renewal date that does not
    renew by itself: nobody closed its renewal won (the date would have moved on) or
    lost (it would have churned). Auto-renewing ones the scan rolls forward instead."""
    today = ctx.today
    candidates = []
    for a in active_accounts(
        ctx.session, Account.renewal_date < today, Account.auto_renew.is_(False)
    ):
        key = overdue_key(a.id, a.renewal_date)
        if not ctx.is_new(key):
            continue
        owner_id, routed = ctx.accountable.resolve(RENEWAL, a)
        candidates.append(
            Candidate(
                dedupe_key=key,
                account_id=a.id,
                type=CtaType.RENEWAL,
                priority=Priority.HIGH,
                owner_id=owner_id,
                due_on=today,
                describe=partial(_overdue_reason, a, (today - a.renewal_date).days, routed),
                about=a.renewal_date,
            )
        )
    return candidates


def _overdue_reason(a: AccountFacts, days: int, routed: str | None) -> str:
    who = f" {routed[0].upper()}{routed[1:]}." if routed else ""
    return (
        f"Renewal overdue: the contract ended on {a.renewal_date:%d %b %Y}, {days} "
        f"day{'s' if days != 1 else ''} ago, and its renewal is neither won nor lost: "
        f"ARR {format_money(a.arr_cents, a.currency, whole=True)}. Close the renewal won "
        f"or lost.{who}"
    )


def _renewal_reason(
    a: AccountFacts, days: int, lead: int, top: bool, routed: str | None = None
) -> str:
    band = health.band(a.health)
    shown = "not scored" if a.health is None else f"{a.health} ({band})"
    why = " Red health." if band == "red" else " Top-decile ARR." if top else ""
    who = f" {routed[0].upper()}{routed[1:]}." if routed else ""
    return (
        f"Renews on {a.renewal_date:%d %b %Y}, in {days} days ({lead}-day lead time): "
        f"ARR {format_money(a.arr_cents, a.currency, whole=True)}, health {shown}.{why}{who}"
    )


def capacity_candidates(ctx: ScanContext) -> list[Candidate]:
    """Warn the CS leader when an R&E manager's renewals due in any five business days
    of the next 90 days exceed what they can carry (renewals per business day x 5).
    A book with no CS leader warns the overloaded person: nothing is owned by nobody."""
    today, per_day = ctx.today, ctx.settings["renewals_per_business_day"]
    horizon = today + timedelta(days=CAPACITY_HORIZON_DAYS)
    business_days = ctx.calendar.business_days(today, horizon)
    if len(business_days) < 5:
        return []
    by_owner: dict[int, list[date]] = defaultdict(list)
    for a in renewing_accounts(ctx):
        if a.renewal_date > business_days[-1]:
            continue
        owner = ctx.accountable.person_id(RENEWAL, a)
        if owner is not None:
            by_owner[owner].append(a.renewal_date)
    leader = ctx.accountable.leader_id
    names = dict(ctx.session.execute(select(Person.id, Person.name)).all())
    candidates = []
    for owner, dates in sorted(by_owner.items()):
        first, last, count = busiest_window(sorted(dates), business_days)
        week = first.isocalendar()
        key = f"capacity:{owner}:{week.year}-W{week.week:02d}"
        if count <= per_day * 5 or not ctx.is_new(key):
            continue
        candidates.append(
            Candidate(
                dedupe_key=key,
                account_id=None,
                type=CtaType.ACTIVITY,
                priority=Priority.HIGH if count > per_day * 5 * 1.5 else Priority.MEDIUM,
                owner_id=leader if leader is not None else owner,
                due_on=today,
                describe=partial(
                    _capacity_reason, names.get(owner, "someone"), first, last, count, per_day
                ),
            )
        )
    return candidates


def _capacity_reason(name: str, first: date, last: date, count: int, per_day: int) -> str:
    return (
        f"Capacity: {name} has {count} renewals due {first:%d %b}–{last:%d %b} "
        f"({count / 5:.1f} a business day; one person can carry {per_day}). "
        "Spread the load or move renewals."
    )


def busiest_window(dates: list[date], business_days: list[date]) -> tuple[date, date, int]:
    """The first five-business-day window holding the most renewals: (first, last, count).

    A window runs from one business day through the fifth, weekends and holidays
    inside it included, so a renewal dated on a Saturday still counts."""
    best = (business_days[0], business_days[4], -1)
    for i in range(len(business_days) - 4):
        first, last = business_days[i], business_days[i + 4]
        count = bisect_right(dates, last) - bisect_left(dates, first)
        if count > best[2]:
            best = (first, last, count)
    return best
