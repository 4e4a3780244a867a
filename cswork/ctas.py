"""Calls to Action: what the task pane lists and what a user does with one.

Every operation takes the day (or moment) it happens, so rules about time are tested
with a fixed date, and returns the id it changed, so screens decide what to refresh."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.bulk import insert_rows
from cswork.enums import CtaOutcome, CtaSource, CtaStatus, CtaType, Priority
from cswork.models import Account, Cta, CtaComment, CtaTask, Person, Playbook, PlaybookTask

DUE_GROUPS = ("Overdue", "Today", "This week", "Later")


class CtaError(ValueError):
    """What a user asked for cannot be done; the message says why."""


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
    account_id: int | None
    account_name: str
    type: str
    reason: str
    priority: str
    due_on: date
    owner_id: int | None
    owner_name: str | None
    status: str = "open"
    snoozed_until: date | None = None
    external_id: str | None = None
    dedupe_key: str | None = None
    owner_email: str | None = None
    version: int = 1  # as read: an action on it is refused if someone changed it since


PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}


def list_ctas(
    session: Session,
    *,
    owner_id: int | None = None,
    account_id: int | None = None,
    statuses: Iterable[CtaStatus] = (CtaStatus.OPEN,),
    ids: Iterable[int] | None = None,
) -> list[CtaItem]:
    """CTAs soonest due first, highest priority first on a day; one owner's, one
    account's, or everyone's."""
    # Columns, not Cta objects: "everyone's" CTAs in a big book are tens of thousands.
    c = Cta.__table__.c
    query = (
        select(
            c.id,
            c.account_id,
            Account.name,
            c.type,
            c.reason,
            c.priority,
            c.due_on,
            c.owner_id,
            Person.name,
            c.status,
            c.snoozed_until,
            Account.external_id,
            c.dedupe_key,
            Person.email,
            c.version,
        )
        .outerjoin(Account, Account.id == c.account_id)
        .outerjoin(Person, Person.id == c.owner_id)
        .where(c.status.in_(list(statuses)))
    )
    if owner_id is not None:
        query = query.where(c.owner_id == owner_id)
    if account_id is not None:
        query = query.where(c.account_id == account_id)
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return []
        query = query.where(c.id.in_(wanted))
    items = [
        CtaItem(
            cta_id,
            account_id,
            account or "Team",
            cta_type.value,
            reason,
            priority.value,
            due_on,
            owner_id,
            owner,
            status.value,
            snoozed_until,
            external_id,
            key,
            email,
            version,
        )
        for (
            cta_id,
            account_id,
            account,
            cta_type,
            reason,
            priority,
            due_on,
            owner_id,
            owner,
            status,
            snoozed_until,
            external_id,
            key,
            email,
            version,
        ) in session.execute(query)
    ]
    items.sort(key=lambda i: (i.due_on, PRIORITY_RANK[i.priority], i.account_name))
    return items


def checklists(session: Session, cta_ids: Iterable[int]) -> dict[int, list[CtaTask]]:
    """CTA id -> its tasks in order, for many CTAs in one read per 900 ids."""
    wanted, found = list(cta_ids), {}
    for first in range(0, len(wanted), 900):
        for task in session.scalars(
            select(CtaTask)
            .where(CtaTask.cta_id.in_(wanted[first : first + 900]))
            .order_by(CtaTask.cta_id, CtaTask.position, CtaTask.id)
        ):
            found.setdefault(task.cta_id, []).append(task)
    return found


def open_ctas(session: Session, owner_id: int | None = None) -> list[CtaItem]:
    return list_ctas(session, owner_id=owner_id)


# -- raising ---------------------------------------------------------------------------
def playbook_tasks(session: Session) -> dict[CtaType, list[tuple[str, int]]]:
    """CTA type -> its playbook's (task, days from the date the CTA is about)."""
    rows = session.execute(
        select(Playbook.cta_type, PlaybookTask.title, PlaybookTask.offset_days)
        .join(PlaybookTask, PlaybookTask.playbook_id == Playbook.id)
        .where(Playbook.cta_type.is_not(None))
        .order_by(Playbook.id, PlaybookTask.position)
    )
    tasks: dict[CtaType, list[tuple[str, int]]] = {}
    for cta_type, title, offset in rows:
        tasks.setdefault(CtaType(cta_type), []).append((title, offset))
    return tasks


def add_playbook_tasks(
    session: Session, ctas: Iterable[tuple[int, CtaType, date]], raised_on: date | None = None
) -> None:
    """Give each new CTA (id, type, the date it is about) the checklist of its type's
    playbook: each task that many days from that date (a renewal CTA's renewal date,
    else its due date). A task whose day is before ``raised_on`` is due that day: a
    CTA is never born with overdue tasks."""
    by_type = playbook_tasks(session)
    floor = raised_on or date.min
    rows = [
        {
            "cta_id": cta_id,
            "position": i,
            "title": title,
            "due_on": max(about + timedelta(days=offset), floor),
        }
        for cta_id, cta_type, about in ctas
        for i, (title, offset) in enumerate(by_type.get(cta_type, []))
    ]
    insert_rows(session.connection(), CtaTask.__table__, rows)  # COPY on PostgreSQL


