"""The R&E manager's weekly routine as CTAs: the Wednesday renewal review (for each
owner of renewals due in the next 90 days) and the Sunday look at the dashboard."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from functools import partial

from sqlalchemy import select

from cswork.alerts.common import Candidate, ScanContext
from cswork.alerts.renewal import RENEWAL, renewing_accounts
from cswork.enums import CtaType, PersonRole, Priority
from cswork.models import Person
from cswork.money import format_money

WEDNESDAY, SUNDAY = 2, 6
REVIEW_DAYS = 90


def routine_candidates(ctx: ScanContext) -> list[Candidate]:
    if ctx.today.weekday() == WEDNESDAY:
        return wednesday_reviews(ctx)
    if ctx.today.weekday() == SUNDAY:
        return sunday_dashboards(ctx)
    return []


def wednesday_reviews(ctx: ScanContext) -> list[Candidate]:
    last = ctx.today + timedelta(days=REVIEW_DAYS)
    due: dict[int, list] = defaultdict(list)
    for account in renewing_accounts(ctx):
        owner = ctx.accountable.person_id(RENEWAL, account)
        if owner is not None and account.renewal_date <= last:
            due[owner].append(account)
    candidates = []
    for owner, accounts in sorted(due.items()):
        key = f"review:{owner}:{ctx.today.isoformat()}"
        if ctx.is_new(key):
            arr = sum(a.arr_cents for a in accounts if a.currency == "USD")
            candidates.append(
                Candidate(
                    dedupe_key=key,
                    account_id=None,
                    type=CtaType.ACTIVITY,
                    priority=Priority.MEDIUM,
                    owner_id=owner,
                    due_on=ctx.today,
                    describe=partial(_review_reason, len(accounts), arr),
                )
            )
    return candidates


def _review_reason(count: int, usd_arr: int) -> str:
    return (
        f"Wednesday renewal review: {count} renewals due in the next {REVIEW_DAYS} days "
        f"({format_money(usd_arr, whole=True)} ARR in USD). Go through each one's "
        "status, forecast and strategy; export the agenda from the Renewals page."
    )


def sunday_dashboards(ctx: ScanContext) -> list[Candidate]:
    managers = ctx.session.scalars(
        select(Person.id)
        .where(Person.role == PersonRole.RE_MANAGER, Person.active.is_not(False))
        .order_by(Person.id)
    )
    return [
        Candidate(
            dedupe_key=key,
            account_id=None,
            type=CtaType.ACTIVITY,
            priority=Priority.LOW,
            owner_id=person,
            due_on=ctx.today,
            describe=lambda: (
                "Sunday: look at the renewals dashboard before the week "
                "(ARR renewing, forecast, at-risk ARR, GRR/NRR)."
            ),
        )
        for person in managers
        if ctx.is_new(key := f"dashboard:{person}:{ctx.today.isoformat()}")
    ]
