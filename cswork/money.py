"""Money as integer cents: parsed exactly from what people type, shown as people read it."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}
_SYMBOLS = "$€£¥"
_MONEY = re.compile(
    r"^(?P<sign>[-+]?)\s*(?:(?P<pre>[A-Za-z]{3})\s*)?(?P<sym>[A-Z]{0,2}[" + _SYMBOLS + r"])?\s*"
    r"(?P<num>\d[\d,' ]*(?:\.\d+)?|\.\d+)\s*(?P<post>[A-Za-z]{3})?$"
)


class MoneyError(ValueError):
    pass


def parse_money(text: str | int | Decimal) -> int:
    """Cents from '$1,200.50', '1200.5', 'USD 1,200', '(300)' or a number. Exact.

    Thousands separators are commas (or spaces / apostrophes); the decimal point is
    '.', as CRMs export."""
    if isinstance(text, int):
        return text * 100
    if isinstance(text, Decimal):
        return to_cents(text)
    raw = text.strip()
    negative = raw.startswith("(") and raw.endswith(")")
    if negative:
        raw = raw[1:-1].strip()
    match = _MONEY.match(raw)
    if not match:
        raise MoneyError(f"'{text}' is not an amount of money")
    digits = re.sub(r"[,' ]", "", match["num"])
    try:
        value = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise MoneyError(f"'{text}' is not an amount of money") from exc
    if match["sign"] == "-":
        negative = not negative
    cents = to_cents(value)
    return -cents if negative else cents


def to_cents(value: Decimal) -> int:
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cents_to_decimal(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def format_money(cents: int | None, currency: str = "USD", *, whole: bool = False) -> str:
    """'$1,200.50'; with ``whole``, '$1,201' (for tables and headers)."""
    if cents is None:
        return ""
    symbol = CURRENCY_SYMBOLS.get(currency, currency + " ")
    sign = "-" if cents < 0 else ""
    value = cents_to_decimal(abs(cents))
    if whole:
        return f"{sign}{symbol}{value.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"
    return f"{sign}{symbol}{value:,.2f}"


def format_compact(cents: int, currency: str = "USD") -> str:
    """'$1.2M', '$850K', '$900': for headers and charts where space is short."""
    symbol = CURRENCY_SYMBOLS.get(currency, currency + " ")
    value = Decimal(abs(cents)) / 100
    sign = "-" if cents < 0 else ""
    for size, suffix in ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(1000), "K")):
        if value >= size:
            shown = (value / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
            return f"{sign}{symbol}{shown:f}{suffix}"
    return f"{sign}{symbol}{value.quantize(Decimal(1), rounding=ROUND_HALF_UP)}"
