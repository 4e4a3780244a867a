"""Working CTAs in the window: the task pane's keys and forms, Details, the CTAs tab."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from cswork import ctas
from cswork.enums import CtaOutcome, CtaStatus, CtaType, Priority
from cswork.models import Cta, CtaComment, CtaTask
from cswork.store import open_book
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.ctas.details import CtaDetailsDialog
from ui.ctas.dialogs import CloseDialog, CommentDialog, ReassignDialog, SnoozeDialog
from ui.ctas.new_cta_dialog import NewCtaDialog


@pytest.fixture
def worked_book(book):
    """Casey's book: Acme has a renewal (with its playbook) and a risk; Beta an activity."""
    people = add_people(book)
    acme = add_account(book, TODAY, 30, external_id="A", name="Acme Corp", csm_id=people["csm"])
    beta = add_account(book, TODAY, 200, external_id="B", name="Beta Labs", csm_id=people["csm"])
    with book.writing() as session:

        def make(account, cta_type, days, reason):
            return ctas.create_cta(
                session,
                account_id=account,
                cta_type=cta_type,
                reason=reason,
                due_on=TODAY + timedelta(days=days),
                owner_id=people["csm"],
                priority=Priority.HIGH,
            )

        ids = {
            "renewal": make(acme, CtaType.RENEWAL, 30, "Renewal in 90 days"),
            "risk": make(acme, CtaType.RISK, -2, "Adoption fell"),
            "activity": make(beta, CtaType.ACTIVITY, 3, "Send the EBR deck"),
        }
    return book, people, {"acme": acme, "beta": beta}, ids


@pytest.fixture
def window(worked_book, make_window):
    book, people, _, _ = worked_book
    return make_window(book, people["csm"], refresh=True)


def cta_row(session, cta_id):
    session.expire_all()
    return session.get(Cta, cta_id)


def pane_ids(win):
    model = win.task_pane.model
    return [model.cta(index).id for index in model.cta_indexes()]


def select_in_pane(win, cta_id):
    model, tree = win.task_pane.model, win.task_pane.tree
    [index] = [i for i in model.cta_indexes() if model.cta(i).id == cta_id]
    tree.setFocus()
    tree.setCurrentIndex(index)
    return tree


def press(qtbot, win, cta_id, key, form_type):
    """Select the CTA in the pane, press ``key``, and return the form it opened."""
    qtbot.keyClick(select_in_pane(win, cta_id), key)
    form = win.cta_actions.dialog
    assert isinstance(form, form_type), f"{key} opened {form!r}"
    return form


def submit(qtbot, win, form):
    """Press OK and wait until the pane has been read again."""
    with qtbot.waitSignal(win.tasks_loaded, timeout=5000):
        form.ok.click()


# -- the task pane ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "form_type"),
    [
        (Qt.Key.Key_S, SnoozeDialog),
        (Qt.Key.Key_C, CloseDialog),
        (Qt.Key.Key_R, ReassignDialog),
        (Qt.Key.Key_M, CommentDialog),
        (Qt.Key.Key_D, CtaDetailsDialog),
        (Qt.Key.Key_Space, CtaDetailsDialog),
    ],
)
def test_a_key_on_a_selected_row_opens_its_form(qtbot, window, worked_book, key, form_type):
    _, _, _, ids = worked_book
    form = press(qtbot, window, ids["activity"], key, form_type)
    assert form.isVisible()
    form.reject()


def test_snooze_hides_the_cta_and_writes_the_date_and_reason(qtbot, window, worked_book):
    book, _, _, ids = worked_book
    form = press(qtbot, window, ids["renewal"], Qt.Key.Key_S, SnoozeDialog)
    [in_two_weeks] = [b for b in form.findChildren(type(form.ok)) if b.text() == "In 2 weeks"]
    in_two_weeks.click()
    qtbot.keyClicks(form.reason, "Champion on leave")
    submit(qtbot, window, form)

    assert ids["renewal"] not in pane_ids(window)
    with book.session() as session:
        cta = cta_row(session, ids["renewal"])
        assert cta.status == CtaStatus.SNOOZED
        assert cta.snoozed_until == TODAY + timedelta(days=14)
        assert cta.snooze_reason == "Champion on leave"
    assert "Snoozed Acme Corp" in window.statusBar().currentMessage()

    with qtbot.waitSignal(window.tasks_loaded, timeout=5000):  # the status bar's Undo
        window.undo.click()
    assert ids["renewal"] in pane_ids(window)


def test_close_with_an_outcome(qtbot, window, worked_book):
    book, _, _, ids = worked_book
    form = press(qtbot, window, ids["risk"], Qt.Key.Key_C, CloseDialog)
    form.ok.click()  # no outcome picked yet: the form says so and stays open
    assert form.isVisible() and "outcome" in form.problem.text()
    form.choose(CtaOutcome.NOT_NEEDED)
    qtbot.keyClicks(form.note, "Usage recovered on its own")
    submit(qtbot, window, form)

    assert ids["risk"] not in pane_ids(window)
    with book.session() as session:
        cta = cta_row(session, ids["risk"])
        assert (cta.status, cta.outcome) == (CtaStatus.CLOSED, CtaOutcome.NOT_NEEDED)
        assert cta.closed_note == "Usage recovered on its own"


