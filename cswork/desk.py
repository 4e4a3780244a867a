"""The R&E manager's renewals desk: what renews when, the forecast, the 90-day list,
capacity, and the Wednesday review agenda built from the same rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import text
from sqlalchemy.orm import Session

from cswork import health
from cswork.business_days import BusinessCalendar
from cswork.metrics import Cohort
from cswork.raci import AccountableIndex
from cswork.rates import Reporting
from cswork.settings import get_setting
from cswork.sql import as_date, day_rows

BANDS = ("green", "yellow", "red", None)
BAND_LIMITS = {"red_max": health.RED_MAX, "yellow_max": health.YELLOW_MAX}


def arr_renewing_by_month(
    session: Session,
    today: date,
    months: int = 12,
    cohort: Cohort = Cohort(),
    reporting: Reporting | None = None,
) -> list[tuple[date, dict[str | None, int]]]:
    """For each of the next ``months`` months (from this one): ARR renewing, by band, in
    the reporting currency at today's rates (``reporting``; default the book's)."""
    first = today.replace(day=1)
    last = first + relativedelta(months=months) - timedelta(days=1)
    where, params = cohort.sql()
    # Summed by day and band in SQL: a few hundred rows back, not every account's.
    rows = day_rows(
        session,
        f"""
        SELECT a.renewal_date,
               CASE WHEN a.health IS NULL THEN NULL
                    WHEN a.health <= :red_max THEN 'red'
                    WHEN a.health <= :yellow_max THEN 'yellow' ELSE 'green' END AS band,
               a.currency, SUM(a.arr_cents)
        FROM accounts a
        WHERE a.status = 'active' AND a.renewal_date BETWEEN :first AND :last {where}
        GROUP BY a.renewal_date, band, a.currency
    """,
        params
        | {
            "first": first,
            "last": last,
            "red_max": health.RED_MAX,
            "yellow_max": health.YELLOW_MAX,
        },
    )
    totals: dict[date, dict[str | None, int]] = {
        first + relativedelta(months=n): dict.fromkeys(BANDS, 0) for n in range(months)
    }
    reporting = reporting or Reporting.load(session, today, currencies={r[2] for r in rows})
    for renewal_date, band, currency, arr in rows:
        converted = reporting.convert(int(arr), currency)
        if converted is not None:  # else named in reporting.rates.missing()
            totals[as_date(renewal_date).replace(day=1)][band] += converted
    return sorted(totals.items())


def forecast_by_category(
    session: Session,
    first: date,
    last: date,
    cohort: Cohort = Cohort(),
    reporting: Reporting | None = None,
) -> dict[str, int]:
    """Renewals closing in the period by forecast category (won ones as "closed", at
    their final amount; open ones at their forecast), upsell above target excluded; in
    the reporting currency at the rates of ``first``, as the period's metrics."""
    where, params = cohort.sql()
    rows = day_rows(
        session,
        f"""
        SELECT o.forecast_category, a.currency,
               SUM(CASE WHEN o.stage = 'won' THEN
                       CASE WHEN o.final_cents < o.target_cents THEN o.final_cents
                            ELSE o.target_cents END
                   ELSE CASE WHEN o.forecast_cents < o.target_cents THEN o.forecast_cents
                             ELSE o.target_cents END END)
        FROM opportunities o JOIN accounts a ON a.id = o.account_id
        WHERE o.kind = 'renewal' AND o.stage != 'lost'
          AND o.close_date BETWEEN :first AND :last {where}
        GROUP BY o.forecast_category, a.currency
    """,
        params | {"first": first, "last": last},
    )
    reporting = reporting or Reporting.load(session, first, currencies={r[1] for r in rows})
    totals: dict[str, int] = defaultdict(int)
    for category, currency, amount in rows:
        converted = reporting.convert(int(amount or 0), currency)
        if converted is not None:  # else named in reporting.rates.missing()
            totals[category] += converted
    return dict(totals)


@dataclass(frozen=True)
class UpcomingRenewal:
    account_id: int
    external_id: str
    name: str
    segment: str
    renewal_date: date
    days_to_renewal: int
    arr_cents: int
    currency: str
    health: int | None
    owner_id: int | None  # accountable for the renewal, per the RACI
    owner: str
    stage: str | None
    forecast_category: str | None
    forecast_cents: int | None
    strategy: str
    # The ARR in the reporting currency at today's rate (None: no rate), to sort by.
    arr_reporting: int | None = None
    reporting_currency: str = ""

    @property
    def band(self) -> str | None:
        return health.band(self.health)


