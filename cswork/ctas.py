"""Calls to Action as the task pane lists them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.enums import CtaStatus
from cswork.models import Account, Cta, Person

DUE_GROUPS = ("Overdue", "Today", "This week", "Later")


def due_group(due_on: date, today: date) -> str:
    """Overdue, Today, This week (the next six days), or Later."""
    if due_on < today:
        return "Overdue"
    if due_on == today:
        return "Today"
    if due_on <= today + timedelta(days=6):
        return "This week"
    return "Later"


@dataclass(frozen=True)
class CtaItem:
    id: int
    account_id: int
    account_name: str
    type: str
    reason: str
    priority: str
    due_on: date
    owner_id: int | None
    owner_name: str | None


def open_ctas(session: Session, owner_id: int | None = None) -> list[CtaItem]:
    """Open CTAs, soonest due first, highest priority first on a day; one owner's or all."""
    query = (
        select(Cta, Account.name, Person.name)
        .join(Account, Account.id == Cta.account_id)
        .outerjoin(Person, Person.id == Cta.owner_id)
        .where(Cta.status == CtaStatus.OPEN)
    )
    if owner_id is not None:
        query = query.where(Cta.owner_id == owner_id)
    rank = {"high": 0, "medium": 1, "low": 2}
    items = [
        CtaItem(
            c.id,
            c.account_id,
            account,
            c.type.value,
            c.reason,
            c.priority.value,
            c.due_on,
            c.owner_id,
            owner,
        )
        for c, account, owner in session.execute(query)
    ]
    items.sort(key=lambda i: (i.due_on, rank[i.priority], i.account_name))
    return items
