"""Creating an account and changing any of its fields, from what a user types.

Values come as text, field name -> text ({"segment": "high-touch", "arr": "€120,000"}),
and are read by the import's own parsers (importing.account_fields) and checked by the
import's rules: a parent in the book and no loop of parents, a renewal date not before
the contract start, owners who are in the book. Every bad field is refused at once
(``AccountEditError.problems``), and nothing is written.

A field's name is its name here (``renewal_date``) or any name a CRM gives the column
("Contract End Date", "Account Owner"). A custom field (a CRM column we have no field
for, kept in ``accounts.custom_fields``) is named ``field.<Name>`` ("field.Region"), so
that a misspelt field is refused rather than kept as a custom field; an empty value
removes it. Edits return the columns' old and new values, so they can be undone."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cswork.audit import check_versions
from cswork.importing.account_fields import ACCOUNT_FIELDS
from cswork.importing.accounts import NEW_ACCOUNT
from cswork.importing.checking import book_formats
from cswork.importing.values import (
    Formats,
    ValueProblem,
    parse_person,
    parse_text,
)
from cswork.models import Account, Person
from cswork.money import CURRENCY_SYMBOLS, cents_to_decimal, format_money
from cswork.opportunities import ensure_renewal_opportunities
from cswork.people import find_person

CUSTOM_PREFIX = "field."
_CURRENCY_BY_SYMBOL = {symbol: code for code, symbol in CURRENCY_SYMBOLS.items()}


@dataclass(frozen=True)
class EditField:
    name: str  # what the user types (--set NAME=...)
    column: str  # the accounts column it fills
    parse: Callable[[str, Formats], Any]
    can_be_empty: bool = True  # an empty text clears it


def _import_parser(name: str) -> Callable[[str, Formats], Any]:
    return ACCOUNT_FIELDS.get(name).parse  # type: ignore[union-attr]


def _person(text: str, _formats: Formats) -> str:
    return parse_person(text)  # the email or name; resolved against the book later


EDIT_FIELDS = [
    EditField("name", "name", _import_parser("name"), can_be_empty=False),
    EditField("segment", "segment", _import_parser("segment"), can_be_empty=False),
    EditField("industry", "industry", _import_parser("industry")),
    EditField("parent", "parent_id", lambda text, _: parse_text(text, 100)),
    EditField("arr", "arr_cents", _import_parser("arr"), can_be_empty=False),
    EditField("currency", "currency", _import_parser("currency"), can_be_empty=False),
    EditField("licenses", "licenses", _import_parser("licenses"), can_be_empty=False),
    EditField("licenses_used", "licenses_used", _import_parser("licenses_used"), False),
    EditField("contract_start", "contract_start", _import_parser("contract_start")),
    EditField("renewal_date", "renewal_date", _import_parser("renewal_date")),
    EditField("term_months", "term_months", _import_parser("term_months")),
    EditField("auto_renew", "auto_renew", _import_parser("auto_renew"), can_be_empty=False),
    EditField("status", "status", _import_parser("status"), can_be_empty=False),
    EditField("csm", "csm_id", _person),
    EditField("re_manager", "re_manager_id", _person),
    EditField("ae", "ae_id", _person),
    EditField("customer_since", "customer_since", _import_parser("customer_since")),
]
FIELDS_BY_NAME = {field.name: field for field in EDIT_FIELDS}
# The import's names that differ from ours.
ALIASES = {"parent_external_id": "parent", "term": "term_months"}
PERSON_FIELDS = {"csm", "re_manager", "ae"}


class AccountEditError(ValueError):
    """Values refused: ``problems`` holds (field, message) for every bad field."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{name}: {message}" for name, message in problems))


@dataclass(frozen=True)
class FieldChange:
    field: str  # the edit's name: "segment", "field.Region"
    old: str  # as text, as people read it ("" for nothing)
    new: str


@dataclass(frozen=True)
class AccountEdit:
    """What an edit did: the columns' values before and after, for undo."""

    account_id: int
    external_id: str
    before: dict[str, Any]
    after: dict[str, Any]
    changes: list[FieldChange]


