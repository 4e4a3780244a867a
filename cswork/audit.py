"""Who changed what: the audit trail of edits, and stale saves caught and explained.

Every flush that changes a row people edit (``Versioned`` models) writes one
``AuditEntry`` per changed field, or one for a row added or removed, with the person
the book is open as (``Book.actor_id``). The rows' versions make a save that started
from an old copy fail; ``check_versions`` turns that into a ``StaleEdit`` that says who
changed what since, so the user can reload or keep theirs.

Bulk writes (imports, the alert scan, health recomputes) are not edits by a person and
go through Core statements, which these hooks do not see."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import get_history

from cswork.enums import CtaSource
from cswork.models import (
    Account,
    AuditEntry,
    Contact,
    Cta,
    Milestone,
    Objective,
    Opportunity,
    Person,
    SuccessPlan,
)
from cswork.money import format_money

# What each edited table is called in a sentence, and how to name one of its rows.
NOUNS: dict[type, str] = {
    Account: "account",
    Contact: "contact",
    SuccessPlan: "success plan",
    Objective: "objective",
    Milestone: "milestone",
    Opportunity: "opportunity",
    Cta: "CTA",
}
LABELS: dict[type, Callable[[Any], str]] = {
    Account: lambda a: a.name,
    Contact: lambda c: c.name,
    SuccessPlan: lambda _: "success plan",
    Objective: lambda o: o.title,
    Milestone: lambda m: m.name,
    Opportunity: lambda o: o.name or str(o.kind),
    Cta: lambda c: c.reason,
}
# Bookkeeping columns, and columns the app keeps itself rather than a person editing.
NOT_EDITS = {"id", "version", "created_at", "updated_at", "health", "position"}
FIELD_NAMES = {
    "arr_cents": "ARR",
    "csm_id": "CSM",
    "re_manager_id": "R&E manager",
    "ae_id": "AE",
    "kpi": "KPI",
    "roi_statement": "ROI statement",
}


def field_name(column: str) -> str:
    if column in FIELD_NAMES:
        return FIELD_NAMES[column]
    return column.removesuffix("_id").removesuffix("_cents").replace("_", " ")


@dataclass(frozen=True)
class Change:
    """One audit entry as people read it."""

    record_type: str
    record_id: int
    record_label: str
    action: str  # "changed", "added", "removed"
    field: str | None
    old_value: str | None
    new_value: str | None
    changed_by: str | None
    changed_at: datetime
    changed_by_id: int | None = None

    @property
    def noun(self) -> str:
        return TABLE_NOUNS.get(self.record_type, self.record_type)

    @property
    def text(self) -> str:
        """'changed title of contact Dana Ortiz from “VP Ops” to “CFO”'."""
        what = f"{self.noun} {self.record_label}".strip()
        if self.action != "changed":
            return f"{self.action} {what}"
        return (
            f"changed {field_name(self.field or '')} of {what} "
            f"from {_quoted(self.old_value)} to {_quoted(self.new_value)}"
        )


TABLE_NOUNS = {model.__tablename__: noun for model, noun in NOUNS.items()}


def _quoted(value: str | None) -> str:
    return "(nothing)" if value in (None, "") else f"“{value}”"


class StaleEdit(Exception):
    """Someone saved the record after this user read it. ``changes`` says what they
    did; ``current`` holds each record's version now, to keep this user's edit anyway."""

    def __init__(self, changes: list[Change], current: dict[tuple[type, int], int]) -> None:
        self.changes, self.current = changes, current
        super().__init__(self._describe())

    @property
    def removed(self) -> bool:
        """A record is gone, so there is nothing to keep this user's edit on."""
        return 0 in self.current.values()

    def _describe(self) -> str:
        if not self.changes:
            return "Someone else saved this record since you opened it."
        lines = [
            f"{c.changed_by or 'Someone'} {c.text} at {c.changed_at:%H:%M} UTC on "
            f"{c.changed_at:%d %b %Y}."
            for c in self.changes[-5:]
        ]
        more = len(self.changes) - 5
        if more > 0:
            lines.insert(0, f"…and {more} earlier changes.")
        return "Changed since you opened it:\n" + "\n".join(lines)


Expected = Mapping[tuple[type, int], int]


def check_versions(session: Session, expected: Expected) -> None:
    """Refuse the write if anyone else saved one of the records since the user read it.

    The user's own saves since (a second edit typed before the screen re-read the
    first) are no conflict."""
    me = session.info.get("actor_id")
    current: dict[tuple[type, int], int] = {}
    changes: list[Change] = []
    stale = False
    for (model, record_id), version in expected.items():
        row = session.get(model, record_id)
        now = 0 if row is None else row.version
        current[(model, record_id)] = now
        if now != version:
            since = changes_since(session, model.__tablename__, record_id, version)
            changes += since
            # A removed row, or a gap the trail cannot explain, is stale whoever did it.
            stale = stale or not row or not since or any(c.changed_by_id != me for c in since)
    if stale:
        raise StaleEdit(changes, current)


