"""The columns of the renewals desk's lists, in the R&E manager's words: the 90-day
list, the open pipeline, capacity per renewal owner and an account's opportunities."""

from __future__ import annotations

from cswork.enums import ForecastCategory, OpportunityKind
from ui.kit.columns import Column
from ui.kit.labels import CATEGORY_LABELS, KIND_LABELS, exact, health_column, money, renewal_status
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR, day_text


def _converted(r, cents: int | None, reported: int | None, when: str, lead: str = "") -> str:
    """'€8,500 is $9,350 at today's rate', for money in another currency than the
    desk's; a missing rate is said as such."""
    currency, to = r.currency, r.reporting_currency
    if currency == to or cents is None:
        return ""
    if reported is None:
        return f"{lead}no {currency} to {to} rate for {when}: left out of totals"
    return f"{lead}{money(cents, currency)} is {money(reported, to)} at {when}'s rate"


# -- the 90-day list (UpcomingRenewal) ----------------------------------------------------
UPCOMING_COLUMNS = [
    Column("Account", lambda r: r.name, tooltip=lambda r: f"{r.name} ({r.external_id})", width=184),
    Column(
        "Renewal",
        lambda r: day_text(r.renewal_date),
        sort_key=lambda r: r.renewal_date,
        export=lambda r: r.renewal_date,
        width=96,
    ),
    Column(
        "Days",
        lambda r: str(r.days_to_renewal),
        sort_key=lambda r: r.days_to_renewal,
        export=lambda r: r.days_to_renewal,
        right=True,
        colour=lambda r: OVERDUE_COLOUR if r.days_to_renewal < 0 else None,
        tooltip=lambda r: (
            f"Renewal overdue by {-r.days_to_renewal} days: neither won nor lost"
            if r.days_to_renewal < 0
            else None
        ),
        width=46,
    ),
    Column(
        "ARR",
        lambda r: money(r.arr_cents, r.currency),
        sort_key=lambda r: r.arr_reporting,  # €600 beside $650, not beside $600
        export=lambda r: exact(r.arr_cents),
        right=True,
        tooltip=lambda r: _converted(r, r.arr_cents, r.arr_reporting, "today") or None,
        width=96,
    ),
    health_column(),
    Column("Owner", lambda r: r.owner or "—", width=106),
    Column(
        "Status",
        lambda r: renewal_status(r.stage, r.forecast_category),
        colour=lambda r: MUTED_COLOUR if r.stage is None else None,
        tooltip=lambda r: "Nobody has opened the renewal opportunity" if r.stage is None else None,
        width=90,
    ),
    Column(
        "Forecast",
        lambda r: money(r.forecast_cents, r.currency),
        sort_key=lambda r: r.forecast_cents,
        export=lambda r: exact(r.forecast_cents),
        right=True,
        width=96,
    ),
    Column("Strategy", lambda r: r.strategy, tooltip=lambda r: r.strategy or None),
]

# -- the open pipeline (OpenOpportunity) --------------------------------------------------
PIPELINE_COLUMNS = [
    Column(
        "Account",
        lambda r: r.account_name,
        tooltip=lambda r: f"{r.account_name}: {r.name}",
        width=190,
    ),
    Column(
        "Kind", lambda r: KIND_LABELS[OpportunityKind(r.kind)], tooltip=lambda r: r.name, width=96
    ),
    Column(
        "Amount",
        lambda r: money(r.amount, r.currency),
        sort_key=lambda r: r.amount_reporting,
        export=lambda r: exact(r.amount),
        right=True,
        tooltip=lambda r: (
            ("A renewal at its forecast" if r.kind == "renewal" else "ARR added")
            + _converted(r, r.amount, r.amount_reporting, "the close date", "; ")
        ),
        width=92,
    ),
    Column(
        "Close date",
        lambda r: day_text(r.close_date),
        sort_key=lambda r: r.close_date,
        export=lambda r: r.close_date,
        width=94,
    ),
    Column(
        "Category",
        lambda r: CATEGORY_LABELS[ForecastCategory(r.forecast_category)],
        tooltip=lambda r: "Forecast category",
        width=84,
    ),
    health_column(64),
    Column("Owner", lambda r: r.owner or "—", width=106),
    Column("Strategy", lambda r: r.strategy, tooltip=lambda r: r.strategy or None),
]

# -- capacity per renewal owner (Capacity) ------------------------------------------------
CAPACITY_COLUMNS = [
    Column("Renewal owner", lambda c: c.owner),
    Column(
        "Renewals (90 days)",
        lambda c: str(c.renewals),
        sort_key=lambda c: c.renewals,
        export=lambda c: c.renewals,
        right=True,
        width=150,
    ),
    Column(
        "Per business day",
        lambda c: f"{c.per_business_day:.1f}",
        sort_key=lambda c: c.per_business_day,
        export=lambda c: round(c.per_business_day, 2),
        right=True,
        tooltip=lambda c: f"{c.renewals} renewals over {c.business_days} business days",
        width=130,
    ),
    Column(
        "Busiest week",
        lambda c: f"{c.busiest_week} in 5 days",
        sort_key=lambda c: c.busiest_week,
        export=lambda c: c.busiest_week,
        right=True,
        colour=lambda c: OVERDUE_COLOUR if c.over else None,
        width=120,
    ),
    Column(
        "Can carry",
        lambda c: f"{c.can_carry} a day",
        sort_key=lambda c: c.can_carry,
        export=lambda c: c.can_carry,
        right=True,
        width=90,
    ),
    Column(
        "Load",
        lambda c: "Over capacity" if c.over else "Within capacity",
        colour=lambda c: OVERDUE_COLOUR if c.over else None,
        tooltip=lambda c: (
            (
                f"{c.busiest_week} renewals in the busiest five business days: more than "
                f"{c.can_carry} a day. Move some to another owner or start them earlier."
            )
            if c.over
            else None
        ),
        width=130,
    ),
]
