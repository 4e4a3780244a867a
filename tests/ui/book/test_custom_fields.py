"""Custom fields in the window: a column of the book on demand, matched by the quick
filter, shown in the Customer360 with the customer-since day."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TODAY
from tests.factories import add_account, add_people


@pytest.fixture
def fielded_book(book):
    people = add_people(book)
    ids = {
        "acme": add_account(
            book,
            TODAY,
            30,
            external_id="A",
            name="Acme Corp",
            csm_id=people["csm"],
            customer_since=date(2021, 3, 1),
            custom_fields={"Region": "EMEA", "Tier": "Gold"},
        ),
        "beta": add_account(
            book,
            TODAY,
            60,
            external_id="B",
            name="Beta Labs",
            csm_id=people["csm"],
            custom_fields={"Region": "AMER"},
        ),
        "cobalt": add_account(book, TODAY, 90, external_id="C", name="Cobalt Systems"),
    }
    return book, people, ids


@pytest.fixture
def window(fielded_book, make_window):
    book, people, _ = fielded_book
    return make_window(book, people["csm"], refresh=True)


def column_texts(win, title):
    model = win.book_model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = titles.index(title)
    return {
        model.data(model.index(r, 0)): model.data(model.index(r, column))
        for r in range(model.rowCount())
    }


def test_the_column_chooser_offers_each_custom_field(qtbot, window):
    page = window.book_page
    page._fill_columns_menu()
    assert [a.text() for a in page.columns_menu.actions()] == ["Region", "Tier"]

    page.columns_menu.actions()[0].setChecked(True)  # Region

    assert column_texts(window, "Region") == {
        "Acme Corp": "EMEA",
        "Beta Labs": "AMER",
        "Cobalt Systems": "",
    }
    region = window.book_model.columnCount() - 1
    page.table.sortByColumn(region, Qt.SortOrder.AscendingOrder)
    model = window.book_model
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert names == ["Beta Labs", "Acme Corp", "Cobalt Systems"]  # no Region last


def test_the_quick_filter_matches_custom_fields(qtbot, window):
    qtbot.keyClicks(window.book_page.filter, "gold")
    model = window.book_model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["Acme Corp"]


def test_the_chosen_columns_are_remembered(fielded_book, make_window):
    book, people, _ = fielded_book
    first = make_window(book, people["csm"])
    first.book_page.show_field_column("Tier", True)
    first.close()

    second = make_window(book, people["csm"])
    assert second.book_model.field_columns() == ["Tier"]


def test_the_customer360_shows_the_fields_and_customer_since(window, fielded_book):
    _, _, ids = fielded_book
    window.open_account(ids["acme"])
    page = window.customer360

    assert "customer since 1 Mar 2021" in page.subtitle.text()
    assert page.fields.isVisible()
    text = page.fields.text()
    assert text.index("Region") < text.index("EMEA") < text.index("Tier") < text.index("Gold")

    window.open_account(ids["cobalt"])
    assert not page.fields.isVisible()
