"""Importing contacts: the customer's people, each under an account already in the book.

A contact has no id of the CRM's in the book, so a re-import finds the contact it
updates within its account: by email first, then by name (ignoring case), where the
stored contact has no other email. Re-importing the same file updates every contact
and adds none. A name comes from a name column, or from first and last name columns."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cswork.enums import ContactRole, Sentiment
from cswork.importing.checking import (
    ACCOUNT_REFERENCE,
    FileCheck,
    FirstRows,
    RowCheck,
    book_accounts,
    check_rows,
    find_account,
)
from cswork.importing.fields import (
    Columns,
    Field,
    FieldSet,
    choice_field,
    read_date,
    text_up_to,
)
from cswork.importing.report import Cancelled, ImportReport, Problem, Progress, tick
from cswork.importing.running import Importer, run_import
from cswork.importing.tables import ImportFileError, Table
from cswork.importing.values import Formats, parse_email, restore_text
from cswork.importing.writing import write_rows
from cswork.models import Contact
from cswork.models.base import utcnow
from cswork.store import Book

ROLE_ALIASES = {
    "sponsor": "executive sponsor",
    "execsponsor": "executive sponsor",
    "executive": "executive sponsor",
    "economicbuyer": "decision maker",
    "buyer": "decision maker",
    "dm": "decision maker",
    "enduser": "user",
    "admin": "user",
    "poweruser": "user",
}
SENTIMENT_ALIASES = {
    "promoter": "positive",
    "happy": "positive",
    "passive": "neutral",
    "detractor": "negative",
    "unhappy": "negative",
}

CONTACT_FIELDS = FieldSet(
    "contact",
    [
        ACCOUNT_REFERENCE,
        Field("name", text_up_to(200), synonyms=("Full Name", "Contact Name", "Name", "Contact")),
        Field("first_name", text_up_to(100), synonyms=("First Name", "Given Name")),
        Field("last_name", text_up_to(100), synonyms=("Last Name", "Surname", "Family Name")),
        Field("title", text_up_to(200), synonyms=("Title", "Job Title", "Position")),
        Field(
            "email",
            lambda text, _: parse_email(restore_text(text)),
            synonyms=("Email", "Email Address", "E-mail", "Work Email", "Contact Email"),
        ),
        Field(
            "phone",
            text_up_to(50),
            synonyms=("Phone", "Phone Number", "Work Phone", "Business Phone", "Mobile"),
        ),
        choice_field(
            "role",
            ContactRole,
            ROLE_ALIASES,
            repeats=True,
            synonyms=("Role", "Contact Role", "Buying Role", "Persona"),
        ),
        choice_field(
            "sentiment",
            Sentiment,
            SENTIMENT_ALIASES,
            repeats=True,
            synonyms=("Sentiment", "Relationship", "NPS Category"),
        ),
        Field(
            "left_on",
            read_date,
            dates=True,
            repeats=True,
            synonyms=("Left On", "Left Company On", "Departure Date", "Left Date"),
        ),
        Field("notes", text_up_to(10_000), synonyms=("Notes", "Description")),
    ],
)
NEW_CONTACT = {
    "title": None,
    "email": None,
    "phone": None,
    "role": ContactRole.USER,
    "sentiment": Sentiment.NEUTRAL,
    "left_on": None,
    "notes": None,
}
CONTACTS = Contact.__table__


def check_contacts(
    session: Session,
    table: Table,
    columns: Columns,
    *,
    today: date,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    formats: Formats | None = None,
) -> FileCheck:
    """Read and check every row against the book (reads only)."""
    names = sorted({"name", "first_name", "last_name"} & columns.indexes.keys())
    if not names:
        raise ImportFileError(
            "The file has no name column: name one 'name' or 'Full Name' (or 'First Name' "
            "and 'Last Name'), or map a column to it ('Your Header=name')."
        )
    accounts = book_accounts(session)
    stored = _StoredContacts(session)
    first_rows = FirstRows()
    name_header = columns.header_for(names[0] if "name" not in names else "name")
    email_header = columns.header_for("email")

    def check_row(row: RowCheck) -> None:
        values = row.values
        first, last = values.pop("first_name", None), values.pop("last_name", None)
        if "name" not in values and (first or last):
            values["name"] = " ".join(part for part in (first, last) if part)
        if "name" not in values:
            row.problems.append(
                Problem(row.number, name_header, "is empty, and every contact needs a name")
            )
        account = find_account(row, columns, accounts)
        if account is None or "name" not in values:
            return
        email, name = values.get("email", "").lower(), values["name"].lower()
        key = (account.id, "email", email) if email else (account.id, "name", name)
        header = email_header if email else name_header
        what = f"'{values.get('email') or values['name']}' of account {account.external_id}"
        if not first_rows.is_duplicate(row, key, header, what):
            row.existing_id = stored.find(account.id, email, name)

    rows = check_rows(
        session,
        table,
        columns,
        CONTACT_FIELDS,
        check_row,
        progress=progress,
        cancelled=cancelled,
        formats=formats,
    )
    return FileCheck("contact", columns, rows)


class _StoredContacts:
    """The book's contacts by (account, email) and by (account, name), in one query."""

    def __init__(self, session: Session) -> None:
        self._by_email: dict[tuple[int, str], int] = {}
        self._by_name: dict[tuple[int, str], tuple[int, str | None]] = {}
        query = select(
            Contact.id, Contact.account_id, func.lower(Contact.email), func.lower(Contact.name)
        ).order_by(Contact.id)
        for contact_id, account_id, email, name in session.execute(query):
            if email:
                self._by_email.setdefault((account_id, email), contact_id)
            self._by_name.setdefault((account_id, name), (contact_id, email))

    def find(self, account_id: int, email: str, name: str) -> int | None:
        """The contact a row updates: same email, else same name and no other email."""
        if email and (account_id, email) in self._by_email:
            return self._by_email[(account_id, email)]
        contact_id, stored_email = self._by_name.get((account_id, name), (None, None))
        if email and stored_email and stored_email != email:
            return None  # a namesake with another email: someone else
        return contact_id


def write_contacts(
    session: Session,
    check: FileCheck,
    *,
    today: date,
    valid_rows_only: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Write what ``check`` found valid: nothing when a row was refused, unless
    ``valid_rows_only``. On ImportCancelled the caller rolls back."""
    report = ImportReport.of_check("contact", check, valid_rows_only)
    if report.writes_nothing:
        return report
    rows = check.valid_rows

    def step(done: int) -> None:
        tick(done, len(rows), progress, cancelled)

    now = utcnow()
    new = [NEW_CONTACT | row.values | {"created_at": now} for row in rows if not row.existing_id]
    write_rows(session, CONTACTS, rows, new, report, step)
    step(len(rows))
    return report


CONTACTS_IMPORT = Importer(
    entity="contacts",
    noun="contact",
    fields=CONTACT_FIELDS,
    check=check_contacts,
    write=write_contacts,
)


def import_contacts(book: Book, source: Any, **options: Any) -> ImportReport:
    """Import a CRM's contact file (see the module's docstring); like import_accounts."""
    return run_import(book, CONTACTS_IMPORT, source, **options)
