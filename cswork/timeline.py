"""The account timeline (Chatter): notes, calls, meetings, EBRs, newest first; with the
account's edit trail (who changed what) alongside."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.audit import changes_on_account
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
        kind=parse_kind(kind),
        occurred_on=occurred_on,
        text=text.strip(),
    )
    session.add(entry)
    session.flush()
    return entry.id


def parse_kind(text: str | TimelineKind) -> TimelineKind:
    """A kind as a user types it: note, call, meeting, email, ebr (any case)."""
    if isinstance(text, TimelineKind):
        return text
    key = " ".join(text.replace("-", " ").replace("_", " ").split()).lower()
    for kind in TimelineKind:
        if kind.value.lower() == key:
            return kind
    kinds = ", ".join(k.value.lower() for k in TimelineKind)
    raise TimelineError(f"'{text}' is not a kind of timeline entry: use one of {kinds}.")


def entries_with_authors(
    session: Session, account_id: int
) -> list[tuple[TimelineEntry, Person | None]]:
    """(entry, its author or None) newest first, as ``recent_entries`` orders them."""
    query = (
        select(TimelineEntry, Person)
        .outerjoin(Person, Person.id == TimelineEntry.author_id)
        .where(TimelineEntry.account_id == account_id)
        .order_by(TimelineEntry.occurred_on.desc(), TimelineEntry.id.desc())
    )
    return [(entry, author) for entry, author in session.execute(query)]


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


CHANGE = "change"  # the kind of a history item that is an edit, not a logged entry


@dataclass(frozen=True)
class HistoryItem:
    """One line of the account's history: a logged entry or an edit."""

    kind: TimelineKind | str  # CHANGE for an edit
    day: date
    author: str | None
    text: str
    entry_id: int | None = None  # a logged entry's id


def account_history(
    session: Session, account_id: int, with_changes: bool = True
) -> list[HistoryItem]:
    """Logged entries and edits, newest first. An entry has a day but no time: it sorts
    after the edits of its day that came before it was written."""
    keyed = [
        ((e.occurred_on, e.created_at), HistoryItem(e.kind, e.occurred_on, author, e.text, e.id))
        for e, author in recent_entries(session, account_id)
    ]
    if with_changes:
        keyed += [
            (
                (c.changed_at.date(), c.changed_at),
                HistoryItem(
                    CHANGE, c.changed_at.date(), c.changed_by, c.text[:1].upper() + c.text[1:]
                ),
            )
            for c in changes_on_account(session, account_id)
        ]
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    return [item for _, item in keyed]
