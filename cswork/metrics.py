"""Retention and renewal metrics, exact: GRR, NRR, expansion, renewal rates, forecast.

The ARR ledger behind them: an account's ARR changes only when an opportunity is won
(a renewal to its final amount, an upsell, cross-sell, new division or managed service
by its amount); a lost renewal is churn of its target. So the ARR an account had on
any day is today's ARR less what was won since."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from cswork import health
from cswork.enums import Segment
from cswork.opportunities import RECURRING_KINDS
from cswork.rates import MissingRate, Rates, reporting_currency
from cswork.sql import day_rows

RATIO_PLACES = Decimal("0.0001")


def ratio(numerator: int, denominator: int) -> Decimal | None:
    """numerator / denominator to four places (0.8500 -> 0.85), or None over nothing."""
    if not denominator:
        return None
    value = (Decimal(numerator) / Decimal(denominator)).quantize(RATIO_PLACES, ROUND_HALF_UP)
    return value.normalize() if value else Decimal(0)


def retention(
    starting: int, churned: int, contraction: int, expansion: int
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(GRR, NRR, expansion %) from the four amounts. GRR never goes above 100 %."""
    grr = ratio(starting - churned - contraction, starting)
    return (
        min(grr, Decimal(1)) if grr is not None else None,
        ratio(starting - churned - contraction + expansion, starting),
        ratio(expansion, starting),
    )


@dataclass(frozen=True)
class Cohort:
    """Which accounts: all, one person's (CSM, R&E manager or AE), one segment."""

    owner_id: int | None = None
    segment: Segment | None = None

    def sql(self) -> tuple[str, dict]:
        """Conditions on accounts ``a`` to add to a WHERE, and their parameters."""
        where, params = "", {}
        if self.owner_id is not None:
            where += " AND :owner IN (a.csm_id, a.re_manager_id, a.ae_id)"
            params["owner"] = self.owner_id
        if self.segment is not None:
            where += " AND a.segment = :segment"
            params["segment"] = Segment(self.segment).value
        return where, params

    def join(self, on: str) -> str:
        """The join to accounts ``a`` that ``sql()``'s conditions need; none for
        everyone, so a sum over another table can be read from its index alone."""
        if self.owner_id is None and self.segment is None:
            return ""
        return f"JOIN accounts a ON a.id = {on}"


@dataclass(frozen=True)
class Metrics:
    first: date
    last: date
    starting_arr: int
    churned: int
    contraction: int
    expansion: int
    grr: Decimal | None
    nrr: Decimal | None
    expansion_pct: Decimal | None
    renewals_due: int  # sum of renewal targets due in the period
    renewals_due_count: int
    renewed: int  # won renewals at their final amount, upsell above target excluded
    renewed_count: int
    renewal_rate_dollars: Decimal | None
    renewal_rate_count: Decimal | None
    renewal_forecast: int  # won at final + open at forecast, each capped at target
    at_risk_arr: int  # renewing in the period with red or yellow health
    # Every amount above is in ``currency``, each account's money at the rate in force on
    # ``first`` (constant currency: a rate's move is never churn or expansion). A
    # currency without a rate that day is left out and named in ``missing_rates``.
    currency: str = "USD"
    missing_rates: tuple[MissingRate, ...] = ()
    starting_by_currency: dict[str, int] = field(default_factory=dict)  # own money
    at_risk_by_currency: dict[str, int] = field(default_factory=dict)


_RETENTION_SQL = """
WITH ledger AS (
    SELECT account_id,
      MIN(CASE WHEN kind = 'renewal' AND stage = 'lost' THEN close_date END) AS lost_on,
      MAX(CASE WHEN kind = 'renewal' AND stage = 'lost' THEN target_cents END) AS lost_target,
      SUM(CASE WHEN stage = 'won' AND close_date > :first THEN
            CASE WHEN kind = 'renewal' THEN COALESCE(final_cents, 0) - COALESCE(target_cents, 0)
                 WHEN kind IN ({recurring}) THEN amount_cents ELSE 0 END
          ELSE 0 END) AS won_since,
      MAX(CASE WHEN kind = 'renewal' AND stage = 'won' THEN 1 ELSE 0 END) AS ever_renewed,
      SUM(CASE WHEN stage = 'won' AND kind = 'renewal' AND close_date BETWEEN :first AND :last
                AND final_cents < target_cents THEN target_cents - final_cents ELSE 0 END)
          AS contraction,
      SUM(CASE WHEN stage = 'won' AND close_date BETWEEN :first AND :last THEN
            CASE WHEN kind = 'renewal' AND final_cents > target_cents
                      THEN final_cents - target_cents
                 WHEN kind IN ({recurring}) AND amount_cents > 0 THEN amount_cents
                 ELSE 0 END
          ELSE 0 END) AS expansion
    FROM opportunities GROUP BY account_id),
cohort AS (
    SELECT a.currency, a.arr_cents - COALESCE(l.won_since, 0) AS arr_then,
           COALESCE(l.lost_on, CASE WHEN a.status = 'churned' THEN a.renewal_date END)
               AS churned_on,
           COALESCE(l.lost_target, a.arr_cents) AS churned_arr,
           COALESCE(l.contraction, 0) AS contraction, COALESCE(l.expansion, 0) AS expansion
    FROM accounts a LEFT JOIN ledger l ON l.account_id = a.id
    WHERE COALESCE(a.customer_since, a.entered_book_on) <= :first
      AND (a.customer_since IS NOT NULL OR a.contract_start IS NULL
           OR a.contract_start <= :first OR COALESCE(l.ever_renewed, 0) = 1)
      {cohort})
SELECT currency, COALESCE(SUM(arr_then), 0),
       COALESCE(SUM(CASE WHEN churned_on BETWEEN :first AND :last THEN churned_arr END), 0),
       COALESCE(SUM(contraction), 0), COALESCE(SUM(expansion), 0)
FROM cohort WHERE churned_on IS NULL OR churned_on > :first
GROUP BY currency
"""

