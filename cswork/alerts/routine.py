"""The R&E manager's weekly routine as CTAs: the Wednesday renewal review (for each
owner of renewals due in the next 90 days) and the Sunday look at the dashboard.

Each is raised once per ISO week (its dedupe key names the week) by the first scan on
or after its day: a laptop shut on the Wednesday gets that week's review on Thursday
(up to Sunday, when the week ends), one shut on the Sunday gets the dashboard on Monday
(or any day up to the next Sunday's). Only a day passed since the last scan is caught
up: a book never scanned before has missed no routine."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
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
    return wednesday_reviews(ctx) + sunday_dashboards(ctx)


def _missed(ctx: ScanContext, day: date) -> bool:
    """Whether the routine of ``day`` is due: on its day, or caught up by the first scan
    since one that ran before it (so a second scan, or a book's first, adds none)."""
    last = ctx.settings["last_scan_on"]
    return day == ctx.today or (last is not None and date.fromisoformat(last) < day)


def week_key(day: date) -> str:
    """The ISO week a day falls in, e.g. 2026-W48."""
    week = day.isocalendar()
    return f"{week.year}-W{week.week:02d}"


def last_one(day: date, weekday: int) -> date:
    """The latest day on or before ``day`` that falls on ``weekday`` (Monday = 0)."""
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def wednesday_reviews(ctx: ScanContext) -> list[Candidate]:
    wednesday = last_one(ctx.today, WEDNESDAY)
    if week_key(wednesday) != week_key(ctx.today) or not _missed(ctx, wednesday):
        return []  # on Monday and Tuesday last week's is stale
    last = ctx.today + timedelta(days=REVIEW_DAYS)
    due: dict[int, list] = defaultdict(list)
    for account in renewing_accounts(ctx):
        owner = ctx.accountable.person_id(RENEWAL, account)
        if owner is not None and account.renewal_date <= last:
            due[owner].append(account)
    candidates = []
    for owner, accounts in sorted(due.items()):
        key = f"review:{owner}:{week_key(wednesday)}"
        # Books scanned before keys named the week have that Wednesday's date instead.
        if ctx.is_new(key) and ctx.is_new(f"review:{owner}:{wednesday.isoformat()}"):
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
    sunday = last_one(ctx.today, SUNDAY)  # the last day of its ISO week
    if not _missed(ctx, sunday):
        return []
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
        if ctx.is_new(key := f"dashboard:{person}:{week_key(sunday)}")
        and ctx.is_new(f"dashboard:{person}:{sunday.isoformat()}")
    ]