def changes_since(session: Session, table: str, record_id: int, version: int) -> list[Change]:
    query = (
        _changes()
        .where(AuditEntry.record_type == table, AuditEntry.record_id == record_id)
        .where(AuditEntry.version > version)
        .order_by(AuditEntry.id)
    )
    return _read(session, query)


def changes_on_account(session: Session, account_id: int, limit: int = 500) -> list[Change]:
    """The account's audit trail, newest first: its own fields and its contacts',
    plan's, opportunities' and CTAs'."""
    query = (
        _changes()
        .where(AuditEntry.account_id == account_id)
        .order_by(AuditEntry.changed_at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return _read(session, query)


def _changes():
    return select(AuditEntry, Person.name).outerjoin(Person, Person.id == AuditEntry.changed_by_id)


def _read(session: Session, query) -> list[Change]:
    return [
        Change(
            e.record_type,
            e.record_id,
            e.record_label,
            e.action,
            e.field,
            e.old_value,
            e.new_value,
            name,
            e.changed_at,
            e.changed_by_id,
        )
        for e, name in session.execute(query)
    ]


# --- recording -------------------------------------------------------------------------


def record_edits(factory: sessionmaker[Session]) -> None:
    """Write the audit trail for every flush of sessions from ``factory``."""
    event.listen(factory, "after_flush", _after_flush)


def _after_flush(session: Session, _context) -> None:
    # The session still shows what this flush wrote (new, dirty, deleted, each
    # attribute's history), and ids and versions are assigned by now.
    actor = session.info.get("actor_id")
    entries: list[dict] = []
    for row in session.new:
        if type(row) in NOUNS and not _made_by_the_app(row):
            entries.append(_entry(session, row, "added", actor))
    for row in session.deleted:
        if type(row) in NOUNS:
            entries.append(_entry(session, row, "removed", actor))
    for row in session.dirty:
        if type(row) in NOUNS and session.is_modified(row, include_collections=False):
            entries += _field_entries(session, row, actor)
    if entries:
        session.connection().execute(insert(AuditEntry), entries)


def _made_by_the_app(row: Any) -> bool:
    """CTAs the alert rules raise are not anyone's edit; a CTA a person adds is."""
    return isinstance(row, Cta) and row.source != CtaSource.MANUAL


def _entry(session: Session, row: Any, action: str, actor: int | None, **field) -> dict:
    return {
        "account_id": _account_of(session, row),
        "record_type": type(row).__tablename__,
        "record_id": row.id,
        "record_label": (LABELS[type(row)](row) or "")[:300],
        "action": action,
        "field": None,
        "old_value": None,
        "new_value": None,
        # A removal is the row's last version: a save from an earlier one is stale.
        "version": (row.version or 1) + (action == "removed"),
        "changed_by_id": actor,
        **field,
    }


def _field_entries(session: Session, row: Any, actor: int | None) -> list[dict]:
    entries = []
    for attribute in inspect(row).mapper.column_attrs:
        column = attribute.key
        if column in NOT_EDITS:
            continue
        history = get_history(row, column)
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        entries.append(
            _entry(
                session,
                row,
                "changed",
                actor,
                field=column,
                old_value=_shown(session, row, column, old),
                new_value=_shown(session, row, column, new),
            )
        )
    return entries


def _account_of(session: Session, row: Any) -> int | None:
    if isinstance(row, Account):
        return row.id
    if isinstance(row, Objective | Milestone):
        return session.connection().scalar(
            select(SuccessPlan.account_id).where(SuccessPlan.id == row.plan_id)
        )
    return row.account_id


def _shown(session: Session, row: Any, column: str, value: Any) -> str | None:
    """A value as people read it: money with its currency, a person by name."""
    if value is None:
        return None
    if column.endswith("_cents"):
        return format_money(value, getattr(row, "currency", "USD"))
    if column.endswith("_id") and column in PERSON_COLUMNS:
        name = session.connection().scalar(select(Person.name).where(Person.id == value))
        return name or f"person {value}"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):  # custom fields: "Region: EMEA, Tier: Gold"
        return ", ".join(f"{name}: {text}" for name, text in value.items()) or None
    return str(value)


PERSON_COLUMNS = {"csm_id", "re_manager_id", "ae_id", "owner_id"}


def versions_of(rows: Iterable[Any]) -> dict[tuple[type, int], int]:
    """What a screen read, as the versions an edit of them expects."""
    return {(type(row), row.id): row.version for row in rows}