def upcoming_renewals(
    session: Session,
    today: date,
    days: int = 90,
    cohort: Cohort = Cohort(),
    reporting: Reporting | None = None,
) -> list[UpcomingRenewal]:
    """Active accounts renewing in the next ``days`` days, and those overdue (past the
    date, not auto-renewing, renewal neither won nor lost: negative days), soonest
    first, with the open renewal opportunity's status and strategy, whoever is
    accountable, and the ARR in the reporting currency at today's rates."""
    where, params = cohort.sql()
    rows = day_rows(
        session,
        f"""
        SELECT a.id, a.external_id, a.name, a.segment, a.renewal_date, a.arr_cents,
               a.currency, a.health, a.csm_id, a.re_manager_id, a.ae_id,
               o.stage, o.forecast_category, o.forecast_cents, o.strategy
        FROM accounts a
        LEFT JOIN opportunities o ON o.id = (
            SELECT o2.id FROM opportunities o2
            WHERE o2.account_id = a.id AND o2.kind = 'renewal'
            ORDER BY CASE WHEN o2.stage = 'open' THEN 0 ELSE 1 END, o2.close_date DESC
            LIMIT 1)
        WHERE a.status = 'active' AND a.renewal_date <= :last
              AND (a.renewal_date >= :first OR NOT a.auto_renew) {where}
        ORDER BY a.renewal_date, a.name
    """,
        params | {"first": today, "last": today + timedelta(days=days)},
    )
    accountable = AccountableIndex(session)
    names = dict(session.execute(text("SELECT id, name FROM people")).all())
    reporting = reporting or Reporting.load(session, today, currencies={r[6] for r in rows})
    upcoming = []
    for r in rows:
        owners = _Owners(r[0], r[8], r[9], r[10])
        owner_id = accountable.person_id("renewal", owners)
        renewal = as_date(r[4])
        upcoming.append(
            UpcomingRenewal(
                account_id=r[0],
                external_id=r[1],
                name=r[2],
                segment=r[3],
                renewal_date=renewal,
                days_to_renewal=(renewal - today).days,
                arr_cents=r[5],
                currency=r[6],
                health=r[7],
                owner_id=owner_id,
                owner=names.get(owner_id, ""),
                stage=r[11],
                forecast_category=r[12],
                forecast_cents=r[13],
                strategy=r[14] or "",
                arr_reporting=reporting.convert(r[5], r[6]),
                reporting_currency=reporting.currency,
            )
        )
    return upcoming


@dataclass(frozen=True)
class _Owners:
    id: int
    csm_id: int | None
    re_manager_id: int | None
    ae_id: int | None


@dataclass(frozen=True)
class Capacity:
    owner_id: int
    owner: str
    renewals: int
    business_days: int
    busiest_week: int  # renewals in the busiest five business days
    can_carry: int  # renewals a business day

    @property
    def per_business_day(self) -> float:
        return self.renewals / self.business_days if self.business_days else 0.0

    @property
    def over(self) -> bool:
        return self.busiest_week > self.can_carry * 5


def capacity(
    session: Session,
    today: date,
    days: int = 90,
    cohort: Cohort = Cohort(),
    upcoming: list[UpcomingRenewal] | None = None,
) -> list[Capacity]:
    """Per renewal owner: renewals in the next ``days`` days per business day, and the
    busiest five business days, against the 2-3 a day one person can carry.
    ``upcoming``: those renewals, when the caller has read them already."""
    from cswork.alerts.renewal import busiest_window

    calendar = BusinessCalendar.from_settings(
        get_setting(session, "working_days"), get_setting(session, "holidays")
    )
    can_carry = get_setting(session, "renewals_per_business_day")
    business_days = calendar.business_days(today, today + timedelta(days=days))
    by_owner: dict[int, list[date]] = defaultdict(list)
    names = {}
    if upcoming is None:
        upcoming = upcoming_renewals(session, today, days, cohort)
    for renewal in upcoming:
        if renewal.owner_id is not None:
            by_owner[renewal.owner_id].append(renewal.renewal_date)
            names[renewal.owner_id] = renewal.owner
    result = []
    for owner_id, dates in by_owner.items():
        dates.sort()
        busiest = busiest_window(dates, business_days)[2] if len(business_days) >= 5 else 0
        result.append(
            Capacity(owner_id, names[owner_id], len(dates), len(business_days), busiest, can_carry)
        )
    return sorted(result, key=lambda c: -c.per_business_day)


def review_agenda(
    session: Session,
    today: date,
    days: int = 90,
    cohort: Cohort = Cohort(),
    upcoming: list[UpcomingRenewal] | None = None,
) -> list[tuple[str, list[UpcomingRenewal]]]:
    """The Wednesday renewal review: renewals due in the next 90 days by owner (the
    person accountable for each renewal), most ARR first (in the reporting currency at
    today's rates)."""
    groups: dict[str, list[UpcomingRenewal]] = defaultdict(list)
    if upcoming is None:
        upcoming = upcoming_renewals(session, today, days, cohort)
    for renewal in upcoming:
        groups[renewal.owner or "Nobody accountable"].append(renewal)

    def converted(renewals: list[UpcomingRenewal]) -> int:
        return sum(r.arr_reporting or 0 for r in renewals)  # a missing rate: left out

    return sorted(groups.items(), key=lambda item: (-converted(item[1]), item[0]))
