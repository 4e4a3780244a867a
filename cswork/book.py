"""The book of business as the book view shows it: every account in one fast read,
the saved views, the quick filter and sorting, all without Qt.

At 100,000 accounts every step here runs once per keystroke or click, so rows are
plain tuples read with one SQL query, and filtering and sorting work on lists of row
numbers."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import compress, repeat
from typing import NamedTuple

from sqlalchemy import text
from sqlalchemy.orm import Session

from cswork import health as health_rules
from cswork.rates import Reporting, Total


class AccountRow(NamedTuple):
    id: int
    external_id: str
    name: str
    segment: str
    arr_cents: int
    currency: str
    renewal_date: date | None
    health: int | None
    status: str
    csm_id: int | None
    re_manager_id: int | None
    ae_id: int | None
    open_ctas: int
    csm: str
    re_manager: str
    fields: dict[str, str] | None = None  # custom fields: the CRM's Region, Tier...

    @property
    def band(self) -> str | None:
        return health_rules.band(self.health)

    def days_to_renewal(self, today: date) -> int | None:
        return None if self.renewal_date is None else (self.renewal_date - today).days


_BOOK_SQL = """
    SELECT a.id, a.external_id, a.name, a.segment, a.arr_cents, a.currency, a.renewal_date,
           a.health, a.status, a.csm_id, a.re_manager_id, a.ae_id, COALESCE(c.n, 0),
           a.custom_fields
    FROM accounts a
    LEFT JOIN (SELECT account_id, count(*) AS n FROM ctas WHERE status = 'open'
               GROUP BY account_id) c ON c.account_id = a.id
"""
_ONE_ACCOUNT_SQL = """
    SELECT a.id, a.external_id, a.name, a.segment, a.arr_cents, a.currency, a.renewal_date,
           a.health, a.status, a.csm_id, a.re_manager_id, a.ae_id,
           (SELECT count(*) FROM ctas WHERE account_id = a.id AND status = 'open'),
           a.custom_fields
    FROM accounts a WHERE a.id = :account_id
"""


def open_cta_counts(session: Session) -> dict[int, int]:
    """Account id -> its open CTAs (accounts with none are left out). Read through the
    driver's cursor, like ``load_rows``: tens of thousands of rows after a first scan."""
    return dict(
        _raw_rows(
            session,
            "SELECT account_id, count(*) FROM ctas"
            " WHERE status = 'open' AND account_id IS NOT NULL GROUP BY account_id",
        )
    )


def _raw_rows(session: Session, sql: str) -> list[tuple]:
    cursor = session.connection().connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def load_rows(session: Session) -> list[AccountRow]:
    """Every account, with owner names and open CTA counts, in one query.

    This runs at every start-up over the whole book, so it reads through the driver's
    own cursor: SQLAlchemy's row objects would double the time at 100,000 accounts."""
    names = dict(session.execute(text("SELECT id, name FROM people")).all())
    fields: dict[str, dict[str, str]] = {}
    return [_row(r, names, fields) for r in _raw_rows(session, _BOOK_SQL + " ORDER BY a.id")]


def load_row(session: Session, account_id: int) -> AccountRow | None:
    """One account as the book view shows it (after an edit to it)."""
    names = dict(session.execute(text("SELECT id, name FROM people")).all())
    found = session.execute(text(_ONE_ACCOUNT_SQL), {"account_id": account_id}).first()
    return _row(tuple(found), names, {}) if found else None


def _row(r: tuple, names: dict[int, str], fields: dict[str, dict[str, str]]) -> AccountRow:
    renewal = r[6]
    if isinstance(renewal, str):  # SQLite keeps dates as ISO text
        renewal = date.fromisoformat(renewal)
    custom = r[13]
    if isinstance(custom, str):  # SQLite's JSON is text: many rows share one, read once
        custom = (
            fields[custom] if custom in fields else fields.setdefault(custom, json.loads(custom))
        )
    return AccountRow._make(
        (*r[:6], renewal, *r[7:13], names.get(r[9], ""), names.get(r[10], ""), custom or None)
    )


@dataclass(frozen=True)
class ViewContext:
    today: date
    me_id: int | None = None


Predicate = Callable[[AccountRow], bool]


def _my_accounts(ctx: ViewContext) -> Predicate:
    me = ctx.me_id
    return lambda r: me is not None and (r.csm_id == me or r.re_manager_id == me or r.ae_id == me)


def _renewing_in_90_days(ctx: ViewContext) -> Predicate:
    first, last = ctx.today, ctx.today + timedelta(days=90)
    return lambda r: (
        r.status == "active" and r.renewal_date is not None and first <= r.renewal_date <= last
    )


def _at_risk(ctx: ViewContext) -> Predicate:
    worst_yellow = health_rules.YELLOW_MAX  # red or yellow band
    return lambda r: r.status == "active" and r.health is not None and r.health <= worst_yellow


