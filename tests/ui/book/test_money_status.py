"""The book's status line: ARR in the reporting currency, each currency's part beside it."""

from datetime import date
from decimal import Decimal

from cswork.models.money import ExchangeRate
from cswork.settings import set_setting
from tests.conftest import TODAY
from tests.factories import add_account, add_people


def test_the_status_line_totals_in_the_reporting_currency(book, make_window, qtbot):
    people = add_people(book)
    add_account(book, TODAY, 30, external_id="U", name="Dollar Co", arr_cents=100_000_00)
    add_account(
        book, TODAY, 40, external_id="E", name="Euro SA", arr_cents=100_000_00, currency="EUR"
    )
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
        session.add(
            ExchangeRate(on_date=date(2020, 1, 1), currency="EUR", rate=Decimal("1.10"), base="USD")
        )
    window = make_window(book, people["csm"], refresh=True)
    qtbot.waitUntil(lambda: window.book_page.status.text().startswith("2 accounts"))
    # €100,000 at 1.10 is $110,000: $210,000 in all, never "$100,000 + €100,000" alone.
    assert window.book_page.status.text() == ("2 accounts · ARR $210,000 (€100,000 + $100,000)")
