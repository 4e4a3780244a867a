"""How the Comp page writes and reads shares, multipliers and quarters.

Shares are stored as fractions (0.5), shown as percentages (50 %) and typed either way
(cswork.shares reads them)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from cswork.comp import Quarter


def plain(value: Decimal) -> str:
    """1.50 -> '1.5', 100.0 -> '100': a number as a person writes it."""
    return f"{Decimal(value).normalize():f}"


def attainment_text(ratio: Decimal | None) -> str:
    """Attainment to one decimal: 0.5556 -> '55.6 %'; no quota -> 'no quota'."""
    if ratio is None:
        return "no quota"
    return f"{Decimal(ratio) * 100:,.1f} %"


def multiplier_text(multiplier: Decimal) -> str:
    return f"x{plain(multiplier)}"


def parse_number(text: str, what: str, whole: bool = False) -> Decimal:
    """A positive number typed in a cell: contract months (whole) or a multiplier."""
    try:
        value = Decimal(text.strip().removeprefix("x").strip())
    except InvalidOperation:
        raise ValueError(f"'{text.strip()}' is not {what}.") from None
    if value <= 0 or (whole and value != value.to_integral_value()):
        raise ValueError(f"'{text.strip()}' is not {what}.")
    return value


def quarter_text(quarter: Quarter) -> str:
    """'Q4 2026'."""
    return f"Q{quarter.number} {quarter.year}"


def next_quarter(quarter: Quarter) -> Quarter:
    return Quarter.of(quarter.last + timedelta(days=1))


def previous_quarter(quarter: Quarter) -> Quarter:
    return Quarter.of(quarter.first - timedelta(days=1))


def kind_text(kind: str) -> str:
    return {"renewal": "Renewal", "upsell": "Upsell"}.get(kind, kind)
