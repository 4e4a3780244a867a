"""Screens for the Comp page, rendered by ``ui.screens.render`` (``python main.py screens``):
an R&E manager's plan and quarter, the statement, the what-if in use, a plan typed
wrong, the plan typed in another currency (each deal converted), a CSM's group bonus on
the team's NRR, and a person without a plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from cswork.comp_book import plan_for
from cswork.enums import PersonRole
from cswork.models import Person


def render_comp_screens(window, shot: Callable) -> None:
    page = window.comp_page
    with window.book.session() as session:
        people = list(session.scalars(select(Person).order_by(Person.id)))
        re_manager = next((p.id for p in people if p.role == PersonRole.RE_MANAGER), None)
        csm = next(
            (
                p.id
                for p in people
                if p.role == PersonRole.CSM and plan_for(session, p.id, page.quarter.year)
            ),
            None,
        )
        planless = next(
            (p.id for p in people if plan_for(session, p.id, page.quarter.year) is None), None
        )
    window.go_to("Comp")
    _wait(page)
    if re_manager is not None:
        _show(page, re_manager)
        shot(window, "80-comp-plan-and-quarter")
        page.scroll.ensureWidgetVisible(page.footer)
        shot(window, "81-comp-payout-statement")
        page.scroll.verticalScrollBar().setValue(0)
        page.tabs.setCurrentWidget(page.what_if)
        quota = page.actual.upsell_quota or 0
        page.what_if.amount.setText(f"{quota // 100:,}")
        page.what_if.add_typed_deal()
        rows = page.model.rows()
        real = [row for row in rows if not row.deal.hypothetical]
        if real:  # the first deal slips into next quarter
            moved_to = page.quarter.last + timedelta(days=10)
            page.what_if.move(real[0].deal.key, moved_to, real[0].deal.close_date)
        shot(window, "82-comp-what-if")
        page.scroll.ensureWidgetVisible(page.footer)
        shot(window, "83-comp-what-if-statement")
        page.what_if.clear()
        page.tabs.setCurrentWidget(page.plan)
        page.scroll.verticalScrollBar().setValue(0)
        page.plan.fields["variable_share"].setText("150")
        page.plan.accelerators.add_row("24", "x1.4")
        page.plan.validate()
        shot(window, "84-comp-plan-invalid")
        page.plan.discard_changes()
        # A plan in euros: every dollar deal shown in its own money and converted.
        page.plan.fields["currency"].setText("EUR")
        page.plan.validate()
        page.scroll.ensureWidgetVisible(page.footer)
        shot(window, "87-comp-plan-in-another-currency")
        page.plan.discard_changes()
        page.scroll.verticalScrollBar().setValue(0)
    if csm is not None:  # the group bonus on the team's NRR, typed into a CSM's plan
        _show(page, csm)
        page.plan.fields["team_nrr_share"].setText("40%")
        page.plan.validate()
        page.scroll.ensureWidgetVisible(page.steps.tiles["total_payout"])
        shot(window, "86-comp-csm-team-bonus")
        page.plan.discard_changes()
        page.scroll.verticalScrollBar().setValue(0)
    if planless is not None:
        _show(page, planless)
        shot(window, "85-comp-no-plan-yet")


def _show(page, person_id: int) -> None:
    page.show_person(person_id)
    _wait(page)


def _wait(page) -> None:
    done: list[bool] = []

    def loaded() -> None:
        done.append(True)

    page.loaded.connect(loaded)
    while not done:
        QApplication.processEvents()
    page.loaded.disconnect(loaded)
