"""The alert scan: run every rule over the book as it is today, raise what is new.

Scanning is state-based: a scan looks at the book, not at what happened since the last
scan, so a laptop closed for a week catches up with one scan, and a second scan finds
nothing new. Each CTA's dedupe key is unique in the database and raising is an insert
that does nothing on conflict, so two scans at once (the window and the command line)
still raise each CTA once; a CTA closed or snoozed keeps its key and is not raised
again."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import MetaData, String, cast, func, literal, or_, select, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from cswork.alerts.common import Candidate, ScanContext
from cswork.alerts.lifecycle import lifecycle_candidates
from cswork.alerts.renewal import (
    capacity_candidates,
    overdue_candidates,
    renewal_candidates,
    renewal_date_in_key,
)
from cswork.alerts.risk import risk_candidates
from cswork.alerts.routine import routine_candidates
from cswork.bulk import insert_rows
from cswork.ctas import add_playbook_tasks
from cswork.enums import CtaOutcome, CtaSource, CtaStatus, CtaType
from cswork.models import Account, Cta
from cswork.opportunities import ensure_renewal_opportunities, renew_automatically
from cswork.settings import get_setting, set_setting
from cswork.store import Book


@dataclass
class ScanResult:
    today: date
    raised: list[Candidate] = field(default_factory=list)
    raised_ids: list[int] = field(default_factory=list)
    snoozes_ended: int = 0
    closed_as_moved: int = 0
    open_count: int = 0
    seconds: float = 0.0
    # Accounts that were given the renewal opportunity they lacked.
    renewals_opened_for: list[int] = field(default_factory=list)
    # Auto-renewing accounts whose date passed and that the scan renewed.
    renewed_automatically: list[int] = field(default_factory=list)


def all_candidates(session: Session, today: date) -> list[Candidate]:
    ctx = ScanContext.load(session, today)
    return (
        renewal_candidates(ctx)
        + overdue_candidates(ctx)
        + risk_candidates(ctx)
        + lifecycle_candidates(ctx)
        + capacity_candidates(ctx)
        + routine_candidates(ctx)
    )


def scan(book: Book, today: date, now: datetime | None = None) -> ScanResult:
    """Run every rule and raise the CTAs that are new; bring back snoozes that ended;
    close renewal CTAs whose renewal moved; renew the auto-renewing accounts whose date
    passed; give each renewing account its renewal opportunity. One write transaction:
    all or nothing."""
    started = time.perf_counter()
    now = now or datetime.now(UTC)
    result = ScanResult(today=today)
    with book.session() as session:  # the rules read outside the write lock
        candidates = all_candidates(session, today)
    with book.writing() as session:
        _one_scan_at_a_time(session)
        result.renewed_automatically = renewed = renew_automatically(session, today)
        opened = ensure_renewal_opportunities(session, today)
        result.renewals_opened_for = renewed + sorted(set(opened) - set(renewed))
        result.snoozes_ended = end_snoozes(session, today)
        result.closed_as_moved = close_moved_renewals(session, now)
        raised = raise_new(session, candidates, today)
        result.raised = [c for c in candidates if c.dedupe_key in raised]
        result.raised_ids = [raised[c.dedupe_key] for c in result.raised]
        result.open_count = session.scalar(
            select(func.count()).select_from(Cta).where(Cta.status == CtaStatus.OPEN)
        )
        last = last_scan_on(session)
        if last is None or today > last:
            set_setting(session, "last_scan_on", today.isoformat())
    result.seconds = time.perf_counter() - started
    return result


# Any fixed number: the key of the advisory lock that makes scans on a team book queue.
_SCAN_LOCK = 0x5CA7


def _one_scan_at_a_time(session: Session) -> None:
    """On PostgreSQL, hold the scan lock until this transaction ends, so two app
    instances scanning at once renew an account once and each CTA once (SQLite's
    BEGIN IMMEDIATE already queues them)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_SCAN_LOCK)))


def last_scan_on(session: Session) -> date | None:
    """The latest day a scan wrote for, or None before the first scan."""
    stored = get_setting(session, "last_scan_on")
    return date.fromisoformat(stored) if stored else None


def preview(book: Book, today: date) -> list[Candidate]:
    """The CTAs a scan on ``today`` would raise, writing nothing: how a look at a day
    before the last scan is answered (a back-dated scan would raise CTAs the book has
    already moved past)."""
    with book.session() as session:
        known = set(session.scalars(select(Cta.dedupe_key).where(Cta.dedupe_key.is_not(None))))
        fresh = {c.dedupe_key: c for c in all_candidates(session, today)}
    return [c for key, c in fresh.items() if key not in known]


