"""The RACI page (the team matrix editor) and the Customer360's RACI tab (overrides)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from cswork import raci
from cswork.models import Account
from cswork.seed import CSM_OWNS_ALL
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.customer360.raci.override import OverrideDialog


@pytest.fixture
def setup(book, make_window):
    people = add_people(book)
    account_id = add_account(
        book,
        TODAY,
        60,
        name="Acme Corp",
        csm_id=people["csm"],
        re_manager_id=people["re"],
        ae_id=people["ae"],
    )
    win = make_window(book, people["csm"])
    return win, book, people, account_id


def team_matrix(book):
    with book.session() as session:
        return raci.matrix_cells(session, raci.team_matrix_id(session))


def accountable(book, activity, account_id):
    with book.session() as session:
        person = raci.accountable_for(session, activity, session.get(Account, account_id))
        return person.name if person else None


def problem_shown(page, activity):
    model = page.model
    return model.data(model.index(model.row_of(activity), model.problem_column))


def test_the_models_pass_the_model_tester(qtmodeltester, setup):
    win, _, _, account_id = setup
    qtmodeltester.check(win.raci_page.model)
    win.open_account(account_id)
    qtmodeltester.check(win.customer360.raci.model)
    win.customer360.raci.select_activity("renewal")
    win.customer360.raci.override_selected()
    qtmodeltester.check(win.customer360.raci.dialog.model)


def test_a_row_with_two_or_no_accountable_is_explained_and_cannot_be_saved(qtbot, setup):
    win, book, _, _ = setup
    win.go_to("RACI")
    page, model = win.raci_page, win.raci_page.model
    assert not page.save.isEnabled()  # nothing edited yet
    # GIVEN the Renewal row (C / A,R / I), WHEN the user types A into the CSM cell
    table = page.table
    table.setFocus()
    table.setCurrentIndex(model.index(model.row_of("renewal"), 1))
    qtbot.keyClicks(table, "A")
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)  # commits on the next event
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert model.matrix()["renewal"]["csm"] == "A"
    assert problem_shown(page, "renewal") == "Needs exactly one A (has 2)"
    assert not page.save.isEnabled()
    assert "1 activity needs fixing" in page.state.text()
    # a second row with no A at all
    model.set_letters(model.row_of("ebr"), "csm", "R")
    assert problem_shown(page, "ebr") == "Needs exactly one A"
    assert "2 activities need fixing" in page.state.text()
    # THEN fixing both rows turns Save on
    model.set_letters(model.row_of("renewal"), "csm", "c")
    model.set_letters(model.row_of("ebr"), "csm", "ra")
    model.set_letters(model.row_of("ebr"), "re_manager", "-")
    assert problem_shown(page, "renewal") == ""
    assert problem_shown(page, "ebr") == ""
    assert page.save.isEnabled()
    assert team_matrix(book)["ebr"] == {"csm": "RA", "re_manager": "C", "ae": "I"}  # unsaved


def test_a_row_without_responsible_is_explained(setup):
    page = setup[0].raci_page
    page.model.set_letters(page.model.row_of("renewal"), "re_manager", "A")
    assert problem_shown(page, "renewal") == "Needs at least one R"
    assert not page.save.isEnabled()


def test_saving_the_matrix_writes_it_and_undo_restores_the_old_one(qtbot, setup):
    win, book, _, account_id = setup
    page, model = win.raci_page, win.raci_page.model
    before = team_matrix(book)
    model.set_letters(model.row_of("renewal"), "csm", "RA")
    model.set_letters(model.row_of("renewal"), "re_manager", "C")
    with qtbot.waitSignal(page.written, timeout=5000):
        page.save.click()
    assert team_matrix(book)["renewal"] == {"csm": "RA", "re_manager": "C", "ae": "I"}
    assert accountable(book, "renewal", account_id) == "Casey Morgan"  # alerts route here
    assert not page.save.isEnabled()
    with qtbot.waitSignal(page.written, timeout=5000):
        win.undo_stack.undo()
    assert team_matrix(book) == before
    assert model.matrix()["renewal"] == {"csm": "C", "re_manager": "RA", "ae": "I"}
    assert accountable(book, "renewal", account_id) == "Riley Evans"


def test_loading_a_preset_fills_the_editor_and_save_applies_it(qtbot, setup):
    win, book, _, _ = setup
    win.go_to("RACI")
    page = win.raci_page
    index = page.presets.findText("CSM owns all")
    page.presets.setCurrentIndex(index)
    page.presets.activated.emit(index)
    assert page.model.matrix()["renewal"] == {"csm": "RA", "re_manager": "I", "ae": "I"}
    assert "Early stage" in page.preset_note.text()
    assert team_matrix(book)["renewal"]["re_manager"] == "RA"  # not saved yet
    assert page.save.isEnabled()
    with qtbot.waitSignal(page.written, timeout=5000):
        page.save.click()
    assert team_matrix(book)["upsell"] == {"csm": "RA", "re_manager": "I", "ae": "I"}
    assert len(team_matrix(book)) == len(CSM_OWNS_ALL)


def duty_row(tab, activity):
    return next(row for row in tab.model.rows() if row.activity_key == activity)


def shown(tab, activity, column):
    model = tab.model
    row = [r.activity_key for r in model.rows()].index(activity)
    return model.data(model.index(row, column))


def test_an_override_changes_who_is_accountable_on_that_account(qtbot, setup):
    win, book, _, account_id = setup
    win.open_account(account_id)
    tab = win.customer360.raci
    assert shown(tab, "renewal", 2) == "Riley Evans"  # Accountable, by name
    assert header_names(win.customer360, "Renewal (A)") == "Riley Evans"
    tab.select_activity("renewal")
    assert not tab.follow.isEnabled()  # it follows the team already
    tab.override_selected()
    form: OverrideDialog = tab.dialog
    form.model.set_letters(0, "ae", "A")
    assert not form.ok.isEnabled()
    assert form.problem.text() == "This row needs exactly one A (has 2)."
    form.model.set_letters(0, "re_manager", "R")
    assert form.ok.isEnabled()
    with qtbot.waitSignal(tab.changed, timeout=5000):
        form.ok.click()
    assert accountable(book, "renewal", account_id) == "Alex Edwards"
    assert shown(tab, "renewal", 2) == "Alex Edwards"
    assert shown(tab, "renewal", 5) == "This account"
    assert duty_row(tab, "renewal").overridden
    assert header_names(win.customer360, "Renewal (A)") == "Alex Edwards"
    assert accountable(book, "renewal", add_other_account(book)) == "Riley Evans"

    # Follow the team matrix again, then take that back
    tab.select_activity("renewal")
    with qtbot.waitSignal(tab.changed, timeout=5000):
        tab.follow.click()
    assert accountable(book, "renewal", account_id) == "Riley Evans"
    assert not duty_row(tab, "renewal").overridden
    with qtbot.waitSignal(tab.changed, timeout=5000):
        win.undo_stack.undo()
    assert accountable(book, "renewal", account_id) == "Alex Edwards"


def header_names(c360, caption):
    """The name under a caption in the Customer360's owners line."""
    grid = c360.owners
    for i in range(grid.count()):
        if grid.itemAt(i).widget().text() == caption:
            row, column, _, _ = grid.getItemPosition(i)
            return grid.itemAtPosition(row + 1, column).widget().text()
    raise AssertionError(f"no {caption!r} in the header")


