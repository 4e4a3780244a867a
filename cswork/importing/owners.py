"""Owner columns (CSM, R&E manager, AE) name people by email or by name.

Checking a file finds each distinct owner once and plans the people it must create
without writing anything; the write step adds them. A person named twice in one file
(even once by email and once by name) is created once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.orm import Session

from cswork.enums import PersonRole
from cswork.importing.values import name_from_email
from cswork.models import Person
from cswork.people import find_person


@dataclass(eq=False)  # one object per person to create: compared by identity
class NewPerson:
    name: str
    role: PersonRole
    email: str | None = None


Owner = int | NewPerson  # a person already in the book (their id), or one to create


class Owners:
    """Resolves owner texts to people for one import, each distinct text once."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._resolved: dict[str, Owner] = {}
        self._new_by_email: dict[str, NewPerson] = {}
        self._new_by_name: dict[str, NewPerson] = {}

    def resolve(self, email_or_name: str, role: PersonRole) -> Owner:
        owner = self._resolved.get(email_or_name)
        if owner is None:
            person = find_person(self._session, email_or_name)
            owner = person.id if person is not None else self._plan(email_or_name.strip(), role)
            self._resolved[email_or_name] = owner
        return owner

    def _plan(self, email_or_name: str, role: PersonRole) -> NewPerson:
        if "@" not in email_or_name:
            key = email_or_name.lower()
            if key not in self._new_by_name:
                self._new_by_name[key] = NewPerson(email_or_name, role)
            return self._new_by_name[key]
        email = email_or_name.lower()
        if email in self._new_by_email:
            return self._new_by_email[email]
        name = name_from_email(email)
        person = self._new_by_name.get(name.lower())
        if person is not None and person.email is None:
            person.email = email  # 'Jane Doe' came first; 'jane.doe@x.com' is her
        else:
            person = NewPerson(name, role, email)
            self._new_by_name.setdefault(name.lower(), person)
        self._new_by_email[email] = person
        return person


def add_people(session: Session, people: Iterable[NewPerson]) -> dict[NewPerson, int]:
    """Create the planned people; returns each one's new id."""
    people = list(people)
    if not people:
        return {}
    ids = session.scalars(
        insert(Person).returning(Person.id, sort_by_parameter_order=True),
        [{"name": p.name, "email": p.email, "role": p.role} for p in people],
    ).all()
    return dict(zip(people, ids, strict=True))
