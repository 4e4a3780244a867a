"""The pipeline: open opportunities across the book (renewals, upsell, cross-sell,
services) closing in a period, for the R&E manager's desk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session

from cswork import health
from cswork.metrics import Cohort
from cswork.rates import Rates, reporting_currency
from cswork.sql import as_date


@dataclass(frozen=True)
class OpenOpportunity:
    id: int
    account_id: int
    account_name: str
    kind: str
    name: str
    amount_cents: int
    currency: str
    close_date: date | None
    forecast_category: str
    target_cents: int | None
    forecast_cents: int | None
    contract_months: int | None
    owner: str
    strategy: str
    health: int | None
    # The amount (a renewal: its forecast) in the reporting currency at the rate of
    # its close date; None where that rate is missing.
    amount_reporting: int | None = None
    reporting_currency: str = ""

    @property
    def amount(self) -> int | None:
        """What the deal is worth: a renewal at its forecast, else the ARR it adds."""
        return self.forecast_cents if self.kind == "renewal" else self.amount_cents

    @property
    def band(self) -> str | None:
        return health.band(self.health)


def open_opportunities(
    session: Session,
    first: date,
    last: date,
    cohort: Cohort = Cohort(),
    currency: str | None = None,
) -> list[OpenOpportunity]:
    """Open opportunities closing between ``first`` and ``last`` (both included) on the
    cohort's accounts, soonest first, each converted into ``currency`` (default the
    book's reporting currency) at the rate of its close date."""
    where, params = cohort.sql()
    statement = text(
        f"""
        SELECT o.id, a.id, a.name, o.kind, o.name, o.amount_cents, a.currency, o.close_date,
               o.forecast_category, o.target_cents, o.forecast_cents, o.contract_months,
               COALESCE(p.name, ''), COALESCE(o.strategy, ''), a.health
        FROM opportunities o JOIN accounts a ON a.id = o.account_id
        LEFT JOIN people p ON p.id = o.owner_id
        WHERE o.stage = 'open' AND o.close_date BETWEEN :first AND :last {where}
        ORDER BY o.close_date, a.name, o.id
    """
    ).bindparams(bindparam("first", type_=Date), bindparam("last", type_=Date))
    rows = session.execute(statement, params | {"first": first, "last": last}).all()
    to = currency or reporting_currency(session)
    rates = Rates.load(session, {r[6] for r in rows} | {to})
    return [
        OpenOpportunity(
            id=r[0],
            account_id=r[1],
            account_name=r[2],
            kind=r[3],
            name=r[4],
            amount_cents=r[5] or 0,
            currency=r[6],
            close_date=as_date(r[7]),
            forecast_category=r[8],
            target_cents=r[9],
            forecast_cents=r[10],
            contract_months=r[11],
            owner=r[12],
            strategy=r[13],
            health=r[14],
            amount_reporting=rates.convert_or_none(
                (r[10] if r[3] == "renewal" else r[5]) or 0, r[6], as_date(r[7]), to
            ),
            reporting_currency=to,
        )
        for r in rows
    ]