def create_cta(
    session: Session,
    *,
    account_id: int | None,
    cta_type: CtaType,
    reason: str,
    due_on: date,
    owner_id: int | None,
    priority: Priority = Priority.MEDIUM,
    today: date | None = None,
) -> int:
    """A CTA made by hand; it gets its type's playbook tasks, counted from its due date
    and none before ``today``."""
    if not reason.strip():
        raise CtaError("Say what the CTA is for.")
    if account_id is not None and session.get(Account, account_id) is None:
        raise CtaError(f"There is no account with id {account_id}.")
    cta = Cta(
        account_id=account_id,
        type=CtaType(cta_type),
        reason=reason.strip(),
        priority=Priority(priority),
        owner_id=owner_id,
        due_on=due_on,
        source=CtaSource.MANUAL,
    )
    session.add(cta)
    session.flush()
    add_playbook_tasks(session, [(cta.id, cta.type, due_on)], raised_on=today)
    return cta.id


# -- working a CTA ---------------------------------------------------------------------
def _get(session: Session, cta_id: int) -> Cta:
    cta = session.get(Cta, cta_id)
    if cta is None:
        raise CtaError(f"There is no CTA with id {cta_id}.")
    return cta


def snooze(session: Session, cta_id: int, until: date, reason: str, today: date) -> int:
    """Hide the CTA until ``until``; the scan brings it back that day."""
    if until <= today:
        raise CtaError("Snooze until a day after today.")
    cta = _get(session, cta_id)
    if cta.status == CtaStatus.CLOSED:
        raise CtaError("A closed CTA cannot be snoozed.")
    cta.status, cta.snoozed_until, cta.snooze_reason = CtaStatus.SNOOZED, until, reason.strip()
    return cta.id


def close(session: Session, cta_id: int, outcome: CtaOutcome, note: str, now: datetime) -> int:
    """Close with an outcome. A rule never raises a CTA with the same key again."""
    cta = _get(session, cta_id)
    cta.status, cta.outcome = CtaStatus.CLOSED, CtaOutcome(outcome)
    cta.closed_note, cta.closed_at = note.strip() or None, now
    cta.snoozed_until = None
    return cta.id


def snooze_choices(today: date) -> list[tuple[str, date]]:
    """The Snooze dialog's quick picks: tomorrow, next Monday, two weeks from today,
    and the same day next month (the month's last day when it has no such day)."""
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    next_month = date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    return [
        ("Tomorrow", today + timedelta(days=1)),
        ("Next week", today + timedelta(days=7 - today.weekday())),
        ("In 2 weeks", today + timedelta(days=14)),
        ("Next month", next_month),
    ]


def reopen(session: Session, cta_id: int) -> int:
    """Undo a close or a snooze."""
    cta = _get(session, cta_id)
    cta.status, cta.outcome, cta.closed_note, cta.closed_at = CtaStatus.OPEN, None, None, None
    cta.snoozed_until, cta.snooze_reason = None, None
    return cta.id


def reassign(session: Session, cta_id: int, owner_id: int | None) -> int:
    if owner_id is not None and session.get(Person, owner_id) is None:
        raise CtaError(f"There is no person with id {owner_id}.")
    cta = _get(session, cta_id)
    cta.owner_id = owner_id
    return cta.id


def add_comment(
    session: Session, cta_id: int, text: str, author_id: int | None, now: datetime
) -> int:
    if not text.strip():
        raise CtaError("A comment needs some text.")
    _get(session, cta_id)
    comment = CtaComment(cta_id=cta_id, author_id=author_id, text=text.strip(), created_at=now)
    session.add(comment)
    session.flush()
    return comment.id


def move_due(session: Session, cta_id: int, due_on: date) -> int:
    """Move the CTA's due date; its open tasks move by the same number of days."""
    cta = _get(session, cta_id)
    shift = due_on - cta.due_on
    cta.due_on = due_on
    for task in cta.tasks:
        if task.done_on is None and task.due_on is not None:
            task.due_on += shift
    return cta.id


def set_task_done(session: Session, task_id: int, done_on: date | None) -> int:
    task = session.get(CtaTask, task_id)
    if task is None:
        raise CtaError(f"There is no task with id {task_id}.")
    task.done_on = done_on
    return task.cta_id


@dataclass(frozen=True)
class CtaDetail:
    item: CtaItem
    snooze_reason: str | None
    outcome: str | None
    closed_note: str | None
    source: str
    tasks: list[tuple[int, str, date | None, date | None]]  # id, title, due, done
    comments: list[tuple[str | None, datetime, str]]  # author, when, text


def cta_detail(session: Session, cta_id: int) -> CtaDetail:
    cta = _get(session, cta_id)
    account = session.get(Account, cta.account_id) if cta.account_id else None
    owner = session.get(Person, cta.owner_id) if cta.owner_id else None
    authors = {p.id: p.name for p in session.scalars(select(Person))} if cta.comments else {}
    item = CtaItem(
        id=cta.id,
        account_id=cta.account_id,
        account_name=account.name if account else "Team",
        type=cta.type.value,
        reason=cta.reason,
        priority=cta.priority.value,
        due_on=cta.due_on,
        owner_id=cta.owner_id,
        owner_name=owner.name if owner else None,
        status=cta.status.value,
        snoozed_until=cta.snoozed_until,
        external_id=account.external_id if account else None,
        dedupe_key=cta.dedupe_key,
        owner_email=owner.email if owner else None,
        version=cta.version,
    )
    return CtaDetail(
        item=item,
        snooze_reason=cta.snooze_reason,
        outcome=cta.outcome.value if cta.outcome else None,
        closed_note=cta.closed_note,
        source=cta.source.value,
        tasks=[(t.id, t.title, t.due_on, t.done_on) for t in cta.tasks],
        comments=[(authors.get(c.author_id), c.created_at, c.text) for c in cta.comments],
    )
