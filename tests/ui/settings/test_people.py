"""Settings ▸ People: the team listed, added, edited, deactivated with their work
handed on, reactivated; every change undoable and heard by the rest of the window."""

import pytest
from sqlalchemy import select

from cswork import ctas
from cswork.enums import CtaType, PersonRole
from cswork.models import Account, Cta, Person
from cswork.people import deactivate_person
from tests.conftest import TODAY
from tests.factories import add_account, add_people


@pytest.fixture
def setup(qtbot, book, make_window):
    people = add_people(book)
    account = add_account(book, TODAY, 60, name="Acme Corp", csm_id=people["csm"])
    with book.writing() as session:
        sam = Person(name="Sam Lee", email="sam@example.com", role=PersonRole.CSM)
        gone = Person(name="Gene Gone", email="gene@example.com", role=PersonRole.AE)
        session.add_all([sam, gone])
        session.flush()
        deactivate_person(session, gone.id)
        cta = ctas.create_cta(
            session,
            account_id=account,
            cta_type=CtaType.RISK,
            reason="Usage down",
            due_on=TODAY,
            owner_id=people["csm"],
        )
        people |= {"sam": sam.id, "gone": gone.id}
    win = make_window(book, people["csm"], refresh=True)
    section = win.settings_page.people
    with qtbot.waitSignal(section.loaded, timeout=5000):
        win.go_to("Settings")
    return win, section, people, account, cta


def shown(section):
    return {r.name: (r.role, r.email, r.accounts, r.active) for r in section.model.records()}


def pick(section, name):
    section.table.selectRow(section.model.row_of(lambda r: r.name == name))


def land(qtbot, win, section, action):
    """Do ``action`` and wait until the edit landed and the team was read again."""
    with qtbot.waitSignals([win.edits.changed, section.loaded], timeout=5000):
        action()


def test_the_table_lists_everyone_with_their_accounts(qtbot, qtmodeltester, setup):
    _, section, _, _, _ = setup
    qtmodeltester.check(section.model)
    assert shown(section) == {
        "Alex Edwards": (PersonRole.AE, "alex@example.com", 0, True),
        "Casey Morgan": (PersonRole.CSM, "casey@example.com", 1, True),
        "Gene Gone": (PersonRole.AE, "gene@example.com", 0, False),
        "Riley Evans": (PersonRole.RE_MANAGER, "riley@example.com", 0, True),
        "Sam Lee": (PersonRole.CSM, "sam@example.com", 0, True),
    }
    columns = section.model.columns
    assert columns == ["Name", "Role", "Team", "Email", "Capacity", "Accounts", "Active"]
    pick(section, "Gene Gone")
    assert section.reactivate_button.isEnabled() and not section.deactivate_button.isEnabled()


def test_add_writes_the_person_and_undo_takes_them_back(qtbot, book, setup):
    win, section, _, _, _ = setup
    section.add_button.click()
    form = section.dialog
    form.name.setText("Jane Doe")
    form.email.setText("jane@example.com")
    form.role.setCurrentIndex(form.role.findData(PersonRole.RE_MANAGER))
    form.team.setText("EMEA")
    form.capacity.setText("4")
    land(qtbot, win, section, form.ok.click)

    assert not form.isVisible()
    assert shown(section)["Jane Doe"] == (PersonRole.RE_MANAGER, "jane@example.com", 0, True)
    me = win.settings_page.me  # she can say she is herself at once
    assert "Jane Doe — R&E Manager" in [me.itemText(i) for i in range(me.count())]
    assert "Gene Gone — Account Executive" not in [me.itemText(i) for i in range(me.count())]
    assert me.currentText() == "Casey Morgan — CSM"
    with book.session() as session:
        jane = session.scalar(select(Person).where(Person.name == "Jane Doe"))
        assert (jane.team, jane.capacity) == ("EMEA", 4)
    land(qtbot, win, section, win.undo_stack.undo)
    assert "Jane Doe" not in shown(section)


def test_a_refused_add_says_why_in_the_form_and_writes_nothing(qtbot, book, setup):
    _, section, _, _, _ = setup
    section.add_button.click()
    form = section.dialog
    form.name.setText("Casey Twin")
    form.email.setText("CASEY@example.com")
    form.ok.click()
    qtbot.waitUntil(form.problem.isVisible, timeout=5000)
    assert "Casey Morgan already has the email casey@example.com" in form.problem.text()
    assert form.isVisible() and form.ok.isEnabled()
    with book.session() as session:
        assert session.scalar(select(Person).where(Person.name == "Casey Twin")) is None
    form.reject()


def test_an_edited_name_shows_in_the_book(qtbot, book, setup):
    win, section, people, _, _ = setup
    pick(section, "Casey Morgan")
    section.edit_button.click()
    form = section.dialog
    form.name.setText("Casey Morgan-Reyes")
    with qtbot.waitSignal(win.book_loaded, timeout=5000):  # owner names read again
        land(qtbot, win, section, form.ok.click)
    assert [r.csm for r in win.book_model.rows()] == ["Casey Morgan-Reyes"]
    with book.session() as session:
        assert session.get(Person, people["csm"]).name == "Casey Morgan-Reyes"


def test_deactivate_hands_work_to_the_chosen_person_and_undo_gives_it_back(qtbot, book, setup):
    win, section, people, account, cta = setup
    pick(section, "Casey Morgan")
    section.deactivate_button.click()
    form = section.dialog
    takers = [form.taker.itemText(i) for i in range(form.taker.count())]
    # Someone who has left is not offered, nor the leaver; a CSM takes over a CSM's.
    assert takers == [
        "Nobody: leave them with Casey Morgan",
        "Alex Edwards — Account Executive",
        "Riley Evans — R&E Manager",
        "Sam Lee — CSM",
    ]
    assert form.taker_id() == people["sam"]
    assert "1 account and 1 open CTA" in form.heading.text()
    land(qtbot, win, section, form.ok.click)

    assert shown(section)["Casey Morgan"] == (PersonRole.CSM, "casey@example.com", 0, False)
    assert shown(section)["Sam Lee"][2] == 1
    with book.session() as session:
        assert session.get(Account, account).csm_id == people["sam"]
        assert session.get(Cta, cta).owner_id == people["sam"]
    # A CTA can no longer be given to them.
    assert "Casey Morgan" not in [name for _, name, _ in win.cta_actions._people()]

    land(qtbot, win, section, win.undo_stack.undo)
    assert shown(section)["Casey Morgan"][2:] == (1, True)
    with book.session() as session:
        assert session.get(Account, account).csm_id == people["csm"]
        assert session.get(Cta, cta).owner_id == people["csm"]


def test_deactivate_can_leave_the_work_and_reactivate_brings_them_back(qtbot, book, setup):
    win, section, people, account, _ = setup
    pick(section, "Casey Morgan")
    section.deactivate_button.click()
    form = section.dialog
    form.taker.setCurrentIndex(0)  # leave them
    land(qtbot, win, section, form.ok.click)
    assert shown(section)["Casey Morgan"][2:] == (1, False)
    with book.session() as session:
        assert session.get(Account, account).csm_id == people["csm"]

    pick(section, "Casey Morgan")
    land(qtbot, win, section, section.reactivate_button.click)
    assert shown(section)["Casey Morgan"][3] is True
    assert section.deactivate_button.isEnabled()


def test_an_objective_cannot_be_given_to_someone_who_has_left(qtbot, setup):
    win, _, _, account, _ = setup
    win.open_account(account)
    choices = [name for name, _ in win.customer360.plan._owner_choices()]
    assert "Sam Lee" in choices
    assert "Gene Gone" not in choices
