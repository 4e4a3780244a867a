"""The Customer360's success plan tab: edits in place, each undoable from the window."""

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from sqlalchemy import select

from cswork.enums import ObjectiveStatus, Segment
from cswork.models import Objective, ScoreCategory
from cswork.plans import create_plan, plan_of, update_milestone, update_objective
from cswork.scorecard import record_scores
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.customer360.plan.models import MilestoneModel, ObjectiveModel

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture
def planned_book(book):
    """Acme has a plan (one objective achieved, one milestone late) and a scorecard that
    fell this month; Beta, a strategic account, has neither."""
    people = add_people(book)
    acme = add_account(book, TODAY, 60, external_id="A", name="Acme Corp", csm_id=people["csm"])
    beta = add_account(
        book, TODAY, 200, external_id="B", name="Beta Labs", segment=Segment.STRATEGIC
    )
    with book.writing() as session:
        create_plan(session, acme, TODAY - timedelta(days=100))
        plan = plan_of(session, acme)
        update_objective(session, plan.objectives[0].id, status=ObjectiveStatus.ACHIEVED)
        update_milestone(session, plan.milestones[0].id, done_on=TODAY - timedelta(days=90))
        categories = list(session.scalars(select(ScoreCategory.id).order_by("position")))
        month_ago = TODAY - timedelta(days=40)
        record_scores(session, acme, {c: (80, None) for c in categories}, month_ago, None, NOW)
        record_scores(session, acme, {categories[0]: (40, "usage fell")}, TODAY, None, NOW)
    return book, people, {"acme": acme, "beta": beta}


@pytest.fixture
def window(planned_book, make_window):
    book, people, _ = planned_book
    return make_window(book, people["csm"], refresh=True)


def open_plan(win, account_id):
    win.open_account(account_id)
    c360 = win.customer360
    c360.tabs.setCurrentWidget(c360.plan)
    return c360.plan


def objective(book, objective_id):
    with book.session() as session:
        return session.get(Objective, objective_id)


def test_plan_models_pass_the_model_tester(qtmodeltester, window, planned_book):
    plan = open_plan(window, planned_book[2]["acme"])
    assert plan.objectives.rowCount() == 3
    assert plan.milestones.rowCount() == 4
    qtmodeltester.check(plan.objectives)
    qtmodeltester.check(plan.milestones)
    for model in (ObjectiveModel(TODAY), MilestoneModel(TODAY)):
        qtmodeltester.check(model)  # empty, too


def test_status_picked_in_the_table_is_written_and_undo_redo_follow(qtbot, window, planned_book):
    book, _, ids = planned_book
    plan = open_plan(window, ids["acme"])
    table, model = plan.objective_section.table, plan.objectives
    second = model.record(1).id

    table.edit_cell(1, "status")
    [combo] = table.findChildren(QComboBox)
    at_risk = combo.findText("At risk")
    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        combo.setCurrentIndex(at_risk)
        combo.activated.emit(at_risk)
    assert objective(book, second).status == ObjectiveStatus.AT_RISK
    assert model.data(model.index(1, model.column_of("status"))) == "At risk"
    assert window.undo_stack.undoText() == "Change objective status"

    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert objective(book, second).status == ObjectiveStatus.NOT_STARTED
    assert model.data(model.index(1, model.column_of("status"))) == "Not started"

    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        window.undo_stack.redo()
    assert objective(book, second).status == ObjectiveStatus.AT_RISK


def test_enter_edits_a_cell_and_enter_commits_it(qtbot, window, planned_book):
    book, _, ids = planned_book
    plan = open_plan(window, ids["acme"])
    table, model = plan.objective_section.table, plan.objectives
    table.setFocus()
    table.setCurrentIndex(model.index(0, model.column_of("kpi")))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Weekly active users")
    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert objective(book, model.record(0).id).kpi == "Weekly active users"


def test_a_removed_objective_comes_back_with_undo(qtbot, window, planned_book):
    book, _, ids = planned_book
    plan = open_plan(window, ids["acme"])
    table, model = plan.objective_section.table, plan.objectives
    gone = model.record(2)
    table.setCurrentIndex(model.index(2, 0))
    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        plan.objective_section.remove.click()
    assert objective(book, gone.id) is None
    assert model.rowCount() == 2

    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        window.undo_stack.undo()
    back = objective(book, gone.id)
    assert (back.title, back.kpi, back.target_date, back.position) == (
        gone.title,
        gone.kpi,
        gone.target_date,
        2,
    )
    assert [model.record(r).id for r in range(3)][2] == gone.id