def edit_field(name: str) -> EditField | None:
    """The field a user means by ``name``: ours, or a CRM's header for it."""
    key = name.strip()
    if key.lower() in FIELDS_BY_NAME:
        return FIELDS_BY_NAME[key.lower()]
    if key.lower() in ALIASES:
        return FIELDS_BY_NAME[ALIASES[key.lower()]]
    matched = ACCOUNT_FIELDS.match(key)
    if matched is not None:
        return FIELDS_BY_NAME.get(ALIASES.get(matched.name, matched.name))
    return None


def _is_external_id(name: str) -> bool:
    matched = ACCOUNT_FIELDS.match(name)
    return matched is not None and matched.name == "external_id"


def _unknown_field(name: str) -> str:
    close = difflib.get_close_matches(name.lower(), FIELDS_BY_NAME, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return (
        f"'{name}' is not an account field ({hint}fields: {', '.join(FIELDS_BY_NAME)}); "
        f"to set a custom field, name it {CUSTOM_PREFIX}{name}"
    )


# --- reading what the user typed -------------------------------------------------------


def _read(
    session: Session, account: Account | None, values: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, str | None], list[tuple[str, str]]]:
    """The typed values as column values, the custom fields given, and the problems."""
    formats = replace(book_formats(session), by_hand=True)
    columns: dict[str, Any] = {}
    custom: dict[str, str | None] = {}
    problems: list[tuple[str, str]] = []
    shown: dict[str, str] = {}  # column -> the name the user gave it, for messages
    for name, raw in values.items():
        text = (raw or "").strip()
        if name.startswith(CUSTOM_PREFIX) and len(name) > len(CUSTOM_PREFIX):
            custom[name[len(CUSTOM_PREFIX) :].strip()] = text or None
            continue
        if _is_external_id(name):
            if account is not None:
                problems.append(
                    (name, "the external id is how the account is found; it cannot change")
                )
            continue  # a new account's, read by create_account
        field = edit_field(name)
        if field is None:
            problems.append((name, _unknown_field(name)))
            continue
        shown[field.column] = name
        if not text:
            if field.can_be_empty:
                columns[field.column] = None
            else:
                problems.append((name, f"is empty, and every account needs a {field.name}"))
            continue
        try:
            value = field.parse(text, formats)
        except ValueProblem as problem:
            problems.append((name, problem.message))
            continue
        if field.name in PERSON_FIELDS:
            person = find_person(session, value)
            if person is None:
                problems.append(
                    (name, f"nobody in the book is '{value}' (add them with people add)")
                )
                continue
            held = account is not None and getattr(account, field.column) == person.id
            if not person.active and not held:  # keeping a leaver is fine; choosing one is not
                problems.append(
                    (
                        name,
                        f"{person.name} has left the team: choose someone on it, or "
                        "reactivate them in Settings ▸ People",
                    )
                )
                continue
            value = person.id
        elif field.name == "parent":
            value = _parent_id(session, account, value, problems, name)
            if value is None:
                continue
        elif field.name == "arr":
            _money_in_currency(text, account, values, columns, problems, name)
        columns[field.column] = value
    _check_dates(account, columns, problems, shown)
    return columns, custom, problems


def _parent_id(
    session: Session,
    account: Account | None,
    external_id: str,
    problems: list[tuple[str, str]],
    name: str,
) -> int | None:
    """The parent's id: an account in the book, not this one, and not below it."""
    parent = session.scalar(select(Account).where(Account.external_id == external_id))
    if account is not None and external_id == account.external_id:
        problems.append((name, "an account cannot be its own parent"))
        return None
    if parent is None:
        problems.append((name, f"'{external_id}' is not an account in the book"))
        return None
    if account is not None:
        above, seen = parent, set()
        while above is not None and above.id not in seen:
            if above.id == account.id:
                problems.append((name, f"'{external_id}' would make a loop of parent accounts"))
                return None
            seen.add(above.id)
            above = above.parent
    return parent.id