def test_reassign_moves_it_out_of_mine(qtbot, window, worked_book):
    book, people, _, ids = worked_book
    form = press(qtbot, window, ids["activity"], Qt.Key.Key_R, ReassignDialog)
    assert "Riley Evans — R&E Manager" in [
        form.person.itemText(i) for i in range(form.person.count())
    ]
    form.choose(people["re"])
    submit(qtbot, window, form)

    assert ids["activity"] not in pane_ids(window)
    with qtbot.waitSignal(window.tasks_loaded, timeout=5000):
        window.task_pane.everyone.setChecked(True)
    assert ids["activity"] in pane_ids(window)
    with book.session() as session:
        assert cta_row(session, ids["activity"]).owner_id == people["re"]


def test_a_comment_persists_with_its_author(qtbot, window, worked_book):
    book, people, _, ids = worked_book
    form = press(qtbot, window, ids["activity"], Qt.Key.Key_M, CommentDialog)
    qtbot.keyClicks(form.text, "Deck drafted, waiting on numbers")
    submit(qtbot, window, form)
    with book.session() as session:
        [comment] = session.scalars(select(CtaComment).where(CtaComment.cta_id == ids["activity"]))
        assert (comment.text, comment.author_id) == (
            "Deck drafted, waiting on numbers",
            people["csm"],
        )


def test_a_refused_write_is_explained_in_the_form(qtbot, window, worked_book):
    book, _, _, ids = worked_book
    form = press(qtbot, window, ids["activity"], Qt.Key.Key_M, CommentDialog)
    with book.writing() as session:  # someone else deleted it meanwhile
        session.delete(session.get(Cta, ids["activity"]))
    qtbot.keyClicks(form.text, "Too late")
    form.ok.click()
    qtbot.waitUntil(form.problem.isVisible)
    assert form.problem.text() == f"There is no CTA with id {ids['activity']}."
    assert form.isVisible() and form.ok.isEnabled()


def test_an_action_on_a_cta_someone_else_changed_meanwhile_is_refused(qtbot, window, worked_book):
    book, people, _, ids = worked_book
    form = press(qtbot, window, ids["risk"], Qt.Key.Key_C, CloseDialog)
    colleague = open_book(book.url)  # Riley takes the CTA over on their own machine
    colleague.actor_id = people["re"]
    with colleague.writing() as session:
        ctas.reassign(session, ids["risk"], people["re"])
    colleague.close()
    form.choose(CtaOutcome.NOT_NEEDED)
    form.ok.click()
    qtbot.waitUntil(form.problem.isVisible, timeout=5000)

    assert "someone else changed this CTA first" in form.problem.text()
    assert "Riley Evans changed owner" in form.problem.text()
    with book.session() as session:
        cta = cta_row(session, ids["risk"])
        assert (cta.status, cta.owner_id) == (CtaStatus.OPEN, people["re"])


def test_the_selection_survives_a_reload(qtbot, window, worked_book):
    _, _, _, ids = worked_book
    select_in_pane(window, ids["activity"])
    with qtbot.waitSignal(window.tasks_loaded, timeout=5000):
        window.reload_tasks()
    assert window.task_pane.current_item().id == ids["activity"]


# -- Details ---------------------------------------------------------------------------
def open_details(qtbot, win, cta_id) -> CtaDetailsDialog:
    return press(qtbot, win, cta_id, Qt.Key.Key_D, CtaDetailsDialog)


