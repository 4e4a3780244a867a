"""Small builders for test books: a few people and accounts, written in one go."""

from datetime import date, timedelta

from cswork.enums import PersonRole, Segment
from cswork.models import Account, Person
from cswork.store import Book


def add_people(book: Book) -> dict[str, int]:
    with book.writing() as session:
        people = {
            "csm": Person(name="Casey Morgan", email="casey@example.com", role=PersonRole.CSM),
            "re": Person(name="Riley Evans", email="riley@example.com", role=PersonRole.RE_MANAGER),
            "ae": Person(name="Alex Edwards", email="alex@example.com", role=PersonRole.AE),
        }
        session.add_all(people.values())
        session.flush()
        return {key: person.id for key, person in people.items()}


def add_account(book: Book, today: date, days_to_renewal: int | None = 60, **fields) -> int:
    """An active account renewing ``days_to_renewal`` days after ``today``."""
    defaults = {
        "external_id": f"EXT-{days_to_renewal}-{len(fields)}-{id(fields)}",
        "name": "Acme Corp",
        "segment": Segment.HIGH_TOUCH,
        "arr_cents": 12_000_000,
        "renewal_date": None
        if days_to_renewal is None
        else today + timedelta(days=days_to_renewal),
        "entered_book_on": today - timedelta(days=400),
    }
    with book.writing() as session:
        account = Account(**(defaults | fields))
        session.add(account)
        session.flush()
        return account.id