def _money_in_currency(
    text: str,
    account: Account | None,
    values: Mapping[str, str],
    columns: dict[str, Any],
    problems: list[tuple[str, str]],
    name: str,
) -> None:
    """An amount written with its currency ('€120,000', 'EUR 120,000') must be in the
    account's currency; a new account with no currency given takes it."""
    written = _currency_written(text)
    if written is None:
        return
    given = next((v for k, v in values.items() if edit_field(k) is FIELDS_BY_NAME["currency"]), "")
    if given.strip():
        currency = given.strip().upper()
        currency = _CURRENCY_BY_SYMBOL.get(currency, currency)
    elif account is None:
        columns.setdefault("currency", written if written != "$" else "USD")
        return
    else:
        currency = account.currency
    dollars = written == "$" and currency in ("USD", "CAD", "AUD")
    if written != currency and not dollars:
        shown = "dollars" if written == "$" else written
        problems.append(
            (
                name,
                f"'{text}' is in {shown}, but the account's currency is {currency}: "
                f"give the amount in {currency}, or set currency too",
            )
        )


def _currency_written(text: str) -> str | None:
    """The currency an amount names: 'EUR' for '€120,000' or '120,000 EUR', '$' for
    dollars of any kind, None for a bare number."""
    for symbol, code in _CURRENCY_BY_SYMBOL.items():
        if len(symbol) == 1 and symbol in text:
            return "$" if symbol == "$" else code
    letters = [word for word in text.replace(",", " ").split() if word.isalpha()]
    if letters and len(letters[0]) == 3:
        return letters[0].upper()
    return None


def _check_dates(
    account: Account | None,
    columns: dict[str, Any],
    problems: list[tuple[str, str]],
    shown: dict[str, str],
) -> None:
    """The renewal (contract end) is not before the contract start; an edit may bring
    one date, the other is then the account's."""
    if "contract_start" not in columns and "renewal_date" not in columns:
        return
    start = columns.get("contract_start", account.contract_start if account else None)
    end = columns.get("renewal_date", account.renewal_date if account else None)
    if start and end and end < start:
        blamed = "renewal_date" if "renewal_date" in columns else "contract_start"
        problems.append(
            (shown[blamed], f"the renewal date {end} is before the contract start {start}")
        )


# --- writing ---------------------------------------------------------------------------


def update_account(
    session: Session,
    account_id: int,
    values: Mapping[str, str],
    *,
    expected_version: int | None = None,
) -> AccountEdit:
    """Change the fields given; AccountEditError lists every bad one, and StaleEdit
    says who saved the account since ``expected_version`` was read."""
    if expected_version is not None:
        check_versions(session, {(Account, account_id): expected_version})
    account = session.get(Account, account_id)
    if account is None:
        raise AccountEditError([("account", f"there is no account with id {account_id}")])
    columns, custom, problems = _read(session, account, values)
    if problems:
        raise AccountEditError(problems)
    if custom:
        columns["custom_fields"] = _merged(account.custom_fields, custom)
    before = {column: getattr(account, column) for column in columns}
    changed = {column: value for column, value in columns.items() if before[column] != value}
    edit = AccountEdit(
        account.id,
        account.external_id,
        {column: before[column] for column in changed},
        changed,
        _described(session, account, {c: before[c] for c in changed}, changed),
    )
    for column, value in changed.items():
        setattr(account, column, value)
    session.flush()
    _renewal_follows(session, changed)
    return edit


# An account given a renewal date (or made active again) has its renewal opportunity
# at once, and a generated one moves with the date: not only at the next scan.
_RENEWAL_COLUMNS = {"renewal_date", "status"}


def _renewal_follows(session: Session, columns: Mapping[str, Any]) -> None:
    if _RENEWAL_COLUMNS & set(columns):
        ensure_renewal_opportunities(session)


def create_account(session: Session, values: Mapping[str, str], today: date) -> AccountEdit:
    """A new account: external_id and name are required; the rest as the import's
    defaults (low-touch, USD, active). It enters the book today; a customer since its
    contract start, or today."""
    problems: list[tuple[str, str]] = []
    external_id = next((text.strip() for key, text in values.items() if _is_external_id(key)), "")
    if not external_id:
        problems.append(("external_id", "is empty, and every account needs one"))
    elif len(external_id) > 100:
        problems.append(("external_id", "is longer than 100 characters"))
    elif session.scalar(select(Account.id).where(Account.external_id == external_id)):
        problems.append(("external_id", f"'{external_id}' is already an account in the book"))
    if not any(edit_field(key) is FIELDS_BY_NAME["name"] for key in values):
        problems.append(("name", "is empty, and every account needs a name"))
    columns, custom, more = _read(session, None, values)
    problems += more
    if problems:
        raise AccountEditError(problems)
    row = {**NEW_ACCOUNT, **columns, "external_id": external_id}
    row["customer_since"] = row.get("customer_since") or row.get("contract_start") or today
    row["custom_fields"] = _merged(None, custom) if custom else None
    account = Account(**row, entered_book_on=today)
    session.add(account)
    session.flush()
    _renewal_follows(session, row)
    after = {column: getattr(account, column) for column in row}
    return AccountEdit(
        account.id,
        external_id,
        {},
        after,
        _described(session, account, dict.fromkeys(after), after),
    )


