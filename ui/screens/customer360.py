"""Screens of the Customer360's success plan and scorecard tabs (see ui/screens/render.py)."""

from __future__ import annotations

from collections.abc import Callable


def render_plan_and_scorecard_screens(window, shot: Callable, sample_book: bool) -> None:
    from PySide6.QtWidgets import QApplication, QComboBox
    from sqlalchemy import exists, select

    from cswork.models import Account, SuccessPlan

    c360 = window.customer360
    with window.book.session() as session:
        planned = session.scalar(
            select(SuccessPlan.account_id)
            .join(Account, Account.id == SuccessPlan.account_id)
            .where(Account.csm_id == window.me_id)
            .order_by(Account.arr_cents.desc())
            .limit(1)
        )
        unplanned = session.scalar(
            select(Account.id)
            .where(~exists().where(SuccessPlan.account_id == Account.id))
            .order_by(Account.arr_cents.desc())
            .limit(1)
        )
    if planned is not None:
        window.open_account(planned)
        c360.tabs.setCurrentWidget(c360.plan)
        shot(window, "30-customer360-success-plan")
        table = c360.plan.objective_section.table
        table.edit_cell(0, "status")
        for combo in table.findChildren(QComboBox):
            combo.showPopup()
        shot(window, "31-customer360-success-plan-editing-status")
        for combo in table.findChildren(QComboBox):
            combo.hidePopup()
        table.closePersistentEditor(table.currentIndex())
        table.setFocus()
    if unplanned is not None:
        window.open_account(unplanned)
        c360.tabs.setCurrentWidget(c360.plan)
        shot(window, "32-customer360-no-success-plan")
    if planned is None:
        return
    window.open_account(planned)
    c360.tabs.setCurrentWidget(c360.scores)
    shot(window, "33-customer360-scorecard")
    if not sample_book:  # never write into a book given with --db
        return
    scores = c360.scores
    scores.table.setCurrentIndex(scores.model.index(2, 0))
    scores._pick(30)
    scores.comment.setText("Champion is leaving at the end of the quarter")
    scores.record()
    while not scores.message.text().startswith("Recorded"):
        QApplication.processEvents()
    shot(window, "34-customer360-scorecard-recorded")


def render_account_edit_screens(window, shot: Callable) -> None:
    """The account's edit form, as opened and with fields refused (nothing is written:
    the values are refused), and the New account form."""
    from PySide6.QtWidgets import QApplication

    c360 = window.customer360
    rows = window.book_model.rows()
    if not rows:
        return
    window.open_account(rows[0].id)
    c360.edit.click()
    form = c360.account_dialog
    shot(form, "35-customer360-edit-account")
    form.segment.setCurrentText("strategic")
    form.arr.setText("€120,000")
    form.term_months.setText("0")
    form.ok.click()
    while not form.ok.isEnabled():  # refused on the writer thread
        QApplication.processEvents()
    shot(form, "36-edit-account-refused")
    form.reject()
    window.new_account()
    shot(window.account_dialog, "37-new-account")
    window.account_dialog.reject()
