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


def add_person(
    session: Session, name: str, role: PersonRole, email: str | None = None, team: str | None = None
) -> Person:
    person = Person(name=name.strip(), role=role, email=(email or "").strip().lower() or None,
                    team=team)
    session.add(person)
    session.flush()
    return person