def restore_account(session: Session, account_id: int, before: Mapping[str, Any]) -> None:
    """Put back the columns an edit changed (its ``before``): an undo."""
    account = session.get(Account, account_id)
    if account is None:
        raise AccountEditError([("account", f"there is no account with id {account_id}")])
    for column, value in before.items():
        setattr(account, column, dict(value) if isinstance(value, dict) else value)
    session.flush()
    _renewal_follows(session, before)


def remove_new_account(session: Session, account_id: int) -> None:
    """Take back a new account (an undo of its creation). Removed by a statement the
    audit trail does not see: its entries go with it (they belong to the account), and
    an entry saying it was removed would name an account that is gone."""
    account = session.get(Account, account_id)
    if account is not None:
        session.expunge(account)
        session.execute(delete(Account).where(Account.id == account_id))


def _merged(stored: dict[str, str] | None, given: dict[str, str | None]) -> dict[str, str] | None:
    """The custom fields with the given ones set (None removes one); a new dict, so the
    change is seen and saved."""
    merged = dict(stored or {})
    for name, text in given.items():
        if text is None:
            merged.pop(name, None)
        else:
            merged[name] = text
    return merged or None


# --- as text ---------------------------------------------------------------------------


def account_values(session: Session, account_id: int) -> dict[str, str]:
    """The account's fields as a user would type them (what an edit form starts from):
    each field by its edit name, custom fields as ``field.<Name>``."""
    account = session.get(Account, account_id)
    if account is None:
        raise AccountEditError([("account", f"there is no account with id {account_id}")])
    values = {"external_id": account.external_id}
    for field in EDIT_FIELDS:
        values[field.name] = _typed(session, account, field.column, getattr(account, field.column))
    for name, text in (account.custom_fields or {}).items():
        values[CUSTOM_PREFIX + name] = text
    return values


def _typed(session: Session, account: Account, column: str, value: Any) -> str:
    """A column's value as it is typed back: people by email (or name), money as a
    plain amount, the parent by external id."""
    if value is None:
        return ""
    if column in ("csm_id", "re_manager_id", "ae_id"):
        person = session.get(Person, value)
        return "" if person is None else (person.email or person.name)
    if column == "parent_id":
        parent = session.get(Account, value)
        return "" if parent is None else parent.external_id
    if column == "arr_cents":
        return str(cents_to_decimal(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _shown(session: Session, account: Account, column: str, value: Any) -> str:
    """A value as people read it in "what changed": money with its currency, people by
    name."""
    if value is None:
        return ""
    if column == "arr_cents":
        return format_money(value, account.currency)
    if column in ("csm_id", "re_manager_id", "ae_id"):
        person = session.get(Person, value)
        return "" if person is None else person.name
    return _typed(session, account, column, value)


def _described(
    session: Session, account: Account, before: dict[str, Any], after: dict[str, Any]
) -> list[FieldChange]:
    names = {field.column: field.name for field in EDIT_FIELDS}
    changes = []
    for column, new in after.items():
        old = before.get(column)
        if column == "custom_fields":
            was, now = old or {}, new or {}
            for key in sorted(set(was) | set(now)):
                if was.get(key) != now.get(key):
                    changes.append(
                        FieldChange(CUSTOM_PREFIX + key, was.get(key, ""), now.get(key, ""))
                    )
            continue
        if old == new:
            continue
        changes.append(
            FieldChange(
                names.get(column, column),
                _shown(session, account, column, old),
                _shown(session, account, column, new),
            )
        )
    return changes
