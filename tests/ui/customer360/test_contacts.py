"""The Customer360's Contacts tab: add, edit, delete, mark as left; every edit undoable."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from cswork.alerts import scan
from cswork.contacts import add_contact, contacts_of
from cswork.enums import ContactRole, CtaType, Sentiment
from cswork.models import Cta
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.customer360.contacts.dialogs import ContactDialog, LeftDialog
from ui.customer360.contacts.model import COLUMNS
from ui.kit.look import OVERDUE_COLOUR


@pytest.fixture
def contacts(book, make_window):
    """The Contacts tab of Acme Corp, which has a champion and a user."""
    people = add_people(book)
    account_id = add_account(book, TODAY, 60, name="Acme Corp", csm_id=people["csm"])
    with book.writing() as session:
        add_contact(
            session,
            account_id,
            name="Dana Whitfield",
            title="VP Operations",
            role=ContactRole.CHAMPION,
            sentiment=Sentiment.POSITIVE,
            email="dana@acme.example",
        )
        add_contact(session, account_id, name="Sam Lee", role=ContactRole.USER)
    win = make_window(book, people["csm"])
    win.open_account(account_id)
    win.customer360.tabs.setCurrentWidget(win.customer360.contacts)
    return win, win.customer360.contacts, account_id


def stored(book, account_id):
    with book.session() as session:
        return {c.name: c for c in contacts_of(session, account_id)}


def names_shown(tab):
    return [tab.model.data(tab.model.index(row, 0)) for row in range(tab.model.rowCount())]


def test_the_contacts_model_passes_the_model_tester(qtmodeltester, contacts):
    _, tab, _ = contacts
    assert names_shown(tab) == ["Dana Whitfield", "Sam Lee"]  # champion first
    qtmodeltester.check(tab.model)


def test_adding_a_contact_and_undoing_it(qtbot, contacts, book):
    win, tab, account_id = contacts
    tab.add.click()
    form: ContactDialog = tab.dialog
    qtbot.keyClicks(form.name, "Morgan Price")
    qtbot.keyClicks(form.title, "CFO")
    form.role.setCurrentIndex(form.role.findData(ContactRole.EXECUTIVE_SPONSOR.value))
    qtbot.keyClicks(form.email, "morgan.acme.example")
    form.ok.click()
    assert form.problem.text() == "'morgan.acme.example' is not an email address."
    assert "Morgan Price" not in stored(book, account_id)
    form.email.setText("morgan@acme.example")
    with qtbot.waitSignal(tab.changed, timeout=5000):
        form.ok.click()
    sponsor = stored(book, account_id)["Morgan Price"]
    assert (sponsor.title, sponsor.role) == ("CFO", ContactRole.EXECUTIVE_SPONSOR)
    assert names_shown(tab) == ["Dana Whitfield", "Morgan Price", "Sam Lee"]
    with qtbot.waitSignal(tab.changed, timeout=5000):
        win.undo_stack.undo()
    assert "Morgan Price" not in stored(book, account_id)
    with qtbot.waitSignal(tab.changed, timeout=5000):
        win.undo_stack.redo()
    assert "Morgan Price" in stored(book, account_id)


def test_editing_then_deleting_and_undoing_both(qtbot, contacts, book):
    win, tab, account_id = contacts
    tab.select_contact("Dana Whitfield")
    tab.edit.click()
    form: ContactDialog = tab.dialog
    form.title.setText("COO")
    form.sentiment.setCurrentIndex(form.sentiment.findData(Sentiment.NEGATIVE.value))
    with qtbot.waitSignal(tab.changed, timeout=5000):
        form.ok.click()
    dana = stored(book, account_id)["Dana Whitfield"]
    assert (dana.title, dana.sentiment) == ("COO", Sentiment.NEGATIVE)

    tab.select_contact("Dana Whitfield")
    tab.table.setFocus()
    with qtbot.waitSignal(tab.changed, timeout=5000):
        qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "Dana Whitfield" not in stored(book, account_id)
    assert "Deleted Dana Whitfield" in tab.state.text()
    with qtbot.waitSignal(tab.changed, timeout=5000):
        win.undo_stack.undo()  # the delete: Dana comes back, with a new id
    back = stored(book, account_id)["Dana Whitfield"]
    assert (back.title, back.role) == ("COO", ContactRole.CHAMPION)
    assert back.id != dana.id
    with qtbot.waitSignal(tab.changed, timeout=5000):
        win.undo_stack.undo()  # the edit, on the contact that came back
    dana = stored(book, account_id)["Dana Whitfield"]
    assert (dana.title, dana.sentiment) == ("VP Operations", Sentiment.POSITIVE)


def test_marking_the_champion_as_left_is_a_risk_the_scan_raises(qtbot, contacts, book):
    win, tab, account_id = contacts
    tab.select_contact("Dana Whitfield")
    tab.left.click()
    form: LeftDialog = tab.dialog
    assert form.hint.text().startswith("Losing the champion is a risk")
    form.day.setDate(form.day.date().addDays(-3))
    with qtbot.waitSignal(tab.changed, timeout=5000):
        form.ok.click()
    assert stored(book, account_id)["Dana Whitfield"].left_on == TODAY - timedelta(days=3)
    row = names_shown(tab).index("Dana Whitfield")
    left = tab.model.index(row, COLUMNS.index("Left on"))
    assert tab.model.data(left) == "20 Nov 2026"
    assert tab.model.data(left, Qt.ItemDataRole.ForegroundRole) == QColor(OVERDUE_COLOUR)
    assert "1 left the company" in tab.count.text()
    tab.select_contact("Dana Whitfield")
    assert not tab.left.isEnabled()  # already gone

    scan(book, TODAY)
    with book.session() as session:
        reasons = [c.reason for c in session.query(Cta).filter(Cta.type == CtaType.RISK)]
    assert any("Dana Whitfield, left on 20 Nov 2026" in reason for reason in reasons)

    with qtbot.waitSignal(tab.changed, timeout=5000):
        win.undo_stack.undo()
    assert stored(book, account_id)["Dana Whitfield"].left_on is None