def test_ticking_a_task_marks_it_done_and_unticking_undoes_it(qtbot, window, worked_book):
    book, _, _, ids = worked_book
    details = open_details(qtbot, window, ids["renewal"])
    checklist = details.checklist
    assert checklist.rowCount() == 4
    first = checklist.index(0)
    with qtbot.waitSignal(window.cta_actions.changed, timeout=5000):
        checklist.setData(first, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert details.checklist_caption.text() == "Checklist (1 of 4 done)"
    with book.session() as session:
        tasks = session.scalars(select(CtaTask).where(CtaTask.cta_id == ids["renewal"])).all()
        assert [t.done_on for t in tasks] == [TODAY, None, None, None]
    with qtbot.waitSignal(window.cta_actions.changed, timeout=5000):
        checklist.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    with book.session() as session:
        assert (
            session.scalars(select(CtaTask.done_on).where(CtaTask.cta_id == ids["renewal"])).all()
            == [None] * 4
        )


def test_moving_the_due_date_moves_the_open_tasks_not_the_done_ones(qtbot, window, worked_book):
    book, _, _, ids = worked_book
    with book.session() as session:
        before = {
            t.id: t.due_on
            for t in session.scalars(select(CtaTask).where(CtaTask.cta_id == ids["renewal"]))
        }
    done_id = next(iter(before))
    with book.writing() as session:
        ctas.set_task_done(session, done_id, TODAY)
    details = open_details(qtbot, window, ids["renewal"])

    details.due.setDate(details.due.date().addDays(5))
    assert details.due_note.text() == "Its 3 open tasks move by +5 days too; done tasks stay."
    with qtbot.waitSignal(window.cta_actions.changed, timeout=5000):
        details.move.click()
    assert details.due_note.text() == "Moved by +5 days, with 3 open tasks."

    with book.session() as session:
        assert cta_row(session, ids["renewal"]).due_on == TODAY + timedelta(days=35)
        after = {
            t.id: t.due_on
            for t in session.scalars(select(CtaTask).where(CtaTask.cta_id == ids["renewal"]))
        }
    assert after[done_id] == before[done_id]
    assert all(after[i] == before[i] + timedelta(days=5) for i in before if i != done_id)


def test_a_comment_added_in_details_shows_with_its_author(qtbot, window, worked_book):
    _, _, _, ids = worked_book
    details = open_details(qtbot, window, ids["risk"])
    qtbot.keyClicks(details.comment_text, "Called the sponsor")
    with qtbot.waitSignal(window.cta_actions.changed, timeout=5000):
        details.add_comment.click()
    assert details.comments.rowCount() == 1
    assert details.comments.item(0).heading.startswith("Casey Morgan  ·  ")
    assert details.comment_text.toPlainText() == ""


def test_detail_models_pass_the_model_tester(qtmodeltester, qtbot, window, worked_book):
    _, _, _, ids = worked_book
    details = open_details(qtbot, window, ids["renewal"])
    qtmodeltester.check(details.checklist)
    qtmodeltester.check(details.comments)


# -- the Customer360 CTAs tab ------------------------------------------------------------
def tab_reasons(win):
    model = win.customer360.ctas.model
    return [model.data(model.index(row, 3)) for row in range(model.rowCount())]


def test_the_ctas_tab_lists_the_accounts_ctas_and_closed_on_request(
    qtbot, qtmodeltester, window, worked_book
):
    _, _, accounts, _ = worked_book
    window.open_account(accounts["acme"])
    tab = window.customer360.ctas
    window.customer360.tabs.setCurrentWidget(tab)
    assert sorted(tab_reasons(window)) == ["Adoption fell", "Renewal in 90 days"]
    assert window.customer360.tabs.tabText(window.customer360.tabs.indexOf(tab)) == "CTAs (2)"
    qtmodeltester.check(tab.model)

    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(tab_reasons(window).index("Adoption fell"), 0))
    qtbot.keyClick(tab.table, Qt.Key.Key_C)
    form = window.cta_actions.dialog
    assert isinstance(form, CloseDialog)
    form.choose(CtaOutcome.SUCCESS)
    submit(qtbot, window, form)
    assert tab_reasons(window) == ["Renewal in 90 days"]

    tab.show_closed.setChecked(True)
    assert sorted(tab_reasons(window)) == ["Adoption fell", "Renewal in 90 days"]
    model = tab.model
    statuses = [model.data(model.index(row, 5)) for row in range(model.rowCount())]
    assert "Closed" in statuses
    qtmodeltester.check(tab.model)


def test_new_cta_from_a_customer360_is_prefilled_and_gets_its_playbook(qtbot, window, worked_book):
    book, people, accounts, _ = worked_book
    window.open_account(accounts["beta"])
    window.customer360.ctas.new_cta.click()
    form = window.cta_actions.dialog
    assert isinstance(form, NewCtaDialog)
    assert (form.account_id, form.search.text()) == (accounts["beta"], "Beta Labs")
    assert form.owner.currentData() == people["csm"]
    form.type.setCurrentIndex(form.type.findData(CtaType.RENEWAL))
    assert "4 tasks" in form.playbook.text()
    qtbot.keyClicks(form.reason, "Multi-year renewal")
    submit(qtbot, window, form)

    assert "Multi-year renewal" in tab_reasons(window)
    with book.session() as session:
        cta = session.scalar(select(Cta).where(Cta.reason == "Multi-year renewal"))
        assert (cta.account_id, cta.type, cta.owner_id) == (
            accounts["beta"],
            CtaType.RENEWAL,
            people["csm"],
        )
        assert len(cta.tasks) == 4


def test_new_cta_from_the_menu_finds_the_account_by_typing(qtbot, window, worked_book):
    book, _, accounts, _ = worked_book
    window.new_cta()
    form = window.cta_actions.dialog
    assert form.account_id is None
    form.ok.click()
    assert "Pick the account" in form.problem.text()
    qtbot.keyClicks(form.search, "labs")
    qtbot.keyClick(form.search, Qt.Key.Key_Return)
    assert (form.account_id, form.search.text()) == (accounts["beta"], "Beta Labs")
    qtbot.keyClicks(form.reason, "Intro the new VP")
    submit(qtbot, window, form)
    with book.session() as session:
        assert (
            session.scalar(select(Cta.account_id).where(Cta.reason == "Intro the new VP"))
            == accounts["beta"]
        )