def end_snoozes(session: Session, today: date) -> int:
    """Snoozed CTAs whose day has come are open again."""
    ended = session.execute(
        update(Cta)
        .where(Cta.status == CtaStatus.SNOOZED, Cta.snoozed_until <= today)
        .values(status=CtaStatus.OPEN, snoozed_until=None)
        .execution_options(synchronize_session=False)
    )
    return ended.rowcount


def close_moved_renewals(session: Session, now: datetime) -> int:
    """An open renewal CTA whose account now renews on another date is closed as not
    needed, saying why; the scan raises a CTA for the new date."""
    # The key names the renewal date it was raised for: the database compares it with
    # the account's date, so only the moved ones come back.
    key_now = (
        literal("renewal:")
        + cast(Account.id, String)
        + literal(":")
        + cast(Account.renewal_date, String)
        + literal(":")
    )
    rows = session.execute(
        select(Cta.id, Cta.dedupe_key, Account.renewal_date)
        .join(Account, Account.id == Cta.account_id)
        .where(
            Cta.type == CtaType.RENEWAL,
            Cta.source == CtaSource.RULE,
            Cta.status.in_([CtaStatus.OPEN, CtaStatus.SNOOZED]),
            or_(
                Account.renewal_date.is_(None),
                func.substr(Cta.dedupe_key, 1, func.length(key_now)) != key_now,
            ),
        )
    ).all()
    moved = [
        (cta_id, renewal_date_in_key(key), current)
        for cta_id, key, current in rows
        if renewal_date_in_key(key) != current
    ]
    for cta_id, old, new in moved:
        where = f"to {new:%d %b %Y}" if new else "off the calendar (no renewal date)"
        session.execute(
            update(Cta)
            .where(Cta.id == cta_id)
            .values(
                status=CtaStatus.CLOSED,
                outcome=CtaOutcome.NOT_NEEDED,
                snoozed_until=None,
                closed_at=now,
                closed_note=f"The renewal moved from {old:%d %b %Y} {where}.",
            )
            .execution_options(synchronize_session=False)
        )
    return len(moved)


CTAS = Cta.__table__


def raise_new(session: Session, candidates: list[Candidate], today: date) -> dict[str, int]:
    """Insert the candidates whose key is not in the book yet; returns key -> new id.

    Keys already raised (open, snoozed or closed) are skipped before the insert; the
    insert itself does nothing on a key another scan raised a moment ago."""
    keys = [c.dedupe_key for c in candidates]
    existing: set[str] = set()
    for first in range(0, len(keys), 900):
        existing.update(
            session.scalars(
                select(Cta.dedupe_key).where(Cta.dedupe_key.in_(keys[first : first + 900]))
            )
        )
    fresh = {c.dedupe_key: c for c in candidates if c.dedupe_key not in existing}
    if not fresh:
        return {}
    now = datetime.now(UTC)
    rows = [
        {
            "account_id": c.account_id,
            "type": c.type,
            "reason": c.reason,
            "priority": c.priority,
            "owner_id": c.owner_id,
            "due_on": c.due_on,
            "status": CtaStatus.OPEN,
            "source": CtaSource.RULE,
            "dedupe_key": c.dedupe_key,
            "created_at": now,
            "updated_at": now,
        }
        for c in fresh.values()
    ]
    if session.get_bind().dialect.name == "postgresql":
        raised = _insert_through_copy(session, rows)
    else:
        insert = (
            sqlite.insert(CTAS)
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
            .returning(CTAS.c.id, CTAS.c.dedupe_key)
        )
        raised = {}
        for first in range(0, len(rows), 2000):
            for cta_id, key in session.execute(insert, rows[first : first + 2000]):
                raised[key] = cta_id
    add_playbook_tasks(
        session,
        [(raised[k], fresh[k].type, fresh[k].about or fresh[k].due_on) for k in raised],
        raised_on=today,
    )
    return raised


def _insert_through_copy(session: Session, rows: list[dict]) -> dict[str, int]:
    """On PostgreSQL: COPY the rows into a temporary table, then one INSERT … SELECT
    that skips keys raised meanwhile. (Sent as VALUES, 37,000 CTAs took the driver
    seconds of statement parsing alone.)"""
    connection = session.connection()
    names = list(rows[0])
    columns = ", ".join(names)
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE new_ctas ON COMMIT DROP AS SELECT {columns} FROM ctas WITH NO DATA"
    )
    insert_rows(connection, CTAS.to_metadata(MetaData(), name="new_ctas"), rows)
    inserted = connection.exec_driver_sql(
        f"INSERT INTO ctas ({columns}) SELECT {columns} FROM new_ctas "
        "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key"
    )
    raised = {key: cta_id for cta_id, key in inserted}
    connection.exec_driver_sql("DROP TABLE new_ctas")  # now, not at commit: free the name
    return raised
