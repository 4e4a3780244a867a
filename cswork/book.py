"""The book of business as the book view shows it: every account in one fast read,
the saved views, the quick filter and sorting, all without Qt.

At 100,000 accounts every step here runs once per keystroke or click, so rows are
plain tuples read with one SQL query, and filtering and sorting work on lists of row
numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import text
from sqlalchemy.orm import Session

from cswork import health as health_rules


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

    @property
    def band(self) -> str | None:
        return health_rules.band(self.health)

    def days_to_renewal(self, today: date) -> int | None:
        return None if self.renewal_date is None else (self.renewal_date - today).days

    def is_owned_by(self, person_id: int | None) -> bool:
        return person_id is not None and person_id in (self.csm_id, self.re_manager_id, self.ae_id)


_BOOK_SQL = text("""
    SELECT a.id, a.external_id, a.name, a.segment, a.arr_cents, a.currency, a.renewal_date,
           a.health, a.status, a.csm_id, a.re_manager_id, a.ae_id, COALESCE(c.n, 0)
    FROM accounts a
    LEFT JOIN (SELECT account_id, count(*) AS n FROM ctas WHERE status = 'open'
               GROUP BY account_id) c ON c.account_id = a.id
    ORDER BY a.id
""")


def load_rows(session: Session) -> list[AccountRow]:
    """Every account, with owner names and open CTA counts, in one query."""
    names = dict(session.execute(text("SELECT id, name FROM people")).all())
    to_date = date.fromisoformat
    rows = []
    for r in session.execute(_BOOK_SQL):
        renewal = r[6]
        if isinstance(renewal, str):  # SQLite hands back ISO text for a raw query
            renewal = to_date(renewal)
        rows.append(AccountRow(*r[:6], renewal, *r[7:], names.get(r[9], ""), names.get(r[10], "")))
    return rows


@dataclass(frozen=True)
class ViewContext:
    today: date
    me_id: int | None = None


ViewRule = Callable[[AccountRow, ViewContext], bool]


def _renewing_in_90_days(row: AccountRow, ctx: ViewContext) -> bool:
    days = row.days_to_renewal(ctx.today)
    return row.status == "active" and days is not None and 0 <= days <= 90


SAVED_VIEWS: dict[str, ViewRule | None] = {
    "All accounts": None,
    "My accounts": lambda row, ctx: row.is_owned_by(ctx.me_id),
    "Renewing in 90 days": _renewing_in_90_days,
    "At risk": lambda row, ctx: row.status == "active" and row.band in ("red", "yellow"),
    "Strategic": lambda row, ctx: row.segment == "strategic",
}


def search_key(row: AccountRow) -> str:
    """What the quick filter looks in: name, owners, segment, external id."""
    return f"{row.name}\x1f{row.csm}\x1f{row.re_manager}\x1f{row.segment}\x1f{row.external_id}".lower()


def view_rows(rows: Sequence[AccountRow], view: str, ctx: ViewContext) -> list[int]:
    rule = SAVED_VIEWS[view]
    if rule is None:
        return list(range(len(rows)))
    return [i for i, row in enumerate(rows) if rule(row, ctx)]


def filter_rows(keys: Sequence[str], candidates: Sequence[int], needle: str) -> list[int]:
    """Row numbers among ``candidates`` whose search key holds every word typed."""
    words = needle.lower().split()
    if not words:
        return list(candidates)
    if len(words) == 1:
        word = words[0]
        return [i for i in candidates if word in keys[i]]
    return [i for i in candidates if all(w in keys[i] for w in words)]


# Sort keys per column; rows without a value sort last in either direction.
SORT_KEYS: dict[str, Callable[[AccountRow], object]] = {
    "name": lambda r: r.name.lower(),
    "segment": lambda r: r.segment,
    "arr": lambda r: r.arr_cents,
    "renewal_date": lambda r: r.renewal_date,
    "days_to_renewal": lambda r: r.renewal_date,  # same order as the date
    "health": lambda r: r.health,
    "csm": lambda r: r.csm.lower() or None,
    "re_manager": lambda r: r.re_manager.lower() or None,
    "open_ctas": lambda r: r.open_ctas,
}


def sort_rows(
    rows: Sequence[AccountRow], order: Sequence[int], column: str, descending: bool = False
) -> list[int]:
    key = SORT_KEYS[column]
    keyed = [(key(rows[i]), i) for i in order]
    present = [pair for pair in keyed if pair[0] is not None]
    missing = [i for value, i in keyed if value is None]
    present.sort(reverse=descending)
    return [i for _, i in present] + missing


def total_arr_cents(rows: Sequence[AccountRow], order: Sequence[int]) -> int:
    return sum(rows[i].arr_cents for i in order)
