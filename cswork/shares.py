"""Shares and rates as people write them: `50%`, `50 %`, `0.5` and `50` are all half.

One reading for every face (the command line, the plan editor, settings): a number with
a percent sign is a percentage; a bare number up to `most` is a fraction, and a bare
number above it can only be a percentage. `most` is 1 for a share of something
(variable, commission rate, GRR target: 0.9 is 90 %, 90 is 90 %, 1 is 100 %) and
RATIO_MOST for ratios that may pass 100 % (an NRR target of 1.05, a cap of 150 %, an
upsell tier above 150 % of quota), where nobody means a number under 10 as a percent."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

RATIO_MOST = Decimal(10)


class ShareError(ValueError):
    pass


def parse_share(text: str | int | Decimal, most: Decimal = Decimal(1)) -> Decimal:
    """'50%', '50 %', '0.5' or '50' -> Decimal('0.5'); ShareError naming the text."""
    raw = str(text).strip()
    cleaned = raw.removesuffix("%").strip()
    percent = cleaned != raw
    if not cleaned:
        raise ShareError("Type a percentage, like 50% (or 0.5).")
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ShareError(f"'{raw}' is not a percentage: write it like 50% or 0.5.")
    if percent or value > most:
        value /= 100
    return value


def share_text(share: Decimal) -> str:
    """A share as people read it: 0.5 -> '50 %', 0.125 -> '12.5 %'."""
    return f"{(Decimal(share) * 100).normalize():f} %"