# Each saved view makes a row test for the day and the user; None means every account.
SAVED_VIEWS: dict[str, Callable[[ViewContext], Predicate] | None] = {
    "All accounts": None,
    "My accounts": _my_accounts,
    "Renewing in 90 days": _renewing_in_90_days,
    "At risk": _at_risk,
    "Strategic": lambda ctx: lambda r: r.segment == "strategic",
}


def search_key(row: AccountRow) -> str:
    """What the quick filter looks in: name, owners, segment, external id and the
    custom fields' values (one line)."""
    text = f"{row.name}\x1f{row.csm}\x1f{row.re_manager}\x1f{row.segment}\x1f{row.external_id}"
    if row.fields:
        text += "\x1f" + "\x1f".join(row.fields.values())
    return text.lower().replace("\n", " ")


FIELD_COLUMN = "field:"  # a custom field's column: "field:Region"


def field_column(name: str) -> str:
    return FIELD_COLUMN + name


def field_value(row: AccountRow, column: str) -> str:
    """A custom field's value in a row ("" when it has none), by its column."""
    return row.fields.get(column[len(FIELD_COLUMN) :], "") if row.fields else ""


def sort_key(column: str) -> Callable[[AccountRow], object]:
    """How rows sort by ``column``: one of SORT_KEYS, or a custom field's column
    (by its text, ignoring case)."""
    if column.startswith(FIELD_COLUMN):
        return lambda r: field_value(r, column).lower() or None
    return SORT_KEYS[column]


@dataclass(frozen=True)
class Selection:
    """Row numbers in display order and their search texts in the same order.

    The texts are fresh copies laid out in that order, so a keystroke reads them front
    to back: reading the book's texts in sorted order instead jumps about in memory and
    takes three times as long at 100,000 rows."""

    rows: list[int]
    texts: list[str]

    def __len__(self) -> int:
        return len(self.rows)


# Sort keys per column; rows without a value sort last in either direction.
SORT_KEYS: dict[str, Callable[[AccountRow], object]] = {
    "name": lambda r: r.name.lower(),
    "segment": lambda r: r.segment,
    "arr": lambda r: r.arr_cents,
    # A churned account has no renewal ahead: it sorts with the rows without a date.
    "renewal_date": lambda r: r.renewal_date if r.status == "active" else None,
    "days_to_renewal": lambda r: r.renewal_date if r.status == "active" else None,
    "health": lambda r: r.health,
    "csm": lambda r: r.csm.lower() or None,
    "re_manager": lambda r: r.re_manager.lower() or None,
}


# The reporting currency and the rates of one day, for the book's ARR sort and total:
# each account is still shown in its own currency.
BookMoney = Reporting


def book_money(session: Session, today: date) -> Reporting:
    """The rates the book view needs, read once with the book."""
    return Reporting.load(session, today)


