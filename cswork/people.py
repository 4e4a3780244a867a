"""The team: finding people by email or name, as owner columns name them."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cswork.enums import PersonRole
from cswork.models import Person
from cswork.server import current_login


def all_people(session: Session) -> list[Person]:
    return list(session.scalars(select(Person).order_by(Person.name)))


def find_person(session: Session, email_or_name: str) -> Person | None:
    """Match by email first (case-insensitive), then by exact name, ignoring case;
    "me" is whoever this connection's login belongs to."""
    needle = email_or_name.strip()
    if not needle:
        return None
    if needle.lower() == "me":
        return me_by_login(session)
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


def me_by_login(session: Session) -> Person | None:
    """The person this connection logs in as: on a team book, the server's user name
    (each person connects as themselves); on a laptop book, the computer's."""
    login = current_login(session.connection())
    return session.scalar(select(Person).where(Person.login == login))


def claim_login(session: Session, person_id: int) -> None:
    """Remember that this connection's login is this person, so the app knows "me" on
    any computer next time. A login names one person: whoever had it loses it."""
    login = current_login(session.connection())
    for holder in session.scalars(select(Person).where(Person.login == login)):
        if holder.id != person_id:
            holder.login = None
    session.flush()
    person = session.get(Person, person_id)
    if person is None:
        raise PersonError(f"There is no person with id {person_id}.")
    person.login = login


def person_exists(session: Session, person_id: int) -> bool:
    return session.get(Person, person_id) is not None


def names_by_id(session: Session) -> dict[int, str]:
    return {person_id: name for person_id, name in session.execute(select(Person.id, Person.name))}
