"""Tables out to CSV or XLSX, safely: text that a spreadsheet would run as a formula is
neutralised; numbers stay numbers (money as exact decimals), dates stay dates."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from cswork.money import cents_to_decimal

if TYPE_CHECKING:
    from cswork.ctas import CtaItem

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    pass


def safe_text(value: str) -> str:
    """A text cell a spreadsheet will not run: a leading =, +, -, @, tab or carriage
    return gets an apostrophe in front (OWASP's advice for CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write ``rows`` under ``headers`` as CSV or XLSX (by the file's suffix); returns
    the number of rows written."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _write_csv(path, headers, rows)
    if suffix == ".xlsx":
        return _write_xlsx(path, headers, rows)
    raise ExportError(f"Cannot write {path.name}: choose a .csv or .xlsx file.")


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (int, Decimal)):
        return str(value)
    return safe_text(str(value))


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    # utf-8-sig: Excel reads the accents right; our import reads it back either way.
    with path.open("w", newline="", encoding="utf-8-sig") as file:
        writer = csv.writer(file)
        writer.writerow([safe_text(h) for h in headers])
        for row in rows:
            writer.writerow([_csv_text(v) for v in row])
            count += 1
    return count


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    from openpyxl import Workbook  # loaded when first needed: a second of imports
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Export")

    def cell(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # numbers stay numbers, dates dates
        text_cell = WriteOnlyCell(sheet, value=value)
        text_cell.data_type = "s"  # text, even when it starts with "=": never a formula
        return text_cell

    sheet.append([cell(h) for h in headers])
    count = 0
    for row in rows:
        sheet.append([cell(v) for v in row])
        count += 1
    book.save(path)
    return count


def account_rows(
    session: Session, owner_id: int | None = None, account_ids: Sequence[int] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Every account under the canonical headers (the account import's field names),
    then one column per custom field found (by its name), so the file imports back
    unchanged: money as exact decimals, dates as dates, owners
    by email (or by name when they have none); in external id order, so the same book
    always gives the same file. With ``owner_id``, that person's accounts
    (as CSM, R&E manager or AE); with ``account_ids``, those, in that order (a view as
    the user filtered and sorted it)."""
    from cswork.importing.account_fields import ACCOUNT_FIELDS  # the one list of headers
    from cswork.models import Account, Person

    parent = aliased(Account)
    owners = {role: aliased(Person) for role in ("csm", "re_manager", "ae")}
    query = (
        select(
            Account.id,
            Account.external_id,
            Account.name,
            parent.external_id,
            Account.segment,
            Account.industry,
            Account.arr_cents,
            Account.currency,
            Account.licenses,
            Account.licenses_used,
            Account.contract_start,
            # The day the metrics count the account from: a book from before the
            # field was kept counts from the day the account entered it.
            func.coalesce(Account.customer_since, Account.entered_book_on),
            Account.renewal_date,
            Account.term_months,
            Account.auto_renew,
            Account.status,
            *(func.coalesce(person.email, person.name) for person in owners.values()),
            Account.custom_fields,
        )
        .outerjoin(parent, parent.id == Account.parent_id)
        .outerjoin(owners["csm"], owners["csm"].id == Account.csm_id)
        .outerjoin(owners["re_manager"], owners["re_manager"].id == Account.re_manager_id)
        .outerjoin(owners["ae"], owners["ae"].id == Account.ae_id)
        .order_by(Account.external_id)
    )
    if owner_id is not None:
        query = query.where(
            or_(
                Account.csm_id == owner_id,
                Account.re_manager_id == owner_id,
                Account.ae_id == owner_id,
            )
        )
    by_id = {}
    for row in session.execute(query):
        *values, fields = row[1:]
        values[3], values[14] = values[3].value, values[14].value  # the words, not enums
        values[5] = cents_to_decimal(values[5])
        values[13] = "yes" if values[13] else "no"
        by_id[row[0]] = values, fields or {}
    order = list(by_id) if account_ids is None else [i for i in account_ids if i in by_id]
    # Custom fields after ours, one column each, by name: the same book, the same file.
    names = sorted({name for i in order for name in by_id[i][1]}, key=str.lower)
    rows = [
        values + [fields.get(name) for name in names]
        for values, fields in (by_id[i] for i in order)
    ]
    return ACCOUNT_FIELDS.names + names, rows


def export_accounts(
    session: Session,
    path: Path,
    owner_id: int | None = None,
    account_ids: Sequence[int] | None = None,
) -> int:
    """Write the book's accounts to ``path`` (.csv or .xlsx); returns how many."""
    headers, rows = account_rows(session, owner_id, account_ids)
    return write_table(path, headers, rows)


CTA_HEADERS = ["account_external_id", "account", "type", "reason", "priority", "due_on",
               "status", "snoozed_until", "owner"]  # fmt: skip


def cta_rows(items: Iterable[CtaItem]) -> list[list[Any]]:
    """CTAs as listed (the task pane's order), one row each, under ``CTA_HEADERS``."""
    return [
        [
            item.external_id or "",
            item.account_name,
            item.type,
            item.reason,
            item.priority,
            item.due_on,
            item.status,
            item.snoozed_until,
            item.owner_email or item.owner_name or "",
        ]
        for item in items
    ]