class BookIndex:
    """The rows and what makes them quick to narrow and order: the quick filter's
    search text per row, and per column the whole book in sorted order, built once
    (``presort`` columns with the index, off the GUI thread; others on first use).

    Views, filters and sorts take and return lists of row numbers."""

    def __init__(
        self,
        rows: Sequence[AccountRow],
        presort: Sequence[str] = (),
        money: BookMoney | None = None,
    ) -> None:
        self.rows = list(rows)
        # ARR sorts by its value in the reporting currency (€600 is not $600); without
        # rates (a book in one currency), by the amount.
        self.money = money
        self.search_keys = [search_key(r) for r in self.rows]
        # Open CTAs per row, apart from the rows: counts change with every CTA worked,
        # and a list entry is cheap to replace where a row tuple is not.
        self.open_ctas = [r.open_ctas for r in self.rows]
        self._orders: dict[str, tuple[list[int], list[int]]] = {}
        # Per currency, each row's ARR or 0: a total is then one C-speed sum. Built here,
        # off the GUI thread, with the rest of the index.
        self._arr_by_currency = {
            c: [r.arr_cents if r.currency == c else 0 for r in self.rows]
            for c in {r.currency for r in self.rows}
        }
        self._book_arr = {c: sum(arr) for c, arr in self._arr_by_currency.items() if sum(arr)}
        self._field_names = {name for r in self.rows if r.fields for name in r.fields}
        for column in presort:
            self._order(column)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def field_names(self) -> list[str]:
        """Every custom field some account in the book has, by name (for the columns)."""
        return sorted(self._field_names, key=str.lower)

    def view(self, name: str, ctx: ViewContext) -> list[int]:
        make_rule = SAVED_VIEWS[name]
        if make_rule is None:
            return list(range(len(self.rows)))
        rule = make_rule(ctx)
        return [i for i, row in enumerate(self.rows) if rule(row)]

    def select(self, order: Sequence[int]) -> Selection:
        rows = list(order)
        if not rows:
            return Selection([], [])
        return Selection(rows, "\n".join(map(self.search_keys.__getitem__, rows)).split("\n"))

    @staticmethod
    def filter(selection: Selection, needle: str) -> Selection:
        """The rows of ``selection`` whose search text holds every word typed."""
        rows, texts = selection.rows, selection.texts
        for word in needle.lower().split():
            # compress/map keep the loop in C: a keystroke over 100,000 rows stays instant.
            hits = list(map(str.__contains__, texts, repeat(word)))
            rows, texts = list(compress(rows, hits)), list(compress(texts, hits))
        return Selection(rows, texts)

    def sort(self, order: Sequence[int], column: str, descending: bool = False) -> list[int]:
        """The rows of ``order`` by ``column``; rows without a value last either way.

        Picks the rows out of the column's sorted book rather than sorting them again,
        so re-sorting 100,000 rows costs one pass."""
        present, missing = self._order(column)
        if len(order) != len(self.rows):
            wanted = bytearray(len(self.rows))
            for i in order:
                wanted[i] = 1
            present = [i for i in present if wanted[i]]
            missing = [i for i in missing if wanted[i]]
        return (present[::-1] if descending else present) + missing

    def _order(self, column: str) -> tuple[list[int], list[int]]:
        cached = self._orders.get(column)
        if cached is None:
            if column == "open_ctas":
                keys = list(self.open_ctas)
            elif column == "arr" and self.money is not None:
                # A billion units of each currency converted: an exact enough order.
                factors = {c: self.money.convert(10**9, c) for c in self._arr_by_currency}
                keys = [
                    None if (f := factors[r.currency]) is None else r.arr_cents * f
                    for r in self.rows
                ]
            else:
                keys = list(map(sort_key(column), self.rows))
            present = [i for i, k in enumerate(keys) if k is not None]
            present.sort(key=keys.__getitem__)
            missing = [i for i, k in enumerate(keys) if k is None]
            cached = self._orders[column] = (present, missing)
        return cached

    def open_cta_changes(self, counts: dict[int, int]) -> dict[int, int]:
        """Row number -> new open-CTA count, for the rows whose count differs from
        ``counts`` (account id -> count). Reads only: a worker thread can work it out."""
        now = self.open_ctas
        return {
            i: counts.get(row.id, 0)
            for i, row in enumerate(self.rows)
            if now[i] != counts.get(row.id, 0)
        }

    def replace_row(self, row: AccountRow) -> int | None:
        """Take a fresh copy of one account (after an edit); returns its row number.

        Its search text and open-CTA count follow; the sorted orders of the columns whose
        value changed are dropped, to be built again on the next sort by them."""
        number = next((i for i, r in enumerate(self.rows) if r.id == row.id), None)
        if number is None:
            return None
        old = self.rows[number]
        for column, key in SORT_KEYS.items():
            if key(old) != key(row):
                self._orders.pop(column, None)
        if old.fields != row.fields:
            for column in [c for c in self._orders if c.startswith(FIELD_COLUMN)]:
                del self._orders[column]
            self._field_names.update(row.fields or ())
        if self.open_ctas[number] != row.open_ctas:
            self._orders.pop("open_ctas", None)
        self.rows[number] = row
        self.search_keys[number] = search_key(row)
        self.open_ctas[number] = row.open_ctas
        return number

    def apply_open_cta_changes(self, changes: dict[int, int]) -> None:
        for i, count in changes.items():
            self.open_ctas[i] = count
        if changes:
            self._orders.pop("open_ctas", None)

    def arr_by_currency(self, order: Sequence[int]) -> dict[str, int]:
        """Total ARR in cents per currency: amounts in different currencies are never added."""
        if len(order) == len(self.rows):  # the whole book: totalled with the index
            return dict(self._book_arr)
        totals = {c: sum(map(arr.__getitem__, order)) for c, arr in self._arr_by_currency.items()}
        return {c: cents for c, cents in totals.items() if cents}

    def arr_total(self, order: Sequence[int]) -> Total | None:
        """The ARR of ``order`` in the reporting currency, with its per-currency parts and
        any missing rate; None without rates."""
        if self.money is None:
            return None
        return self.money.total(self.arr_by_currency(order))


def jump_matches(rows: Sequence[AccountRow], needle: str, limit: int = 50) -> list[int]:
    """Accounts for Ctrl+K: names starting with what was typed first, then names
    containing it, then external ids; alphabetical within each."""
    needle = needle.strip().lower()
    if not needle:
        return []
    starts, contains = [], []
    for i, row in enumerate(rows):
        name = row.name.lower()
        if name.startswith(needle):
            starts.append(i)
        elif needle in name or needle in row.external_id.lower():
            contains.append(i)
    by_name = lambda i: rows[i].name.lower()  # noqa: E731
    return (sorted(starts, key=by_name) + sorted(contains, key=by_name))[:limit]
