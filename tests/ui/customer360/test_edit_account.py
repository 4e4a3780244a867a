"""Editing an account and creating one in the window: problems beside their fields,
undo from Edit ▸ Undo, a colleague's newer save refused with who made it."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from cswork.account_edits import update_account
from cswork.enums import Segment
from cswork.models import Account
from cswork.store import open_book
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.customer360.edit_account import AccountDialog
from ui.kit import undo


@pytest.fixture
def acme(book, make_window):
    people = add_people(book)
    account_id = add_account(
        book,
        TODAY,
        60,
        external_id="001Dn00000Acme",
        name="Acme Corp",
        segment=Segment.LOW_TOUCH,
        csm_id=people["csm"],
        custom_fields={"Region": "EMEA"},
    )
    win = make_window(book, people["csm"], refresh=True)
    win.open_account(account_id)
    return win, people, account_id


def stored(book, account_id) -> Account:
    with book.session() as session:
        account = session.get(Account, account_id)
        session.expunge(account)
        return account


def open_form(win) -> AccountDialog:
    win.customer360.edit.click()
    return win.customer360.account_dialog


def test_the_form_shows_the_account_as_it_is(acme):
    win, _, _ = acme
    form = open_form(win)
    assert form.windowTitle() == "Edit Acme Corp"
    assert form.external_id.isReadOnly() and form.external_id.text() == "001Dn00000Acme"
    assert form.segment.currentText() == "low-touch"
    assert form.csm.currentText() == "Casey Morgan"  # people by name
    assert form.re_manager.currentText() == "— nobody —"
    assert (form.custom.item(0, 0).text(), form.custom.item(0, 1).text()) == ("Region", "EMEA")
    assert form.values() == {}  # nothing typed, nothing to change


def test_an_edit_is_saved_shown_and_undone(qtbot, acme, book):
    win, people, account_id = acme
    form = open_form(win)
    form.segment.setCurrentText("strategic")
    form.re_manager.setCurrentIndex(form.re_manager.findText("Riley Evans"))
    form.renewal_date.day.setDate(date(2027, 3, 31))
    form.custom.item(0, 1).setText("APAC")

    with qtbot.waitSignal(win.edits.changed, timeout=5000):
        form.ok.click()

    account = stored(book, account_id)
    assert account.segment == Segment.STRATEGIC
    assert account.re_manager_id == people["re"]
    assert account.renewal_date == date(2027, 3, 31)
    assert account.custom_fields == {"Region": "APAC"}
    assert not form.isVisible()
    assert "strategic" in win.customer360.subtitle.text()  # the header shows it at once
    qtbot.waitUntil(
        lambda: win.book_model.rows()[0].segment == Segment.STRATEGIC, timeout=5000
    )  # and the book's row

    assert win.undo_stack.undoText() == "Edit Acme Corp"
    with qtbot.waitSignal(win.edits.changed, timeout=5000):
        win.undo_stack.undo()
    account = stored(book, account_id)
    assert (account.segment, account.re_manager_id) == (Segment.LOW_TOUCH, None)
    assert account.custom_fields == {"Region": "EMEA"}
    assert "low-touch" in win.customer360.subtitle.text()


def test_bad_fields_are_shown_beside_them_and_what_was_typed_stays(qtbot, acme, book):
    win, _, account_id = acme
    form = open_form(win)
    form.arr.setText("€120,000")
    form.term_months.setText("0")
    form.name.setText("Acme Renamed")

    form.ok.click()
    qtbot.waitUntil(form.ok.isEnabled, timeout=5000)

    assert form.isVisible()
    assert form.problem_shown("arr").startswith("'€120,000' is in EUR")
    assert form.problem_shown("term_months") == "'0' is not a term: it must be 1 month or more"
    assert form.problem_shown("name") == ""
    assert form.problem.text() == "Not saved: see the fields marked in red."
    assert form.arr.text() == "€120,000"  # kept to fix
    assert stored(book, account_id).name == "Acme Corp"
    assert not win.undo_stack.canUndo()  # a refused edit leaves the history

    form.arr.setText("120,000")
    form.term_months.setText("12")
    with qtbot.waitSignal(win.edits.changed, timeout=5000):
        form.ok.click()
    assert stored(book, account_id).name == "Acme Renamed"


def test_a_colleagues_newer_save_is_refused_with_who_made_it(qtbot, acme, book, monkeypatch):
    win, people, account_id = acme
    asked = []
    monkeypatch.setattr(undo, "keep_mine", lambda stale: asked.append(str(stale)) or False)
    form = open_form(win)
    form.industry.setText("Media")
    other = open_book(book.url)  # a colleague's own connection
    other.actor_id = people["re"]
    with other.writing() as session:
        update_account(session, account_id, {"industry": "Retail"})
    other.close()

    form.ok.click()
    qtbot.waitUntil(win.customer360.edit_notice.isVisible, timeout=5000)

    assert "Riley Evans changed industry of account Acme Corp" in asked[0]
    assert "someone else changed it first" in win.customer360.edit_notice.text()
    assert stored(book, account_id).industry == "Retail"  # theirs stands
    assert not form.isVisible()
    assert "Retail" in win.customer360.subtitle.text()


def test_a_new_account_from_the_book_menu_opens_once_created(qtbot, acme, book):
    win, _, _ = acme
    win.go_to("Book")
    menu = win.book_page.row_menu(0)
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Open",
        "Edit account…",
        "New account…",
    ]
    next(a for a in menu.actions() if a.text() == "New account…").trigger()
    form = win.account_dialog
    assert form.windowTitle() == "New account" and not form.external_id.isReadOnly()

    form.ok.click()  # no id, no name
    qtbot.waitUntil(form.ok.isEnabled, timeout=5000)
    assert form.problem_shown("external_id") == "is empty, and every account needs one"
    assert form.problem_shown("name") == "is empty, and every account needs a name"

    form.external_id.setText("0015g00000XyZ")
    form.name.setText("Globex")
    form.segment.setCurrentText("strategic")
    with qtbot.waitSignal(win.edits.changed, timeout=5000):
        form.ok.click()
    qtbot.waitUntil(lambda: win.customer360.title.text() == "Globex", timeout=5000)
    assert win.stack.currentWidget() is win.customer360

    with qtbot.waitSignal(win.edits.changed, timeout=5000):
        win.undo_stack.undo()  # takes the new account back out
    with book.session() as session:
        assert session.query(Account).filter_by(external_id="0015g00000XyZ").count() == 0


def test_edit_account_from_the_book_menu_and_the_file_menu(acme):
    win, _, _account_id = acme
    win.go_to("Book")
    menu = win.book_page.row_menu(0)
    next(a for a in menu.actions() if a.text() == "Edit account…").trigger()
    assert win.account_dialog.windowTitle() == "Edit Acme Corp"
    win.account_dialog.reject()
    file_menu = win.menuBar().actions()[0].menu()
    assert "New &account…" in [a.text() for a in file_menu.actions()]


def test_a_custom_field_is_added_in_the_form_and_the_name_double_clicked(qtbot, acme, book):
    win, _, account_id = acme
    qtbot.mouseDClick(win.customer360.title, Qt.MouseButton.LeftButton)
    form = win.customer360.account_dialog
    assert form.isVisible()
    form.add_custom.click()
    form.custom.item(1, 0).setText("Tier")
    form.custom.item(1, 1).setText("Gold")
    assert form.values() == {"field.Tier": "Gold"}

    with qtbot.waitSignal(win.edits.changed, timeout=5000):
        form.ok.click()
    assert stored(book, account_id).custom_fields == {"Region": "EMEA", "Tier": "Gold"}


def test_someone_who_has_left_is_offered_only_where_they_hold_the_account(book, acme):
    from cswork.models import Person

    win, people, _ = acme
    with book.writing() as session:
        session.get(Person, people["csm"]).active = False
        session.get(Person, people["ae"]).active = False
    form = open_form(win)
    assert form.csm.currentText() == "Casey Morgan (left)"  # still shown as it is
    offered = [form.ae.itemText(n) for n in range(form.ae.count())]
    assert "Alex Edwards" not in offered and "Riley Evans" in offered
