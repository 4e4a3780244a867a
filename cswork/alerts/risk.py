"""Risk CTAs: a category entering red, health falling fast, a milestone past due,
silence, no EBR, a champion or sponsor leaving. Owner: the A for Risk tracking.

Each rule asks the database for the few rows that are at risk, builds the dedupe key
from the row, and goes on only with keys not raised before."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from functools import partial

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import aliased

from cswork import health
from cswork.alerts.common import (
    FACT_COLUMNS,
    AccountFacts,
    Candidate,
    ScanContext,
    active_accounts,
    is_high_touch,
)
from cswork.enums import AccountStatus, ContactRole, CtaType, Priority, TimelineKind
from cswork.models import (
    Account,
    Contact,
    Milestone,
    ScoreCategory,
    ScoreSnapshot,
    SuccessPlan,
    TimelineEntry,
)
from cswork.sql import as_date

RISK_TRACKING = "risk_tracking"


def risk_candidates(ctx: ScanContext) -> list[Candidate]:
    return (
        red_categories(ctx)
        + health_drops(ctx)
        + past_due_milestones(ctx)
        + silent_accounts(ctx)
        + missing_ebrs(ctx)
        + departed_contacts(ctx)
    )


def _risk(
    ctx: ScanContext,
    account: AccountFacts,
    key: str,
    describe,
    priority: Priority = Priority.MEDIUM,
) -> Candidate:
    return Candidate(
        dedupe_key=key,
        account_id=account.id,
        type=CtaType.RISK,
        priority=priority,
        owner_id=ctx.accountable.person_id(RISK_TRACKING, account),
        due_on=ctx.today,
        describe=describe,
    )


def _chunks(ids: list[int], size: int = 500):
    for first in range(0, len(ids), size):
        yield ids[first : first + size]


def _facts_of(ctx: ScanContext, account_ids) -> dict[int, AccountFacts]:
    """Active accounts among ``account_ids``, by id."""
    return {
        a.id: a
        for ids in _chunks(sorted(set(account_ids)))
        for a in active_accounts(ctx.session, Account.id.in_(ids))
    }


def _category_names(ctx: ScanContext) -> dict[int, str]:
    return ctx.shared(
        "category names",
        lambda: dict(ctx.session.execute(select(ScoreCategory.id, ScoreCategory.name)).all()),
    )


def red_categories(ctx: ScanContext) -> list[Candidate]:
    """A category whose latest score, taken recently, is red while the score before it
    was not: it has just entered red. (A first score in red is not a change: importing
    scores would otherwise be a wave of alerts.)"""
    since = ctx.today - timedelta(days=ctx.settings["red_lookback_days"])
    s, later = ScoreSnapshot, aliased(ScoreSnapshot)
    superseded = exists().where(
        later.account_id == s.account_id,
        later.category_id == s.category_id,
        (later.measured_on > s.measured_on)
        | and_(later.measured_on == s.measured_on, later.id > s.id),
    )
    rows = ctx.session.execute(
        select(
            s.id, s.account_id, s.category_id, s.score, s.previous_score, s.measured_on, s.comment
        ).where(
            s.measured_on > since,
            s.measured_on <= ctx.today,
            s.score <= health.RED_MAX,
            s.previous_score > health.RED_MAX,
            ~superseded,
        )
    ).all()
    fresh = [r for r in rows if ctx.is_new(f"risk-red:{r.account_id}:{r.id}")]
    facts, names = _facts_of(ctx, [r.account_id for r in fresh]), _category_names(ctx)
    return [
        _risk(
            ctx,
            facts[r.account_id],
            f"risk-red:{r.account_id}:{r.id}",
            partial(
                _red_reason,
                names[r.category_id],
                r.previous_score,
                r.score,
                r.measured_on,
                r.comment,
            ),
            Priority.HIGH,
        )
        for r in fresh
        if r.account_id in facts
    ]


def _red_reason(category: str, before: int, score: int, on: date, comment) -> str:
    note = f' ("{comment}")' if comment else ""
    return f"{category} entered red: from {before} to {score} on {on:%d %b %Y}{note}."


def health_drops(ctx: ScanContext) -> list[Candidate]:
    """Overall health down by the drop threshold or more within the window, over the
    categories scored at its start (``health.health_change``: a category scored for the
    first time is not a fall). One CTA per drop, keyed by the latest score that made it."""
    window, points = ctx.settings["health_drop_window_days"], ctx.settings["health_drop_points"]
    start = ctx.today - timedelta(days=window)
    # Health is a weighted mean of the categories' falls, so it can fall that far only
    # where a category scored before the window fell that far within it, step by step:
    # the account's scores in the window span the threshold, and its steps down add up
    # to it. One aggregate over the recent-scores index finds those few accounts.
    s = ScoreSnapshot
    step_down = case((s.previous_score > s.score, s.previous_score - s.score), else_=0)
    rows = ctx.session.execute(
        select(s.account_id, func.max(s.measured_on))
        .where(s.measured_on > start, s.measured_on <= ctx.today)
        .group_by(s.account_id)
        .having(
            func.max(s.previous_score) - func.min(s.score) >= points,
            func.sum(step_down) >= points,
        )
    ).all()
    days = {a: as_date(day) for a, day in rows}
    days = {a: d for a, d in days.items() if ctx.is_new(f"risk-drop:{a}:{d.isoformat()}")}
    weights = ctx.shared("category weights", lambda: health.category_weights(ctx.session))
    changes = {
        account_id: health.health_change(scores, weights, start, ctx.today)
        for account_id, scores in _scores_of(ctx, list(days)).items()
    }
    fell = {a: c for a, c in changes.items() if c.points is not None and -c.points >= points}
    facts, names = _facts_of(ctx, fell), _category_names(ctx)
    return [
        _risk(
            ctx,
            facts[account_id],
            f"risk-drop:{account_id}:{days[account_id].isoformat()}",
            partial(
                _drop_reason,
                window,
                change.then,
                change.now,
                [(names[c], was, now) for c, was, now in change.falls()[:3]],
            ),
            Priority.HIGH,
        )
        for account_id, change in fell.items()
        if account_id in facts
    ]


def _scores_of(ctx: ScanContext, account_ids: list[int]) -> dict[int, list]:
    """account -> its (category, score, scored on) rows up to today, in recorded order."""
    scores: dict[int, list] = defaultdict(list)
    for ids in _chunks(sorted(account_ids)):
        for account_id, *row in ctx.session.execute(
            select(
                ScoreSnapshot.account_id,
                ScoreSnapshot.category_id,
                ScoreSnapshot.score,
                ScoreSnapshot.measured_on,
            )
            .where(ScoreSnapshot.account_id.in_(ids), ScoreSnapshot.measured_on <= ctx.today)
            .order_by(ScoreSnapshot.measured_on, ScoreSnapshot.id)
        ):
            scores[account_id].append(tuple(row))
    return scores


def _drop_reason(window: int, before: int, after: int, fallen) -> str:
    detail = ", ".join(f"{name} {was}→{now}" for name, was, now in fallen)
    return f"Health fell {before - after} points within {window} days, from {before} to {after}" + (
        f": {detail}." if detail else "."
    )


def past_due_milestones(ctx: ScanContext) -> list[Candidate]:
    rows = ctx.session.execute(
        select(Milestone.id, Milestone.name, Milestone.due_on, *FACT_COLUMNS)
        .join(SuccessPlan, SuccessPlan.id == Milestone.plan_id)
        .join(Account, Account.id == SuccessPlan.account_id)
        .where(
            Milestone.done_on.is_(None),
            Milestone.due_on < ctx.today,
            Account.status == AccountStatus.ACTIVE,
        )
    )
    candidates = []
    for milestone_id, name, due, *facts in rows:
        key = f"risk-milestone:{milestone_id}:{due.isoformat()}"
        if ctx.is_new(key):
            candidates.append(
                _risk(
                    ctx,
                    AccountFacts._make(facts),
                    key,
                    partial(_milestone_reason, name, due, ctx.today),
                )
            )
    return candidates


def _milestone_reason(name: str, due: date, today: date) -> str:
    return (
        f'Success-plan milestone "{name}" was due {due:%d %b %Y} and is not done '
        f"({(today - due).days} days late)."
    )


def _entered_since(since: date, kind: TimelineKind | None = None):
    """An entry (of a kind) on the account after ``since``: one index seek per account."""
    query = exists().where(
        TimelineEntry.account_id == Account.id, TimelineEntry.occurred_on > since
    )
    return query.where(TimelineEntry.kind == kind) if kind is not None else query


def _last_entry(kind: TimelineKind | None = None):
    query = select(func.max(TimelineEntry.occurred_on)).where(
        TimelineEntry.account_id == Account.id
    )
    if kind is not None:
        query = query.where(TimelineEntry.kind == kind)
    return query.scalar_subquery()


def _quiet_accounts(ctx: ScanContext, days: int, kind: TimelineKind | None, *conditions):
    """(account, day the quiet began, last entry or None) for active accounts with no
    entry (of a kind) in ``days``, counting from the entry into the book when none."""
    cutoff = ctx.today - timedelta(days=days)
    rows = ctx.session.execute(
        select(*FACT_COLUMNS, _last_entry(kind)).where(
            Account.status == AccountStatus.ACTIVE,
            Account.entered_book_on <= cutoff,
            ~_entered_since(cutoff, kind),
            *conditions,
        )
    )
    for *facts, last_text in rows:
        account, last = AccountFacts._make(facts), as_date(last_text)
        yield account, max(last, account.entered_book_on) if last else account.entered_book_on, last


def silent_accounts(ctx: ScanContext) -> list[Candidate]:
    """Nothing logged for the segment's silence limit (high-touch 45 days, low-touch 90)."""
    limits = {
        True: ctx.settings["silence_days_high_touch"],
        False: ctx.settings["silence_days_low_touch"],
    }
    candidates = []
    for account, since, last in _quiet_accounts(ctx, min(limits.values()), None):
        limit = limits[is_high_touch(account.segment)]
        key = f"risk-silence:{account.id}:{since.isoformat()}"
        if (ctx.today - since).days >= limit and ctx.is_new(key):
            candidates.append(
                _risk(
                    ctx,
                    account,
                    key,
                    partial(
                        _silence_reason, account.segment, since, last is not None, limit, ctx.today
                    ),
                )
            )
    return candidates


