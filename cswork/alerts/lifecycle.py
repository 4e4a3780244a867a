"""Lifecycle CTAs, the seed's "a Success Plan for every customer": a new customer with
no Strategy Session, and any customer with no success plan, after the lifecycle days."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from sqlalchemy import exists

from cswork.alerts.common import AccountFacts, Candidate, ScanContext, active_accounts
from cswork.enums import CtaType, OpportunityKind, OpportunityStage, Priority, TimelineKind
from cswork.models import Account, Opportunity, SuccessPlan, TimelineEntry


def lifecycle_candidates(ctx: ScanContext) -> list[Candidate]:
    return missing_strategy_sessions(ctx) + missing_success_plans(ctx)


def _lifecycle(
    ctx: ScanContext, account: AccountFacts, activity: str, key: str, describe
) -> Candidate:
    return Candidate(
        dedupe_key=key,
        account_id=account.id,
        type=CtaType.LIFECYCLE,
        priority=Priority.MEDIUM,
        owner_id=ctx.accountable.person_id(activity, account),
        due_on=ctx.today,
        describe=describe,
    )


def clock_start(account: AccountFacts) -> date:
    """When the account's lifecycle clock starts: its contract start or its entry into
    the book, whichever is later (importing a book is not a wave of alerts)."""
    if account.contract_start is None:
        return account.entered_book_on
    return max(account.contract_start, account.entered_book_on)


def missing_strategy_sessions(ctx: ScanContext) -> list[Candidate]:
    """A new customer (first contract started within the new-customer days) with no
    Strategy Session logged, once the lifecycle days have passed."""
    days = ctx.settings["lifecycle_days"]
    newest_start = ctx.today - timedelta(days=ctx.settings["new_customer_days"])
    session_logged = exists().where(
        TimelineEntry.account_id == Account.id,
        TimelineEntry.kind == TimelineKind.STRATEGY_SESSION,
    )
    renewed_before = exists().where(  # a renewal won means this is not the first contract
        Opportunity.account_id == Account.id,
        Opportunity.kind == OpportunityKind.RENEWAL,
        Opportunity.stage == OpportunityStage.WON,
    )
    accounts = active_accounts(
        ctx.session,
        Account.contract_start >= newest_start,
        Account.contract_start <= ctx.today - timedelta(days=days),
        ~session_logged,
        ~renewed_before,
    )
    return [
        _lifecycle(
            ctx,
            a,
            "strategy_session",
            f"lifecycle-strategy:{a.id}:{a.contract_start.isoformat()}",
            partial(_strategy_reason, a.contract_start),
        )
        for a in accounts
        if (ctx.today - clock_start(a)).days >= days
        and ctx.is_new(f"lifecycle-strategy:{a.id}:{a.contract_start.isoformat()}")
    ]


def _strategy_reason(start: date) -> str:
    return (
        f"New customer since {start:%d %b %Y} and no Strategy Session logged yet: "
        "hold the kick-off and agree the outcomes."
    )


def missing_success_plans(ctx: ScanContext) -> list[Candidate]:
    cutoff = ctx.today - timedelta(days=ctx.settings["lifecycle_days"])
    has_plan = exists().where(SuccessPlan.account_id == Account.id)
    accounts = active_accounts(ctx.session, ~has_plan, Account.entered_book_on <= cutoff)
    return [
        _lifecycle(
            ctx, a, "success_plan", f"lifecycle-plan:{a.id}", partial(_plan_reason, a, ctx.today)
        )
        for a in accounts
        if clock_start(a) <= cutoff and ctx.is_new(f"lifecycle-plan:{a.id}")
    ]


def _plan_reason(a: AccountFacts, today: date) -> str:
    started = clock_start(a)
    since = "the contract started" if started == a.contract_start else "it entered the book"
    return (
        f"No success plan {(today - started).days} days after {since}: write the "
        "customer's desired outcome and objectives with them."
    )
