"""Renewals: which active accounts renew in a window."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from cswork import health as health_rules
from cswork.enums import AccountStatus
from cswork.models import Account, Person
from cswork.rates import Rates, Total, reporting_currency


@dataclass(frozen=True)
class Renewal:
    account_id: int
    external_id: str
    name: str
    renewal_date: date
    days_to_renewal: int
    arr_cents: int
    currency: str
    health: int | None
    csm_email: str | None
    re_manager_email: str | None
    csm_name: str | None = None  # a person the book knows by name alone has no email
    re_manager_name: str | None = None

    @property
    def band(self) -> str | None:
        return health_rules.band(self.health)


def renewing_or_overdue(renewal_date, auto_renew, first: date, last: date):
    """Renewing from ``first`` to ``last``, or past its date with the renewal neither won
    nor lost (a won one moves the date on, a lost one churns the account): an overdue
    renewal stays on every renewals list, with negative days, until it is closed."""
    return and_(renewal_date <= last, or_(renewal_date >= first, auto_renew.is_(False)))


def renewals_within(session: Session, days: int, as_of: date) -> list[Renewal]:
    """Active accounts renewing 0 to ``days`` days after ``as_of``, both ends included,
    and the overdue ones (negative days), soonest first."""
    if days < 0:
        raise ValueError("the window must be 0 days or more")
    csm, re_manager = aliased(Person), aliased(Person)
    query = (
        select(Account, csm.email, re_manager.email, csm.name, re_manager.name)
        .outerjoin(csm, csm.id == Account.csm_id)
        .outerjoin(re_manager, re_manager.id == Account.re_manager_id)
        .where(
            Account.status == AccountStatus.ACTIVE,
            renewing_or_overdue(
                Account.renewal_date, Account.auto_renew, as_of, as_of + timedelta(days=days)
            ),
        )
        .order_by(Account.renewal_date, Account.name, Account.id)
    )
    return [
        Renewal(
            account_id=a.id,
            external_id=a.external_id,
            name=a.name,
            renewal_date=a.renewal_date,
            days_to_renewal=(a.renewal_date - as_of).days,
            arr_cents=a.arr_cents,
            currency=a.currency,
            health=a.health,
            csm_email=csm_email,
            re_manager_email=re_email,
            csm_name=csm_name,
            re_manager_name=re_name,
        )
        for a, csm_email, re_email, csm_name, re_name in session.execute(query)
    ]


def converted_arr(
    session: Session, found: list[Renewal], as_of: date, currency: str | None = None
) -> tuple[list[int | None], Total]:
    """Each renewal's ARR in the reporting currency (``currency``, default the book's) at
    the rate in force on ``as_of``, None where the rate is missing; and their total, with
    the ARR per currency and the missing rates named."""
    to = currency or reporting_currency(session)
    rates = Rates.load(session, {r.currency for r in found} | {to})
    each = [rates.convert_or_none(r.arr_cents, r.currency, as_of, to) for r in found]
    own: dict[str, int] = {}
    for r in found:
        own[r.currency] = own.get(r.currency, 0) + r.arr_cents
    return each, rates.total(own, as_of, to)
