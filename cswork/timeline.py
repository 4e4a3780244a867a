"""The account timeline (Chatter): notes, calls, meetings, EBRs, newest first."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.enums import TimelineKind
from cswork.models import Account, Person, TimelineEntry


class TimelineError(ValueError):
    pass


def add_entry(
    session: Session,
    account_id: int,
    kind: TimelineKind,
    text: str,
    occurred_on: date,
    author_id: int | None = None,
) -> int:
    """Log an entry on an account; returns its id."""
    if not text.strip():
        raise TimelineError("A timeline entry needs some text.")
    if session.get(Account, account_id) is None:
        raise TimelineError(f"There is no account with id {account_id}.")
    entry = TimelineEntry(
        account_id=account_id,
        author_id=author_id,
        kind=TimelineKind(kind),
        occurred_on=occurred_on,
        text=text.strip(),
    )
    session.add(entry)
    session.flush()
    return entry.id


def recent_entries(
    session: Session, account_id: int, limit: int | None = None
) -> list[tuple[TimelineEntry, str | None]]:
    """(entry, author name) newest first: by the day it happened, then as entered."""
    query = (
        select(TimelineEntry, Person.name)
        .outerjoin(Person, Person.id == TimelineEntry.author_id)
        .where(TimelineEntry.account_id == account_id)
        .order_by(TimelineEntry.occurred_on.desc(), TimelineEntry.id.desc())
        .limit(limit)
    )
    return [(entry, author) for entry, author in session.execute(query)]