def _silence_reason(segment: str, since: date, logged: bool, limit: int, today: date) -> str:
    what = f"since {since:%d %b %Y}" if logged else f"since it entered the book on {since:%d %b %Y}"
    return (
        f"Nothing logged for {(today - since).days} days ({what}); a {segment} account "
        f"expects a touch every {limit} days."
    )


def missing_ebrs(ctx: ScanContext) -> list[Candidate]:
    """High-touch (and strategic) accounts with no EBR in the interval."""
    interval = ctx.settings["ebr_interval_days"]
    candidates = []
    for account, since, last in _quiet_accounts(
        ctx, interval, TimelineKind.EBR, Account.segment != "low-touch"
    ):
        key = f"risk-ebr:{account.id}:{since.isoformat()}"
        if ctx.is_new(key):
            candidates.append(
                _risk(ctx, account, key, partial(_ebr_reason, last, since, interval, ctx.today))
            )
    return candidates


def _ebr_reason(last: date | None, since: date, interval: int, today: date) -> str:
    what = f"the last was on {last:%d %b %Y}" if last else "none logged since it entered the book"
    return f"No EBR in {(today - since).days} days ({what}); hold one every {interval} days."


def departed_contacts(ctx: ScanContext) -> list[Candidate]:
    """A champion or executive sponsor who left recently."""
    since = ctx.today - timedelta(days=ctx.settings["contact_left_days"])
    rows = ctx.session.execute(
        select(Contact.id, Contact.name, Contact.role, Contact.left_on, *FACT_COLUMNS)
        .join(Account, Account.id == Contact.account_id)
        .where(
            Contact.left_on >= since,
            Contact.left_on <= ctx.today,
            Contact.role.in_([ContactRole.CHAMPION, ContactRole.EXECUTIVE_SPONSOR]),
            Account.status == AccountStatus.ACTIVE,
        )
    )
    candidates = []
    for contact_id, name, role, left_on, *facts in rows:
        key = f"risk-contact:{contact_id}:{left_on.isoformat()}"
        if ctx.is_new(key):
            candidates.append(
                _risk(
                    ctx,
                    AccountFacts._make(facts),
                    key,
                    partial(_contact_reason, role.value, name, left_on),
                    Priority.HIGH,
                )
            )
    return candidates


def _contact_reason(role: str, name: str, left_on: date) -> str:
    return f"Your {role}, {name}, left on {left_on:%d %b %Y}: find and win over their successor."
