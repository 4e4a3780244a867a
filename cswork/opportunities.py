"""Opportunities: renewals, upsell, cross-sell and services; who gets them; white space.

Routing follows the account's RACI: more licenses (simple) go to the A for Upsell; a
new product or a new division (complex) to the A for Cross-sell (the AE by default);
a renewal to the A for Renewal; services to the A for Services."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import and_, exists, select, update
from sqlalchemy.orm import Session

from cswork.bulk import indexes_rebuilt_after, insert_rows
from cswork.ctas import create_cta
from cswork.enums import (
    AccountStatus,
    CtaType,
    ForecastCategory,
    OpportunityKind,
    OpportunityStage,
    Priority,
    TimelineKind,
)
from cswork.models import Account, Opportunity, Person
from cswork.models.base import utcnow
from cswork.money import format_money
from cswork.raci import AccountableIndex, accountable_for
from cswork.timeline import add_entry

ACTIVITY_FOR_KIND = {
    OpportunityKind.RENEWAL: "renewal",
    OpportunityKind.UPSELL: "upsell",
    OpportunityKind.CROSS_SELL: "cross_sell",
    OpportunityKind.NEW_DIVISION: "cross_sell",
    OpportunityKind.SERVICES_ONE_TIME: "services",
    OpportunityKind.SERVICES_MANAGED: "services",
}
# Kinds that change ARR when won (one-time services do not).
RECURRING_KINDS = (
    OpportunityKind.UPSELL,
    OpportunityKind.CROSS_SELL,
    OpportunityKind.NEW_DIVISION,
    OpportunityKind.SERVICES_MANAGED,
)
COMPLEX_KINDS = (OpportunityKind.CROSS_SELL, OpportunityKind.NEW_DIVISION)
# What closing an opportunity changes on it (kept so that a close can be taken back).
_CLOSING_FIELDS = ("stage", "forecast_category", "close_date", "final_cents", "amount_cents")
FIELDS = {
    "name",
    "amount_cents",
    "close_date",
    "forecast_category",
    "target_cents",
    "forecast_cents",
    "contract_months",
    "owner_id",
    "strategy",
}


class OpportunityError(ValueError):
    pass


def is_complex(kind: OpportunityKind) -> bool:
    """More licenses is simple; a new product or a new division is complex (Sales)."""
    return OpportunityKind(kind) in COMPLEX_KINDS


def route(session: Session, account: Account, kind: OpportunityKind) -> Person | None:
    """Who owns an opportunity of this kind on this account, per its RACI."""
    return accountable_for(session, ACTIVITY_FOR_KIND[OpportunityKind(kind)], account)


def create_opportunity(
    session: Session,
    account_id: int,
    kind: OpportunityKind,
    *,
    amount_cents: int = 0,
    close_date: date | None = None,
    owner_id: int | None = None,
    **fields,
) -> int:
    """A new open opportunity; its owner, unless given, is the one the RACI names."""
    account = session.get(Account, account_id)
    if account is None:
        raise OpportunityError(f"There is no account with id {account_id}.")
    kind = OpportunityKind(kind)
    _check(fields | {"amount_cents": amount_cents})
    if owner_id is None:
        owner = route(session, account, kind)
        owner_id = owner.id if owner else None
    if kind == OpportunityKind.RENEWAL:
        fields.setdefault("target_cents", account.arr_cents)
        fields.setdefault("forecast_cents", fields["target_cents"])
        fields.setdefault("contract_months", account.term_months or 12)
    opportunity = Opportunity(
        account_id=account_id,
        kind=kind,
        amount_cents=amount_cents,
        close_date=close_date,
        owner_id=owner_id,
        name=fields.pop("name", "") or f"{account.name} – {kind.value}",
        **fields,
    )
    session.add(opportunity)
    session.flush()
    return opportunity.id


def _check(fields: dict) -> None:
    for name in ("target_cents", "forecast_cents"):
        if fields.get(name) is not None and fields[name] < 0:
            raise OpportunityError("Renewal amounts cannot be negative.")
    if fields.get("contract_months") is not None and fields["contract_months"] <= 0:
        raise OpportunityError("A contract is at least one month long.")
    unknown = set(fields) - FIELDS
    if unknown:
        raise OpportunityError(f"Cannot set {', '.join(sorted(unknown))} on an opportunity.")


def update_opportunity(session: Session, opportunity_id: int, **fields) -> dict:
    """Change an open opportunity; returns the old values (for undo)."""
    opportunity = _get(session, opportunity_id)
    _check(fields)
    if "forecast_category" in fields:
        fields["forecast_category"] = ForecastCategory(fields["forecast_category"])
    before = {name: getattr(opportunity, name) for name in fields}
    for name, value in fields.items():
        setattr(opportunity, name, value)
    session.flush()
    return before


@dataclass(frozen=True)
class Closed:
    """What closing an opportunity changed, so the window can refresh or undo."""

    opportunity_id: int
    account_id: int
    arr_before: int
    renewal_date_before: date | None
    status_before: AccountStatus
    # What else closing touched, so reopen_opportunity can put it all back (undo).
    contract_start_before: date | None = None
    term_months_before: int | None = None
    opportunity_before: dict = field(default_factory=dict)
    # The next term's renewal a won renewal opened (undo removes it).
    next_opportunity_id: int | None = None


def close_opportunity(
    session: Session,
    opportunity_id: int,
    stage: OpportunityStage,
    today: date,
    final_cents: int | None = None,
) -> Closed:
    """Win or lose an opportunity; the account follows.

    A won renewal renews the contract: the renewal date moves on by the contract length
    and the ARR becomes the final amount. A lost renewal is churn. A won upsell,
    cross-sell, new division or managed service adds its amount to the ARR."""
    opportunity = _get(session, opportunity_id)
    stage = OpportunityStage(stage)
    if opportunity.stage != OpportunityStage.OPEN:
        raise OpportunityError("This opportunity is already closed.")
    if stage == OpportunityStage.OPEN:
        raise OpportunityError("Close it as won or lost.")
    account = session.get(Account, opportunity.account_id)
    closed = Closed(
        opportunity.id,
        account.id,
        account.arr_cents,
        account.renewal_date,
        account.status,
        account.contract_start,
        account.term_months,
        {name: getattr(opportunity, name) for name in _CLOSING_FIELDS},
    )
    opportunity.stage = stage
    opportunity.forecast_category = ForecastCategory.CLOSED
    opportunity.close_date = opportunity.close_date or today
    renewal = opportunity.kind == OpportunityKind.RENEWAL
    if stage == OpportunityStage.WON and renewal:
        final = final_cents if final_cents is not None else opportunity.forecast_cents
        if final is None or final < 0:
            raise OpportunityError("A won renewal needs its final amount.")
        opportunity.final_cents = final
        opportunity.amount_cents = final - (opportunity.target_cents or 0)
        months = opportunity.contract_months or account.term_months or 12
        if account.renewal_date is not None:
            account.contract_start = account.renewal_date
            account.renewal_date = account.renewal_date + relativedelta(months=months)
        account.term_months, account.arr_cents = months, final
        # The next term's renewal, so the next renewal is on the desk from today.
        next_close = account.renewal_date or opportunity.close_date + relativedelta(months=months)
        closed = replace(closed, next_opportunity_id=_next_renewal(session, account, next_close))
    elif stage == OpportunityStage.WON and opportunity.kind in RECURRING_KINDS:
        account.arr_cents += opportunity.amount_cents
    elif stage == OpportunityStage.LOST and renewal:
        opportunity.final_cents = 0
        opportunity.amount_cents = -(opportunity.target_cents or 0)
        account.status = AccountStatus.CHURNED
    session.flush()
    return closed


def reopen_opportunity(session: Session, closed: Closed) -> None:
    """Take a close back (Edit ▸ Undo): the opportunity is open again as it was, and the
    account has the ARR, dates, term and status it had before."""
    opportunity = _get(session, closed.opportunity_id)
    for name, value in closed.opportunity_before.items():
        setattr(opportunity, name, value)
    account = session.get(Account, closed.account_id)
    account.arr_cents, account.status = closed.arr_before, closed.status_before
    account.renewal_date, account.contract_start = (
        closed.renewal_date_before,
        closed.contract_start_before,
    )
    account.term_months = closed.term_months_before
    if closed.next_opportunity_id is not None:
        next_one = session.get(Opportunity, closed.next_opportunity_id)
        if next_one is not None:
            session.delete(next_one)
    session.flush()


def _next_renewal(session: Session, account: Account, close_date: date) -> int | None:
    """A generated open renewal for the next term, unless the account has an open one."""
    session.flush()
    has_open = session.scalar(
        select(Opportunity.id).where(
            Opportunity.account_id == account.id,
            Opportunity.kind == OpportunityKind.RENEWAL,
            Opportunity.stage == OpportunityStage.OPEN,
        )
    )
    if has_open is not None:
        return None
    owner = route(session, account, OpportunityKind.RENEWAL)
    opportunity = Opportunity(
        account_id=account.id,
        kind=OpportunityKind.RENEWAL,
        name=f"{account.name} – {OpportunityKind.RENEWAL.value}",
        close_date=close_date,
        target_cents=account.arr_cents,
        forecast_cents=account.arr_cents,
        contract_months=account.term_months or 12,
        owner_id=owner.id if owner else None,
        generated=True,
    )
    session.add(opportunity)
    session.flush()
    return opportunity.id


def renew_automatically(session: Session, today: date) -> list[int]:
    """Each active auto-renewing account whose renewal date has passed renews by itself:
    its open renewal is won at the ARR, so the contract rolls forward by its term (12
    months when unknown) and the next term's renewal opens, term after term until the
    renewal date is today or later; the timeline says so. Returns those accounts."""
    due = session.scalars(
        select(Account).where(
            Account.status == AccountStatus.ACTIVE,
            Account.auto_renew.is_(True),
            Account.renewal_date < today,
        )
    ).all()
    for account in due:
        while account.renewal_date is not None and account.renewal_date < today:
            ended = account.renewal_date
            if _won_on(session, account.id, ended):
                # A re-import of a CRM file that still has the old date: that term's
                # renewal is won already, so the date moves on without a second one.
                account.contract_start = ended
                account.renewal_date = ended + relativedelta(months=account.term_months or 12)
                continue
            open_id = session.scalar(
                select(Opportunity.id)
                .where(
                    Opportunity.account_id == account.id,
                    Opportunity.kind == OpportunityKind.RENEWAL,
                    Opportunity.stage == OpportunityStage.OPEN,
                )
                .order_by(Opportunity.close_date)
                .limit(1)
            ) or _next_renewal(session, account, ended)
            close_opportunity(
                session, open_id, OpportunityStage.WON, ended, final_cents=account.arr_cents
            )
            arr = format_money(account.arr_cents, account.currency, whole=True)
            add_entry(
                session,
                account.id,
                TimelineKind.STATUS_UPDATE,
                f"Renewed automatically: the contract that ended on {ended:%d %b %Y} rolled "
                f"forward {account.term_months} months to {account.renewal_date:%d %b %Y}, "
                f"won at ARR {arr}.",
                ended,
            )
    return [account.id for account in due]


def _won_on(session: Session, account_id: int, close_date: date) -> bool:
    return (
        session.scalar(
            select(Opportunity.id).where(
                Opportunity.account_id == account_id,
                Opportunity.kind == OpportunityKind.RENEWAL,
                Opportunity.stage == OpportunityStage.WON,
                Opportunity.close_date == close_date,
            )
        )
        is not None
    )


def delete_opportunity(session: Session, opportunity_id: int) -> None:
    """Remove an opportunity (undoing its creation); a closed one is history and stays."""
    opportunity = _get(session, opportunity_id)
    if opportunity.stage != OpportunityStage.OPEN:
        raise OpportunityError("A closed opportunity is history: reopen it first.")
    session.delete(opportunity)
    session.flush()


def _get(session: Session, opportunity_id: int) -> Opportunity:
    opportunity = session.get(Opportunity, opportunity_id)
    if opportunity is None:
        raise OpportunityError(f"There is no opportunity with id {opportunity_id}.")
    return opportunity


def opportunities_of(session: Session, account_id: int) -> list[Opportunity]:
    """Open ones first by close date, then the closed ones, newest first."""
    found = list(session.scalars(select(Opportunity).where(Opportunity.account_id == account_id)))
    open_first = sorted(
        (o for o in found if o.stage == OpportunityStage.OPEN),
        key=lambda o: (o.close_date is None, o.close_date),
    )
    closed = sorted(
        (o for o in found if o.stage != OpportunityStage.OPEN),
        key=lambda o: o.close_date or date.min,
        reverse=True,
    )
    return open_first + closed


def flag_white_space(session: Session, account_id: int, note: str, today: date) -> int:
    """The CSM saw that another group could buy: an expansion CTA for whoever is
    accountable for Notify white space on this account."""
    if not note.strip():
        raise OpportunityError("Say what the white space is (which group, what they need).")
    account = session.get(Account, account_id)
    if account is None:
        raise OpportunityError(f"There is no account with id {account_id}.")
    owner = accountable_for(session, "white_space", account)
    return create_cta(
        session,
        account_id=account_id,
        cta_type=CtaType.EXPANSION,
        reason=f"White space: {note.strip()}",
        due_on=today + timedelta(days=7),
        owner_id=owner.id if owner else None,
        priority=Priority.MEDIUM,
        today=today,
    )


def _needs_renewal_opportunity():
    """An account with no open renewal and none closing on its renewal date. The open
    ones are one list the database builds once (read from the covering closing index):
    asked account by account, the question took most of a second at 100,000."""
    open_renewals = select(Opportunity.account_id).where(
        Opportunity.kind == OpportunityKind.RENEWAL, Opportunity.stage == OpportunityStage.OPEN
    )
    return and_(
        Account.id.not_in(open_renewals),
        ~exists().where(
            Opportunity.account_id == Account.id,
            Opportunity.kind == OpportunityKind.RENEWAL,
            Opportunity.close_date == Account.renewal_date,
        ),
    )


def ensure_renewal_opportunities(
    session: Session, today: date | None = None, now: datetime | None = None
) -> list[int]:
    """Give every active account with a renewal date the open renewal opportunity it
    lacks (an imported book has none): target and forecast the ARR, pipeline, closing
    on the renewal date, owned by whoever is accountable for the renewal. Marked
    ``generated``: an imported renewal for the same account replaces it, and it moves
    when the account's renewal date does. One read of the accounts missing one, one
    bulk insert. Returns the accounts given one or whose one moved.

    ``today``: the rule does not depend on the day; taken so every book-wide rule is
    called alike. ``now``: the rows' timestamps (a demo book is the same every build)."""
    del today
    moved = _follow_moved_renewal_dates(session, now or utcnow())
    connection = session.connection()  # rows, not ORM objects: thousands on an import
    missing = connection.execute(
        select(
            Account.id,
            Account.name,
            Account.arr_cents,
            Account.renewal_date,
            Account.term_months,
            Account.csm_id,
            Account.re_manager_id,
            Account.ae_id,
        ).where(
            Account.status == AccountStatus.ACTIVE,
            Account.renewal_date.is_not(None),
            _needs_renewal_opportunity(),
        )
    ).all()
    if not missing:
        return moved
    routing = AccountableIndex(session)
    now = now or utcnow()
    same = {  # what every generated renewal has
        "kind": OpportunityKind.RENEWAL,
        "amount_cents": 0,
        "stage": OpportunityStage.OPEN,
        "forecast_category": ForecastCategory.PIPELINE,
        "strategy": "",
        "generated": True,
        "created_at": now,
        "updated_at": now,
    }
    suffix = f" – {OpportunityKind.RENEWAL.value}"
    rows = [
        {
            **same,
            "account_id": a.id,
            "name": a.name + suffix,
            "close_date": a.renewal_date,
            "target_cents": a.arr_cents,
            "forecast_cents": a.arr_cents,
            "contract_months": a.term_months or 12,
            "owner_id": routing.person_id("renewal", a),
        }
        for a in missing
    ]
    table = Opportunity.__table__
    with indexes_rebuilt_after(connection, table, len(rows)):
        insert_rows(connection, table, rows)
    return moved + [a.id for a in missing]


def _follow_moved_renewal_dates(session: Session, now: datetime) -> list[int]:
    """A generated open renewal closes on its account's renewal date: when the date
    moved (a re-import, an edit), the renewal moves with it. Returns those accounts."""
    renewal_date = (
        select(Account.renewal_date).where(Account.id == Opportunity.account_id).scalar_subquery()
    )
    moved = session.execute(
        update(Opportunity)
        .where(
            Opportunity.generated.is_(True),
            Opportunity.kind == OpportunityKind.RENEWAL,
            Opportunity.stage == OpportunityStage.OPEN,
            renewal_date.is_not(None),
            Opportunity.close_date != renewal_date,
        )
        .values(close_date=renewal_date, updated_at=now, version=Opportunity.version + 1)
        .returning(Opportunity.account_id)
        .execution_options(synchronize_session=False)
    )
    return list(moved.scalars())
