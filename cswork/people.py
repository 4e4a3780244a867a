"""The team: finding people by email or name, as owner columns name them."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cswork.enums import PersonRole
from cswork.models import Person


def all_people(session: Session) -> list[Person]:
    return list(session.scalars(select(Person).order_by(Person.name)))


def find_person(session: Session, email_or_name: str) -> Person | None:
    """Match by email first (case-insensitive), then by exact name, ignoring case."""
    needle = email_or_name.strip()
    if not needle:
        return None
    person = session.scalar(select(Person).where(func.lower(Person.email) == needle.lower()))
    if person is None:
        person = session.scalar(
            select(Person).where(func.lower(Person.name) == needle.lower()).order_by(Person.id)
        )
    return person


class PersonError(ValueError):
    pass


def add_person(
    session: Session, name: str, role: PersonRole, email: str | None = None, team: str | None = None
) -> Person:
    email = (email or "").strip().lower() or None
    if not name.strip():
        raise PersonError("A person needs a name.")
    if email and session.scalar(select(Person.id).where(func.lower(Person.email) == email)):
        raise PersonError(f"Someone in the book already has the email {email}.")
    person = Person(name=name.strip(), role=role, email=email, team=team)
    session.add(person)
    session.flush()
    return person
