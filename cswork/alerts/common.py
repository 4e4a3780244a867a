"""What every alert rule shares: the scan's context, the account facts rules read, and
the candidate CTA a rule proposes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.business_days import BusinessCalendar
from cswork.enums import AccountStatus, CtaType, Priority
from cswork.models import Account, Cta
from cswork.raci import AccountableIndex
from cswork.settings import all_settings


@dataclass(frozen=True)
class Candidate:
    """A CTA a rule wants raised. The dedupe key names the rule, the account and the
    thing the CTA is about, so the same situation never raises a second CTA.

    The reason is written only for a CTA that is raised (``describe``): most candidates
    of a scan were raised by an earlier one, and writing tens of thousands of sentences
    to throw away would be most of a scan's time."""

    dedupe_key: str
    account_id: int | None
    type: CtaType
    priority: Priority
    owner_id: int | None
    due_on: date
    describe: Callable[[], str] = field(compare=False, repr=False)
    # The date the CTA is about, which its playbook's tasks count from (a renewal CTA's
    # renewal date); None: its due date.
    about: date | None = None

    @property
    def reason(self) -> str:
        return self.describe()


@dataclass
class ScanContext:
    session: Session
    today: date
    settings: dict[str, Any]
    accountable: AccountableIndex
    calendar: BusinessCalendar
    # Keys raised before (open, snoozed or closed): a rule skips them before it writes
    # a reason, since most of what a scan finds was raised by an earlier scan.
    known_keys: frozenset[str] = frozenset()
    _shared: dict[str, Any] = field(default_factory=dict)

    def is_new(self, dedupe_key: str) -> bool:
        return dedupe_key not in self.known_keys

    def shared(self, name: str, read: Callable[[], Any]) -> Any:
        """A read two rules need (the renewals ahead, the recent scores), done once."""
        if name not in self._shared:
            self._shared[name] = read()
        return self._shared[name]

    @classmethod
    def load(cls, session: Session, today: date) -> ScanContext:
        settings = all_settings(session)
        return cls(
            session=session,
            today=today,
            settings=settings,
            accountable=AccountableIndex(session),
            calendar=BusinessCalendar.from_settings(settings["working_days"], settings["holidays"]),
            known_keys=frozenset(
                session.scalars(select(Cta.dedupe_key).where(Cta.dedupe_key.is_not(None)))
            ),
        )


class AccountFacts(NamedTuple):
    id: int
    name: str
    segment: str
    arr_cents: int
    currency: str
    renewal_date: date | None
    health: int | None
    csm_id: int | None
    re_manager_id: int | None
    ae_id: int | None
    contract_start: date | None
    entered_book_on: date


FACT_COLUMNS = [getattr(Account, name) for name in AccountFacts._fields]


def active_accounts(session: Session, *conditions) -> list[AccountFacts]:
    """Active accounts meeting ``conditions``, with the facts the rules read."""
    query = select(*FACT_COLUMNS).where(Account.status == AccountStatus.ACTIVE, *conditions)
    return [AccountFacts._make(row) for row in session.execute(query)]


def is_high_touch(segment: str) -> bool:
    """Strategic accounts get at least the attention of high-touch ones."""
    return segment != "low-touch"
