"""Screens of the renewals desk (see ui/screens/render.py): the Renewals page and its tabs, the
review agenda, the Customer360's opportunities with their forms, white space, and the
call-prep brief on screen and as a printed page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def render_desk_screens(window, shot: Callable, out: Path, written: list[Path]) -> None:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from cswork.enums import OpportunityKind, OpportunityStage
    from cswork.models import Account, Opportunity
    from ui.brief.view import BriefDialog, brief_image, read_brief
    from ui.customer360.opportunities.forms import CloseDialog, OpportunityDialog, WhiteSpaceDialog
    from ui.kit.paper import page_image
    from ui.renewals.review_agenda import agenda_html

    page = window.renewals_page

    def settle() -> None:
        loaded: list[bool] = []
        page.loaded.connect(lambda: loaded.append(True))
        while not loaded:
            QApplication.processEvents()
        page.loaded.disconnect()

    def save(image, name: str) -> None:
        path = out / f"{name}.png"
        image.save(str(path))
        written.append(path)

    window.go_to("Renewals")
    settle()
    shot(window, "60-renewals")
    page.filters.select_owner(None)
    settle()
    shot(window, "61-renewals-everyone")
    for number, name in ((1, "62-renewals-opportunities"), (2, "63-renewals-capacity")):
        page.tabs.setCurrentIndex(number)
        shot(window, name)
    page.tabs.setCurrentWidget(page.agenda)
    shot(window, "64-review-agenda")
    agenda = page.agenda.model.agenda()[:2]
    agenda_page = agenda_html(agenda, window.today, page.scope_text())
    save(page_image(agenda_page, landscape=True)[0], "65-review-agenda-page")

    with window.book.session() as session:
        account_id = session.scalar(
            select(Opportunity.account_id)
            .join(Account, Account.id == Opportunity.account_id)
            .where(Account.csm_id == window.me_id, Opportunity.stage == OpportunityStage.OPEN)
            .group_by(Opportunity.account_id)
            .order_by(func.count().desc(), Opportunity.account_id)
            .limit(1)
        )
    if account_id is None:
        return
    window.open_account(account_id)
    c360 = window.customer360
    tab = c360.opportunities
    c360.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    shot(window, "66-customer360-opportunities")
    form = OpportunityDialog(window.today, tab.currency, tab.routes, None, tab.arr_cents, window)
    form.kind.setCurrentIndex(form.kind.findData(OpportunityKind.CROSS_SELL.value))
    form.name.setText("Analytics for the finance team")
    form.amount.setText("$48,000")
    form.show()
    shot(form, "67-new-opportunity-cross-sell")
    form.kind.setCurrentIndex(form.kind.findData(OpportunityKind.RENEWAL.value))
    shot(form, "68-new-opportunity-renewal")
    form.close()
    renewal = next((o for o in tab.model.records() if o.is_open and o.kind == "renewal"), None)
    if renewal is not None:
        close = CloseDialog(renewal, OpportunityStage.WON, c360.account_name, window)
        close.show()
        shot(close, "69-close-renewal-as-won")
        close.close()
    white = WhiteSpaceDialog(c360.account_name, tab.notify, window)
    white.note.setPlainText("The finance team in Lyon runs the same process on spreadsheets.")
    white.show()
    shot(white, "70-flag-white-space")
    white.close()

    brief = read_brief(window.book, account_id, window.today)
    dialog = BriefDialog(brief, window)
    dialog.show()
    shot(dialog, "71-call-prep-brief")
    dialog.close()
    save(brief_image(brief)[0], "72-call-prep-brief-page")