_RENEWALS_SQL = """
SELECT a.currency, COUNT(*), COALESCE(SUM(o.target_cents), 0),
       COALESCE(SUM(CASE WHEN o.stage = 'won' THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN o.stage = 'won' THEN
           CASE WHEN o.final_cents < o.target_cents THEN o.final_cents ELSE o.target_cents END
       END), 0),
       COALESCE(SUM(CASE WHEN o.stage = 'open' THEN
           CASE WHEN o.forecast_cents < o.target_cents THEN o.forecast_cents
                ELSE o.target_cents END
       END), 0)
FROM opportunities o JOIN accounts a ON a.id = o.account_id
WHERE o.kind = 'renewal' AND o.close_date BETWEEN :first AND :last {cohort}
GROUP BY a.currency
"""

_AT_RISK_SQL = """
SELECT a.currency, COALESCE(SUM(a.arr_cents), 0) FROM accounts a
WHERE a.status = 'active' AND a.renewal_date BETWEEN :first AND :last
  AND a.health <= :worst {cohort}
GROUP BY a.currency
"""


def metrics(
    session: Session,
    first: date,
    last: date,
    cohort: Cohort = Cohort(),
    *,
    currency: str | None = None,
    rates: Rates | None = None,
) -> Metrics:
    """The retention metrics for the period ``first``..``last`` (both included), summed by
    the database per currency (a year of a 100,000-account book in a fraction of a
    second), then converted into ``currency`` (default: the book's reporting currency)
    at the rates in force on ``first``.

    Starting ARR: the ARR of the accounts that were customers on the first day (a
    customer since then, by the CRM's customer_since; for an account without one, in
    the book by then and its contract begun or renewed since; not churned), replayed back
    through the ledger. Churn, contraction and expansion: what was lost and won in the
    period on those accounts. A renewal counts as churn on the day it was lost (or on
    its renewal date, for an account marked churned without a lost renewal)."""
    if last < first:
        raise ValueError("the period ends before it starts")
    where, params = cohort.sql()
    params |= {"first": first, "last": last, "worst": health.YELLOW_MAX}
    recurring = ", ".join(f"'{kind.value}'" for kind in RECURRING_KINDS)
    retention_rows = _rows(
        session, _RETENTION_SQL.format(recurring=recurring, cohort=where), params
    )
    renewal_rows = _rows(session, _RENEWALS_SQL.format(cohort=where), params)
    at_risk_rows = _rows(session, _AT_RISK_SQL.format(cohort=where), params)
    to = currency or reporting_currency(session)
    found = {r[0] for r in (*retention_rows, *renewal_rows, *at_risk_rows)}
    if rates is None:
        rates = Rates.load(session, found | {to})
    missing = {}

    def converted(rows: list[tuple], columns: int) -> list[int]:
        """Each money column summed over the currencies, in ``to``."""
        sums = [0] * columns
        for code, *amounts in rows:
            for i, amount in enumerate(amounts[:columns]):
                try:
                    sums[i] += rates.convert(amount, code, first, to)
                except MissingRate as exc:
                    missing[code] = exc
        return sums

    starting, churned, contraction, expansion = converted(retention_rows, 4)
    due_count = sum(r[1] for r in renewal_rows)
    won_count = sum(r[3] for r in renewal_rows)
    due_total, renewed, open_forecast = converted(
        [(r[0], r[2], r[4], r[5]) for r in renewal_rows], 3
    )
    (at_risk,) = converted(at_risk_rows, 1)
    grr, nrr, expansion_pct = retention(starting, churned, contraction, expansion)
    return Metrics(
        first=first,
        last=last,
        starting_arr=starting,
        churned=churned,
        contraction=contraction,
        expansion=expansion,
        grr=grr,
        nrr=nrr,
        expansion_pct=expansion_pct,
        renewals_due=due_total,
        renewals_due_count=due_count,
        renewed=renewed,
        renewed_count=won_count,
        renewal_rate_dollars=ratio(renewed, due_total),
        renewal_rate_count=ratio(won_count, due_count),
        renewal_forecast=renewed + open_forecast,
        at_risk_arr=at_risk,
        currency=to,
        missing_rates=tuple(missing[c] for c in sorted(missing)),
        starting_by_currency={r[0]: r[1] for r in retention_rows if r[1]},
        at_risk_by_currency={r[0]: r[1] for r in at_risk_rows if r[1]},
    )


def _rows(session: Session, sql: str, params: dict) -> list[tuple]:
    """(currency, amounts...) per currency."""
    return [
        (code, *(int(value or 0) for value in rest))
        for code, *rest in day_rows(session, sql, params)
    ]
