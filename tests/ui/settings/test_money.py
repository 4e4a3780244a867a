"""Settings ▸ Money: the reporting currency, chosen from the book's currencies and undoable,
and how many rates the book has."""

from datetime import date
from decimal import Decimal

from cswork.models.money import ExchangeRate
from cswork.settings import get_setting
from tests.conftest import TODAY
from tests.factories import add_account, add_people


def test_choosing_the_reporting_currency_converts_the_book_total(qtbot, book, make_window):
    people = add_people(book)
    add_account(book, TODAY, 30, external_id="U", name="Dollar Co", arr_cents=100_000_00)
    add_account(
        book, TODAY, 40, external_id="E", name="Euro SA", arr_cents=200_000_00, currency="EUR"
    )
    with book.writing() as session:
        session.add(
            ExchangeRate(on_date=date(2026, 1, 2), currency="EUR", rate=Decimal("1.10"), base="USD")
        )
    win = make_window(book, people["csm"], refresh=True)
    win.go_to("Settings")
    money = win.settings_page.money
    # The euros carry most of the ARR: they are the default.
    assert money.currency.itemText(0) == "EUR: most of the book's ARR"
    assert [money.currency.itemText(i) for i in range(1, money.currency.count())] == ["EUR", "USD"]
    assert money.rates.text().startswith("1 rate in the book, the newest of 2 Jan 2026.")
    qtbot.waitUntil(lambda: win.book_page.status.text().startswith("2 accounts"))
    assert "€290,909" in win.book_page.status.text()  # $100,000 / 1.10 + €200,000

    money.currency.setCurrentIndex(money.currency.findData("USD"))
    money.currency.activated.emit(money.currency.currentIndex())
    qtbot.waitUntil(lambda: "ARR $320,000" in win.book_page.status.text(), timeout=5000)
    with book.session() as session:
        assert get_setting(session, "reporting_currency") == "USD"

    win.undo_stack.undo()
    qtbot.waitUntil(lambda: "ARR €290,909" in win.book_page.status.text(), timeout=5000)
    with book.session() as session:
        assert get_setting(session, "reporting_currency") is None


def test_import_rates_from_a_file_is_undoable_and_a_bad_file_says_why(
    qtbot, book, make_window, tmp_path
):
    people = add_people(book)
    win = make_window(book, people["csm"])
    win.go_to("Settings")
    money = win.settings_page.money
    bad = tmp_path / "rates.csv"
    bad.write_text("date,currency,rate\n2026-01-01,EUR,abc\n")
    money.import_file(bad)
    qtbot.waitUntil(lambda: "rates.csv: line 2: 'abc' is not a rate" in money.state.text())

    good = tmp_path / "eurofxref-hist.csv"
    good.write_text("Date,USD,GBP,\n2026-10-30,1.1172,0.8338,\n")
    money.import_file(good)
    qtbot.waitUntil(lambda: money.rates.text().startswith("2 rates in the book"), timeout=5000)
    assert money.state.text() == "Imported the rates in eurofxref-hist.csv."
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: money.rates.text().startswith("The book has no"), timeout=5000)
