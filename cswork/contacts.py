"""The customer's people: champions, sponsors, decision makers, users.

A champion or executive sponsor who leaves (``left_on``) is a risk the alert scan
raises. Edits return what the record held before, for undo."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.enums import ContactRole, Sentiment
from cswork.models import Account, Contact

CONTACT_FIELDS = {"name", "title", "email", "phone", "role", "sentiment", "left_on", "notes"}


class ContactError(ValueError):
    pass


def contacts_of(session: Session, account_id: int) -> list[Contact]:
    """Current contacts first (by role, then name), those who left last."""
    order = {role: i for i, role in enumerate(ContactRole)}
    found = list(session.scalars(select(Contact).where(Contact.account_id == account_id)))
    return sorted(found, key=lambda c: (c.left_on is not None, order[c.role], c.name.lower()))


def _check(fields: dict) -> dict:
    if "name" in fields and not str(fields["name"]).strip():
        raise ContactError("A contact needs a name.")
    if "role" in fields:
        fields["role"] = ContactRole(fields["role"])
    if "sentiment" in fields:
        fields["sentiment"] = Sentiment(fields["sentiment"])
    if fields.get("email"):
        email = str(fields["email"]).strip()
        if "@" not in email:
            raise ContactError(f"'{email}' is not an email address.")
        fields["email"] = email
    unknown = set(fields) - CONTACT_FIELDS
    if unknown:
        raise ContactError(f"Cannot set {', '.join(sorted(unknown))} on a contact.")
    return fields


def add_contact(session: Session, account_id: int, **fields) -> int:
    if session.get(Account, account_id) is None:
        raise ContactError(f"There is no account with id {account_id}.")
    contact = Contact(account_id=account_id, **_check({"name": "", **fields}))
    session.add(contact)
    session.flush()
    return contact.id


def update_contact(session: Session, contact_id: int, **fields) -> dict:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise ContactError(f"There is no contact with id {contact_id}.")
    fields = _check(fields)
    before = {name: getattr(contact, name) for name in fields}
    for name, value in fields.items():
        setattr(contact, name, value)
    session.flush()
    return before


def delete_contact(session: Session, contact_id: int) -> dict:
    """Delete; returns what ``add_contact`` needs to bring it back."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise ContactError(f"There is no contact with id {contact_id}.")
    kept = {name: getattr(contact, name) for name in CONTACT_FIELDS}
    kept["account_id"] = contact.account_id
    session.delete(contact)
    session.flush()
    return kept
