import pytest

from cswork.enums import TimelineKind
from cswork.store import open_book
from cswork.timeline import TimelineError, add_entry, recent_entries
from tests.conftest import TODAY
from tests.factories import add_account, add_people


def test_entries_persist_and_come_back_newest_first(book_path):
    book = open_book(book_path)
    people = add_people(book)
    account_id = add_account(book, TODAY)
    with book.writing() as session:
        add_entry(
            session, account_id, TimelineKind.NOTE, "older", TODAY.replace(day=1), people["csm"]
        )
        add_entry(session, account_id, TimelineKind.CALL, " newer ", TODAY, people["csm"])
    book.close()

    reopened = open_book(book_path)
    with reopened.session() as session:
        entries = recent_entries(session, account_id)
    reopened.close()
    assert [(e.text, e.kind, author) for e, author in entries] == [
        ("newer", TimelineKind.CALL, "Casey Morgan"),
        ("older", TimelineKind.NOTE, "Casey Morgan"),
    ]


def test_an_empty_entry_is_refused(book):
    account_id = add_account(book, TODAY)
    with pytest.raises(TimelineError), book.writing() as session:
        add_entry(session, account_id, TimelineKind.NOTE, "   ", TODAY)
