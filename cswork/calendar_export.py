"""Renewal dates and CTA due dates as an iCalendar file (RFC 5545).

Each event's UID is built from what it is about (the account's external id, the CTA's
id), so importing a newer export updates the events instead of adding copies."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.ctas import list_ctas
from cswork.enums import AccountStatus
from cswork.models import Account
from cswork.money import format_money

UID_DOMAIN = "cswork.local"


def renewal_uid(external_id: str) -> str:
    return f"renewal-{external_id}@{UID_DOMAIN}"


def cta_uid(cta_id: int) -> str:
    return f"cta-{cta_id}@{UID_DOMAIN}"


def _all_day(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
    return event


def book_calendar(
    session: Session, owner_id: int | None = None, now: datetime | None = None
) -> Calendar:
    """Active accounts' renewal dates and open CTAs' due dates (one owner's, or all)."""
    stamp = now or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//CSM Workbench//cswork//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "CSM Workbench renewals and CTAs")
    query = select(Account).where(
        Account.status == AccountStatus.ACTIVE, Account.renewal_date.is_not(None)
    )
    if owner_id is not None:
        query = query.where(
            (Account.csm_id == owner_id)
            | (Account.re_manager_id == owner_id)
            | (Account.ae_id == owner_id)
        )
    for account in session.scalars(query.order_by(Account.renewal_date)):
        calendar.add_component(
            _all_day(
                renewal_uid(account.external_id),
                account.renewal_date,
                f"Renewal: {account.name}",
                f"{account.name} ({account.external_id}) renews; ARR "
                f"{format_money(account.arr_cents, account.currency, whole=True)}.",
                stamp,
            )
        )
    for item in list_ctas(session, owner_id=owner_id):
        calendar.add_component(
            _all_day(
                cta_uid(item.id),
                item.due_on,
                f"CTA ({item.priority}): {item.account_name} {item.type}",
                item.reason,
                stamp,
            )
        )
    return calendar


def write_calendar(calendar: Calendar, path: Path) -> int:
    """Write the file; returns how many events it holds."""
    path.write_bytes(calendar.to_ical())
    return len(calendar.walk("VEVENT"))