def add_other_account(book):
    with book.session() as session:
        people = {a.name: a for a in session.query(Account)}
        acme = people["Acme Corp"]
        values = {"csm_id": acme.csm_id, "re_manager_id": acme.re_manager_id, "ae_id": acme.ae_id}
    return add_account(book, TODAY, 90, external_id="OTHER", name="Other Co", **values)


def test_the_strategic_preset_makes_the_ae_accountable_for_renewal(qtbot, setup):
    win, book, _, account_id = setup
    win.open_account(account_id)
    tab = win.customer360.raci
    assert not tab.unstrategic.isEnabled()
    with qtbot.waitSignal(tab.changed, timeout=5000):
        tab.strategic.click()
    for activity in ("renewal", "upsell", "cross_sell"):
        assert accountable(book, activity, account_id) == "Alex Edwards"
        assert duty_row(tab, activity).overridden
    assert accountable(book, "success_plan", account_id) == "Casey Morgan"
    assert tab.unstrategic.isEnabled()
    with qtbot.waitSignal(tab.changed, timeout=5000):
        tab.unstrategic.click()
    assert accountable(book, "renewal", account_id) == "Riley Evans"
    with qtbot.waitSignal(tab.changed, timeout=5000):
        win.undo_stack.undo()  # the removal
    assert accountable(book, "renewal", account_id) == "Alex Edwards"
    with qtbot.waitSignal(tab.changed, timeout=5000):
        win.undo_stack.undo()  # the override itself
    assert accountable(book, "renewal", account_id) == "Riley Evans"
    with book.session() as session:
        assert raci.account_overrides(session, account_id) == {}
