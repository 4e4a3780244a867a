"""The renewals desk in several currencies: its figures say their currency and rates, offer
each currency's part, and name a missing rate."""

from datetime import date
from decimal import Decimal

from cswork.models.money import ExchangeRate
from cswork.settings import set_setting
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.renewals.reads import read_figures


def desk_book(book, other: str = "EUR"):
    people = add_people(book)
    for ext, currency in (("U", "USD"), ("E", other)):
        add_account(
            book, TODAY, 20, external_id=ext, name=ext, currency=currency, arr_cents=100_000_00,
            health=40, re_manager_id=people["re"], entered_book_on=date(2020, 1, 1),
        )  # fmt: skip
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
        rate = ExchangeRate(
            on_date=date(2000, 1, 1), currency="EUR", rate=Decimal("1.10"), base="USD"
        )
        session.add(rate)
    return people


def show_desk(qtbot, book, make_window, people):
    win = make_window(book, people["re"])
    page = win.renewals_page
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        win.go_to("Renewals")
    return page


def test_the_desk_figures_are_in_the_reporting_currency(qtbot, book, make_window):
    people = desk_book(book)
    page = show_desk(qtbot, book, make_window, people)
    shown = page.filters.current()
    figures = read_figures(book, shown, TODAY)
    # Both red-health accounts renew this month: $100,000 + €100,000 at 1.10 = $210,000.
    assert figures.metrics.at_risk_arr == 210_000_00 and figures.currency == "USD"
    assert page.money.text().startswith("In USD at the rates of")
    assert page.at_risk.toolTip() == "$210,000 (€100,000 + $100,000)"
    month = dict(figures.by_month)[date(2026, 12, 1)]  # TODAY + 20 days
    assert month["red"] == 210_000_00


def test_the_desk_names_a_missing_rate(qtbot, book, make_window):
    # The Argentine peso: no rate in the book, none in the ECB's history.
    people = desk_book(book, "ARS")
    page = show_desk(qtbot, book, make_window, people)
    assert "no rate for ARS: left out" in page.money.text()