def test_an_added_objective_opens_its_title_and_undo_takes_it_away(qtbot, window, planned_book):
    book, people, ids = planned_book
    plan = open_plan(window, ids["acme"])
    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        plan.objective_section.add.click()
    model, table = plan.objectives, plan.objective_section.table
    assert model.rowCount() == 4
    added = model.record(3)
    assert (added.title, added.owner_id) == ("New objective", people["csm"])
    assert table.state() == table.State.EditingState
    assert table.currentIndex() == model.index(3, model.column_of("title"))
    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        window.undo_stack.undo()
    assert objective(book, added.id) is None
    assert model.rowCount() == 3


def test_the_core_refusals_show_inline_and_leave_no_undo_step(qtbot, window, planned_book):
    book, _, ids = planned_book
    plan = open_plan(window, ids["acme"])
    model = plan.objectives
    first = dataclasses.replace(model.record(0))  # the row itself shows each edit at once
    steps = window.undo_stack.count()
    with qtbot.waitSignal(plan.edits.refused, timeout=5000):
        model.setData(model.index(0, model.column_of("title")), "   ")
    assert plan.objective_section.message.text() == "An objective needs a title."
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == first.title)
    with qtbot.waitSignal(plan.edits.refused, timeout=5000):
        model.setData(model.index(0, model.column_of("progress")), 150)
    assert plan.objective_section.message.text() == "Progress is 0 to 100 percent."
    assert objective(book, first.id).progress == first.progress
    qtbot.waitUntil(lambda: window.undo_stack.count() == steps)


def test_a_plan_from_the_segment_template_and_undo(qtbot, window, planned_book):
    book, _, ids = planned_book
    plan = open_plan(window, ids["beta"])
    assert plan.pages.currentIndex() == 0  # the empty state
    assert "Strategic: executive outcomes" in plan.template_note.text()
    assert window.customer360.plan_progress.value.text() == "—"

    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        qtbot.mouseClick(plan.create, Qt.MouseButton.LeftButton)
    assert plan.pages.currentIndex() == 1
    assert plan.objectives.rowCount() == 3
    assert plan.milestones.rowCount() == 5
    assert plan.template.text() == "From the template “Strategic: executive outcomes”"
    with book.session() as session:
        made = [o.id for o in plan_of(session, ids["beta"]).objectives]

    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        window.undo_stack.undo()
    assert plan.pages.currentIndex() == 0
    with book.session() as session:
        assert plan_of(session, ids["beta"]) is None
    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        window.undo_stack.redo()
    with book.session() as session:
        assert [o.id for o in plan_of(session, ids["beta"]).objectives] == made


def test_the_desired_outcome_saves_on_its_own_and_undoes(qtbot, window, planned_book):
    book, _, ids = planned_book
    plan = open_plan(window, ids["acme"])
    with book.session() as session:
        before = plan_of(session, ids["acme"]).desired_outcome
    plan.outcome.setFocus()
    plan.outcome.selectAll()
    qtbot.keyClicks(plan.outcome, "Cut month-end close from 10 days to 4.")
    with qtbot.waitSignal(plan.edits.written, timeout=5000):  # after a pause in typing
        pass
    with book.session() as session:
        assert plan_of(session, ids["acme"]).desired_outcome == (
            "Cut month-end close from 10 days to 4."
        )
    with qtbot.waitSignal(plan.edits.written, timeout=5000):
        window.undo_stack.undo()
    assert plan.outcome.toPlainText() == before


def test_the_header_shows_plan_progress_and_the_health_trend(window, planned_book):
    window.open_account(planned_book[2]["acme"])
    c360 = window.customer360
    assert c360.plan_progress.value.text() == "33%"
    detail = c360.plan_progress.detail.text()
    assert "1 of 3 objectives achieved" in detail
    assert "2 milestones late" in detail  # Onboarding and First value, not done
    assert c360.health.value.text() == "75"
    assert c360.health.detail.text() == "Yellow · ▼5 in 30 days"
    assert c360.plan.late.text() == (
        "2 milestones late (overdue: Onboarding complete, First value)"
    )
