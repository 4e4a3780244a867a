"""Screens for the RACI page, the Customer360's RACI and Contacts tabs and Settings ▸
Scorecard, rendered by ``ui.screens.render`` (``python main.py screens``)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from cswork.enums import ContactRole, Segment
from cswork.models import Account, Contact, RaciOverride


def render_raci_screens(window, shot: Callable) -> None:
    page = window.raci_page
    window.go_to("RACI")
    shot(window, "20-raci-page")
    model = page.model
    model.set_letters(model.row_of("renewal"), "csm", "A")  # two A's on Renewal
    model.set_letters(model.row_of("ebr"), "csm", "R")  # no A on the EBR
    page.table.setCurrentIndex(model.index(model.row_of("renewal"), 1))
    shot(window, "21-raci-page-invalid-rows")
    index = page.presets.findText("Sales owns expansion")
    page.presets.setCurrentIndex(index)
    page.presets.activated.emit(index)
    shot(window, "22-raci-page-preset-loaded")
    page.reload()

    with window.book.session() as session:
        strategic = session.scalar(
            select(Account.id)
            .join(RaciOverride, RaciOverride.account_id == Account.id)
            .where(Account.segment == Segment.STRATEGIC)
            .order_by(Account.arr_cents.desc())
            .limit(1)
        )
        left_champion = select(Contact.account_id).where(
            Contact.left_on.is_not(None), Contact.role == ContactRole.CHAMPION
        )
        departed = session.scalar(  # of those, the one with the most people on file
            select(Contact.account_id)
            .where(Contact.account_id.in_(left_champion))
            .group_by(Contact.account_id)
            .order_by(func.count().desc())
            .limit(1)
        )
    c360 = window.customer360
    if strategic is not None:
        window.open_account(strategic)
        c360.tabs.setCurrentWidget(c360.raci)
        c360.raci.select_activity("renewal")
        shot(window, "23-customer360-raci-strategic")
        c360.raci.override_selected()
        form = c360.raci.dialog
        form.model.set_letters(0, "csm", "A")
        shot(form, "24-customer360-raci-override")
        form.reject()
    if departed is not None:
        window.open_account(departed)
        tab = c360.contacts
        c360.tabs.setCurrentWidget(tab)
        shot(window, "25-customer360-contacts")
        here = [item for item in tab.model.items() if item.left_on is None]
        if here:
            tab.select_contact(here[0].name)
            tab.edit_contact()
            shot(tab.dialog, "26-contact-edit")
            tab.dialog.reject()
            tab.mark_left()
            shot(tab.dialog, "27-contact-left")
            tab.dialog.reject()

    window.go_to("Settings")
    weights = window.settings_page.categories
    window.settings_page.scroll.ensureWidgetVisible(weights.save)
    shot(window, "28-settings-scorecard")
    first, second = list(weights.weights.values())[:2]
    first.setValue(20)
    second.setValue(10)
    shot(window, "29-settings-scorecard-invalid-total")
    weights.refresh()

    # Settings ▸ Money: the reporting currency and the book's exchange rates.
    money = window.settings_page.money
    money.refresh()
    window.settings_page.scroll.ensureWidgetVisible(money.rates)
    shot(window, "29b-settings-money")
